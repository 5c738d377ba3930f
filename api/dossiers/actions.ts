// The shape of a dossier action and its factories. Each dispositif has its table (<dispositif>/actions.ts):
// French kebab-case path → (update, input schema, documentation). The router and the OpenAPI registration both
// iterate over them; there is one generic handler.
import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { z } from 'zod';
import type { Config } from '../../config';
import type { ComptesStore } from '../../db/comptes-store';
import { interlocutriceParCompteSchema, resoudreInterlocutrice } from '../comptes/interlocutrice';
import type { ContexteAction } from '../../workflows/shared/handlers';
import type { Acteur } from '../../workflows/shared/state';
import { relancer, type RelancerInput } from '../../workflows/shared/messages';
import { par, type SameShape, type SansActeur } from './schemas';

/** What an action may need besides its body (e.g. where deliverables are stored). */
export interface ActionContext {
  dossierId: string;
  config: Pick<Config, 'DATA_DIR' | 'LIVRABLES_MAX_BYTES'>;
  /** Who calls (issue #17 §2): the workflow records this role and source, not the body's say. Default: UNML staff through the API. */
  acteur?: Acteur;
  /** The staff accounts: an interlocutrice is named by her account's id, resolved here (api/comptes/interlocutrice.ts). */
  comptes: Pick<ComptesStore, 'getCompte'>;
}

/** Staff scripts call the API (until sign-in comes, #12, every caller of /api/dossiers is UNML staff). */
export const ACTEUR_API: Acteur = { role: 'unml', source: 'api' };
const contexte = (c: ActionContext): ContexteAction => ({ acteur: c.acteur ?? ACTEUR_API });

export interface DossierAction<State = unknown> {
  /** Path under /api/dossiers/:id/ */
  path: string;
  updateName: string;
  summary: string;
  /** The request body's schema (documented in OpenAPI). */
  schema: z.ZodType;
  /** True when the body names an interlocutrice by her account's id (refused when unknown, inactive or read-only). */
  interlocutrice?: boolean;
  /** A JSON body limit above the API's default, for this action only (e.g. files in base64), and the 413 message beyond it. */
  bodyLimit?(config: ActionContext['config']): { octets: number; message: string };
  /** Validates the body with the schema, then sends the update; resolves with the new state. */
  execute(handle: WorkflowHandle, body: unknown, context: ActionContext): Promise<State>;
}

/**
 * Compiles only when the schema's output type and the update's input type are mutually assignable:
 * a field added, removed or retyped on either side is a type error here.
 */
export type MatchesInput<S extends z.ZodType, I> =
  SameShape<z.output<S>, SansActeur<I>> extends true ? S : { error: 'the zod schema does not match the update input type'; schema: z.output<S>; input: I };

/** An action whose validated body is the update's input as is. */
export function action<State, I, S extends z.ZodType<NoInfer<I>>>(
  path: string,
  update: UpdateDefinition<State, [I]>,
  schema: S & MatchesInput<S, I>,
  summary: string,
): DossierAction<State> {
  const parCompte = avecInterlocutriceParCompte(schema);
  if (parCompte) {
    return {
      path,
      updateName: update.name,
      summary,
      schema: parCompte,
      interlocutrice: true,
      execute: async (handle, body, context) => {
        const requete = parCompte.parse(body ?? {}) as { interlocutrice?: { id: string } };
        const interlocutrice = requete.interlocutrice ? await resoudreInterlocutrice(context.comptes, requete.interlocutrice.id) : undefined;
        const input = schema.parse({ ...requete, ...(interlocutrice ? { interlocutrice } : {}) }) as I;
        return handle.executeUpdate(update, { args: [input, contexte(context)] as unknown as [I] });
      },
    };
  }
  return {
    path,
    updateName: update.name,
    summary,
    schema,
    execute: async (handle, body, context) => handle.executeUpdate(update, { args: [schema.parse(body ?? {}) as I, contexte(context)] as unknown as [I] }),
  };
}

/**
 * The request schema of an input that carries an interlocutrice (staffSchema: id, nom, email): the same, with the
 * interlocutrice named by her account's id only (optional where the input's is); undefined for any other input.
 */
function avecInterlocutriceParCompte(schema: z.ZodType): z.ZodObject | undefined {
  if (!(schema instanceof z.ZodObject)) return undefined;
  const champ = (schema.shape as Record<string, z.ZodType>).interlocutrice;
  if (!champ) return undefined;
  const facultatif = champ instanceof z.ZodOptional;
  const description = champ.description;
  const parCompte = facultatif ? interlocutriceParCompteSchema.optional() : interlocutriceParCompteSchema;
  return schema.extend({ interlocutrice: description ? parCompte.describe(description) : parCompte });
}

/**
 * An action whose body needs work in the API before the update (e.g. storing a file): `prepare` turns the
 * validated body into the update's input (typed, so it cannot drift either).
 */
export function preparedAction<State, I, S extends z.ZodType>(
  path: string,
  update: UpdateDefinition<State, [I]>,
  schema: S,
  prepare: (body: z.output<S>, context: ActionContext) => Promise<I>,
  summary: string,
  options: Pick<DossierAction, 'bodyLimit'> = {},
): DossierAction<State> {
  return {
    path,
    updateName: update.name,
    summary,
    schema,
    ...options,
    execute: async (handle, body, context) =>
      handle.executeUpdate(update, { args: [await prepare(schema.parse(body ?? {}), context), contexte(context)] as unknown as [I] }),
  };
}

/** The body of `relance`: who asks, for the timeline (optional). */
export const relanceSchema = z.object({ par });

/**
 * `relance` (issue #12), every dispositif's: sends again the reminder of what the dossier waits for now (same email and
 * recipients as the automatic reminder, a fresh link), through the kit's `relancer` Update (workflows/shared/kit.ts).
 */
export function actionRelance<State>(): DossierAction<State> {
  return action(
    'relance',
    relancer as unknown as UpdateDefinition<State, [RelancerInput]>,
    relanceSchema,
    'Renvoyer la relance en attente (même e-mail et mêmes destinataires que la relance automatique, avec un nouveau lien)',
  );
}
