// ACTIONS_AVANT_EMAILS (issue #11 §1): with the outbox, a staff or participant action answers as soon as the
// dossier's state has changed; its emails follow, in the order they were asked for. A dossier started without it
// (every running dossier) keeps answering after its emails. Emails are held back at will by the test worker, so
// nothing here depends on timing.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { NotifyInput } from '../activities/email/kinds';
import { compagnonnage } from '../workflows';
import * as M from '../workflows/compagnonnage/messages';
import { demande, input } from './helpers/compagnonnage';
import { codeUnique, INTERLOCUTRICE } from './helpers/fixtures';
import { createTimeSkippingEnv, until } from './helpers/temporal';
import { startWorker, type Mailbox } from './helpers/worker';

const TASK_QUEUE = 'actions-avant-emails';
let env: TestWorkflowEnvironment;
let mailbox: Mailbox;
let stopWorker: () => Promise<void>;

/** The acceptance email of each dossier waits at its gate until the test opens it. */
const portes = new Map<string, { tenu: boolean; ouvrir: () => void; ouverte: Promise<void> }>();
function porte(dossierId: string) {
  let p = portes.get(dossierId);
  if (!p) {
    let ouvrir!: () => void;
    const ouverte = new Promise<void>((resolve) => (ouvrir = resolve));
    p = { tenu: false, ouvrir, ouverte };
    portes.set(dossierId, p);
  }
  return p;
}
function avantEnvoi(i: NotifyInput): Promise<void> | undefined {
  if (i.message.kind !== 'demande_acceptee') return undefined;
  const p = porte(i.dossier.dossierId);
  p.tenu = true;
  return p.ouverte;
}

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  ({ mailbox, stop: stopWorker } = await startWorker(env, TASK_QUEUE, { avantEnvoi }));
});

afterAll(async () => {
  await stopWorker?.();
  await env?.teardown();
});

async function demarrer(actionsAvantEmails: boolean) {
  const id = codeUnique('CMP-AAE');
  const h = await env.client.workflow.start(compagnonnage, { taskQueue: TASK_QUEUE, workflowId: id, args: [{ ...input(id, demande()), actionsAvantEmails }] });
  await mailbox.attendre(h, 'accuse_reception');
  return h;
}

test('with the outbox, accepting a demand answers before its email, which then goes out before the next ones', async () => {
  const h = await demarrer(true);
  const state = await h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
  expect(state.etape).toBe('designation_intervenant');
  // The answer came while the acceptance email was still held back.
  expect(mailbox.sent.filter((m) => m.dossier.dossierId === h.workflowId).map((m) => m.message.kind)).not.toContain('demande_acceptee');
  porte(h.workflowId).ouvrir();
  await mailbox.attendre(h, 'demande_acceptee');
  await mailbox.attendre(h, 'intervenants_proposes');
  const kinds = mailbox.sent.filter((m) => m.dossier.dossierId === h.workflowId).map((m) => m.message.kind);
  expect(kinds.indexOf('demande_acceptee')).toBeLessThan(kinds.indexOf('intervenants_proposes'));
});

test('without it, the action answers only once its email is out (as every dossier started before)', async () => {
  const h = await demarrer(false);
  let repondu = false;
  const reponse = h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] }).then((s) => {
    repondu = true;
    return s;
  });
  await until('the acceptance email held back', async () => porte(h.workflowId).tenu || undefined);
  expect(repondu).toBe(false);
  porte(h.workflowId).ouvrir();
  expect((await reponse).etape).toBe('designation_intervenant');
  expect(mailbox.sent.filter((m) => m.dossier.dossierId === h.workflowId).map((m) => m.message.kind)).toContain('demande_acceptee');
});
