// Wiring shared by every dossier workflow: refusable actions as Updates, and search attributes kept current.
import type { SearchAttributeUpdatePair, UpdateDefinition } from '@temporalio/common';
import { condition, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { Dispositif, MissionLocale } from '../../domain/schemas';
import { DISPOSITIF, ETAPE, INTERLOCUTRICE, INTERVENANT, MISSION_LOCALE, REGION } from './search-attributes';

export const now = (): string => new Date().toISOString();

export type On<S> = <I>(update: UpdateDefinition<S, [I]>, check: (i: I, at: string) => void, apply: (i: I, at: string) => Promise<void> | void) => void;

/**
 * Returns `on(update, check, apply)`: the validator runs `check` (it refuses with a reason and changes
 * nothing), the handler runs `apply`, then `afterEach`, and answers the new state.
 * An action that arrives before `ready()` (the intake: acknowledgement and ARML notice sent) waits for it,
 * then is checked again, so emails go out in the order things happened and a demand found not receivable
 * refuses the action with its reason.
 */
export function actionRegistrar<S>(state: () => S, afterEach: () => void, ready: () => boolean = () => true): On<S> {
  return (update, check, apply) => {
    setHandler(
      update,
      async (i) => {
        if (!ready()) {
          await condition(ready);
          check(i, now());
        }
        await apply(i, now());
        afterEach();
        return state();
      },
      { validator: (i) => check(i, now()) },
    );
  };
}

/** Upserts the dossier's search attributes: codes and opaque ids only, never personal data. */
export function syncSearchAttributes(a: { dispositif: Dispositif; ml: MissionLocale; etape: string; intervenantId?: string; interlocutriceId?: string }): void {
  const pairs: SearchAttributeUpdatePair[] = [
    { key: DISPOSITIF, value: a.dispositif },
    { key: REGION, value: a.ml.region },
    { key: MISSION_LOCALE, value: a.ml.code },
    { key: ETAPE, value: a.etape },
  ];
  if (a.intervenantId) pairs.push({ key: INTERVENANT, value: a.intervenantId });
  if (a.interlocutriceId) pairs.push({ key: INTERLOCUTRICE, value: a.interlocutriceId });
  upsertSearchAttributes(pairs);
}
