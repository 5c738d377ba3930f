// Several dossiers at once (issue #12): hand them over to another interlocutrice, or send their pending reminder again.
// Each dossier goes through its own action (the same `execute` as POST /api/dossiers/:id/<action>), a few at a time;
// the answer says, dossier by dossier, "fait" or the workflow's French reason: one refused does not stop the others.
// Served by POST /api/dossiers/lot (scripts) and POST /staff/lot (the back office's lists).
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Acteur } from '../../workflows/shared/state';
import { interlocutriceParCompteSchema, resoudreInterlocutrice } from '../comptes/interlocutrice';
import { dossierIdSchema } from '../common';
import { classifyError } from '../errors';
import type { ActionContext } from './actions';
import { dispositifApiOf } from './dispositifs';
import { par, texte } from './schemas';

/** At most this many dossiers in one request (a list's page holds up to 200). */
export const LOT_MAX = 200;
/** How many dossiers are acted on at the same time. */
export const LOT_CONCURRENCE = 4;

/** What each kind of batch does, in French, and the dossier action (its path) it runs on each dossier. */
export const ACTIONS_LOT = {
  interlocutrice: { path: 'interlocutrice', libelle: 'Passation à une autre interlocutrice', nom: 'le changement d’interlocutrice' },
  relance: { path: 'relance', libelle: 'Renvoi de la relance en attente', nom: 'la relance' },
} as const;
export type ActionLot = keyof typeof ACTIONS_LOT;

const dossiers = z
  .array(dossierIdSchema)
  .min(1, 'choisissez au moins un dossier')
  .max(LOT_MAX, `${LOT_MAX} dossiers au plus à la fois`)
  .describe(`Les dossiers (1 à ${LOT_MAX} ; un dossier répété n’est traité qu’une fois)`);

export const lotRequeteSchema = z
  .discriminatedUnion('action', [
    z.object({
      action: z.literal('interlocutrice').describe('Passer les dossiers à une autre interlocutrice (action « interlocutrice » de chaque dossier)'),
      dossiers,
      interlocutrice: interlocutriceParCompteSchema,
      note: texte(2000).optional().describe('Une note de passation, jointe à l’e-mail envoyé à la nouvelle interlocutrice'),
      par,
    }),
    z.object({
      action: z.literal('relance').describe('Renvoyer la relance en attente de chaque dossier (action « relance »)'),
      dossiers,
      par,
    }),
  ])
  .openapi('LotRequete', { example: { action: 'interlocutrice', dossiers: ['CMP-3F9A0C1B2D', 'CMP-0A1B2C3D4E'], interlocutrice: { id: 'CPT-7K2M9QXR4T' } } });
export type LotRequete = z.infer<typeof lotRequeteSchema>;

export const resultatLotSchema = z
  .object({
    dossierId: z.string(),
    statut: z
      .enum(['fait', 'refuse', 'erreur'])
      .describe('fait ; refuse : le dossier a refusé l’action (message : pourquoi) ; erreur : inattendue, à réessayer'),
    message: z.string().optional().describe('La raison du refus, en français (refuse, erreur)'),
    etape: z.string().optional().describe('L’étape du dossier après l’action (fait)'),
  })
  .openapi('ResultatLot');
export type ResultatLot = z.infer<typeof resultatLotSchema>;

export const lotReponseSchema = z
  .object({
    action: z.enum(['interlocutrice', 'relance']),
    resultats: z.array(resultatLotSchema).describe('Un résultat par dossier, dans l’ordre de la requête'),
    faits: z.number().int(),
    refuses: z.number().int().describe('Les dossiers refusés ou en erreur'),
  })
  .openapi('LotReponse');
export type LotReponse = z.infer<typeof lotReponseSchema>;

/** Runs `fn` on each item, `n` at a time at most; the results in the items' order. */
export async function enParallele<T, R>(items: readonly T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const resultats = new Array<R>(items.length);
  let suivant = 0;
  const travailleur = async () => {
    for (let i = suivant++; i < items.length; i = suivant++) resultats[i] = await fn(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, travailleur));
  return resultats;
}

export interface LotDeps {
  client: Client;
  config: ActionContext['config'] & Pick<Config, 'DATA_DIR'>;
  comptes: ActionContext['comptes'];
  logger: Logger;
}

/**
 * Runs the batch: for a hand-over, the account is checked once first (unknown, deactivated or read-only: the whole
 * request is refused, 400 or 409, as the single action would); then each dossier, LOT_CONCURRENCE at a time.
 */
export async function executerLot(deps: LotDeps, requete: LotRequete, acteur?: Acteur): Promise<LotReponse> {
  const { path } = ACTIONS_LOT[requete.action];
  const body =
    requete.action === 'interlocutrice'
      ? { interlocutrice: { id: (await resoudreInterlocutrice(deps.comptes, requete.interlocutrice.id)).id }, note: requete.note, par: requete.par }
      : { par: requete.par };
  const ids = [...new Set(requete.dossiers)];
  const resultats = await enParallele(ids, LOT_CONCURRENCE, (id) => unDossier(deps, id, path, requete.action, body, acteur));
  const faits = resultats.filter((r) => r.statut === 'fait').length;
  deps.logger.info({ action: path, dossiers: ids.length, faits }, 'batch applied');
  return { action: requete.action, resultats, faits, refuses: resultats.length - faits };
}

async function unDossier(deps: LotDeps, id: string, path: string, quoi: ActionLot, body: object, acteur?: Acteur): Promise<ResultatLot> {
  const api = dispositifApiOf(id);
  const action = api.actions.find((a) => a.path === path);
  if (!action) return { dossierId: id, statut: 'refuse', message: `${majuscule(ACTIONS_LOT[quoi].nom)} n’existe pas pour les dossiers ${api.libelle}.` };
  try {
    const context = { dossierId: id, config: deps.config, comptes: deps.comptes, ...(acteur ? { acteur } : {}) };
    const state = (await action.execute(deps.client.workflow.getHandle(id), sansVides(body), context)) as { etape?: string };
    return { dossierId: id, statut: 'fait', ...(typeof state?.etape === 'string' ? { etape: state.etape } : {}) };
  } catch (err) {
    const known = classifyError(err);
    if (known && known.status < 500) return { dossierId: id, statut: 'refuse', message: known.body.message };
    deps.logger.error({ err, dossierId: id, action: path }, 'batch action failed');
    return { dossierId: id, statut: 'erreur', message: 'Erreur inattendue : rien n’a été enregistré pour ce dossier ; réessayez dans quelques minutes.' };
  }
}

const majuscule = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const sansVides = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
