// The network's figures in the back office (issue #14; seed 000), for every signed-in role (api/acces/routes.ts):
// - GET /chiffres          the filters (a year or a period, région, dispositif: labelled fields, each error under its
//                          field, a plain GET form that works without JavaScript), the key figures, the table per
//                          dispositif, the pool's load, the questionnaires' results; links to the CSV, the JSON and
//                          the report;
// - GET /chiffres/rapport  "Le réseau en chiffres 2026": one printable A4 page, the key figures as seed 000 gives them
//                          and three charts drawn on the server as SVG (graphiques.ts), same query.
// The figures: api/chiffres/service.ts over domain/chiffres.ts, as GET /api/chiffres.
import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../../../config';
import type { SqlReportingStore } from '../../../db/reporting';
import type { VivierStore } from '../../../db/store';
import { INDICATEURS_DOSSIERS, LIBELLES_TYPES_CONTRIBUTEURS, periodeFr, type BlocChiffres, type Delai } from '../../../domain/chiffres';
import { dateCivileFr, nombreFr } from '../../../domain/format';
import { REGION_CODES, REGIONS } from '../../../domain/regions';
import { DISPOSITIFS, dispositifFr } from '../../../domain/schemas';
import { LIGNES_CHIFFRES } from '../../chiffres/csv';
import { chiffresQuerySchema, demandeDe, type ChiffresQuery } from '../../chiffres/schemas';
import { chiffresReseau, type ChiffresReseau } from '../../chiffres/service';
import { alerteErreurs, sendMessage, sendPage, templateFile, type Champ } from '../render';
import { graphiqueDemandesParMois, graphiqueDossiers, graphiqueJours } from './graphiques';
import { STYLE_CHIFFRES } from './style';

export interface ChiffresPagesDeps {
  reporting: SqlReportingStore;
  vivier: VivierStore;
  config: Pick<Config, 'REPORTING_HEURES_PAR_JOUR'>;
  logger: Logger;
  maintenant?: () => Date;
}

type Brut = Partial<Record<'annee' | 'du' | 'au' | 'region' | 'dispositif', string>>;
type Erreurs = Partial<Record<keyof Brut, string>>;

interface Tableau {
  colonnes: string[];
  lignes: { libelle: string; valeurs: string[] }[];
}

interface ModelePage extends Partial<Tableau> {
  style: string;
  periode: Champ[];
  filtres: Champ[];
  erreurs?: true;
  alerte?: string;
  c?: true;
  titre?: string;
  liens?: { rapport: string; csv: string; json: string };
  cles?: { valeur: string; libelle: string }[];
  note?: string;
  charge?: { libelle: string; intervenants: number; reservations: number; capacite: number; taux: string; heures: string }[];
  questionnaires?: { dispositif: string; questions: { question: string; nombre: number; moyenne: string; textes: string[] }[] }[];
}

interface ModeleRapport extends Tableau {
  style: string;
  titre: string;
  sousTitre?: string;
  liens: { page: string; csv: string };
  cles: { valeur: string; libelle: string }[];
  graphiques: { titre: string; svg: string; large?: true }[];
  delais: { libelle: string; nombre: number; mediane: string; p90: string }[];
  note: string;
}

const pageTpl = templateFile<ModelePage>(__dirname, 'chiffres.hbs');
const rapportTpl = templateFile<ModeleRapport>(__dirname, 'rapport.hbs');

const texte = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const brutDe = (req: Request): Brut =>
  Object.fromEntries(
    (['annee', 'du', 'au', 'region', 'dispositif'] as const).flatMap((k) => (texte(req.query[k]) !== undefined ? [[k, texte(req.query[k])!]] : [])),
  );

/** The query string of the figures asked, the empty fields left out (the links to the CSV, the JSON, the report). */
const requete = (b: Brut): string => {
  const p = new URLSearchParams(Object.entries(b).filter(([, v]) => v !== undefined && v.trim() !== '') as [string, string][]);
  const s = p.toString();
  return s ? `?${s}` : '';
};

const majuscule = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The query read, or each field's error (the first per field, capitalised: it starts the line under the field). */
function lire(b: Brut): { ok: true; q: ChiffresQuery } | { ok: false; erreurs: Erreurs } {
  const r = chiffresQuerySchema.safeParse(b);
  if (r.success) return { ok: true, q: r.data };
  const erreurs: Erreurs = {};
  for (const issue of r.error.issues) {
    const champ = String(issue.path[0] ?? 'annee') as keyof Brut;
    erreurs[champ] ??= `${majuscule(issue.message)}.`;
  }
  return { ok: false, erreurs };
}

function champs(b: Brut, e: Erreurs): { periode: Champ[]; filtres: Champ[] } {
  const err = (k: keyof Brut) => (e[k] ? { erreur: e[k] } : {});
  return {
    periode: [
      {
        nom: 'annee',
        libelle: 'Année',
        type: 'number',
        min: 2000,
        max: 2100,
        valeur: b.annee ?? '',
        aide: 'Une année civile, par exemple 2026',
        ...err('annee'),
      },
      { nom: 'du', libelle: 'Du', type: 'date', valeur: b.du ?? '', aide: 'Premier jour (AAAA-MM-JJ)', ...err('du') },
      { nom: 'au', libelle: 'Au', type: 'date', valeur: b.au ?? '', aide: 'Dernier jour, inclus', ...err('au') },
    ],
    filtres: [
      {
        nom: 'region',
        libelle: 'Région',
        type: 'select',
        aide: 'Toutes les régions si aucune n’est choisie',
        options: REGION_CODES.map((r) => ({ valeur: r, libelle: REGIONS[r], choisi: b.region === r })),
        ...err('region'),
      },
      {
        nom: 'dispositif',
        libelle: 'Dispositif',
        type: 'select',
        aide: 'Les trois dispositifs si aucun n’est choisi',
        options: DISPOSITIFS.map((d) => ({ valeur: d, libelle: dispositifFr(d), choisi: b.dispositif === d })),
        ...err('dispositif'),
      },
    ],
  };
}

const jours = (n: number) => `${nombreFr(n)} jour${n >= 2 ? 's' : ''}`;
const joursOuTiret = (n: number | undefined) => (n === undefined ? '—' : jours(n));

const pluriel = (n: number, un: string, plusieurs: string) => (n > 1 ? plusieurs : un);
const DANS_LES_DISPOSITIFS = 'dans les dispositifs (diagnostic et accompagnement)';

/** The key figures, in seed 000's words. */
function cles(c: ChiffresReseau): { valeur: string; libelle: string }[] {
  const t = c.total;
  const d = t.dossiers;
  return [
    { valeur: jours(t.jours.consultants.jours), libelle: 'de cabinets de conseil mobilisés' },
    { valeur: jours(t.jours.expertiseInterne.jours), libelle: 'de mobilisation d’expertise interne des membres du réseau' },
    {
      valeur: nombreFr(t.membresReseau),
      libelle: `${pluriel(t.membresReseau, 'membre du réseau qui s’investit', 'membres du réseau qui s’investissent')} ${DANS_LES_DISPOSITIFS}`,
    },
    {
      valeur: nombreFr(t.dossiers.demandes),
      libelle: `${pluriel(d.demandes, 'dossier demandé', 'dossiers demandés')}, ${d.acceptes} ${pluriel(d.acceptes, 'accepté', 'acceptés')}`,
    },
  ];
}

const colonnesDe = (c: ChiffresReseau) => [...c.dispositifs.map((d) => dispositifFr(d)), ...(c.dispositifs.length > 1 ? ['Total'] : [])];
const blocsDe = (c: ChiffresReseau): BlocChiffres[] => [...c.dispositifs.map((d) => c.parDispositif[d]!), ...(c.dispositifs.length > 1 ? [c.total] : [])];
const valeurFr = (v: number | undefined) => (v === undefined ? '—' : nombreFr(v));

const titreDe = (c: ChiffresReseau): string =>
  [
    c.periode.annee !== undefined
      ? `Le réseau en chiffres ${c.periode.annee}`
      : `Le réseau en chiffres du ${dateCivileFr(c.periode.du)} au ${dateCivileFr(c.periode.au)}`,
  ].join('');
const sousTitreDe = (c: ChiffresReseau): string | undefined =>
  [c.region ? REGIONS[c.region] : undefined, c.dispositif ? dispositifFr(c.dispositif) : undefined].filter(Boolean).join(' · ') || undefined;

const noteDe = (c: ChiffresReseau) =>
  `Calculé depuis les dossiers (${periodeFr(c)}). Jours : une demi-journée saisie compte ½ jour, les heures saisies comptent à ` +
  `${nombreFr(c.heuresParJour)} h par jour. Membres du réseau : directeur·rices de Mission Locale et expert·es du réseau distinct·es, ` +
  `ayant saisi du temps sur la période ou désigné·es sur un dossier en cours. Délais en jours calendaires : médiane et 90e centile ` +
  `au rang le plus proche, sur les dossiers lancés (ou clôturés) dans la période.`;

function modelePage(c: ChiffresReseau, b: Brut): ModelePage {
  const q = requete(b);
  return {
    style: STYLE_CHIFFRES,
    ...champs(b, {}),
    c: true,
    titre: [titreDe(c), sousTitreDe(c)].filter(Boolean).join(' — '),
    liens: { rapport: `/chiffres/rapport${q}`, csv: `/api/chiffres.csv${q}`, json: `/api/chiffres${q}` },
    cles: cles(c),
    colonnes: colonnesDe(c),
    lignes: LIGNES_CHIFFRES.map((l) => ({ libelle: l.libelle, valeurs: blocsDe(c).map((x) => valeurFr(l.valeur(x))) })),
    note: noteDe(c),
    charge: c.chargeVivier.map((x) => ({
      libelle: LIBELLES_TYPES_CONTRIBUTEURS[x.type],
      intervenants: x.intervenants,
      reservations: x.reservations,
      capacite: x.capaciteDossiers,
      taux: x.tauxPourcent === undefined ? '—' : `${x.tauxPourcent} %`,
      heures: `${x.heuresMoisReservees} h / ${x.capaciteHeuresMois} h`,
    })),
    questionnaires: c.questionnaires.map((q) => ({
      dispositif: dispositifFr(q.dispositif),
      questions: q.questions.map((x) => ({
        question: x.question,
        nombre: x.nombre,
        moyenne: x.moyenne === undefined ? '—' : nombreFr(x.moyenne),
        textes: x.textes,
      })),
    })),
  };
}

const LIGNES_RAPPORT: { libelle: string; valeur: (b: BlocChiffres) => number }[] = [
  { libelle: INDICATEURS_DOSSIERS.demandes, valeur: (b) => b.dossiers.demandes },
  { libelle: INDICATEURS_DOSSIERS.acceptes, valeur: (b) => b.dossiers.acceptes },
  { libelle: INDICATEURS_DOSSIERS.listeAttente, valeur: (b) => b.dossiers.listeAttente },
  { libelle: INDICATEURS_DOSSIERS.enCours, valeur: (b) => b.dossiers.enCours },
  { libelle: INDICATEURS_DOSSIERS.clotures, valeur: (b) => b.dossiers.clotures },
  { libelle: 'Déclinés ou hors champ', valeur: (b) => b.dossiers.declines + b.dossiers.nonRecevables },
  { libelle: 'Abandonnés ou caducs', valeur: (b) => b.dossiers.abandonnes + b.dossiers.caducs },
];

function modeleRapport(c: ChiffresReseau, b: Brut): ModeleRapport {
  const q = requete(b);
  const delai = (libelle: string, d: Delai) => ({ libelle, nombre: d.nombre, mediane: joursOuTiret(d.mediane), p90: joursOuTiret(d.p90) });
  const sousTitre = sousTitreDe(c);
  return {
    style: STYLE_CHIFFRES,
    titre: titreDe(c),
    ...(sousTitre ? { sousTitre } : {}),
    liens: { page: `/chiffres${q}`, csv: `/api/chiffres.csv${q}` },
    cles: cles(c),
    graphiques: [
      { titre: 'Dossiers par dispositif et par issue', svg: graphiqueDossiers(c) },
      { titre: 'Jours mobilisés par type d’intervenant·e', svg: graphiqueJours(c) },
      { titre: 'Demandes déposées par mois', svg: graphiqueDemandesParMois(c), large: true },
    ],
    delais: [delai('Demande → lancement', c.total.delais.demandeLancement), delai('Demande → clôture', c.total.delais.demandeCloture)],
    colonnes: colonnesDe(c),
    lignes: LIGNES_RAPPORT.map((l) => ({ libelle: l.libelle, valeurs: blocsDe(c).map((x) => nombreFr(l.valeur(x))) })),
    note: noteDe(c),
  };
}

export function chiffresPagesRouter({ reporting, vivier, config, logger, maintenant = () => new Date() }: ChiffresPagesDeps): Router {
  const router = Router();
  const chiffres = (q: ChiffresQuery) => chiffresReseau(reporting, vivier, demandeDe(q, config.REPORTING_HEURES_PAR_JOUR, maintenant()));

  router.get('/chiffres', async (req, res: Response) => {
    const b = brutDe(req);
    const lu = lire(b);
    if (!lu.ok) {
      const n = Object.keys(lu.erreurs).length;
      sendPage(res, 400, 'Chiffres du réseau', pageTpl({ style: STYLE_CHIFFRES, ...champs(b, lu.erreurs), erreurs: true, alerte: alerteErreurs(n) }));
      return;
    }
    sendPage(res, 200, 'Chiffres du réseau', pageTpl(modelePage(await chiffres(lu.q), b)));
  });

  router.get('/chiffres/rapport', async (req, res: Response) => {
    const b = brutDe(req);
    const lu = lire(b);
    if (!lu.ok) {
      sendMessage(
        res,
        400,
        'Rapport impossible',
        ['L’adresse du rapport est invalide :', ...Object.values(lu.erreurs), 'Choisissez la période sur la page Chiffres.'],
        'alerte',
      );
      return;
    }
    const c = await chiffres(lu.q);
    logger.debug({ periode: c.periode }, 'yearly report rendered');
    sendPage(res, 200, titreDe(c), rapportTpl(modeleRapport(c, b)));
  });

  return router;
}
