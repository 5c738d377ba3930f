// What every dossier does at its end and with its meetings, whatever its dispositif (workflows/shared/kit.ts and
// agenda.ts), on the real time-skipping test server: a dossier that ends leaves no meeting on anyone's calendar, and
// a moved meeting says from when to when.
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { appuiConseil } from '../workflows';
import * as M from '../workflows/appui-conseil/messages';
import { CABINET, input, ML_DIRECTION, POOL_APPUI_CONSEIL } from './helpers/appui-conseil';
import { INTERLOCUTRICE } from './helpers/fixtures';
import { icsOfEmail } from './helpers/ics';
import { createTimeSkippingEnv, inDays as inDaysOf } from './helpers/temporal';
import { startWorker, type Mailbox } from './helpers/worker';

const TASK_QUEUE = 'fin-dossier-test';
let env: TestWorkflowEnvironment;
let mailbox: Mailbox;
let stopWorker: () => Promise<void>;
let counter = 0;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  ({ mailbox, stop: stopWorker } = await startWorker(env, TASK_QUEUE, { pool: POOL_APPUI_CONSEIL }));
}, 120_000);

afterAll(async () => {
  await stopWorker?.();
  await env?.teardown();
});

beforeEach(() => mailbox.clear());

const inDays = (days: number) => inDaysOf(env, days);

/** An Appui Conseil dossier whose acte is signed (the launch visio can be planned). */
async function signe(): Promise<WorkflowHandle<typeof appuiConseil>> {
  const dossierId = `APC-FIN${++counter}`;
  const h = await env.client.workflow.start(appuiConseil, { taskQueue: TASK_QUEUE, workflowId: dossierId, args: [input(dossierId)] });
  await h.executeUpdate(M.recordPriseDeContact, { args: [{ besoin: 'Rétablir l’équilibre financier', interlocutrice: INTERLOCUTRICE }] });
  await h.executeUpdate(M.mobiliseCabinet, { args: [{ cabinet: CABINET }] });
  await h.executeUpdate(M.signActeEngagement, { args: [{ signataire: 'Karim Haddad' }] });
  return h;
}

/** The iCalendar parts of the emails sent since the last clear, with the recipients of each email. */
async function calendrier(): Promise<{ method: string; uid: string; sequence: number }[]> {
  return (await Promise.all(mailbox.raw.map((raw) => icsOfEmail(raw)))).filter((e) => e !== undefined);
}

describe('a dossier that ends cancels its meetings still to come', () => {
  it('an abandoned dossier with a planned visio: everyone invited gets the METHOD:CANCEL', async () => {
    const h = await signe();
    await h.executeUpdate(M.scheduleVisioLancement, { args: [{ debut: await inDays(5) }] });
    mailbox.clear();
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'La ML renonce' }] });
    await h.result();
    const annulation = mailbox.sent.find((m) => m.message.kind === 'annulation_evenement')!;
    expect(annulation.to.map((r) => r.email).sort()).toEqual([ML_DIRECTION, CABINET.contact.email, CABINET.consultants[0]!.email, INTERLOCUTRICE.email].sort());
    expect(annulation.message).toMatchObject({ motif: 'Dossier abandonné : La ML renonce' });
    expect((await calendrier()).map((e) => [e.uid, e.method])).toEqual([[`${h.workflowId}.lancement@dispositifs.unml.info`, 'CANCEL']]);
  });

  it('a closed dossier leaves no meeting to come on anyone’s calendar, and never cancels one that took place', async () => {
    const h = await signe();
    await h.executeUpdate(M.scheduleVisioLancement, { args: [{ debut: await inDays(1) }] });
    await env.sleep('1 day');
    await h.executeUpdate(M.recordVisioLancement, { args: [{}] });
    await h.executeUpdate(M.submitRapportDiagnostic, { args: [{ constats: 'Déficit de 120 k€', conclusions: 'Plan de retour à l’équilibre' }] });
    await h.executeUpdate(M.submitFicheCadrage, { args: [{ besoin: 'Équilibre financier', objectifs: ['Budget 2027 à l’équilibre'] }] });
    await h.executeUpdate(M.submitPlanAction, {
      args: [
        {
          actions: [
            {
              intitule: 'Plan de trésorerie',
              responsable: { nom: 'Léa Roux', email: 'lea.roux@equilibres-conseil.fr' },
              jalons: [{ libelle: 'Prévisionnel validé', date: await inDays(10) }],
            },
          ],
        },
      ],
    });
    await h.executeUpdate(M.endMiseEnOeuvre, { args: [{ motif: 'Fin anticipée pour le test' }] });
    await h.executeUpdate(M.scheduleVisioBilan, { args: [{ visio: 'bilan_ml', debut: await inDays(2) }] });
    await h.executeUpdate(M.scheduleVisioBilan, { args: [{ visio: 'bilan_intervenant', debut: await inDays(3) }] });
    // The fiche bilan follows the bilan visios (where the dispositif requires it): both have taken place.
    await env.sleep('4 days');
    await h.executeUpdate(M.submitFicheBilan, {
      args: [{ objectifs: [{ objectif: 'Budget 2027 à l’équilibre', atteint: true }], recommandations: 'Suivi trimestriel', pointsDeVigilance: 'Aucun' }],
    });
    await h.executeUpdate(M.submitEvaluation, { args: [{ repondant: 'ml', nom: 'Karim Haddad', reponses: { utilite: 'Décisive' } }] });
    // Past the questionnaires' deadline, so that the closure is possible whoever has not answered.
    await env.sleep('16 days');
    mailbox.clear();
    await h.executeUpdate(M.cloturer, { args: [{}] });
    const final = await h.result();
    expect(final.etape).toBe('cloture');
    // Nothing of the dossier is left on anyone's calendar after its closure, and nothing held was cancelled.
    expect(Object.values(final.agenda).filter((e) => !e.annule && Date.parse(e.debut) > Date.parse(final.issue!.le))).toEqual([]);
    expect(mailbox.sent.filter((m) => m.message.kind === 'annulation_evenement')).toEqual([]);
    expect((await calendrier()).filter((e) => e.method === 'CANCEL')).toEqual([]);
  });
});

describe('a moved meeting', () => {
  it('sends an invitation that says the slot changed, from when to when', async () => {
    const h = await signe();
    const avant = await inDays(3);
    const apres = await inDays(5);
    await h.executeUpdate(M.scheduleVisioLancement, { args: [{ debut: avant }] });
    await h.executeUpdate(M.scheduleVisioLancement, { args: [{ debut: apres }] });
    const invitations = mailbox.sent.filter((m) => m.message.kind === 'invitation_visio');
    expect(invitations.map((m) => (m.message as { ancienDebut?: string }).ancienDebut)).toEqual([undefined, avant]);
    const texte = mailbox.raw.find((raw) => raw.includes('Le cr=C3=A9neau a chang=C3=A9') || raw.includes('Le créneau a changé'));
    expect(texte).toBeDefined();
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });
});
