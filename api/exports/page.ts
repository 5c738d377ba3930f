// The back office's exports page (issue #14), usable without JavaScript: /exports?objet=dossiers|unites (or
// ?modele=MEX-… to open a template) shows a labelled checkbox per column, with an optional position each, the list's
// filters, two download buttons (XLSX, CSV: POST /exports/telecharger streams the file) and, for chargé·es de mission,
// « Enregistrer le modèle » (POST /exports/modeles). A form with errors comes back with each one under its field.
import express, { Router, type Response } from 'express';
import { roleSuffit, type ComptesStore } from '../../db/comptes-store';
import { ModeleExportErreur, type SqlModelesExportStore } from '../../db/modeles-export';
import type { SqlReportingStore } from '../../db/reporting';
import type { VivierStore } from '../../db/store';
import { REGIONS } from '../../domain/regions';
import { NOMS_DISPOSITIFS } from '../../domain/schemas';
import { accesDe, jetonCsrf } from '../acces/middleware';
import { toutesEtapesFr } from '../dossiers/dispositifs';
import { alerteErreurs, sendPage, templateFile, type Champ } from '../pages/render';
import { CATALOGUE, FORMATS_EXPORT, LIBELLES_OBJETS, OBJETS_EXPORT, type FormatExport, type ObjetExport } from './catalogue';
import { envoyerExport } from './router';
import { filtreExportSchema, MODELE_ID, modeleExportBodySchema, type FiltreExport } from './schemas';

export interface PageExportsDeps {
  vivier: Pick<VivierStore, 'missionsLocales'>;
  comptes?: Pick<ComptesStore, 'listComptes'> | undefined;
  reporting: SqlReportingStore;
  modeles: SqlModelesExportStore;
}

interface Modele {
  objet: ObjetExport;
  libelleObjet: string;
  objets: { href: string; libelle: string; courant: boolean }[];
  csrf: string;
  colonnes: { cle: string; entete: string; coche: boolean; position: string; erreur?: string }[];
  nbColonnes: number;
  erreurColonnes?: string;
  filtres: Champ[];
  peutEnregistrer: boolean;
  nom: Champ;
  modeles: { id: string; nom: string; objet: string; colonnes: string }[];
  succes?: string;
  alerte?: string;
  erreursGenerales?: string[];
}

const pageTpl = templateFile<Modele>(__dirname, 'page.hbs');

/** What the form holds (sent back with its errors). */
interface Saisie {
  objet: ObjetExport;
  colonnes: string[];
  positions: Record<string, string>;
  filtre: Record<string, string>;
  nom?: string;
}

type Erreurs = Record<string, string>;

const NOMS_FILTRES = ['dispositif', 'region', 'missionLocale', 'etape', 'interlocutrice', 'du', 'au'] as const;

const liste = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []);
const texte = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const objetDe = (v: unknown): ObjetExport => (v === 'unites' ? 'unites' : 'dossiers');

function saisieDe(b: Record<string, unknown>): Saisie {
  const objet = objetDe(b.objet);
  const positions: Record<string, string> = {};
  for (const c of CATALOGUE[objet]) {
    const p = texte(b[`position_${c.cle}`]);
    if (p) positions[c.cle] = p;
  }
  const filtre: Record<string, string> = {};
  for (const k of NOMS_FILTRES) {
    const v = texte(b[k]);
    if (v) filtre[k] = v;
  }
  return { objet, colonnes: liste(b.colonnes), positions, filtre, ...(texte(b.nom) ? { nom: texte(b.nom)! } : {}) };
}

/** The columns checked, in order: by the position given, then the catalogue's order; or the errors of each field. */
function valider(s: Saisie): { ok: true; colonnes: string[]; filtre: FiltreExport } | { ok: false; erreurs: Erreurs } {
  const erreurs: Erreurs = {};
  const cles = CATALOGUE[s.objet].map((c) => c.cle);
  const n = cles.length;
  for (const [cle, p] of Object.entries(s.positions))
    if (!/^\d+$/.test(p) || Number(p) < 1 || Number(p) > n) erreurs[`position_${cle}`] = `La position est un nombre entier de 1 à ${n}.`;
  const cochees = s.colonnes.filter((c) => cles.includes(c));
  if (cochees.length !== s.colonnes.length) erreurs.colonnes = 'Une colonne cochée est inconnue : rechargez la page.';
  else if (!cochees.length) erreurs.colonnes = 'Cochez au moins une colonne.';
  const f = filtreExportSchema.safeParse(s.filtre);
  if (!f.success) for (const i of f.error.issues) erreurs[String(i.path[0] ?? 'filtre')] ??= `${i.message.charAt(0).toUpperCase()}${i.message.slice(1)}.`;
  if (Object.keys(erreurs).length) return { ok: false, erreurs };
  const rang = (c: string) => (s.positions[c] ? Number(s.positions[c]) : Infinity);
  const colonnes = [...cochees].sort((a, b) => rang(a) - rang(b) || cles.indexOf(a) - cles.indexOf(b));
  return { ok: true, colonnes, filtre: f.success ? f.data : {} };
}

export function pageExportsRouter(deps: PageExportsDeps): Router {
  const { vivier, comptes, modeles } = deps;
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '100kb' });

  async function page(res: Response, s: Saisie, status = 200, erreurs: Erreurs = {}, succes?: string): Promise<void> {
    const acces = accesDe(res);
    const [mls, cptes, tous] = await Promise.all([vivier.missionsLocales(), comptes ? comptes.listComptes() : Promise.resolve([]), modeles.lister()]);
    const choix = (nom: (typeof NOMS_FILTRES)[number], libelle: string, options: [string, string][]): Champ => ({
      nom,
      libelle,
      type: 'select',
      options: options.map(([valeur, l]) => ({ valeur, libelle: l, choisi: s.filtre[nom] === valeur })),
      ...(erreurs[nom] ? { erreur: erreurs[nom] } : {}),
    });
    const jour = (nom: 'du' | 'au', libelle: string): Champ => ({
      nom,
      libelle,
      type: 'text',
      aide: `AAAA-MM-JJ, ${s.objet === 'dossiers' ? 'date de la demande' : 'date du travail'} ; facultative`,
      valeur: s.filtre[nom] ?? '',
      ...(erreurs[nom] ? { erreur: erreurs[nom] } : {}),
    });
    const n = Object.keys(erreurs).length;
    const generales = Object.entries(erreurs)
      .filter(([k]) => ![...NOMS_FILTRES, 'colonnes', 'nom'].includes(k as never) && !k.startsWith('position_'))
      .map(([, v]) => v);
    const modele: Modele = {
      objet: s.objet,
      libelleObjet: LIBELLES_OBJETS[s.objet],
      objets: OBJETS_EXPORT.map((o) => ({ href: `/exports?objet=${o}`, libelle: LIBELLES_OBJETS[o], courant: o === s.objet })),
      csrf: jetonCsrf(res) ?? '',
      colonnes: CATALOGUE[s.objet].map((c) => ({
        cle: c.cle,
        entete: c.entete,
        coche: s.colonnes.includes(c.cle),
        position: s.positions[c.cle] ?? '',
        ...(erreurs[`position_${c.cle}`] ? { erreur: erreurs[`position_${c.cle}`] } : {}),
      })),
      nbColonnes: CATALOGUE[s.objet].length,
      ...(erreurs.colonnes ? { erreurColonnes: erreurs.colonnes } : {}),
      filtres: [
        choix(
          'dispositif',
          'Dispositif',
          Object.entries(NOMS_DISPOSITIFS).map(([k, v]) => [k, v.nom]),
        ),
        choix('region', 'Région', Object.entries(REGIONS)),
        choix(
          'missionLocale',
          'Mission Locale',
          mls.map((m) => [m.code, m.nom]),
        ),
        choix('etape', 'Étape', toutesEtapesFr()),
        choix(
          'interlocutrice',
          'Interlocutrice',
          cptes.filter((c) => c.roles.some((r) => r === 'charge_mission' || r === 'admin')).map((c) => [c.id, c.nom]),
        ),
        jour('du', 'Du'),
        jour('au', 'Au'),
      ],
      peutEnregistrer: !!acces && roleSuffit(acces.role, 'charge_mission'),
      nom: {
        nom: 'nom',
        libelle: 'Nom du modèle',
        type: 'text',
        aide: 'Un nom que personne n’a encore donné à un modèle, ex. « Suivi Grand Est – financeurs ».',
        valeur: s.nom ?? '',
        ...(erreurs.nom ? { erreur: erreurs.nom } : {}),
      },
      modeles: tous.map((m) => ({
        id: m.id,
        nom: m.nom,
        objet: LIBELLES_OBJETS[m.objet],
        colonnes: m.colonnes.map((c) => CATALOGUE[m.objet].find((x) => x.cle === c)?.entete ?? c).join(', '),
      })),
      ...(succes ? { succes } : {}),
      ...(n ? { alerte: alerteErreurs(n) } : {}),
      ...(generales.length ? { erreursGenerales: generales } : {}),
    };
    sendPage(res, status, 'Exports', pageTpl(modele));
  }

  router.get('/exports', async (req, res) => {
    const q = req.query as Record<string, unknown>;
    const id = texte(q.modele);
    const m = id && MODELE_ID.test(id) ? await modeles.lire(id) : undefined;
    if (m) {
      const positions = Object.fromEntries(m.colonnes.map((c, i) => [c, String(i + 1)]));
      const succes = q.enregistre === '1' ? `Le modèle « ${m.nom} » est enregistré.` : `Modèle « ${m.nom} » ouvert : modifiez-le si besoin, puis téléchargez.`;
      await page(res, { objet: m.objet, colonnes: m.colonnes, positions, filtre: m.filtre, nom: m.nom }, 200, {}, succes);
      return;
    }
    const objet = objetDe(q.objet);
    await page(
      res,
      { objet, colonnes: CATALOGUE[objet].map((c) => c.cle), positions: {}, filtre: {} },
      id ? 404 : 200,
      id ? { modele: 'Modèle d’export inconnu.' } : {},
    );
  });

  router.post('/exports/telecharger', form, async (req, res) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const s = saisieDe(b);
    const v = valider(s);
    if (!v.ok) {
      await page(res, s, 400, v.erreurs);
      return;
    }
    const format: FormatExport = (FORMATS_EXPORT as readonly string[]).includes(String(b.format)) ? (b.format as FormatExport) : 'xlsx';
    await envoyerExport(deps, res, { objet: s.objet, colonnes: v.colonnes, filtre: v.filtre, format }, s.nom ?? s.objet);
  });

  router.post('/exports/modeles', form, async (req, res) => {
    const s = saisieDe((req.body ?? {}) as Record<string, unknown>);
    const v = valider(s);
    const erreurs: Erreurs = v.ok ? {} : { ...v.erreurs };
    const nom = modeleExportBodySchema.shape.nom.safeParse(s.nom ?? '');
    if (!nom.success) erreurs.nom = 'Donnez un nom au modèle (120 caractères au plus).';
    if (!v.ok || !nom.success) {
      await page(res, s, 400, erreurs);
      return;
    }
    try {
      const m = await modeles.creer({ nom: nom.data, objet: s.objet, colonnes: v.colonnes, filtre: v.filtre }, accesDe(res)?.compte.id ?? 'back_office');
      res.redirect(303, `/exports?modele=${m.id}&enregistre=1`);
    } catch (err) {
      if (!(err instanceof ModeleExportErreur && err.code === 'conflit')) throw err;
      await page(res, s, 409, { nom: err.message });
    }
  });

  return router;
}
