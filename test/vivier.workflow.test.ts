// Designation through the intervenant pool, on the real time-skipping server and a real SQLite pool:
// the ranking proposed to UNML, the atomic reservation, a decline back to the ranking, the manual
// override, and the waiting list served in priority order when capacity frees.
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { VivierStore } from '../db/store';
import { compagnonnage } from '../workflows';
import * as M from '../workflows/compagnonnage/messages';
import type { CompagnonnageState } from '../workflows/compagnonnage/state';
import { demande, directeurVivier as directeur, input } from './helpers/compagnonnage';
import { INTERLOCUTRICE } from './helpers/fixtures';
import { ficheDe } from './helpers/pool';
import { createTimeSkippingEnv, refusal, until } from './helpers/temporal';
import { startWorker, type Mailbox } from './helpers/worker';

const TASK_QUEUE = 'vivier-test';
let env: TestWorkflowEnvironment;
let mailbox: Mailbox;
let vivier: VivierStore;
let stopWorker: () => Promise<void>;
let counter = 0;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  ({ mailbox, vivier, stop: stopWorker } = await startWorker(env, TASK_QUEUE, { pool: [] }));
}, 120_000);

afterAll(async () => {
  await stopWorker?.();
  await env?.teardown();
});

beforeEach(() => mailbox.clear());

async function start(overrides: Parameters<typeof demande>[0] = {}): Promise<WorkflowHandle<typeof compagnonnage>> {
  const dossierId = `CMP-VIV${String(++counter).padStart(3, '0')}`;
  return env.client.workflow.start(compagnonnage, { taskQueue: TASK_QUEUE, workflowId: dossierId, args: [input(dossierId, demande(overrides))] });
}

const state = (h: WorkflowHandle): Promise<CompagnonnageState> => h.query(M.getDossier);

const intervenantOf = (id: string) => ficheDe(vivier, id);

/** A unique ML per dossier so that acquaintances and own-ML rules are the test's choice. */
const ml = (code: string) => ({ missionLocale: { code, nom: `Mission Locale ${code}`, region: 'NOR' as const } });

describe('designation through the pool (Compagnonnage)', () => {
  it('proposes the ranked candidates to UNML, with reasons, never from the ML’s région nor someone who knows it', async () => {
    await vivier.createIntervenant(directeur('INT-A1', { expertises: ['organisation_rh', 'management', 'offre_de_service'] }), 'test');
    await vivier.createIntervenant(directeur('INT-A2', { expertises: ['finances'] }), 'test');
    await vivier.createIntervenant(directeur('INT-A3', { region: 'NOR' }), 'test'); // same région as the ML
    await vivier.createIntervenant(directeur('INT-A4', { connaissances: [{ missionLocaleCode: 'ML-A', personne: 'Président·e' }] }), 'test');
    const h = await start(ml('ML-A'));
    await h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });

    const s = await until(
      'the proposals',
      () => state(h),
      (x) => (x.vivier?.propositions.length ?? 0) > 0,
    );
    const proposes = s.vivier!.propositions.map((c) => c.intervenantId);
    expect(proposes[0]).toBe('INT-A1'); // covers the dossier's topics best
    expect(proposes).not.toContain('INT-A3');
    expect(proposes).not.toContain('INT-A4');
    expect(s.vivier!.propositions[0]!.raisons.join(' ')).toMatch(/\S/);
    const email = await mailbox.attendre(h, 'intervenants_proposes');
    expect(email.to.map((r) => r.email)).toContain(INTERLOCUTRICE.email);

    // The API's ranking would show why INT-A3 and INT-A4 are out; here, the workflow's query gives the need it ranks on.
    const besoin = await h.query('getBesoinVivier');
    expect(besoin).toMatchObject({ role: 'compagnon', missionLocale: { code: 'ML-A', region: 'NOR' } });
  });

  it('reserves on designation, releases on decline and proposes the next one without the one who declined', async () => {
    await vivier.createIntervenant(directeur('INT-B1', { expertises: ['organisation_rh', 'management', 'offre_de_service'] }), 'test');
    await vivier.createIntervenant(directeur('INT-B2', { expertises: ['management'] }), 'test');
    const h = await start(ml('ML-B'));
    await h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
    await until(
      'the proposals',
      () => state(h),
      (x) => (x.vivier?.propositions.length ?? 0) > 0,
    );

    const designe = await h.executeUpdate(M.designateIntervenant, {
      args: [{ intervenant: await intervenantOf('INT-B1'), choix: { source: 'classement', rang: 1 } }],
    });
    expect(designe.etape).toBe('acceptation_intervenant');
    expect(designe.vivier!.choix).toEqual({ source: 'classement', rang: 1 });
    expect(await vivier.reservations({ dossierId: h.workflowId, actives: true })).toEqual([
      expect.objectContaining({ intervenantId: 'INT-B1', role: 'compagnon', manuelle: false }),
    ]);

    await h.executeUpdate(M.respondDesignation, { args: [{ accepte: false, motif: 'Indisponible ce trimestre', intervenantId: 'INT-B1' }] });
    expect(await vivier.reservations({ dossierId: h.workflowId, actives: true })).toEqual([]);
    const apres = await until(
      'the next proposal',
      () => state(h),
      (x) =>
        x.etape === 'designation_intervenant' && (x.vivier?.propositions.length ?? 0) > 0 && !x.vivier!.propositions.some((c) => c.intervenantId === 'INT-B1'),
    );
    expect(apres.vivier!.sollicites.map((s) => s.intervenantId)).toEqual(['INT-B1']);
    expect(apres.vivier!.propositions.map((c) => c.intervenantId)).toContain('INT-B2');
  });

  it('refuses a designation beyond the intervenant’s capacity, with the reason', async () => {
    await vivier.createIntervenant(directeur('INT-C1', { capaciteDossiers: 1 }), 'test');
    const premier = await start(ml('ML-C1'));
    const second = await start(ml('ML-C2'));
    for (const h of [premier, second]) await h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
    await premier.executeUpdate(M.designateIntervenant, { args: [{ intervenant: await intervenantOf('INT-C1'), choix: { source: 'classement', rang: 1 } }] });
    const raison = await refusal(
      second.executeUpdate(M.designateIntervenant, {
        args: [{ intervenant: await intervenantOf('INT-C1'), choix: { source: 'manuel', motif: 'Seul disponible' } }],
      }),
    );
    expect(raison).toMatch(/capacité/i);
    expect((await state(second)).etape).toBe('designation_intervenant');
  });

  it('keeps a manual override, recorded as such, and refuses one without its reason', async () => {
    await vivier.createIntervenant(directeur('INT-D1', { connaissances: [{ missionLocaleCode: 'ML-D' }] }), 'test');
    const h = await start(ml('ML-D'));
    await h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
    const intervenant = await intervenantOf('INT-D1');
    expect(await refusal(h.executeUpdate(M.designateIntervenant, { args: [{ intervenant, choix: { source: 'manuel' } }] }))).toMatch(/motif/);
    const s = await h.executeUpdate(M.designateIntervenant, {
      args: [{ intervenant, choix: { source: 'manuel', motif: 'Connaissance ancienne, sans lien actuel' } }],
    });
    expect(s.vivier!.choix).toEqual({ source: 'manuel', motif: 'Connaissance ancienne, sans lien actuel' });
    expect(s.timeline.at(-1)!.details).toMatch(/manuelle/);
    expect(await vivier.reservations({ dossierId: h.workflowId, actives: true })).toEqual([
      expect.objectContaining({ intervenantId: 'INT-D1', manuelle: true }),
    ]);
  });
});

describe('the waiting list', () => {
  it('waits when nobody is free, then serves the highest priority first as soon as capacity frees', async () => {
    // One director from Guadeloupe with room for one dossier, for three dossiers of Martinique.
    const region = 'MTQ' as const;
    const pour = (code: string) => ({ missionLocale: { code, nom: `Mission Locale ${code}`, region } });
    await vivier.createIntervenant(directeur('INT-W1', { region: 'GUA', capaciteDossiers: 1 }), 'test');
    // The rest of the pool is inactive, so only INT-W1 is eligible.
    for (const autre of await vivier.listIntervenants()) {
      if (autre.id !== 'INT-W1' && autre.actif) await vivier.updateIntervenant(autre.id, { actif: false }, 'test');
    }
    const occupant = await start(pour('ML-W0'));
    await occupant.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
    await occupant.executeUpdate(M.designateIntervenant, { args: [{ intervenant: await intervenantOf('INT-W1'), choix: { source: 'classement', rang: 1 } }] });

    const basse = await start(pour('ML-W1'));
    await basse.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE, priorite: 3 }] });
    await until(
      'the low-priority dossier in the waiting list',
      () => state(basse),
      (x) => x.vivier?.attente !== undefined,
    );
    const haute = await start(pour('ML-W2'));
    await haute.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE, priorite: 1 }] });
    await until(
      'the high-priority dossier in the waiting list',
      () => state(haute),
      (x) => x.vivier?.attente !== undefined,
    );
    expect((await vivier.fileAttente()).map((e) => e.dossierId)).toEqual([haute.workflowId, basse.workflowId]);
    // The dossier is in the list before its email is out: wait for both emails.
    const prevenus = await until(
      'UNML told of both',
      () => mailbox.sent.filter((m) => m.message.kind === 'aucun_intervenant_disponible').map((m) => m.dossier.dossierId),
      (ids) => ids.length >= 2,
    );
    expect(prevenus).toEqual([basse.workflowId, haute.workflowId]);

    // The occupant's dossier is abandoned: INT-W1 is free again, and goes to the higher priority.
    await occupant.executeUpdate(M.abandonDossier, { args: [{ motif: 'La Mission Locale renonce' }] });
    const servie = await until(
      'the high-priority dossier served',
      () => state(haute),
      (x) => x.vivier?.reserve !== undefined,
    );
    expect(servie.vivier!.reserve).toEqual({ intervenantId: 'INT-W1', nom: 'Direction INT-W1' });
    expect(servie.vivier!.attente).toBeUndefined();
    expect((await state(basse)).vivier!.attente).toBeDefined();
    expect((await vivier.fileAttente()).map((e) => e.dossierId)).toEqual([basse.workflowId]);
    expect(await vivier.reservations({ dossierId: haute.workflowId, actives: true })).toEqual([expect.objectContaining({ intervenantId: 'INT-W1' })]);
    await mailbox.attendre(haute, 'intervenant_disponible');

    // UNML confirms the held intervenant: the same reservation, now a designation.
    const confirme = await haute.executeUpdate(M.designateIntervenant, {
      args: [{ intervenant: await intervenantOf('INT-W1'), choix: { source: 'classement', rang: 1 } }],
    });
    expect(confirme.etape).toBe('acceptation_intervenant');
    expect(await vivier.reservations({ dossierId: haute.workflowId, actives: true })).toHaveLength(1);
  });
});
