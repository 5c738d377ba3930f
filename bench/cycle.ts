// Row 8, a lifecycle under time skipping: the wall time of a whole Compagnonnage (demand to closure, post-bilan
// included: about 6 months simulated; the steps of test/compagnonnage.workflow.test.ts's "whole path") on the
// time-skipping test server with the test worker (test/helpers/worker.ts), against a bare workflow taking the same
// number of updates with the same sleeps of the server's clock, on the same server. Never `result()` there (it would
// skip the clock 10 years): the end is polled with describe.
import type { WorkflowHandle } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { compagnonnage } from '../workflows';
import * as M from '../workflows/compagnonnage/messages';
import { input } from '../test/helpers/compagnonnage';
import { INTERLOCUTRICE } from '../test/helpers/fixtures';
import { DIRECTEUR_BRETAGNE } from '../test/helpers/pool';
import { createTimeSkippingEnv, inDays } from '../test/helpers/temporal';
import { startWorker } from '../test/helpers/worker';
import { arrondi, attendre, centile, type Ligne, type Options } from './common';
import { etat, etapeSuivante, parcoursNu } from './bare.workflows';
import { activitesNues, FILE_NUE } from './stack';

const TITRE = 'Cycle de vie complet sous saut de temps (Compagnonnage)';

type Pas = { sleep: Duration } | { update: (h: WorkflowHandle<typeof compagnonnage>) => Promise<unknown> };

function parcours(env: TestWorkflowEnvironment): Pas[] {
  const u = (update: (h: WorkflowHandle<typeof compagnonnage>) => Promise<unknown>): Pas => ({ update });
  return [
    { sleep: '1 minute' },
    u((h) => h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE, par: 'bench' }] })),
    u((h) => h.executeUpdate(M.designateIntervenant, { args: [{ intervenant: DIRECTEUR_BRETAGNE }] })),
    u((h) => h.executeUpdate(M.respondDesignation, { args: [{ accepte: true, intervenantId: DIRECTEUR_BRETAGNE.id }] })),
    u((h) => h.executeUpdate(M.signActeEngagement, { args: [{ signataire: 'Claire Martin' }] })),
    u((h) => h.executeUpdate(M.submitFicheCadrage, { args: [{ besoin: 'Structurer le management', objectifs: ['Entretiens annuels'] }] })),
    u(async (h) => h.executeUpdate(M.scheduleVisioLancement, { args: [{ debut: await inDays(env, 2) }] })),
    { sleep: '2 days' },
    u((h) => h.executeUpdate(M.recordVisioLancement, { args: [{}] })),
    ...Array.from({ length: 12 }, (_, w): Pas[] => [
      { sleep: '7 days' },
      u(async (h) => h.executeUpdate(M.logSession, { args: [{ date: await inDays(env, 0), dureeMinutes: 120, resume: `Séance ${w + 1}` }] })),
    ]).flat(),
    u((h) => h.executeUpdate(M.endAccompagnement, { args: [{}] })),
    ...(['bilan_ml', 'bilan_intervenant', 'bilan_collectif'] as const).map((visio, n) =>
      u(async (h) => h.executeUpdate(M.scheduleVisioBilan, { args: [{ visio, debut: await inDays(env, 5 + n) }] })),
    ),
    { sleep: '8 days' },
    u((h) =>
      h.executeUpdate(M.submitFicheBilan, {
        args: [{ objectifs: [{ objectif: 'Entretiens annuels', atteint: true }], recommandations: 'Poursuivre', pointsDeVigilance: 'Turn-over' }],
      }),
    ),
    u((h) => h.executeUpdate(M.submitEvaluation, { args: [{ repondant: 'ml', reponses: { utilite: 'Très utile' } }] })),
    { sleep: '91 days' },
    u((h) => h.executeUpdate(M.recordPostBilan, { args: [{ impact: 'Équipe stabilisée' }] })),
  ];
}

async function fini(h: WorkflowHandle): Promise<void> {
  await attendre(`the end of ${h.workflowId}`, async () => (await h.describe()).status.name !== 'RUNNING', 120_000);
  const statut = (await h.describe()).status.name;
  if (statut !== 'COMPLETED') throw new Error(`${h.workflowId} ended ${statut}`);
}

/**
 * Row 4, in part: a Query of a closed workflow is answered by replaying its whole history (a closed workflow is not in
 * the sticky cache), so each Query of the finished Compagnonnage above is a cold replay of a 12-session history.
 */
async function requetesFroides(n: number, f: () => Promise<unknown>): Promise<number[]> {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await f();
    t.push(performance.now() - t0);
  }
  return t;
}

/** Rows 8 and 4 (the latter in part: see requetesFroides). */
export async function ligneCycle(o: Options): Promise<Ligne[]> {
  const env = await createTimeSkippingEnv();
  const fileProduit = 'bench-compagnonnage';
  let produit: Awaited<ReturnType<typeof startWorker>> | undefined;
  let nu: Worker | undefined;
  let nuRun: Promise<void> | undefined;
  try {
    produit = await startWorker(env, fileProduit);
    nu = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: FILE_NUE,
      workflowsPath: require.resolve('./bare.workflows'),
      activities: activitesNues,
    });
    nuRun = nu.run();
    const pas = parcours(env);
    const updates = pas.filter((p) => 'update' in p).length;

    let t0 = performance.now();
    const h = await env.client.workflow.start(compagnonnage, {
      taskQueue: fileProduit,
      workflowId: `CMP-BENCH${process.pid}`,
      args: [input(`CMP-BENCH${process.pid}`)],
    });
    for (const p of pas) await ('sleep' in p ? env.sleep(p.sleep) : p.update(h));
    await fini(h);
    const msProduit = performance.now() - t0;
    const etape = (await h.query(M.getDossier)).etape;

    t0 = performance.now();
    const b = await env.client.workflow.start(parcoursNu, { taskQueue: FILE_NUE, workflowId: `bench-parcours-${process.pid}`, args: [updates] });
    for (const p of pas) await ('sleep' in p ? env.sleep(p.sleep) : b.executeUpdate(etapeSuivante));
    await fini(b);
    const msNu = performance.now() - t0;
    const emails = produit.mailbox.sent.length;
    const requetes = o.quick ? 8 : 100;
    const evenements = (await h.fetchHistory()).events?.length ?? 0;
    const froidProduit = await requetesFroides(requetes, () => h.query(M.getDossier));
    const froidNu = await requetesFroides(requetes, () => b.query(etat));
    const [p99, n99] = [centile(froidProduit, 99), centile(froidNu, 99)];
    const rejeu: Ligne = {
      ligne: 4,
      titre: 'Rejeu à froid (Query d’un Compagnonnage clos de 12 séances, hors cache)',
      mesure: true,
      mesures: [
        {
          nom: `Query d’un dossier clos (${evenements} événements) p99 / parcours nu clos`,
          unite: 'ms',
          produit: arrondi(p99, 1),
          nu: arrondi(n99, 1),
          ratio: arrondi(p99 / n99),
          objectif: '< 250 ms',
          atteint: p99 < 250,
        },
        {
          nom: 'idem p50',
          unite: 'ms',
          produit: arrondi(centile(froidProduit, 50), 1),
          nu: arrondi(centile(froidNu, 50), 1),
          ratio: arrondi(centile(froidProduit, 50) / centile(froidNu, 50)),
          objectif: '—',
        },
      ],
      details: {
        requetes,
        evenementsProduit: evenements,
        serveur: 'test à saut de temps',
        nonMesures:
          'en partie seulement : ni le Compagnonnage de 24 séances ni la campagne de 11 ML, ni un vrai redémarrage du worker ' +
          '(un workflow clos n’est pas dans le cache : chaque Query rejoue tout son historique)',
      },
    };
    return [
      rejeu,
      {
        ligne: 8,
        titre: TITRE,
        mesure: true,
        mesures: [
          {
            nom: 'Compagnonnage complet (≈ 6 mois simulés) / parcours nu',
            unite: 'ms',
            produit: Math.round(msProduit),
            nu: Math.round(msNu),
            ratio: arrondi(msProduit / msNu),
            objectif: '< 5 s',
            atteint: msProduit < 5000,
          },
        ],
        details: {
          updates,
          sauts: pas.length - updates,
          etapeFinale: etape,
          emails,
          nonMesures: 'Appui Conseil et campagne : pas encore dans ce banc',
        },
      },
    ];
  } finally {
    if (nu) {
      nu.shutdown();
      await nuRun;
    }
    await produit?.stop();
    await env.teardown();
  }
}
