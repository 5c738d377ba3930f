// The back office's Vivier (issue #12 §4): the pool's intervenants (search, card with active reservations and history,
// edit, withdraw, add by hand) and the applications to validate or refuse. French, server-rendered, usable without
// JavaScript. Reading needs the role `lecture` (the forms are then not shown); every change needs `charge_mission`
// (api/acces/routes.ts) and calls the same operation as the API (api/intervenants/operations.ts,
// api/candidatures/operations.ts), validated by the same zod schemas, with the signed-in account as `par`.
import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { ComptesStore } from '../../../db/comptes-store';
import { roleSuffit } from '../../../db/comptes-store';
import type { Candidature, Evenement, IntervenantFiche, StatutIntervenant } from '../../../db/store';
import { VivierErreur } from '../../../db/store';
import { dateCivileFr, dateHeureCourteFr } from '../../../domain/format';
import { REGIONS } from '../../../domain/regions';
import { type Dispositif } from '../../../domain/schemas';
import { EXPERTISES, ROLES, TYPES_INTERVENANT } from '../../../domain/vivier';
import { accesDe } from '../../acces/middleware';
import { refuserCandidature, validerCandidature } from '../../candidatures/operations';
import {
  candidatureParamsSchema,
  listCandidaturesQuerySchema,
  refusCandidatureSchema,
  STATUTS_CANDIDATURE,
  validationSchema,
} from '../../candidatures/schemas';
import { ApiError } from '../../errors';
import { creerIntervenant, modifierIntervenant, retirerIntervenant, type VivierRoutesDeps } from '../../intervenants/operations';
import { intervenantParamsSchema, listIntervenantsQuerySchema, retraitSchema } from '../../intervenants/schemas';
import { alerteErreurs, type Champ, sendMessage, sendPage, templateFile } from '../render';
import type { Erreurs, Valeurs } from '../staff/champs-zod';
import { ajoutDeLigne, valeurFr } from '../staff/champs-zod';
import {
  CHAMPS_CREATION,
  CHAMPS_EDITION,
  champsAffiches,
  erreursDe,
  LIBELLES_FICHE,
  lireCreation,
  lireEdition,
  valeursDeFiche,
  valeursPostees,
} from './formulaires';

export interface VivierPagesDeps extends VivierRoutesDeps {
  /** Staff accounts: who acted, by name, in the histories. */
  comptes: ComptesStore;
}

/** Rows of a list page: the pool is small (tens to a few hundred), so it is read whole and cut into pages here. */
export const PAR_PAGE = 50;

const DISPOSITIFS: Record<Dispositif, string> = { compagnonnage: 'Compagnonnage', appui_conseil: 'Appui Conseil', diagnostic: 'Diagnostic' };
/** The kinds of intervenant a dispositif calls on (its roles, domain/vivier.ts ROLES). */
const typesDuDispositif = (d: Dispositif): string[] => [
  ...new Set(
    Object.values(ROLES)
      .filter((r) => r.dispositif === d)
      .flatMap((r) => r.types),
  ),
];
const STATUTS_CANDIDATURE_FR: Record<(typeof STATUTS_CANDIDATURE)[number], string> = { en_attente: 'En attente', validee: 'Validée', refusee: 'Refusée' };

type Ligne = { libelle: string; valeur: string; href?: string };
interface LigneHistorique {
  le: string;
  iso: string;
  par: string;
  quoi: string;
  details: Ligne[];
}

const listeTpl = templateFile<{
  filtres: Champ[];
  erreur?: string;
  lignes: { id: string; nom: string; type: string; region: string; rattachement: string; capacite: string; etat: string }[];
  total: number;
  resume: string;
  precedente?: string;
  suivante?: string;
  nbCandidatures: number;
  peutAgir: boolean;
}>(__dirname, 'liste.hbs');
const ficheTpl = templateFile<{
  fiche: IntervenantFiche;
  titre: string;
  lignes: Ligne[];
  reservations: { dossierId: string; role: string; heuresMois: number; depuis: string; manuelle: boolean }[];
  historique: LigneHistorique[];
  message?: string;
  alerte?: { titre: string; messages: string[] };
  edition?: { champs: Champ[]; alerte?: string; autres: string[] };
  retrait?: { motif: Champ; alerte?: string };
  csrf: string;
}>(__dirname, 'fiche.hbs');
const nouveauTpl = templateFile<{ champs: Champ[]; alerte?: string; autres: string[]; csrf: string }>(__dirname, 'nouveau.hbs');
const candidaturesTpl = templateFile<{
  onglets: { href: string; libelle: string; courant: boolean }[];
  lignes: { id: string; nom: string; type: string; region: string; deposeeLe: string; iso: string; statut: string }[];
  statutListe: string;
  statutAucune: string;
  enAttente: boolean;
  message?: string;
  precedente?: string;
  suivante?: string;
  resume: string;
}>(__dirname, 'candidatures.hbs');
const candidatureTpl = templateFile<{
  c: Candidature;
  titre: string;
  statut: string;
  lignes: Ligne[];
  historique: LigneHistorique[];
  alerte?: { titre: string; messages: string[] };
  decision?: { motif: Champ; alerte?: string };
  csrf: string;
}>(__dirname, 'candidature.hbs');

/** The signed-in account (every Vivier route needs one: the access table says so). */
function signe(res: Response) {
  const a = accesDe(res);
  if (!a) throw new ApiError(401, 'non_authentifie', 'Connexion requise.');
  return a;
}
const peutAgir = (res: Response): boolean => roleSuffit(signe(res).role, 'charge_mission');
const csrf = (res: Response): string => signe(res).csrf ?? '';
const texte = (v: unknown): string => (typeof v === 'string' ? v : '');

const libelleType = (t: string) => TYPES_INTERVENANT[t as keyof typeof TYPES_INTERVENANT] ?? t;
const libelleRegion = (r: string) => REGIONS[r as keyof typeof REGIONS] ?? r;
const expertisesFr = (l: readonly string[]) => l.map((e) => EXPERTISES[e as keyof typeof EXPERTISES] ?? e).join(' ; ');
const etatFr = (f: Pick<IntervenantFiche, 'statut' | 'actif'>) => (f.statut === 'retire' ? 'Retiré·e du vivier' : f.actif ? 'Actif' : 'En pause (inactif)');
const periodes = (l: IntervenantFiche['indisponibilites']) =>
  l.map((p) => `du ${dateCivileFr(p.debut)} au ${dateCivileFr(p.fin)}${p.motif ? ` (${p.motif})` : ''}`).join(' ; ') || 'aucune';
const connues = (l: IntervenantFiche['connaissances']) => l.map((k) => `${k.missionLocaleCode}${k.personne ? ` (${k.personne})` : ''}`).join(' ; ') || 'aucune';

/** A value of the card in a history line. */
function valeurHistorique(cle: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  if (cle === 'expertises' && Array.isArray(v)) return expertisesFr(v as string[]);
  if (cle === 'indisponibilites' && Array.isArray(v)) return periodes(v as IntervenantFiche['indisponibilites']);
  if (cle === 'connaissances' && Array.isArray(v)) return connues(v as IntervenantFiche['connaissances']);
  if (typeof v === 'string') return valeurFr(v);
  return JSON.stringify(v);
}

const ACTIONS_FR: Record<string, string> = {
  creation: 'Entrée dans le vivier',
  modification: 'Fiche modifiée',
  retrait: 'Retrait du vivier',
  depot: 'Candidature déposée',
  validation: 'Candidature validée',
  refus: 'Candidature refusée',
};

function historique(evenements: Evenement[], noms: Map<string, string>): LigneHistorique[] {
  return [...evenements].reverse().map((e) => {
    const d = (e.details ?? {}) as Record<string, unknown>;
    const details: Ligne[] = [];
    if (e.action === 'modification' && d.modifications && typeof d.modifications === 'object') {
      for (const [cle, m] of Object.entries(d.modifications as Record<string, { avant: unknown; apres: unknown }>)) {
        details.push({ libelle: LIBELLES_FICHE[cle]?.libelle ?? cle, valeur: `${valeurHistorique(cle, m.avant)} → ${valeurHistorique(cle, m.apres)}` });
      }
    }
    if (typeof d.motif === 'string') details.push({ libelle: 'Motif', valeur: d.motif });
    if (typeof d.candidatureId === 'string')
      details.push({ libelle: 'Candidature', valeur: d.candidatureId, href: `/vivier/candidatures/${encodeURIComponent(d.candidatureId)}` });
    if (typeof d.intervenantId === 'string')
      details.push({ libelle: 'Intervenant', valeur: d.intervenantId, href: `/vivier/intervenants/${encodeURIComponent(d.intervenantId)}` });
    return { le: dateHeureCourteFr(e.le), iso: e.le, par: noms.get(e.par) ?? e.par, quoi: ACTIONS_FR[e.action] ?? e.action.replace(/_/g, ' '), details };
  });
}

/** A page number from the query (1 when absent or unreadable). */
const numeroPage = (v: unknown): number => {
  const n = Number(texte(v));
  return Number.isInteger(n) && n >= 1 ? n : 1;
};
const lienPage = (base: string, params: URLSearchParams, page: number) => {
  const p = new URLSearchParams(params);
  if (page > 1) p.set('page', String(page));
  else p.delete('page');
  const q = p.toString();
  return q ? `${base}?${q}` : base;
};
function paginer<T>(tout: T[], page: number, base: string, params: URLSearchParams) {
  const pages = Math.max(1, Math.ceil(tout.length / PAR_PAGE));
  const ici = Math.min(page, pages);
  const lignes = tout.slice((ici - 1) * PAR_PAGE, ici * PAR_PAGE);
  const resume =
    tout.length === 0 ? '' : `${tout.length} résultat(s)${pages > 1 ? ` ; page ${ici} sur ${pages} (${lignes.length} affiché(s), ${PAR_PAGE} par page)` : ''}.`;
  return {
    lignes,
    resume,
    ...(ici > 1 ? { precedente: lienPage(base, params, ici - 1) } : {}),
    ...(ici < pages ? { suivante: lienPage(base, params, ici + 1) } : {}),
  };
}

export function vivierPagesRouter(deps: VivierPagesDeps): Router {
  const { vivier, comptes } = deps;
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '100kb' });
  const noms = async () => new Map((await comptes.listComptes()).map((c) => [c.id, c.nom]));
  /** A refusal of the pool as staff read it: the accounts it names (who decided) by their names. */
  const enClair = async (message: string) => {
    let out = message;
    for (const [id, nom] of await noms()) out = out.split(id).join(nom);
    return out;
  };

  // --- The intervenants ----------------------------------------------------------------------------

  router.get('/vivier', async (req, res) => {
    const q = req.query as Record<string, unknown>;
    const v = {
      q: texte(q.q).trim(),
      type: texte(q.type),
      region: texte(q.region),
      dispositif: texte(q.dispositif),
      expertise: texte(q.expertise),
      statut: texte(q.statut),
      actif: texte(q.actif),
    };
    const erreurs: Erreurs = {};
    const filtre = listIntervenantsQuerySchema.safeParse(
      Object.fromEntries(Object.entries({ type: v.type, region: v.region, statut: v.statut, actif: v.actif }).filter(([, x]) => x !== '')),
    );
    if (!filtre.success) for (const i of filtre.error.issues) erreurs[String(i.path[0])] ??= 'Choisissez une valeur de la liste.';
    if (v.dispositif && !(v.dispositif in DISPOSITIFS)) erreurs.dispositif = 'Choisissez une valeur de la liste.';
    if (v.expertise && !(v.expertise in EXPERTISES)) erreurs.expertise = 'Choisissez une valeur de la liste.';

    const select = (nom: keyof typeof v, libelle: string, options: Record<string, string>, aide?: string): Champ => ({
      nom,
      libelle,
      type: 'select',
      ...(aide ? { aide } : {}),
      options: Object.entries(options).map(([valeur, l]) => ({ valeur, libelle: l, choisi: v[nom] === valeur })),
      ...(erreurs[nom] ? { erreur: erreurs[nom] } : {}),
    });
    const filtres: Champ[] = [
      {
        nom: 'q',
        libelle: 'Nom, adresse électronique ou identifiant',
        type: 'text',
        valeur: v.q,
        aide: 'Une partie suffit ; sans accents ni majuscules requis.',
      },
      select('region', 'Région de rattachement', REGIONS),
      select('type', 'Type d’intervenant', TYPES_INTERVENANT),
      select('dispositif', 'Peut intervenir en', DISPOSITIFS, 'Les types d’intervenant que ce dispositif sollicite.'),
      select('expertise', 'Expertise', EXPERTISES),
      select('statut', 'Statut', { valide: 'Dans le vivier', retire: 'Retiré·e du vivier' }),
      select('actif', 'Disponibilité', { true: 'Actif', false: 'En pause (inactif)' }),
    ];

    let tous: IntervenantFiche[] = [];
    if (Object.keys(erreurs).length === 0 && filtre.success) {
      tous = await vivier.listIntervenants(filtre.data);
      const plier = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      if (v.q) {
        const cherche = plier(v.q);
        tous = tous.filter((f) => [f.nom, f.email, f.id, f.cabinet ?? ''].some((x) => plier(x).includes(cherche)));
      }
      if (v.dispositif) {
        const types = typesDuDispositif(v.dispositif as Dispositif);
        tous = tous.filter((f) => types.includes(f.type));
      }
      if (v.expertise) tous = tous.filter((f) => (f.expertises as string[]).includes(v.expertise));
      tous.sort((a, b) => a.nom.localeCompare(b.nom, 'fr'));
    }
    const params = new URLSearchParams(Object.entries(v).filter(([, x]) => x !== ''));
    const page = paginer(tous, numeroPage(q.page), '/vivier', params);
    const mls = new Map((await vivier.missionsLocales()).map((m) => [m.code, m.nom]));
    const enAttente = (await vivier.listCandidatures('en_attente')).length;
    const n = Object.keys(erreurs).length;
    sendPage(
      res,
      n ? 400 : 200,
      'Vivier : les intervenants',
      listeTpl({
        filtres,
        ...(n ? { erreur: `La recherche contient ${n > 1 ? `${n} erreurs` : 'une erreur'} : corrigez le ou les champs signalés.` } : {}),
        lignes: page.lignes.map((f) => ({
          id: f.id,
          nom: f.nom,
          type: libelleType(f.type),
          region: libelleRegion(f.region),
          rattachement: f.cabinet ?? (f.missionLocaleCode ? (mls.get(f.missionLocaleCode) ?? f.missionLocaleCode) : '—'),
          capacite: `${f.capaciteDossiers} dossier(s), ${f.capaciteHeuresMois} h/mois`,
          etat: etatFr(f),
        })),
        total: tous.length,
        resume: page.resume,
        ...(page.precedente ? { precedente: page.precedente } : {}),
        ...(page.suivante ? { suivante: page.suivante } : {}),
        nbCandidatures: enAttente,
        peutAgir: peutAgir(res),
      }),
    );
  });

  // Adding by hand (POST /api/intervenants), before /vivier/intervenants/:id.
  const pageNouveau = async (res: Response, status: number, valeurs: Valeurs, erreurs: Erreurs = {}, autres: string[] = []) => {
    const n = Object.keys(erreurs).length + autres.length;
    const mls = await vivier.missionsLocales();
    sendPage(
      res,
      status,
      'Ajouter un intervenant au vivier',
      nouveauTpl({ champs: champsAffiches(CHAMPS_CREATION, valeurs, erreurs, mls), ...(n ? { alerte: alerteErreurs(n) } : {}), autres, csrf: csrf(res) }),
    );
  };
  router.get('/vivier/intervenants/nouveau', async (_req, res) => {
    await pageNouveau(res, 200, { actif: 'oui', capaciteDossiers: '2', capaciteHeuresMois: '16' });
  });
  router.post('/vivier/intervenants/nouveau', form, async (req, res) => {
    const valeurs = valeursPostees(req.body, CHAMPS_CREATION);
    // « Ajouter une ligne »: the form again with one more row, every value kept, nothing saved.
    if (ajoutDeLigne(valeurs)) {
      await pageNouveau(res, 200, valeurs);
      return;
    }
    const lu = lireCreation(valeurs, signe(res).compte.id);
    if (!lu.ok) {
      await pageNouveau(res, 400, valeurs, lu.erreurs, lu.autres);
      return;
    }
    try {
      const fiche = await creerIntervenant(deps, lu.donnees);
      res.redirect(303, `/vivier/intervenants/${encodeURIComponent(fiche.id)}?fait=cree`);
    } catch (err) {
      if (err instanceof z.ZodError) {
        const { erreurs, autres } = erreursDe(CHAMPS_CREATION, err);
        await pageNouveau(res, 400, valeurs, erreurs, autres);
        return;
      }
      if (err instanceof VivierErreur && err.code !== 'introuvable') {
        await pageNouveau(res, 409, valeurs, {}, [await enClair(err.message)]);
        return;
      }
      throw err;
    }
  });

  const MESSAGES_FICHE: Record<string, string> = {
    cree: 'Intervenant ajouté au vivier.',
    modifie: 'Modifications enregistrées.',
    inchange: 'Aucune modification : la fiche est inchangée.',
    retire: 'Intervenant retiré du vivier : il ne sera plus proposé. Le motif figure dans l’historique.',
    valide: 'Candidature validée : l’intervenant entre dans le vivier.',
  };

  /** The intervenant of the URL, or a 404 page (undefined). */
  const ficheDeUrl = async (req: Request, res: Response): Promise<IntervenantFiche | undefined> => {
    const parsed = intervenantParamsSchema.safeParse(req.params);
    const fiche = parsed.success ? await vivier.getIntervenant(parsed.data.id) : undefined;
    if (!fiche) sendMessage(res, 404, 'Intervenant introuvable', ['Aucun intervenant du vivier ne correspond à cette adresse.', 'Retour : /vivier'], 'alerte');
    return fiche;
  };

  const pageFiche = async (
    res: Response,
    status: number,
    fiche: IntervenantFiche,
    opts: {
      message?: string;
      alerte?: { titre: string; messages: string[] };
      edition?: { valeurs: Valeurs; erreurs: Erreurs; autres: string[] };
      retrait?: { valeur: string; erreur?: string };
    } = {},
  ) => {
    const [reservations, evenements, n, mls] = await Promise.all([
      vivier.reservations({ intervenantId: fiche.id, actives: true }),
      vivier.historique('intervenant', fiche.id),
      noms(),
      vivier.missionsLocales(),
    ]);
    const ml = fiche.missionLocaleCode ? mls.find((m) => m.code === fiche.missionLocaleCode) : undefined;
    const lignes: Ligne[] = [
      { libelle: 'Identifiant', valeur: fiche.id },
      { libelle: 'Statut', valeur: etatFr(fiche) },
      { libelle: LIBELLES_FICHE.type!.libelle, valeur: libelleType(fiche.type) },
      { libelle: LIBELLES_FICHE.email!.libelle, valeur: fiche.email, href: `mailto:${fiche.email}` },
      { libelle: LIBELLES_FICHE.telephone!.libelle, valeur: fiche.telephone ?? '—' },
      { libelle: LIBELLES_FICHE.region!.libelle, valeur: libelleRegion(fiche.region) },
      { libelle: 'Mission Locale de rattachement', valeur: fiche.missionLocaleCode ? `${ml?.nom ?? 'inconnue'} (${fiche.missionLocaleCode})` : '—' },
      { libelle: LIBELLES_FICHE.cabinet!.libelle, valeur: fiche.cabinet ?? '—' },
      { libelle: LIBELLES_FICHE.expertises!.libelle, valeur: expertisesFr(fiche.expertises) },
      {
        libelle: 'Capacité',
        valeur:
          `${fiche.capaciteDossiers} dossier(s) en même temps, ${fiche.capaciteHeuresMois} heures par mois ; ` +
          `en cours : ${reservations.length} dossier(s), ${reservations.reduce((s, r) => s + r.heuresMois, 0)} h/mois`,
      },
      { libelle: 'Indisponibilités', valeur: periodes(fiche.indisponibilites) },
      { libelle: 'Missions Locales connues', valeur: connues(fiche.connaissances) },
      { libelle: 'Entré·e dans le vivier', valeur: dateHeureCourteFr(fiche.creeLe) },
      { libelle: 'Dernière modification', valeur: dateHeureCourteFr(fiche.modifieLe) },
      ...(fiche.candidatureId
        ? [{ libelle: 'Candidature d’origine', valeur: fiche.candidatureId, href: `/vivier/candidatures/${encodeURIComponent(fiche.candidatureId)}` }]
        : []),
    ];
    const agir = peutAgir(res);
    const edition = opts.edition ?? { valeurs: valeursDeFiche(fiche), erreurs: {}, autres: [] };
    const nErreurs = Object.keys(edition.erreurs).length + edition.autres.length;
    const motif: Champ = {
      nom: 'motif',
      libelle: 'Motif du retrait',
      type: 'textarea',
      requis: true,
      aide: 'Il figure dans l’historique de la fiche.',
      valeur: opts.retrait?.valeur ?? '',
      ...(opts.retrait?.erreur ? { erreur: opts.retrait.erreur } : {}),
    };
    sendPage(
      res,
      status,
      `Vivier : ${fiche.nom}`,
      ficheTpl({
        fiche,
        titre: fiche.nom,
        lignes,
        reservations: reservations.map((r) => ({
          dossierId: r.dossierId,
          role: ROLES[r.role]?.libelle ?? r.role,
          heuresMois: r.heuresMois,
          depuis: dateHeureCourteFr(r.reserveeLe),
          manuelle: r.manuelle,
        })),
        historique: historique(evenements, n),
        ...(opts.message ? { message: opts.message } : {}),
        ...(opts.alerte ? { alerte: opts.alerte } : {}),
        ...(agir
          ? {
              edition: {
                champs: champsAffiches(CHAMPS_EDITION, edition.valeurs, edition.erreurs, mls),
                ...(nErreurs ? { alerte: alerteErreurs(nErreurs) } : {}),
                autres: edition.autres,
              },
            }
          : {}),
        ...(agir && fiche.statut === ('valide' satisfies StatutIntervenant)
          ? { retrait: { motif, ...(opts.retrait?.erreur ? { alerte: alerteErreurs(1) } : {}) } }
          : {}),
        csrf: csrf(res),
      }),
    );
  };

  router.get('/vivier/intervenants/:id', async (req, res) => {
    const fiche = await ficheDeUrl(req, res);
    if (!fiche) return;
    const fait = MESSAGES_FICHE[texte(req.query.fait)];
    await pageFiche(res, 200, fiche, fait ? { message: fait } : {});
  });

  router.post('/vivier/intervenants/:id', form, async (req, res) => {
    const fiche = await ficheDeUrl(req, res);
    if (!fiche) return;
    const valeurs = valeursPostees(req.body, CHAMPS_EDITION);
    if (ajoutDeLigne(valeurs)) {
      await pageFiche(res, 200, fiche, { edition: { valeurs, erreurs: {}, autres: [] } });
      return;
    }
    const lu = lireEdition(valeurs, fiche, signe(res).compte.id);
    if (lu.ok === 'rien') {
      res.redirect(303, `/vivier/intervenants/${encodeURIComponent(fiche.id)}?fait=inchange`);
      return;
    }
    if (!lu.ok) {
      await pageFiche(res, 400, fiche, { edition: { valeurs, erreurs: lu.erreurs, autres: lu.autres } });
      return;
    }
    try {
      await modifierIntervenant(deps, fiche.id, lu.donnees);
      res.redirect(303, `/vivier/intervenants/${encodeURIComponent(fiche.id)}?fait=modifie`);
    } catch (err) {
      if (err instanceof z.ZodError) {
        const { erreurs, autres } = erreursDe(CHAMPS_EDITION, err);
        await pageFiche(res, 400, fiche, { edition: { valeurs, erreurs, autres } });
        return;
      }
      if (err instanceof VivierErreur && err.code !== 'introuvable') {
        const raison = await enClair(err.message);
        const alerte = { titre: 'Modification refusée', messages: [raison, 'Rien n’a été enregistré ; le formulaire garde ce que vous aviez saisi.'] };
        await pageFiche(res, 409, fiche, { alerte, edition: { valeurs, erreurs: {}, autres: [raison] } });
        return;
      }
      throw err;
    }
  });

  router.post('/vivier/intervenants/:id/retrait', form, async (req, res) => {
    const fiche = await ficheDeUrl(req, res);
    if (!fiche) return;
    const valeur = texte((req.body as Record<string, unknown> | undefined)?.motif);
    const parsed = retraitSchema.safeParse({ par: signe(res).compte.id, motif: valeur });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const erreur =
        issue?.code === 'too_small' ? 'Ce champ est obligatoire : dites pourquoi l’intervenant quitte le vivier.' : (issue?.message ?? 'Motif invalide.');
      await pageFiche(res, 400, fiche, { retrait: { valeur, erreur } });
      return;
    }
    try {
      await retirerIntervenant(deps, fiche.id, parsed.data);
      res.redirect(303, `/vivier/intervenants/${encodeURIComponent(fiche.id)}?fait=retire`);
    } catch (err) {
      if (err instanceof VivierErreur && err.code !== 'introuvable') {
        await pageFiche(res, 409, fiche, { alerte: { titre: 'Retrait refusé', messages: [await enClair(err.message)] }, retrait: { valeur } });
        return;
      }
      throw err;
    }
  });

  // --- The applications ----------------------------------------------------------------------------

  router.get('/vivier/candidatures', async (req, res) => {
    const demande = texte(req.query.statut) || 'en_attente';
    const parsed = listCandidaturesQuerySchema.safeParse({ statut: demande });
    const statut = parsed.success && parsed.data.statut ? parsed.data.statut : 'en_attente';
    const toutes = (await vivier.listCandidatures(statut)).sort((a, b) => a.deposeeLe.localeCompare(b.deposeeLe));
    const params = new URLSearchParams(statut === 'en_attente' ? {} : { statut });
    const page = paginer(toutes, numeroPage(req.query.page), '/vivier/candidatures', params);
    const refusee = texte(req.query.refusee);
    sendPage(
      res,
      200,
      'Vivier : les candidatures',
      candidaturesTpl({
        onglets: STATUTS_CANDIDATURE.map((s) => ({
          href: s === 'en_attente' ? '/vivier/candidatures' : `/vivier/candidatures?statut=${s}`,
          libelle: STATUTS_CANDIDATURE_FR[s],
          courant: s === statut,
        })),
        lignes: page.lignes.map((c) => ({
          id: c.id,
          nom: c.nom,
          type: libelleType(c.type),
          region: libelleRegion(c.region),
          deposeeLe: dateHeureCourteFr(c.deposeeLe),
          iso: c.deposeeLe,
          statut: STATUTS_CANDIDATURE_FR[c.statut],
        })),
        statutListe: { en_attente: 'en attente', validee: 'validées', refusee: 'refusées' }[statut],
        statutAucune: { en_attente: 'en attente', validee: 'validée', refusee: 'refusée' }[statut],
        enAttente: statut === 'en_attente',
        ...(/^[A-Za-z0-9_.-]{1,64}$/.test(refusee) ? { message: `Candidature ${refusee} refusée ; le motif figure dans son historique.` } : {}),
        resume: page.resume,
        ...(page.precedente ? { precedente: page.precedente } : {}),
        ...(page.suivante ? { suivante: page.suivante } : {}),
      }),
    );
  });

  const candidatureDeUrl = async (req: Request, res: Response): Promise<Candidature | undefined> => {
    const parsed = candidatureParamsSchema.safeParse(req.params);
    const c = parsed.success ? await vivier.getCandidature(parsed.data.id) : undefined;
    if (!c) sendMessage(res, 404, 'Candidature introuvable', ['Aucune candidature ne correspond à cette adresse.', 'Retour : /vivier/candidatures'], 'alerte');
    return c;
  };

  const pageCandidature = async (
    res: Response,
    status: number,
    c: Candidature,
    opts: { alerte?: { titre: string; messages: string[] }; refus?: { valeur: string; erreur?: string } } = {},
  ) => {
    const [evenements, n, mls] = await Promise.all([vivier.historique('candidature', c.id), noms(), vivier.missionsLocales()]);
    const ml = c.missionLocaleCode ? mls.find((m) => m.code === c.missionLocaleCode) : undefined;
    const lignes: Ligne[] = [
      { libelle: 'Référence', valeur: c.id },
      { libelle: 'Statut', valeur: STATUTS_CANDIDATURE_FR[c.statut] },
      { libelle: 'Déposée le', valeur: dateHeureCourteFr(c.deposeeLe) },
      { libelle: LIBELLES_FICHE.type!.libelle, valeur: libelleType(c.type) },
      { libelle: LIBELLES_FICHE.email!.libelle, valeur: c.email, href: `mailto:${c.email}` },
      { libelle: LIBELLES_FICHE.telephone!.libelle, valeur: c.telephone ?? '—' },
      { libelle: LIBELLES_FICHE.region!.libelle, valeur: libelleRegion(c.region) },
      { libelle: 'Mission Locale de rattachement', valeur: c.missionLocaleCode ? `${ml?.nom ?? 'inconnue'} (${c.missionLocaleCode})` : '—' },
      { libelle: LIBELLES_FICHE.cabinet!.libelle, valeur: c.cabinet ?? '—' },
      { libelle: LIBELLES_FICHE.expertises!.libelle, valeur: expertisesFr(c.expertises) },
      { libelle: 'Capacité', valeur: `${c.capaciteDossiers} dossier(s) en même temps, ${c.capaciteHeuresMois} heures par mois` },
      { libelle: 'Missions Locales connues', valeur: connues(c.connaissances) },
      { libelle: 'Motivation et expérience', valeur: c.motivation },
      ...(c.decision
        ? [
            {
              libelle: 'Décision',
              valeur: `${STATUTS_CANDIDATURE_FR[c.statut]} le ${dateHeureCourteFr(c.decision.le)} par ${n.get(c.decision.par) ?? c.decision.par}`,
            },
            ...(c.decision.motif ? [{ libelle: 'Motif du refus', valeur: c.decision.motif }] : []),
            ...(c.decision.intervenantId
              ? [
                  {
                    libelle: 'Fiche de l’intervenant',
                    valeur: c.decision.intervenantId,
                    href: `/vivier/intervenants/${encodeURIComponent(c.decision.intervenantId)}`,
                  },
                ]
              : []),
          ]
        : []),
    ];
    const motif: Champ = {
      nom: 'motif',
      libelle: 'Motif du refus',
      type: 'textarea',
      requis: true,
      aide: 'Il figure dans l’historique de la candidature.',
      valeur: opts.refus?.valeur ?? '',
      ...(opts.refus?.erreur ? { erreur: opts.refus.erreur } : {}),
    };
    sendPage(
      res,
      status,
      `Candidature : ${c.nom}`,
      candidatureTpl({
        c,
        titre: `Candidature : ${c.nom}`,
        statut: STATUTS_CANDIDATURE_FR[c.statut],
        lignes,
        historique: historique(evenements, n),
        ...(opts.alerte ? { alerte: opts.alerte } : {}),
        ...(peutAgir(res) && c.statut === 'en_attente' ? { decision: { motif, ...(opts.refus?.erreur ? { alerte: alerteErreurs(1) } : {}) } } : {}),
        csrf: csrf(res),
      }),
    );
  };

  router.get('/vivier/candidatures/:id', async (req, res) => {
    const c = await candidatureDeUrl(req, res);
    if (c) await pageCandidature(res, 200, c);
  });

  router.post('/vivier/candidatures/:id/validation', form, async (req, res) => {
    const c = await candidatureDeUrl(req, res);
    if (!c) return;
    try {
      const { intervenant } = await validerCandidature(deps, c.id, validationSchema.parse({ par: signe(res).compte.id }));
      res.redirect(303, `/vivier/intervenants/${encodeURIComponent(intervenant.id)}?fait=valide`);
    } catch (err) {
      if (err instanceof VivierErreur && err.code !== 'introuvable') {
        await pageCandidature(res, 409, (await vivier.getCandidature(c.id)) ?? c, {
          alerte: { titre: 'Validation refusée', messages: [await enClair(err.message)] },
        });
        return;
      }
      throw err;
    }
  });

  router.post('/vivier/candidatures/:id/refus', form, async (req, res) => {
    const c = await candidatureDeUrl(req, res);
    if (!c) return;
    const valeur = texte((req.body as Record<string, unknown> | undefined)?.motif);
    const parsed = refusCandidatureSchema.safeParse({ par: signe(res).compte.id, motif: valeur });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const erreur =
        issue?.code === 'too_small' ? 'Ce champ est obligatoire : dites pourquoi la candidature est refusée.' : (issue?.message ?? 'Motif invalide.');
      await pageCandidature(res, 400, c, { refus: { valeur, erreur } });
      return;
    }
    try {
      await refuserCandidature(deps, c.id, parsed.data);
      res.redirect(303, `/vivier/candidatures?refusee=${encodeURIComponent(c.id)}`);
    } catch (err) {
      if (err instanceof VivierErreur && err.code !== 'introuvable') {
        await pageCandidature(res, 409, (await vivier.getCandidature(c.id)) ?? c, {
          alerte: { titre: 'Refus impossible', messages: [await enClair(err.message)] },
        });
        return;
      }
      throw err;
    }
  });

  return router;
}
