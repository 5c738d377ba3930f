// Sending the pending reminder again (issue #12, the kit's `relancer` Update), on the real time-skipping test server:
// a dossier waiting for the acte d'engagement (Compagnonnage, Appui Conseil) or for the ML's complements gets the same
// email as the automatic reminder, to the same people, with a fresh personal link that works; "Relance renvoyée" is in
// its timeline with who asked; a dossier at a step whose wait has no reminder answers why, naming the step.
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ActionLinks, personHash } from '../activities/action-links';
import { appuiConseil, compagnonnage, diagnostic } from '../workflows';
import * as A from '../workflows/appui-conseil/messages';
import * as M from '../workflows/compagnonnage/messages';
import { relancer } from '../workflows/shared/messages';
import type { Acteur } from '../workflows/shared/state';
import { parseMails } from './helpers/action-link-mails';
import * as appui from './helpers/appui-conseil';
import { input } from './helpers/compagnonnage';
import * as dgn from './helpers/diagnostic';
import { DAY, INTERLOCUTRICE, mlRouen } from './helpers/fixtures';
import { DIRECTEUR_BRETAGNE } from './helpers/pool';
import { createTimeSkippingEnv, refusal } from './helpers/temporal';
import { startWorker, type Mailbox } from './helpers/worker';

const TASK_QUEUE = 'relance-test';
const liens = new ActionLinks({ secret: 'relance-test-secret-0123456789abcdef0123456789', ttlMs: 30 * DAY, publicUrl: 'http://localhost:3000' });
const DIRECTION = mlRouen().direction.email;
const PRESIDENCE = mlRouen().presidence.email;
/** Who asks: a charge de mission in the back office. */
const ACTEUR: Acteur = { role: 'unml', source: 'back_office', compte: INTERLOCUTRICE.id };
let env: TestWorkflowEnvironment;
let mailbox: Mailbox;
let stopWorker: () => Promise<void>;
let counter = 0;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  ({ mailbox, stop: stopWorker } = await startWorker(env, TASK_QUEUE, { actionLinks: liens }));
}, 120_000);

afterAll(async () => {
  await stopWorker?.();
  await env?.teardown();
});

beforeEach(() => mailbox.clear());

const relance = (h: WorkflowHandle) => h.executeUpdate(relancer, { args: [{ par: INTERLOCUTRICE.nom }, { acteur: ACTEUR }] as never });

async function compagnonnageA(etape: 'acte_engagement' | 'qualification'): Promise<WorkflowHandle<typeof compagnonnage>> {
  const dossierId = `CMP-RELANCE${++counter}`;
  const h = await env.client.workflow.start(compagnonnage, { taskQueue: TASK_QUEUE, workflowId: dossierId, args: [input(dossierId)] });
  if (etape === 'qualification') return h;
  await h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
  await h.executeUpdate(M.designateIntervenant, { args: [{ intervenant: DIRECTEUR_BRETAGNE }] });
  const s = await h.executeUpdate(M.respondDesignation, { args: [{ accepte: true, intervenantId: DIRECTEUR_BRETAGNE.id }] });
  expect(s.etape).toBe('acte_engagement');
  await mailbox.attendre(h, 'acte_engagement_a_signer');
  return h;
}

/** The personal links of the emails of `kind` about the dossier (the copies have none), in order, with their verified claims. */
async function liensDe(h: WorkflowHandle, kind: string, action: 'signer-acte-engagement' | 'completer') {
  const mails = (await parseMails(mailbox.raw)).filter((m) => m.kind === kind && m.subject.includes(h.workflowId) && m.links.length > 0);
  return Promise.all(
    mails.map(async (m) => {
      const url = new URL(m.links[0]!);
      expect(url.pathname).toBe(`/agir/${h.workflowId}/${action}`);
      const verifie = await liens.verify(url.searchParams.get('jeton')!, { dossierId: h.workflowId, action }, new Date(await env.currentTimeMs()));
      if (!verifie.ok) throw new Error(`the link of ${kind} does not verify: ${verifie.raison}`);
      return { to: m.to, claims: verifie.claims };
    }),
  );
}

describe('the pending reminder, sent again', () => {
  it('a Compagnonnage awaiting the acte d’engagement: the reminder again, same people, a fresh link that signs', async () => {
    const h = await compagnonnageA('acte_engagement');
    const apres = await relance(h);
    expect((apres as { timeline: { evenement: string }[] }).timeline.at(-1)).toEqual({
      at: expect.any(String),
      acteur: `unml (${INTERLOCUTRICE.nom})`,
      source: 'back_office',
      compte: INTERLOCUTRICE.id,
      evenement: 'Relance renvoyée',
      details: 'acte d’engagement',
    });
    // The same email as the automatic reminder: to the direction, the présidence and the interlocutrice in copy, with the action.
    const envoye = await mailbox.attendre(h, 'relance_acte_engagement');
    expect(envoye.to.map((r) => r.email)).toEqual([DIRECTION]);
    expect(envoye.cc?.map((r) => r.email)).toEqual([PRESIDENCE, INTERLOCUTRICE.email]);
    expect(envoye.action).toEqual({ nom: 'signer-acte-engagement', role: 'ml' });
    expect(envoye.message).toMatchObject({ kind: 'relance_acte_engagement', dateLimite: expect.any(String) });

    // Sent twice, each email has its own link; the first one's and the acte's own are different tokens.
    await relance(h);
    const envoyes = await (async () => {
      for (let i = 0; i < 100; i++) {
        const l = await liensDe(h, 'relance_acte_engagement', 'signer-acte-engagement');
        if (l.length === 2) return l;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('two relance_acte_engagement emails expected');
    })();
    expect(envoyes.map((e) => e.to)).toEqual([[DIRECTION], [DIRECTION]]);
    expect(envoyes[0]!.claims).toMatchObject({ role: 'ml', personne: personHash(DIRECTION) });
    expect(envoyes[0]!.claims.jti).not.toBe(envoyes[1]!.claims.jti);

    // The link works: the acte is signed with it (as the link page sends it), and the reminder is over.
    const signe = await h.executeUpdate(M.signActeEngagement, {
      args: [{ signataire: 'Claire Martin' }, { lien: { jti: envoyes[1]!.claims.jti }, acteur: { role: 'ml', source: 'lien' } }] as never,
    });
    expect(signe.etape).toBe('cadrage');
    expect(await refusal(relance(h))).toBe('Aucune relance à renvoyer à l’étape « fiche de cadrage ».');
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('a Compagnonnage awaiting the ML’s complements: the complements reminder again, with its link', async () => {
    const h = await compagnonnageA('qualification');
    await h.executeUpdate(M.requestComplements, { args: [{ aCompleter: 'Le budget prévisionnel' }] });
    const s = await relance(h);
    expect(s.timeline.at(-1)).toMatchObject({ evenement: 'Relance renvoyée', details: 'compléments de la demande', compte: INTERLOCUTRICE.id });
    const envoye = await mailbox.attendre(h, 'relance_complements');
    expect(envoye.message).toMatchObject({ aCompleter: 'Le budget prévisionnel' });
    expect(envoye.to.map((r) => r.email)).toEqual([DIRECTION]);
    expect(envoye.action).toEqual({ nom: 'completer', role: 'ml' });
    const [lien] = await liensDe(h, 'relance_complements', 'completer');
    expect(lien!.claims.personne).toBe(personHash(DIRECTION));
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('an Appui Conseil awaiting the acte d’engagement: the same shared reminder', async () => {
    const dossierId = `APC-RELANCE${++counter}`;
    const h = await env.client.workflow.start(appuiConseil, { taskQueue: TASK_QUEUE, workflowId: dossierId, args: [appui.input(dossierId)] });
    await h.executeUpdate(A.recordPriseDeContact, { args: [{ besoin: 'Rétablir l’équilibre financier', interlocutrice: INTERLOCUTRICE }] });
    await h.executeUpdate(A.mobiliseCabinet, { args: [{ cabinet: appui.CABINET }] });
    await relance(h);
    const envoye = await mailbox.attendre(h, 'relance_acte_engagement');
    expect(envoye.to.map((r) => r.email)).toEqual([appui.ML_DIRECTION]);
    expect(envoye.action).toEqual({ nom: 'signer-acte-engagement', role: 'ml' });
    await h.executeUpdate(A.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('refuses at a step whose wait has no reminder, naming the step, and sends nothing', async () => {
    const h = await compagnonnageA('qualification');
    expect(await refusal(relance(h))).toBe('Aucune relance à renvoyer à l’étape « qualification de la demande par l’UNML ».');
    const dossierId = `DGN-RELANCE${++counter}`;
    const d = await env.client.workflow.start(diagnostic, { taskQueue: TASK_QUEUE, workflowId: dossierId, args: [dgn.input(dossierId)] });
    expect(await refusal(relance(d))).toMatch(/^Aucune relance à renvoyer à l’étape « qualification/);
    expect(mailbox.sent.filter((m) => m.message.kind.startsWith('relance_'))).toEqual([]);
    expect((await h.query(M.getDossier)).timeline.map((e) => e.evenement)).not.toContain('Relance renvoyée');
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });
});
