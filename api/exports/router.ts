// Exports of the reporting read model over HTTP (issue #14), streamed from the store's generators (ecriture.ts):
// - GET    /api/exports/colonnes                      the columns of each object, with their French headers
// - GET    /api/exports/dossiers.csv|.xlsx            dossiers, `colonnes=` (in order) and the list's filters
// - GET    /api/exports/unites.csv|.xlsx              units of work, the same
// - GET    /api/exports/modeles, POST, GET/PATCH/DELETE /api/exports/modeles/:id   named export templates
// - GET    /api/exports/modeles/:id.csv|.xlsx         runs a template
// - GET    /api/exports/programmes, POST, DELETE /api/exports/programmes/:id        scheduled exports (a Schedule each)
// - GET    /exports/telechargement/:jeton             a scheduled export's file, by its signed, expiring link (no account)
// Who may call what: api/acces/routes.ts (reading and exporting `lecture`, templates' changes and scheduled exports
// `charge_mission`).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config } from '../../config';
import type { ComptesStore } from '../../db/comptes-store';
import { ModeleExportErreur, type ExportProgramme, type ModeleExport, type SqlModelesExportStore } from '../../db/modeles-export';
import type { SqlReportingStore } from '../../db/reporting';
import type { VivierStore } from '../../db/store';
import { accesDe } from '../acces/middleware';
import { ApiError } from '../errors';
import { sendMessage } from '../pages/render';
import { clesDe, FORMATS_EXPORT, OBJETS_EXPORT, type FormatExport, type ObjetExport } from './catalogue';
import { chargerNoms, ecrireExport, nomFichier, TYPES_MIME, type DemandeExport } from './ecriture';
import { idPlanificationExport, planifierExport, supprimerPlanificationExport } from './planification';
import {
  catalogueReponse,
  colonnesSchema,
  exportProgrammeBodySchema,
  exportProgrammeIdParamsSchema,
  filtreExportSchema,
  modeleExportBodySchema,
  modeleExportPatchSchema,
  modeleIdParamsSchema,
  type ExportProgrammeBody,
  type FiltreExport,
} from './schemas';
import { cheminFichier, secretTelechargement, verifierJeton } from './telechargement';

export interface ExportsDeps {
  client: Client;
  config: Config;
  logger: Logger;
  vivier: Pick<VivierStore, 'missionsLocales'>;
  comptes?: Pick<ComptesStore, 'listComptes'> | undefined;
  reporting: SqlReportingStore;
  modeles: SqlModelesExportStore;
  /** The download links' key (by default from the configuration, read at the first download). */
  secret?: string;
}

/** The export's columns and filter from a query string; every field's error at once (400). */
export function demandeDeRequete(objet: ObjetExport, query: Record<string, unknown>): { colonnes: string[]; filtre: FiltreExport } {
  const { colonnes: brut, ...reste } = query;
  const filtres = Object.fromEntries(Object.entries(reste).filter(([, v]) => v !== ''));
  const f = filtreExportSchema.safeParse(filtres);
  const liste = brut === undefined || brut === '' ? undefined : typeof brut === 'string' ? brut.split(',').map((c) => c.trim()) : brut;
  const c = liste === undefined ? undefined : colonnesSchema(objet).safeParse(liste);
  const issues = [...(f.success ? [] : f.error.issues), ...(c && !c.success ? c.error.issues.map((i) => ({ ...i, path: ['colonnes', ...i.path] })) : [])];
  if (issues.length) throw new z.ZodError(issues);
  return { colonnes: c?.success ? c.data : clesDe(objet), filtre: f.success ? f.data : {} };
}

/** Streams an export as an attachment. An error after the first bytes can only cut the answer short (logged). */
export async function envoyerExport(deps: Pick<ExportsDeps, 'vivier' | 'comptes' | 'reporting'>, res: Response, d: DemandeExport, nom: string): Promise<void> {
  const noms = await chargerNoms(deps.vivier, deps.comptes);
  res
    .status(200)
    .type(TYPES_MIME[d.format])
    .set('Content-Disposition', `attachment; filename="${nomFichier(nom, d.format)}"`)
    .set('Cache-Control', 'no-store');
  await ecrireExport(deps.reporting, noms, d, res);
}

const vueModele = (m: ModeleExport) => m;

/** A scheduled export: its row, then its Schedule (no Schedule: the row goes, and the error is thrown). */
export async function creerExportProgramme(
  { client, config, modeles }: Pick<ExportsDeps, 'client' | 'config' | 'modeles'>,
  corps: ExportProgrammeBody,
  par: string,
): Promise<ExportProgramme> {
  const p = await modeles.creerProgramme(corps, par);
  try {
    await planifierExport(client, { exportId: p.id, frequence: p.frequence, intervalleMs: config.EXPORT_SCHEDULE_INTERVAL, taskQueue: config.TASK_QUEUE });
  } catch (err) {
    await modeles.supprimerProgramme(p.id);
    throw err;
  }
  return p;
}

/** Deletes a scheduled export's Schedule, then its row (404 when unknown). */
export async function supprimerExportProgramme({ client, modeles }: Pick<ExportsDeps, 'client' | 'modeles'>, id: string): Promise<void> {
  if (!(await modeles.lireProgramme(id))) throw new ApiError(404, 'not_found', `Export programmé inconnu : ${id}. Voir GET /api/exports/programmes.`);
  await supprimerPlanificationExport(client, id);
  await modeles.supprimerProgramme(id);
}

export function exportsRouter(deps: ExportsDeps): Router {
  const { config, modeles } = deps;
  const router = Router();
  let secret = deps.secret;
  const cle = () => (secret ??= secretTelechargement(config));
  const acteur = (res: Response) => accesDe(res)?.compte.id ?? 'api';

  router.get('/api/exports/colonnes', (_req, res) => {
    res.json(catalogueReponse());
  });

  for (const objet of OBJETS_EXPORT)
    for (const format of FORMATS_EXPORT)
      router.get(`/api/exports/${objet}.${format}`, async (req, res) => {
        const { colonnes, filtre } = demandeDeRequete(objet, req.query as Record<string, unknown>);
        await envoyerExport(deps, res, { objet, colonnes, filtre, format }, objet);
      });

  // --- Templates -------------------------------------------------------------------------------------------
  router.get('/api/exports/modeles', async (_req, res) => {
    res.json((await modeles.lister()).map(vueModele));
  });

  router.post('/api/exports/modeles', async (req, res) => {
    const corps = modeleExportBodySchema.parse(req.body ?? {});
    res.status(201).json(vueModele(await modeles.creer(corps, acteur(res))));
  });

  // Running a template (before /:id, which would take "MEX-….xlsx" as an id).
  for (const format of FORMATS_EXPORT)
    router.get(`/api/exports/modeles/:id.${format}`, async (req, res) => {
      const { id } = modeleIdParamsSchema.parse(req.params);
      const m = await modeles.lireOuEchouer(id);
      const filtre = filtreExportSchema.parse(m.filtre);
      await envoyerExport(deps, res, { objet: m.objet, colonnes: m.colonnes, filtre, format }, m.nom);
    });

  router.get('/api/exports/modeles/:id', async (req, res) => {
    const { id } = modeleIdParamsSchema.parse(req.params);
    res.json(vueModele(await modeles.lireOuEchouer(id)));
  });

  router.patch('/api/exports/modeles/:id', async (req, res) => {
    const { id } = modeleIdParamsSchema.parse(req.params);
    const patch = modeleExportPatchSchema.parse(req.body ?? {});
    const actuel = await modeles.lireOuEchouer(id);
    // The whole template after the change, checked as a new one (columns against its object, new or kept).
    const suivant = modeleExportBodySchema.parse({
      nom: patch.nom ?? actuel.nom,
      objet: patch.objet ?? actuel.objet,
      colonnes: patch.colonnes ?? actuel.colonnes,
      filtre: patch.filtre ?? actuel.filtre,
    });
    res.json(vueModele(await modeles.modifier(id, suivant)));
  });

  router.delete('/api/exports/modeles/:id', async (req, res) => {
    const { id } = modeleIdParamsSchema.parse(req.params);
    await modeles.supprimer(id);
    res.status(204).end();
  });

  // --- Scheduled exports -----------------------------------------------------------------------------------
  const vueProgramme = (p: Awaited<ReturnType<SqlModelesExportStore['creerProgramme']>>) => ({ ...p, scheduleId: idPlanificationExport(p.id) });

  router.get('/api/exports/programmes', async (_req, res) => {
    res.json((await modeles.listerProgrammes()).map(vueProgramme));
  });

  router.post('/api/exports/programmes', async (req, res) => {
    const corps = exportProgrammeBodySchema.parse(req.body ?? {});
    res.status(201).json(vueProgramme(await creerExportProgramme(deps, corps, acteur(res))));
  });

  router.delete('/api/exports/programmes/:id', async (req, res) => {
    const { id } = exportProgrammeIdParamsSchema.parse(req.params);
    await supprimerExportProgramme(deps, id);
    res.status(204).end();
  });

  // --- The signed download of a scheduled export's file (public: the token is the credential) ----------------
  router.get('/exports/telechargement/:jeton', async (req, res) => {
    const v = verifierJeton(cle(), String(req.params.jeton));
    if (!v.ok) {
      if (v.raison === 'expire')
        sendMessage(
          res,
          403,
          'Lien expiré',
          ['Ce lien de téléchargement a expiré.', 'Le prochain envoi programmé vous apportera un nouveau lien ; pour un export immédiat, contactez l’UNML.'],
          'alerte',
        );
      else sendMessage(res, 404, 'Lien invalide', ['Ce lien de téléchargement est inconnu ou incomplet : vérifiez qu’il a été copié en entier.'], 'alerte');
      return;
    }
    const chemin = cheminFichier(config.DATA_DIR, v.fichier, v.format);
    const s = await stat(chemin).catch(() => undefined);
    if (!s?.isFile()) {
      sendMessage(res, 404, 'Fichier introuvable', ['Le fichier de cet export n’est plus disponible.'], 'alerte');
      return;
    }
    res
      .status(200)
      .type(TYPES_MIME[v.format as FormatExport])
      .set('Content-Length', String(s.size))
      .set('Content-Disposition', `attachment; filename="export-${v.fichier}.${v.format}"`)
      .set('Cache-Control', 'no-store')
      .set('Referrer-Policy', 'no-referrer');
    await new Promise<void>((fini, echec) => createReadStream(chemin).on('error', echec).pipe(res).on('finish', fini).on('error', echec));
  });

  // The store's refusals: unknown 404, conflict (a name taken, a template in use) 409, in French.
  router.use((err: unknown, _req: Request, _res: Response, next: NextFunction) => {
    if (err instanceof ModeleExportErreur)
      next(
        new ApiError(
          err.code === 'introuvable' ? 404 : 409,
          err.code === 'introuvable' ? 'not_found' : 'conflit',
          err.message,
          err.code === 'conflit' && /nom/.test(err.message) ? [{ path: 'nom', message: err.message }] : undefined,
        ),
      );
    else next(err);
  });

  return router;
}
