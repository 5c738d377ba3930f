// The dialogue de gestion's Schedule of a regional campaign (issue #13), on the dev server (the time-skipping server has
// no Schedules): created, firing within seconds (a 2 s interval instead of CAMPAIGN_DIALOGUE_INTERVAL's year), paused,
// updated when the projet de structure changes (and unpaused), deleted when the campaign ends; every call idempotent.
// Then the context a dialogue de gestion reads from its campaign and its ML's child, through real queries.
import { randomBytes, randomUUID } from 'node:crypto';
import { ScheduleNotFoundError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { type CampagneActivities, createCampagneActivities, idRunsDialogue } from '../activities/campagne';
import { progression } from '../domain/campagne';
import { TypeEchec } from '../domain/erreurs';
import { nombreFr } from '../domain/format';
import { AVANCE_SEED_004, AXES_SEED_004 } from '../domain/financement';
import * as M from '../workflows/campagne/messages';
import type { CampagneVue } from '../workflows/campagne/messages';
import {
  type CampagneInput,
  type CampagneState,
  idMlCampagne,
  idPlanificationDialogue,
  type MlCampagneState,
  type MlDansCampagne,
  type ProjetDeStructure,
} from '../workflows/campagne/state';
import { CAMPAGNE, DISPOSITIF, MISSION_LOCALE } from '../workflows/shared/search-attributes';
import { campagneFactice, mlCampagneFactice, terminerFactice } from './helpers/campagne-factice.workflows';
import { CONSULTANT, campagneInput } from './helpers/campagne';
import { createDevServerEnv, until } from './helpers/temporal';
import { type Mailbox, startWorker } from './helpers/worker';

const taskQueue = `campagne-planification-${randomUUID()}`;
let env: TestWorkflowEnvironment;
let act: CampagneActivities;
/** Every Schedule a test asked for: deleted in afterAll, whatever happened. */
const planifiees: { campagneId: string; ml: string }[] = [];

const nouvelleCampagne = (): string => `CAM-${randomBytes(5).toString('hex').toUpperCase()}`;
const dans = (ms: number): string => new Date(Date.now() + ms).toISOString();

beforeAll(async () => {
  env = await createDevServerEnv();
  act = createCampagneActivities({ client: env.client, taskQueue });
}, 60_000);

afterAll(async () => {
  if (!env) return;
  for (const p of planifiees) await act.supprimerDialoguesGestion(p);
  await env.teardown();
});

function planifier(input: Parameters<CampagneActivities['planifierDialoguesGestion']>[0]) {
  planifiees.push({ campagneId: input.campagneId, ml: input.ml });
  return act.planifierDialoguesGestion(input);
}

async function echec(p: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApplicationFailure);
  return err as ApplicationFailure;
}

describe("the dialogue de gestion's Schedule (dev server)", () => {
  it('is created as asked and starts a dialogueDeGestion run within seconds', async () => {
    const campagneId = nouvelleCampagne();
    const ml = '67001';
    const fin = dans(3_600_000);
    expect(await planifier({ campagneId, ml, premier: dans(1_000), fin, intervalleMs: 2_000 })).toEqual({
      scheduleId: idPlanificationDialogue(campagneId, ml),
      cree: true,
    });
    const handle = env.client.schedule.getHandle(idPlanificationDialogue(campagneId, ml));
    const d = await handle.describe();
    expect(d.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'dialogueDeGestion',
      workflowId: `${idMlCampagne(campagneId, ml)}-DG`,
      args: [{ campagneId, ml }],
      taskQueue,
    });
    expect(d.spec.intervals).toEqual([{ every: 2_000, offset: expect.any(Number) as number }]);
    expect(d.spec.endAt?.toISOString()).toBe(fin);
    expect(d.policies.overlap).toBe('SKIP');
    expect(d.state).toMatchObject({ paused: false, note: expect.stringMatching(/^Dialogues de gestion planifiés jusqu'au .*, tous les 2 s\.$/) as string });
    expect(d.typedSearchAttributes.get(CAMPAGNE)).toBe(campagneId);
    expect(d.typedSearchAttributes.get(MISSION_LOCALE)).toBe(ml);

    // It fires (no worker needed to see that a run started): the run has its own id, type, queue and search attributes.
    const action = await until('the Schedule to start a run', async () => (await handle.describe()).info.recentActions[0]);
    const runId = action.action.workflow.workflowId;
    expect(runId.startsWith(`${idRunsDialogue(campagneId, ml)}-`)).toBe(true);
    const run = await env.client.workflow.getHandle(runId).describe();
    expect(run.type).toBe('dialogueDeGestion');
    expect(run.taskQueue).toBe(taskQueue);
    expect(run.typedSearchAttributes.get(DISPOSITIF)).toBe('campagne');
    expect(run.typedSearchAttributes.get(CAMPAGNE)).toBe(campagneId);
    expect(run.typedSearchAttributes.get(MISSION_LOCALE)).toBe(ml);
    const listes = await until('the run in the workflow list', async () => {
      const ids: string[] = [];
      for await (const w of env.client.workflow.list({ query: `WorkflowType = 'dialogueDeGestion' AND Campagne = '${campagneId}'` })) ids.push(w.workflowId);
      return ids.length > 0 ? ids : undefined;
    });
    expect(listes).toContain(runId);
    // Overlap SKIP: the first run still open (nobody runs it here), the next ones are skipped, never a second run.
    await until('a skipped action', async () => ((await handle.describe()).info.numActionsSkippedOverlap > 0 ? true : undefined));
    expect((await handle.describe()).info.numActionsTaken).toBe(1);
    await env.client.workflow.getHandle(runId).terminate('test terminé');
  });

  it('is paused with its reason, updated and unpaused when the projet de structure changes, then deleted (twice is harmless)', async () => {
    const campagneId = nouvelleCampagne();
    const ml = '68002';
    const p = { campagneId, ml, premier: dans(3_600_000), fin: dans(2 * 3_600_000), intervalleMs: 2_000 };
    await planifier(p);
    const handle = env.client.schedule.getHandle(idPlanificationDialogue(campagneId, ml));

    const motif = 'Projet de structure en cours de révision';
    expect(await act.suspendreDialoguesGestion({ campagneId, ml, motif })).toBe(true);
    expect((await handle.describe()).state).toMatchObject({ paused: true, note: motif });
    // Paused twice: still paused, same note.
    expect(await act.suspendreDialoguesGestion({ campagneId, ml, motif })).toBe(true);

    const nouvelleFin = dans(3 * 3_600_000);
    expect(await act.planifierDialoguesGestion({ ...p, fin: nouvelleFin })).toEqual({ scheduleId: handle.scheduleId, cree: false });
    const d = await handle.describe();
    expect(d.state.paused).toBe(false);
    expect(d.state.note).toMatch(/^Planification mise à jour/);
    expect(d.spec.endAt?.toISOString()).toBe(nouvelleFin);
    expect(d.action).toMatchObject({ workflowType: 'dialogueDeGestion', args: [{ campagneId, ml }], taskQueue });
    expect(d.typedSearchAttributes.get(CAMPAGNE)).toBe(campagneId);

    expect(await act.supprimerDialoguesGestion({ campagneId, ml })).toBe(true);
    await expect(handle.describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    expect(await act.supprimerDialoguesGestion({ campagneId, ml })).toBe(false);
    expect(await act.suspendreDialoguesGestion({ campagneId, ml, motif })).toBe(false);
  });

  it('asked twice (a retried activity), is one Schedule', async () => {
    const campagneId = nouvelleCampagne();
    const ml = '67003';
    const p = { campagneId, ml, premier: dans(3_600_000), fin: dans(2 * 3_600_000), intervalleMs: 2_000 };
    expect((await planifier(p)).cree).toBe(true);
    expect((await planifier(p)).cree).toBe(false);
    const ids = await until('the Schedule in the list', async () => {
      const trouves: string[] = [];
      for await (const s of env.client.schedule.list({ query: `Campagne = '${campagneId}'` })) trouves.push(s.scheduleId);
      return trouves.length > 0 ? trouves : undefined;
    });
    expect(ids).toEqual([idPlanificationDialogue(campagneId, ml)]);
  });

  it('refuses, never retried, dates in the wrong order or an interval below a second, saying what to fix', async () => {
    const campagneId = nouvelleCampagne();
    const ml = '67004';
    const ordre = await echec(act.planifierDialoguesGestion({ campagneId, ml, premier: dans(3_600_000), fin: dans(1_000), intervalleMs: 2_000 }));
    expect(ordre).toMatchObject({ type: TypeEchec.PlanificationInvalide, nonRetryable: true });
    expect(ordre.message).toMatch(/n'est pas après le premier dialogue/);
    const intervalle = await echec(act.planifierDialoguesGestion({ campagneId, ml, premier: dans(1_000), fin: dans(3_600_000), intervalleMs: 500 }));
    expect(intervalle).toMatchObject({ type: TypeEchec.PlanificationInvalide, nonRetryable: true });
    expect(intervalle.message).toMatch(/CAMPAIGN_DIALOGUE_INTERVAL/);
    const date = await echec(act.planifierDialoguesGestion({ campagneId, ml, premier: 'demain', fin: dans(3_600_000), intervalleMs: 2_000 }));
    expect(date.message).toMatch(/« demain » n'est pas une date ISO/);
    await expect(env.client.schedule.getHandle(idPlanificationDialogue(campagneId, ml)).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
  });
});

// --- The context of a dialogue de gestion, from stand-ins answering the real queries ---------------------------

const personne = (nom: string) => ({ nom, email: `${nom.toLowerCase().replace(/\W+/g, '.')}@exemple.fr` });
const mlDansCampagne = (code: string, nom: string, extra: Partial<MlDansCampagne> = {}): MlDansCampagne => ({
  code,
  nom,
  direction: personne(`Direction ${nom}`),
  presidence: personne(`Présidence ${nom}`),
  territoire: 'Nord Alsace',
  ...extra,
});

function vueCampagne(campagneId: string, extra: Partial<CampagneVue> = {}): CampagneVue {
  const mls = [
    mlDansCampagne('67001', 'ML Haguenau', { adjoint: personne('Adjoint Haguenau') }),
    mlDansCampagne('67002', 'ML Saverne', { retrait: { motif: 'Fusion avec une ML voisine', le: '2027-05-02T08:00:00.000Z' } }),
    mlDansCampagne('67003', 'ML Molsheim'),
    mlDansCampagne('67004', 'ML Sélestat'),
  ];
  const periode = { debut: '2027-01-04', fin: '2027-03-31' };
  return {
    campagneId,
    nom: 'Démarche de progrès des Missions Locales d’Alsace 2027',
    region: 'GES',
    phase: 'suivi',
    mls,
    territoires: [{ nom: 'Nord Alsace', mls: mls.map((m) => m.code) }],
    financeurs: [
      { nom: 'État (DREETS)', organisme: 'etat', contact: personne('Contact DREETS') },
      { nom: 'Région Grand Est', organisme: 'region', contact: personne('Contact Région') },
    ],
    consultant: { id: 'cons-1', ...personne('Consultante neutre'), cabinet: 'Cabinet Neutre' },
    calendrier: { cadrage: periode, etat_des_lieux: periode, analyse_transversale: periode },
    contactUnml: personne('Chargée UNML'),
    entretiensContextuels: [],
    reunions: {},
    etatsDesLieux: [],
    financement: { enveloppe: 100_000_000, axes: AXES_SEED_004, avancePourDixMille: AVANCE_SEED_004 },
    indicateurs: [
      {
        annee: 2028,
        le: '2028-01-15T09:00:00.000Z',
        mls: [
          // i8 is axe 3's (settled in the dialogue): not among the figures of year n-1.
          { code: '67001', nom: 'ML Haguenau', valeurs: { i1: 1200, i2: 450, i3: 900, i4: 300, i5: 80, i6: 40, i7: 12, i8: 3 } },
          { code: '67003', nom: 'ML Molsheim', valeurs: { i1: 800 } },
        ],
      },
    ],
    axe3: [],
    agenda: {},
    timeline: [],
    progression: progression([]),
    ...extra,
  };
}

const projet: ProjetDeStructure = {
  besoinsJeunes: 'Mobilité en zone rurale',
  offreDeService: 'Accueil, accompagnement renforcé',
  moyens: '12 ETP',
  planAction: [{ action: 'Ouvrir une antenne à Bischwiller', echeance: '2028-09-01' }, { action: 'Plateforme mobilité' }],
  besoinsNonCouverts: 'Logement des apprentis',
  valideDu: '2027-07-01',
  valideAu: '2030-06-30',
  enregistreLe: '2027-06-20T10:00:00.000Z',
};

function etatMl(campagneId: string, ml: MlDansCampagne, extra: Partial<MlCampagneState> = {}): MlCampagneState {
  return {
    campagneId,
    dossierId: idMlCampagne(campagneId, ml.code),
    nomCampagne: 'Démarche de progrès des Missions Locales d’Alsace 2027',
    region: 'GES',
    ml,
    territoire: ml.territoire,
    consultant: { id: 'cons-1', ...personne('Consultante neutre') },
    statut: 'valide',
    documents: [],
    entretiens: [],
    revues: [],
    projetsPrecedents: [],
    dialogues: [],
    timeline: [],
    ...extra,
  };
}

describe('the context of a dialogue de gestion, read from its campaign and its ML (dev server)', () => {
  const fq = `campagne-factice-${randomUUID()}`;
  let worker: Worker;
  let running: Promise<void>;
  const campagneId = nouvelleCampagne();

  beforeAll(async () => {
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: fq,
      workflowsPath: require.resolve('./helpers/campagne-factice.workflows'),
    });
    running = worker.run();
    const vue = vueCampagne(campagneId);
    await env.client.workflow.start(campagneFactice, { workflowId: campagneId, taskQueue: fq, args: [vue] });
    await env.client.workflow.start(mlCampagneFactice, {
      workflowId: idMlCampagne(campagneId, '67001'),
      taskQueue: fq,
      args: [etatMl(campagneId, vue.mls[0]!, { projetDeStructure: projet })],
    });
    await env.client.workflow.start(mlCampagneFactice, {
      workflowId: idMlCampagne(campagneId, '67004'),
      taskQueue: fq,
      args: [etatMl(campagneId, vue.mls[3]!)],
    });
  }, 60_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
  });

  it("gives the ML, the funders, UNML, its figures of year n-1 (axes 1–2), axe 3's indicators and its plan d'action", async () => {
    expect(await act.contexteDialogue({ campagneId, ml: '67001', annee: 2028 })).toEqual({
      nomCampagne: 'Démarche de progrès des Missions Locales d’Alsace 2027',
      region: 'GES',
      ml: {
        code: '67001',
        nom: 'ML Haguenau',
        direction: personne('Direction ML Haguenau'),
        presidence: personne('Présidence ML Haguenau'),
        adjoint: personne('Adjoint Haguenau'),
      },
      financeurs: [personne('Contact DREETS'), personne('Contact Région')],
      contactUnml: personne('Chargée UNML'),
      chiffres: { annee: 2027, valeurs: { i1: 1200, i2: 450, i3: 900, i4: 300, i5: 80, i6: 40, i7: 12 } },
      libelles: Object.fromEntries(
        AXES_SEED_004.slice(0, 2)
          .flatMap((a) => a.indicateurs)
          .map((i) => [i.code, i.libelle]),
      ),
      indicateursAxe3: [
        { code: 'i8', libelle: 'Projets coopératifs avec d’autres Missions Locales' },
        { code: 'i9', libelle: 'Opérations avec des acteurs du marché du travail autres que Pôle emploi' },
      ],
      planAction: projet.planAction,
    });
    // A year whose indicators are not known yet: no figures, the rest as before.
    const sansChiffres = await act.contexteDialogue({ campagneId, ml: '67001', annee: 2029 });
    expect(sansChiffres.chiffres).toBeUndefined();
    expect(sansChiffres.libelles).toBeUndefined();
    expect(sansChiffres.sansObjet).toBeUndefined();
  });

  it('says why no dialogue is held: the ML left, has no projet de structure, is not in the campaign; the campaign is unknown', async () => {
    expect((await act.contexteDialogue({ campagneId, ml: '67002', annee: 2028 })).sansObjet).toBe(
      "ML Saverne s'est retirée de la campagne le 2 mai 2027 (Fusion avec une ML voisine).",
    );
    expect((await act.contexteDialogue({ campagneId, ml: '67003', annee: 2028 })).sansObjet).toMatch(/^ML Molsheim n'a pas de projet de structure/);
    expect((await act.contexteDialogue({ campagneId, ml: '67004', annee: 2028 })).sansObjet).toBe(
      "ML Sélestat n'a pas encore enregistré de projet de structure.",
    );
    expect((await act.contexteDialogue({ campagneId, ml: '68999', annee: 2028 })).sansObjet).toMatch(/ne fait pas partie de la campagne/);
    const inconnue = nouvelleCampagne();
    expect((await act.contexteDialogue({ campagneId: inconnue, ml: '67001', annee: 2028 })).sansObjet).toBe(
      `La campagne ${inconnue} n'existe pas ou plus : aucun dialogue de gestion à tenir.`,
    );
  });

  it('says the campaign ended: cancelled, closed, or its workflow completed (a closed workflow still answers its query)', async () => {
    const annulee = nouvelleCampagne();
    await env.client.workflow.start(campagneFactice, {
      workflowId: annulee,
      taskQueue: fq,
      args: [vueCampagne(annulee, { phase: 'annulee', issue: { motif: 'Financement retiré', le: '2027-09-01T08:00:00.000Z' } })],
    });
    expect((await act.contexteDialogue({ campagneId: annulee, ml: '67001', annee: 2028 })).sansObjet).toBe(
      'La campagne « Démarche de progrès des Missions Locales d’Alsace 2027 » a été annulée (Financement retiré).',
    );
    const cloturee = nouvelleCampagne();
    await env.client.workflow.start(campagneFactice, { workflowId: cloturee, taskQueue: fq, args: [vueCampagne(cloturee, { phase: 'cloturee' })] });
    expect((await act.contexteDialogue({ campagneId: cloturee, ml: '67001', annee: 2028 })).sansObjet).toMatch(/est clôturée\.$/);

    const finie = nouvelleCampagne();
    const h = await env.client.workflow.start(campagneFactice, { workflowId: finie, taskQueue: fq, args: [vueCampagne(finie)] });
    await h.signal(terminerFactice);
    await h.result();
    const contexte = await act.contexteDialogue({ campagneId: finie, ml: '67001', annee: 2028 });
    expect(contexte.sansObjet).toBe("La campagne « Démarche de progrès des Missions Locales d’Alsace 2027 » n'est plus en cours (workflow COMPLETED).");
    expect(contexte.nomCampagne).toBe('Démarche de progrès des Missions Locales d’Alsace 2027');
  });
});

// --- The real workflows: a campaign's ML records its projet de structure, the Schedule fires every 2 s -----------

describe('a campaign with the real workflows: the projet de structure plans its dialogues de gestion (dev server)', () => {
  const fq = `campagne-reelle-${randomUUID()}`;
  const id = nouvelleCampagne();
  const code = 'ML-ALS-01';
  let mailbox: Mailbox;
  let stopWorker: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ mailbox, stop: stopWorker } = await startWorker(env, fq));
  }, 60_000);

  afterAll(async () => {
    await act.supprimerDialoguesGestion({ campagneId: id, ml: code });
    await stopWorker?.();
  });

  it('creates the Schedule, whose run reads its context and asks to prepare it; a new projet updates it; cancelling the campaign deletes it', async () => {
    planifiees.push({ campagneId: id, ml: code });
    const input = campagneInput(id, 1);
    const h = await env.client.workflow.start<(i: CampagneInput) => Promise<CampagneState>>('campagne', {
      taskQueue: fq,
      workflowId: id,
      args: [{ ...input, delais: { ...input.delais, intervalleDialogue: 2_000 } }],
    });
    // Phase 1, in seconds: the two presentations held once begun, the support sent.
    for (const type of ['presentation_presidents', 'presentation_directeurs'] as const)
      await h.executeUpdate(M.planifierReunion, { args: [{ type, debut: dans(1_500), lieu: 'Strasbourg' }] });
    await h.executeUpdate(M.diffuserSupport, { args: [{ nom: 'La démarche et ses engagements', url: 'https://unml.example.org/support.pdf' }] });
    await new Promise((r) => setTimeout(r, 2_000));
    for (const cle of ['presentation_presidents', 'presentation_directeurs'])
      await h.executeUpdate(M.enregistrerPresence, { args: [{ cle, presents: [CONSULTANT.email] }] });
    await h.executeUpdate(M.passerPhase, { args: [{ phase: 'etat_des_lieux' }] });

    // Phase 2 for its one ML, validated; the year's indicators; then its projet de structure.
    const e = env.client.workflow.getHandle(idMlCampagne(id, code));
    await until('the ML’s child', () => e.query(M.getMlCampagne).catch(() => undefined));
    await e.executeUpdate(M.deposerDocumentEtude, {
      args: [{ categorie: 'bilan_activite', nom: 'Bilan d’activité', url: 'https://ml.example.org/bilan.pdf' }],
    });
    for (const avec of ['president', 'directeur', 'adjoint'] as const)
      await e.executeUpdate(M.enregistrerEntretien, { args: [{ avec, date: dans(-1_000), compteRendu: `Entretien (${avec})` }] });
    await e.executeUpdate(M.deposerEtatDesLieux, {
      args: [{ nom: 'État des lieux', url: 'https://cabinet.example.org/edl.pdf', synthese: 'Forces et pistes.' }],
    });
    await e.executeUpdate(M.reviserEtatDesLieux, { args: [{ decision: 'valider' }] });
    // A Schedule's run settles the year it starts in; its figures are that year's indicators (the activity of the year before).
    const annee = new Date().getUTCFullYear();
    await h.executeUpdate(M.enregistrerIndicateurs, { args: [{ annee, mls: [{ code, valeurs: { i1: 1000, i2: 300, i5: 40 } }] }] });
    const aujourdhui = new Date().toISOString().slice(0, 10);
    const projet = {
      besoinsJeunes: 'Jeunes ruraux peu mobiles',
      offreDeService: 'Accueil de proximité',
      moyens: '12 conseillers',
      planAction: [{ action: 'Ouvrir une permanence itinérante' }],
      besoinsNonCouverts: 'Logement',
      valideDu: aujourdhui,
    };
    await e.executeUpdate(M.enregistrerProjetDeStructure, { args: [projet] });
    const { valideAu } = (await e.query(M.getMlCampagne)).projetDeStructure!;

    const schedule = env.client.schedule.getHandle(idPlanificationDialogue(id, code));
    const d = await until('the Schedule', () => schedule.describe().catch(() => undefined));
    expect(d.spec.intervals).toEqual([{ every: 2_000, offset: expect.any(Number) as number }]);
    expect(d.spec.endAt?.toISOString()).toBe(`${valideAu}T23:59:59.000Z`);
    const action = await until('a run of the Schedule', async () => (await schedule.describe()).info.recentActions[0]);
    const run = env.client.workflow.getHandle(action.action.workflow.workflowId);
    const prepare = await mailbox.attendre(run, 'dialogue_gestion_a_preparer');
    expect(prepare.message.chiffres).toEqual({
      annee: annee - 1,
      lignes: [
        { libelle: AXES_SEED_004[0]!.indicateurs[0]!.libelle, valeur: nombreFr(1000) },
        { libelle: AXES_SEED_004[0]!.indicateurs[1]!.libelle, valeur: '300' },
        { libelle: AXES_SEED_004[1]!.indicateurs[0]!.libelle, valeur: '40' },
      ],
    });
    expect(prepare.message.planAction).toEqual(['Ouvrir une permanence itinérante']);
    const dialogue = await run.query(M.getDialogue);
    expect(dialogue).toMatchObject({ campagneId: id, ml: code, annee, statut: 'a_preparer' });
    // One run at a time (overlap SKIP): the dialogue still open, the next ones are skipped.
    await until('a skipped action', async () => ((await schedule.describe()).info.numActionsSkippedOverlap > 0 ? true : undefined));

    // A new projet de structure (other dates): the same Schedule, its end moved.
    const valideAu2 = `${Number(aujourdhui.slice(0, 4)) + 2}${aujourdhui.slice(4)}`;
    await e.executeUpdate(M.enregistrerProjetDeStructure, { args: [{ ...projet, valideAu: valideAu2 }] });
    const maj = await until(
      'the Schedule updated',
      () => schedule.describe(),
      (x) => x.spec.endAt?.toISOString() === `${valideAu2}T23:59:59.000Z`,
    );
    expect(maj.state).toMatchObject({ paused: false, note: expect.stringMatching(/^Planification mise à jour/) as string });

    // The campaign cancelled: its child ends and deletes the Schedule.
    await h.executeUpdate(M.annulerCampagne, { args: [{ motif: 'Retrait du cofinancement' }] });
    // (The child ends CANCELLED here, after its clean-up; a completed one would do as well.)
    await e.result().catch(() => undefined);
    await expect(schedule.describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    // A dialogue started now has nothing to hold.
    expect((await act.contexteDialogue({ campagneId: id, ml: code, annee })).sansObjet).toBe(
      'La campagne « Démarche de progrès des Missions Locales d’Alsace » a été annulée (Retrait du cofinancement).',
    );
    await run.terminate('test terminé');
  });
});
