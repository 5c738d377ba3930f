// The search attributes the back office's lists read (issue #12 §4), on the real time-skipping test server:
// ProchaineEcheance follows the dossier's next deadline and AttenteDe who it waits for, step after step; both go
// once the dossier ends.
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { compagnonnage } from '../workflows';
import * as M from '../workflows/compagnonnage/messages';
import type { CompagnonnageState } from '../workflows/compagnonnage/state';
import { ATTENTE_DE, ETAPE, PROCHAINE_ECHEANCE } from '../workflows/shared/search-attributes';
import { demande, input } from './helpers/compagnonnage';
import { INTERLOCUTRICE } from './helpers/fixtures';
import { DIRECTEUR_BRETAGNE } from './helpers/pool';
import { createTimeSkippingEnv } from './helpers/temporal';
import { startWorker } from './helpers/worker';

const TASK_QUEUE = 'search-attributes-test';
let env: TestWorkflowEnvironment;
let stopWorker: () => Promise<void>;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  ({ stop: stopWorker } = await startWorker(env, TASK_QUEUE));
}, 120_000);

afterAll(async () => {
  await stopWorker?.();
  await env?.teardown();
});

/** The dossier's step, next deadline and who it waits for, as the visibility store has them, and as its state says. */
async function attributs(h: WorkflowHandle) {
  const sa = (await h.describe()).typedSearchAttributes;
  const state = await h.query(M.getDossier);
  return { etape: sa.get(ETAPE), echeance: sa.get(PROCHAINE_ECHEANCE)?.toISOString(), attenteDe: sa.get(ATTENTE_DE), state };
}

const echeanceDe = (s: CompagnonnageState) => (s.prochaineEcheance ? new Date(s.prochaineEcheance.le).toISOString() : undefined);

describe('search attributes of a dossier: its next deadline and who it waits for', () => {
  it('follow the step and the deadline, and go when the dossier ends', async () => {
    const h = await env.client.workflow.start(compagnonnage, {
      taskQueue: TASK_QUEUE,
      workflowId: 'CMP-SATEST0001',
      args: [input('CMP-SATEST0001', demande())],
    });
    await env.sleep('1 minute');

    let a = await attributs(h);
    expect(a.etape).toBe('qualification');
    expect(a.attenteDe).toBe('unml');
    expect(a.echeance).toBe(echeanceDe(a.state));

    await h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
    await h.executeUpdate(M.designateIntervenant, { args: [{ intervenant: DIRECTEUR_BRETAGNE }] });
    a = await attributs(h);
    expect(a.etape).toBe('acceptation_intervenant');
    expect(a.attenteDe).toBe('intervenant');
    expect(a.echeance).toBe(echeanceDe(a.state));

    await h.executeUpdate(M.respondDesignation, { args: [{ accepte: true, intervenantId: DIRECTEUR_BRETAGNE.id }] });
    a = await attributs(h);
    expect(a.etape).toBe('acte_engagement');
    expect(a.attenteDe).toBe('ml');
    expect(a.state.prochaineEcheance).toBeDefined();
    expect(a.echeance).toBe(echeanceDe(a.state));

    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'La Mission Locale renonce' }] });
    await h.result();
    a = await attributs(h);
    expect(a.etape).toBe('abandonnee');
    expect(a.attenteDe).toBeUndefined();
    expect(a.echeance).toBeUndefined();
  });
});
