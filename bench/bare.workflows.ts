// The bare Temporal baseline of `npm run bench` (bench/main.ts): workflows that do what a dossier does to Temporal
// (activities, timers, an update, a query) and nothing else, bundled on their own and run by a worker of their own on
// the same server as the product, in the same run.
import { CancellationScope, condition, defineQuery, defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';

export interface BareActivities {
  /** Does nothing: the cost of one activity to Temporal and the worker. */
  rien(): Promise<void>;
}

const { rien } = proxyActivities<BareActivities>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: 3 } });

export const etat = defineQuery<{ etape: string; n: number }>('etat');
export const decider = defineUpdate<{ etape: string; n: number }, [string]>('decider');
export const etapeSuivante = defineUpdate<{ etape: string; n: number }>('etapeSuivante');

export interface DossierNu {
  /** Activities run before the update is taken (the intake), then after it. */
  avant: number;
  apres: number;
  /** Timers started while waiting for the update, cancelled when it comes (a dossier's reminders and lapses). */
  minuteries: number;
  /** Stays open after its last activity, as a dossier does after an action (a query then meets a cached workflow). */
  resteOuvert?: boolean;
}

/** A dossier reduced to its Temporal commands: activities, a wait on an update with timers, activities, the end. */
export async function dossierNu(p: DossierNu): Promise<{ etape: string; n: number }> {
  const s = { etape: 'accueil', n: 0 };
  let decision: string | undefined;
  setHandler(etat, () => s);
  setHandler(
    decider,
    async (d: string) => {
      await condition(() => s.etape === 'attente');
      decision = d;
      s.etape = d;
      return s;
    },
    {
      validator: (d: string) => {
        if (!d) throw new Error('décision vide');
      },
    },
  );
  for (let i = 0; i < p.avant; i++) {
    await rien();
    s.n++;
  }
  s.etape = 'attente';
  await CancellationScope.cancellable(async () => {
    for (let i = 0; i < p.minuteries; i++) sleep('30 days').catch(() => undefined);
    await condition(() => decision !== undefined);
    CancellationScope.current().cancel();
  });
  for (let i = 0; i < p.apres; i++) {
    await rien();
    s.n++;
  }
  if (p.resteOuvert) await condition(() => false);
  return s;
}

/**
 * A lifecycle reduced to its Temporal commands, for the time-skipping row: each `etapeSuivante` update moves it on;
 * it waits with a long timer between updates (the reminders), runs one activity per step, and ends after `etapes`.
 */
export async function parcoursNu(etapes: number): Promise<number> {
  let n = 0;
  let demandees = 0;
  setHandler(etat, () => ({ etape: String(n), n }));
  setHandler(etapeSuivante, async () => {
    demandees++;
    const cible = demandees;
    await condition(() => n >= cible);
    return { etape: String(n), n };
  });
  while (n < etapes) {
    await condition(() => demandees > n, '14 days');
    if (demandees > n) {
      await rien();
      n++;
    }
  }
  return n;
}
