// Wiring shared by every dossier workflow: refusable actions as Updates, and search attributes kept current.
import type { SearchAttributeUpdatePair, UpdateDefinition } from '@temporalio/common';
import {
  allHandlersFinished,
  CancellationScope,
  condition,
  defineQuery,
  isCancellation,
  patched,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { Dispositif, MissionLocale } from '../../domain/schemas';
import { refuse } from './refusal';
import type { Acteur } from './state';
import type { AttenteDe } from './attente';
import { ATTENTE_DE, DISPOSITIF, ETAPE, INTERLOCUTRICE, INTERVENANT, INTERVENANTS, MISSION_LOCALE, PROCHAINE_ECHEANCE, REGION } from './search-attributes';

export const now = (): string => new Date().toISOString();

export type On<S> = <I>(update: UpdateDefinition<S, [I]>, check: (i: I, at: string) => void, apply: (i: I, at: string) => Promise<void> | void) => void;

/**
 * An action done from a personal link (activities/action-links.ts) carries, as the update's second argument,
 * the link's token id: a link serves once. Staff calls through the API send no second argument.
 */
export interface LienUtilise {
  lien: { jti: string };
}
/**
 * Who sent the action, as the update's second argument: the API says `{ role: 'unml', source: 'api' }`, a link its
 * person's role. The kit hands it to the dossier as the input's `acteur` (issue #17 §2), never from the body.
 */
export interface ContexteAction extends Partial<LienUtilise> {
  acteur?: Acteur;
}

const ROLES_ACTEUR: readonly string[] = ['ml', 'unml', 'intervenant', 'cabinet'];
const SOURCES: readonly string[] = ['api', 'lien', 'back_office'];

/** A staff account's id as the API sends it: short and opaque (never an email). */
const COMPTE = /^[A-Z]{2,5}-[0-9A-Z]{6,20}$/;

/** The actor an update's second argument names, when valid (role, source, account id). */
export function acteurOf(extra: unknown[]): Acteur | undefined {
  const a = (extra[0] as ContexteAction | undefined)?.acteur;
  if (!a || !ROLES_ACTEUR.includes(a.role) || !SOURCES.includes(a.source)) return undefined;
  return typeof a.compte === 'string' && COMPTE.test(a.compte) ? { role: a.role, source: a.source, compte: a.compte } : { role: a.role, source: a.source };
}

/** The input as the dossier sees it: with the real actor when the API or a link said it. */
function avecActeur<I>(i: I, extra: unknown[]): I {
  const acteur = acteurOf(extra);
  return acteur && typeof i === 'object' && i !== null ? ({ ...i, acteur } as I) : i;
}
/** The token ids of the links already used on this dossier (rebuilt on replay from the updates' history). */
export const getLiensUtilises = defineQuery<string[]>('getLiensUtilises');
export const LIEN_DEJA_UTILISE =
  'Ce lien a déjà été utilisé : l’action qu’il permettait est enregistrée. Pour toute autre démarche, contactez votre interlocutrice UNML.';

function jtiOf(extra: unknown[]): string | undefined {
  const jti = (extra[0] as Partial<LienUtilise> | undefined)?.lien?.jti;
  return typeof jti === 'string' && jti.length > 0 && jti.length <= 100 ? jti : undefined;
}

/**
 * Returns `on(update, check, apply)`: the validator runs `check` (it refuses with a reason and changes
 * nothing), the handler runs `apply`, then `afterEach`, and answers the new state.
 * An action that arrives before `ready()` (the intake: acknowledgement and ARML notice sent) waits for it,
 * then is checked again, so emails go out in the order things happened and a demand found not receivable
 * refuses the action with its reason.
 * A link's token id already used is refused; it is recorded before `apply` runs, so two uses cannot both pass.
 */
export function actionRegistrar<S>(
  state: () => S,
  afterEach: () => void,
  ready: () => boolean = () => true,
  /** Runs each `apply` (the kit's, with an outbox: the emails it asks for follow the answer); none: as before. */
  envelopper?: (apply: () => Promise<void>) => Promise<void>,
): On<S> {
  const liensUtilises = new Set<string>();
  setHandler(getLiensUtilises, () => [...liensUtilises]);
  return (update, check, apply) => {
    setHandler(
      update,
      async (recu, ...extra: unknown[]) => {
        const i = avecActeur(recu, extra);
        if (!ready()) {
          await condition(ready);
          check(i, now());
        }
        const jti = jtiOf(extra);
        if (jti && liensUtilises.has(jti)) refuse(LIEN_DEJA_UTILISE);
        if (jti) liensUtilises.add(jti);
        try {
          // Without an envelope, exactly the calls of dossiers started before it (their histories hold the order).
          if (envelopper) await envelopper(async () => apply(i, now()));
          else await apply(i, now());
        } catch (err) {
          // Nothing was recorded: the link may serve again.
          if (jti) liensUtilises.delete(jti);
          throw err;
        }
        afterEach();
        return state();
      },
      {
        validator: (i, ...extra: unknown[]) => {
          const jti = jtiOf(extra);
          if (jti && liensUtilises.has(jti)) refuse(LIEN_DEJA_UTILISE);
          check(avecActeur(i, extra), now());
        },
      },
    );
  };
}

/**
 * Upserts the dossier's search attributes: codes and opaque ids only, never personal data. `intervenantIds`: the
 * dossier's intervenants now, in order (the first one is `Intervenant`, which stays once set).
 */
export function syncSearchAttributes(a: {
  dispositif: Dispositif;
  ml: MissionLocale;
  etape: string;
  intervenantIds: string[];
  interlocutriceId?: string;
  /** The next deadline (ISO), none: removed. */
  prochaineEcheance?: string;
  /** Who the dossier waits for now, none (ended): removed. */
  attenteDe?: AttenteDe;
}): void {
  const pairs: SearchAttributeUpdatePair[] = [
    { key: DISPOSITIF, value: a.dispositif },
    { key: REGION, value: a.ml.region },
    { key: MISSION_LOCALE, value: a.ml.code },
    { key: ETAPE, value: a.etape },
  ];
  if (a.intervenantIds[0]) pairs.push({ key: INTERVENANT, value: a.intervenantIds[0] });
  // Runs started before this carry the first intervenant only.
  if (patched('search-attribute-intervenants')) pairs.push({ key: INTERVENANTS, value: a.intervenantIds.length ? a.intervenantIds : null });
  if (a.interlocutriceId) pairs.push({ key: INTERLOCUTRICE, value: a.interlocutriceId });
  // Runs started before this upsert neither (their histories hold the upserts without them).
  if (patched('commun-sa-echeance-attente')) {
    const le = a.prochaineEcheance ? new Date(a.prochaineEcheance) : undefined;
    pairs.push({ key: PROCHAINE_ECHEANCE, value: le && !Number.isNaN(le.getTime()) ? le : null });
    pairs.push({ key: ATTENTE_DE, value: a.attenteDe ?? null });
  }
  upsertSearchAttributes(pairs);
}

/**
 * Runs a dossier: its steps and, beside them, its background follow-up (reminders), both in the dossier's
 * cancellable scope (an abandon cancels them wherever they wait); then lets every handler finish.
 */
export async function runDossier(
  scope: CancellationScope,
  opts: { steps: () => Promise<void>; background: () => Promise<void>; abandoned: () => boolean },
): Promise<void> {
  const background = scope.run(opts.background).catch((err: unknown) => {
    if (!isCancellation(err)) throw err;
  });
  try {
    await scope.run(opts.steps);
  } catch (err) {
    if (!(isCancellation(err) && opts.abandoned())) throw err;
  }
  await background;
  await condition(allHandlersFinished);
}
