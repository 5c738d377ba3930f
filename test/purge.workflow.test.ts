// The retention purge (issue #15): the workflow on the time-skipping server removes the personal data of dossiers
// ended more than 24 months ago (their files, free-text answers), refused applications older than 6 months and the
// development sink's old emails, keeps everything younger and every figure, and a second run finds nothing more. Then
// its Schedule on the dev server runs it by itself and deletes a closed execution past its retention.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { alignerRetentionNamespace, assurerPlanificationPurge, createPurgeActivities, ID_PLANIFICATION_PURGE } from '../activities/purge';
import { SqlReportingStore } from '../db/reporting';
import { SqlRetentionStore } from '../db/retention';
import type { NouvelleCandidature } from '../db/store';
import type { InstantaneReporting } from '../domain/reporting';
import { moisAvant, type BilanPurge } from '../domain/retention';
import { propagerFicheIntervenant, purgeDonneesPersonnelles } from '../workflows';
import { createTestStore, type TestStore } from './helpers/db';
import { createDevServerEnv, createTimeSkippingEnv, resultatSansSauterLeTemps, until } from './helpers/temporal';
import { DIRECTEUR_BRETAGNE } from './helpers/pool';

function termine(dossierId: string, termineLe: string | undefined): InstantaneReporting {
  return {
    sequence: 1,
    dossier: {
      dossierId,
      dispositif: 'appui_conseil',
      missionLocale: 'ML-BREST',
      region: 'BRE',
      etape: termineLe ? 'cloture' : 'mise_en_oeuvre',
      ...(termineLe ? { issue: 'cloture' as const, termineLe } : {}),
      demandeLe: moisAvant(termineLe ?? new Date().toISOString(), 8),
      intervenants: [],
    },
    unites: [{ cle: 'journee-1', dossierId, type: 'consultant_cabinet', date: '2024-01-10', demiJournees: 2, nature: 'journee_intervention' }],
    reponses: [
      { dossierId, repondant: 'ml', question: 'satisfaction', reponse: '4', le: termineLe ?? '2026-01-01T00:00:00.000Z' },
      { dossierId, repondant: 'ml', question: 'commentaire', reponse: 'La directrice, Mme Le Gall, a apprécié.', le: termineLe ?? '2026-01-01T00:00:00.000Z' },
    ],
  };
}

const CANDIDATURE = (nom: string, email: string): NouvelleCandidature => ({
  type: 'expert_reseau',
  nom,
  email,
  region: 'BRE',
  expertises: ['finances'],
  capaciteDossiers: 1,
  capaciteHeuresMois: 8,
  connaissances: [],
  motivation: 'Vingt ans de direction financière.',
});

interface Monde {
  db: TestStore;
  reporting: SqlReportingStore;
  dataDir: string;
  mailDir: string;
}

/** Two ended dossiers (25 and 23 months ago) and a running one, their files, two refused applications, two emails. */
async function remplir(m: Monde, maintenant: string): Promise<void> {
  await m.reporting.enregistrer(termine('APC-VIEUX', moisAvant(maintenant, 25)));
  await m.reporting.enregistrer(termine('APC-RECENT', moisAvant(maintenant, 23)));
  await m.reporting.enregistrer(termine('APC-ENCOURS', undefined));
  for (const id of ['APC-VIEUX', 'APC-RECENT']) {
    mkdirSync(join(m.dataDir, 'livrables', id), { recursive: true });
    writeFileSync(join(m.dataDir, 'livrables', id, 'a'.repeat(64)), 'rapport');
  }
  const store = m.db.store;
  const ancienne = (await store.deposerCandidature(CANDIDATURE('Yann Ancien', 'yann@example.org'))).candidature;
  const recente = (await store.deposerCandidature(CANDIDATURE('Nolwenn Récente', 'nolwenn@example.org'))).candidature;
  await store.deposerCandidature(CANDIDATURE('Erwan Attente', 'erwan@example.org'));
  await store.refuserCandidature(ancienne.id, 'unml', 'Hors périmètre');
  await store.refuserCandidature(recente.id, 'unml', 'Hors périmètre');
  await m.db.db
    .updateTable('candidatures')
    .set({ decision_le: moisAvant(maintenant, 7) })
    .where('id', '=', ancienne.id)
    .execute();
  await m.db.db
    .updateTable('candidatures')
    .set({ decision_le: moisAvant(maintenant, 5) })
    .where('id', '=', recente.id)
    .execute();
  for (const [nom, mois] of [
    ['ancien.eml', 25],
    ['recent.eml', 1],
  ] as const) {
    const chemin = join(m.mailDir, nom);
    writeFileSync(chemin, 'Subject: test\r\n\r\nBonjour');
    const t = new Date(moisAvant(maintenant, mois));
    utimesSync(chemin, t, t);
  }
}

async function monde(): Promise<Monde> {
  const db = await createTestStore('sqlite');
  const dataDir = mkdtempSync(join(tmpdir(), 'purge-data-'));
  const mailDir = join(dataDir, 'mail');
  mkdirSync(mailDir);
  return { db, reporting: new SqlReportingStore(db.db), dataDir, mailDir };
}

async function nettoyer(m: Monde | undefined): Promise<void> {
  if (!m) return;
  await m.db.cleanup();
  rmSync(m.dataDir, { recursive: true, force: true });
}

function worker(env: TestWorkflowEnvironment, m: Monde, taskQueue: string) {
  return Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('../workflows'),
    activities: createPurgeActivities({
      retention: new SqlRetentionStore(m.db.db),
      client: env.client,
      dataDir: m.dataDir,
      mailDir: m.mailDir,
      dossiersMois: 24,
      candidaturesMois: 6,
    }),
  });
}

async function reponsesDe(m: Monde, dossierId: string): Promise<string[]> {
  return (await m.reporting.reponses()).filter((r) => r.dossierId === dossierId).map((r) => r.question);
}

describe('retention purge on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let m: Monde;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    m = await monde();
  });
  afterAll(async () => {
    await env?.teardown();
    await nettoyer(m);
  });

  it('purges what is past its retention, keeps the rest and every figure; run again, it finds nothing more until more is due', async () => {
    const taskQueue = 'purge-ts';
    const w = await worker(env, m, taskQueue);
    const purge = async (workflowId: string) =>
      resultatSansSauterLeTemps<BilanPurge>(await env.client.workflow.start(purgeDonneesPersonnelles, { taskQueue, workflowId, args: [{}] }));
    await w.runUntil(async () => {
      // The workflow's clock is the server's: the data is dated from it.
      const maintenant = new Date(await env.currentTimeMs()).toISOString();
      await remplir(m, maintenant);
      const bilan: BilanPurge = await purge('purge-1');
      expect(bilan).toEqual({ dossiers: 1, fichiers: 1, historiques: 0, reponsesLibres: 1, candidatures: 1, courriels: 1 });

      // The old dossier's file and free text are gone; its numeric answer and its unit of work stay for the figures.
      expect(existsSync(join(m.dataDir, 'livrables', 'APC-VIEUX'))).toBe(false);
      expect(await reponsesDe(m, 'APC-VIEUX')).toEqual(['satisfaction']);
      const unites = [];
      for await (const u of m.reporting.unites({ dispositif: 'appui_conseil' })) unites.push(u.dossierId);
      expect(unites.sort()).toEqual(['APC-ENCOURS', 'APC-RECENT', 'APC-VIEUX']);
      // Younger than 24 months, or running: untouched.
      expect(readdirSync(join(m.dataDir, 'livrables', 'APC-RECENT'))).toHaveLength(1);
      expect(await reponsesDe(m, 'APC-RECENT')).toEqual(['satisfaction', 'commentaire']);
      expect(await reponsesDe(m, 'APC-ENCOURS')).toEqual(['satisfaction', 'commentaire']);
      // The application refused 7 months ago is gone with its history; the one refused 5 months ago and the pending one stay.
      const restantes = (await m.db.store.listCandidatures()).map((c) => c.nom).sort();
      expect(restantes).toEqual(['Erwan Attente', 'Nolwenn Récente']);
      expect(await m.db.db.selectFrom('historique').select('entite_id').where('entite', '=', 'candidature').execute()).toHaveLength(3);
      expect(readdirSync(m.mailDir)).toEqual(['recent.eml']);

      // Run again at once: nothing more is due.
      const lendemain: BilanPurge = await purge('purge-2');
      expect(lendemain).toEqual({ dossiers: 0, fichiers: 0, historiques: 0, reponsesLibres: 0, candidatures: 0, courriels: 0 });
      // Two months later (the time-skipping server's clock moved by hand), the other dossier is due.
      await env.sleep('62 days');
      const plusTard: BilanPurge = await purge('purge-3');
      expect(plusTard).toMatchObject({ dossiers: 1, fichiers: 1, reponsesLibres: 1, candidatures: 1 });
      expect(await reponsesDe(m, 'APC-RECENT')).toEqual(['satisfaction']);
    });
    // Bundling the workflows for the worker takes a while on a loaded CI machine.
  }, 240_000);
});

describe('retention purge Schedule on the dev server', () => {
  let env: TestWorkflowEnvironment;
  let m: Monde;

  beforeAll(async () => {
    env = await createDevServerEnv();
    m = await monde();
  });
  afterAll(async () => {
    await env?.client.schedule
      .getHandle(ID_PLANIFICATION_PURGE)
      .delete()
      .catch(() => undefined);
    await env?.teardown();
    await nettoyer(m);
  });

  it('runs the purge by itself and deletes the closed execution of a dossier past its retention', async () => {
    const taskQueue = 'purge-dev';
    const w = await worker(env, m, taskQueue);
    await w.runUntil(async () => {
      const maintenant = new Date().toISOString();
      await remplir(m, maintenant);
      // A closed execution under the old dossier's id (any short workflow), as if the namespace retention had kept it.
      await env.client.workflow.execute(propagerFicheIntervenant, {
        taskQueue,
        workflowId: 'APC-VIEUX',
        args: [{ intervenant: DIRECTEUR_BRETAGNE, dossierIds: [] }],
      });
      expect(await assurerPlanificationPurge(env.client, { taskQueue, intervalleMs: 2000 })).toBe('creee');
      // Asked again (a worker restart): the same Schedule, brought up to date.
      expect(await assurerPlanificationPurge(env.client, { taskQueue, intervalleMs: 2000 })).toBe('mise_a_jour');
      await until(
        'the scheduled purge to delete the old dossier’s execution',
        async () => {
          const purge = (await m.db.db.selectFrom('reporting_dossiers').select('purge_le').where('dossier_id', '=', 'APC-VIEUX').executeTakeFirst())?.purge_le;
          if (!purge) return undefined;
          const existe = await env.client.workflow
            .getHandle('APC-VIEUX')
            .describe()
            .then(() => true)
            .catch(() => false);
          return existe ? undefined : true;
        },
        () => true,
        60_000,
      );
      expect(existsSync(join(m.dataDir, 'livrables', 'APC-VIEUX'))).toBe(false);
      expect(existsSync(join(m.dataDir, 'livrables', 'APC-RECENT'))).toBe(true);
      const runs = (await env.client.schedule.getHandle(ID_PLANIFICATION_PURGE).describe()).info.recentActions;
      expect(runs.length).toBeGreaterThan(0);
      // The namespace keeps closed histories as long as the dossiers' retention (`npm start` sets it).
      expect(await alignerRetentionNamespace(env.client, 24)).toBe(744);
      const ns = await env.client.workflowService.describeNamespace({ namespace: env.client.options.namespace });
      expect(Number(ns.config?.workflowExecutionRetentionTtl?.seconds)).toBe(744 * 86_400);
    });
  }, 240_000);
});
