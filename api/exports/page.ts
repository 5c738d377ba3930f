// The back office's exports page (issue #14), usable without JavaScript: /exports?objet=dossiers|unites (or
// ?modele=MEX-… to open a template) shows a labelled checkbox per column, with an optional position each, the list's
// filters, two download buttons (XLSX, CSV: POST /exports/telecharger streams the file) and, for chargé·es de mission,
// « Enregistrer le modèle » (POST /exports/modeles) and the scheduled exports (POST /exports/programmes, and
// /exports/programmes/:id/supprimer). A form with errors comes back with each one under its field.
import express, { Router, type Response } from 'express';
import type { Client } from '@temporalio/client';
import type { Config } from '../../config';
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
import { creerExportProgramme, envoyerExport, supprimerExportProgramme } from './router';
import {
  EXPORT_PROGRAMME_ID,
  exportProgrammeBodySchema,
  filtreExportSchema,
  FREQUENCES,
  LIBELLES_FREQUENCES,
  MODELE_ID,
  modeleExportBodySchema,
  type FiltreExport,
} from './schemas';

export interface PageExportsDeps {
  client: Client;
  config: Config;
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
  /** Chargé·es de mission: the scheduled exports (their recipients) and the form to add one (once a template exists). */
  programmes?: { lignes: { id: string; modele: string; frequence: string; format: string; destinataires: string }[]; formulaire?: Champ[] };
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

/** What the scheduled export form holds (sent back with its errors). */
interface SaisieProgramme {
  modeleId?: string;
  destinataires?: string;
  frequence?: string;
  format?: string;
}
const CHAMPS_PROGRAMME = ['modeleId', 'destinataires', 'frequence', 'format'] as const;

/** One recipient a line: « Nom <adresse> » or the address alone. */
export function lireDestinataires(texteBrut: string): { nom?: string; email: string }[] {
  return texteBrut
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => {
      const m = /^(.*?)\s*<([^<>]+)>$/.exec(l);
      return m ? { ...(m[1]!.trim() ? { nom: m[1]!.trim() } : {}), email: m[2]!.trim() } : { email: l };
    });
}

export function pageExportsRouter(deps: PageExportsDeps): Router {
  const { vivier, comptes, modeles } = deps;

  async function programmes(
    tous: Awaited<ReturnType<SqlModelesExportStore['lister']>>,
    erreurs: Erreurs,
    prog: SaisieProgramme,
  ): Promise<NonNullable<Modele['programmes']>> {
    const noms = new Map(tous.map((m) => [m.id, m.nom]));
    const lignes = (await modeles.listerProgrammes()).map((p) => ({
      id: p.id,
      modele: noms.get(p.modeleId) ?? p.modeleId,
      frequence: LIBELLES_FREQUENCES[p.frequence],
      format: p.format.toUpperCase(),
      destinataires: p.destinataires.map((d) => (d.nom ? `${d.nom} <${d.email}>` : d.email)).join(', '),
    }));
    const erreur = (k: string) => (erreurs[k] ? { erreur: erreurs[k] } : {});
    const formulaire: Champ[] | undefined = tous.length
      ? [
          {
            nom: 'modeleId',
            libelle: 'Modèle',
            type: 'select',
            requis: true,
            options: tous.map((m) => ({ valeur: m.id, libelle: m.nom, choisi: m.id === prog.modeleId })),
            ...erreur('modeleId'),
          },
          {
            nom: 'destinataires',
            libelle: 'Destinataires',
            type: 'textarea',
            requis: true,
            aide: 'Une adresse par ligne : « Nom <adresse> » ou l’adresse seule (personnel de l’UNML, financeurs).',
            valeur: prog.destinataires ?? '',
            ...erreur('destinataires'),
          },
          {
            nom: 'frequence',
            libelle: 'Fréquence',
            type: 'radios',
            requis: true,
            options: FREQUENCES.map((f) => ({ valeur: f, libelle: LIBELLES_FREQUENCES[f], choisi: (prog.frequence ?? 'mensuelle') === f })),
            ...erreur('frequence'),
          },
          {
            nom: 'format',
            libelle: 'Format',
            type: 'radios',
            options: [
              { valeur: 'xlsx', libelle: 'XLSX', choisi: (prog.format ?? 'xlsx') === 'xlsx' },
              { valeur: 'csv', libelle: 'CSV', choisi: prog.format === 'csv' },
            ],
            ...erreur('format'),
          },
        ]
      : undefined;
    return { lignes, ...(formulaire ? { formulaire } : {}) };
  }
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '100kb' });

  async function page(res: Response, s: Saisie, status = 200, erreurs: Erreurs = {}, succes?: string, prog: SaisieProgramme = {}): Promise<void> {
    const acces = accesDe(res);
    const chargee = !!acces && roleSuffit(acces.role, 'charge_mission');
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
      .filter(([k]) => ![...NOMS_FILTRES, ...CHAMPS_PROGRAMME, 'colonnes', 'nom'].includes(k as never) && !k.startsWith('position_'))
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
      peutEnregistrer: chargee,
      ...(chargee ? { programmes: await programmes(tous, erreurs, prog) } : {}),
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

  const vide = (): Saisie => ({ objet: 'dossiers', colonnes: CATALOGUE.dossiers.map((c) => c.cle), positions: {}, filtre: {} });

  router.post('/exports/programmes', form, async (req, res) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const prog: SaisieProgramme = Object.fromEntries(CHAMPS_PROGRAMME.map((k) => [k, texte(b[k])]).filter(([, v]) => v !== undefined));
    const destinataires = lireDestinataires(typeof b.destinataires === 'string' ? b.destinataires : '');
    const r = exportProgrammeBodySchema.safeParse({ modeleId: prog.modeleId, destinataires, frequence: prog.frequence, format: prog.format ?? 'xlsx' });
    if (!r.success) {
      const erreurs: Erreurs = {};
      for (const i of r.error.issues) {
        const [champ, ligne] = i.path;
        if (champ === 'destinataires')
          erreurs.destinataires ??= typeof ligne === 'number' ? `Ligne ${ligne + 1} : ${i.message}.` : 'Indiquez au moins un destinataire, un par ligne.';
        else if (champ === 'modeleId') erreurs.modeleId = 'Choisissez le modèle à envoyer.';
        else if (champ === 'frequence') erreurs.frequence = 'Choisissez la fréquence : chaque mois ou chaque trimestre.';
        else erreurs[String(champ)] = i.message;
      }
      await page(res, vide(), 400, erreurs, undefined, prog);
      return;
    }
    try {
      const p = await creerExportProgramme(deps, r.data, accesDe(res)?.compte.id ?? 'back_office');
      await page(res, vide(), 201, {}, `L’export programmé ${p.id} est créé : le premier envoi partira à la prochaine échéance.`);
    } catch (err) {
      if (!(err instanceof ModeleExportErreur)) throw err;
      await page(res, vide(), 404, { modeleId: err.message }, undefined, prog);
    }
  });

  router.post('/exports/programmes/:id/supprimer', form, async (req, res) => {
    const id = String(req.params.id);
    if (!EXPORT_PROGRAMME_ID.test(id) || !(await modeles.lireProgramme(id))) {
      await page(res, vide(), 404, { programme: `Export programmé inconnu : ${id}.` });
      return;
    }
    await supprimerExportProgramme(deps, id);
    await page(res, vide(), 200, {}, `L’export programmé ${id} est arrêté.`);
  });

  return router;
}
