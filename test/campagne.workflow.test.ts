// A regional campaign (seed 004) on the real time-skipping test server: 11 Missions Locales in 4 territories, from the
// cadrage to the projets de structure and two yearly dialogues de gestion. The Schedules of the dialogues are recorded
// here (the time-skipping server has none; test/campagne-planification.test.ts tests them on the dev server).
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { NotifyInput } from '../activities/email/kinds';
import { campagne, dialogueDeGestion } from '../workflows';
import type { CampagneActivities } from '../workflows/campagne/activites';
import * as M from '../workflows/campagne/messages';
import { idDialogue, idMlCampagne, type MlCampagneState } from '../workflows/campagne/state';
import type { VivierStore } from '../db/store';
import { campagneInput, CONSULTANT, ETAT, REGION_ALSACE } from './helpers/campagne';
import { intervenantDuVivier, POOL_FIXTURES, reservationsActives } from './helpers/pool';
import { CONTACT_UNML, DAY } from './helpers/fixtures';
import { icsOfEmail } from './helpers/ics';
import { createTimeSkippingEnv, inDays as inDaysOf, refusal, until } from './helpers/temporal';
import { startWorker, type Mailbox } from './helpers/worker';

const TASK_QUEUE = 'campagne-test';
let env: TestWorkflowEnvironment;
let mailbox: Mailbox;
let stopWorker: () => Promise<void>;
let vivier: VivierStore;
/** What the campaign asked of the Schedules, in order. */
const planifications: { quoi: string; i: unknown }[] = [];

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createCampagneActivities } = require('../activities/campagne') as typeof import('../activities/campagne');
  const reelles = createCampagneActivities({ client: env.client, taskQueue: TASK_QUEUE });
  const campagneActs: Partial<CampagneActivities> = {
    contexteDialogue: (i) => reelles.contexteDialogue(i),
    planifierDialoguesGestion: async (i) => {
      planifications.push({ quoi: 'planifier', i });
      return { scheduleId: 'enregistree', cree: true };
    },
    suspendreDialoguesGestion: async (i) => {
      planifications.push({ quoi: 'suspendre', i });
      return true;
    },
    supprimerDialoguesGestion: async (i) => {
      planifications.push({ quoi: 'supprimer', i });
      return true;
    },
  };
  const consultant = intervenantDuVivier(CONSULTANT.id, 'consultant_cabinet', { nom: CONSULTANT.nom, email: CONSULTANT.email, region: 'GES' });
  ({ mailbox, vivier, stop: stopWorker } = await startWorker(env, TASK_QUEUE, { campagne: campagneActs, pool: [...POOL_FIXTURES, consultant] }));
}, 120_000);

afterAll(async () => {
  await stopWorker?.();
  await env?.teardown();
});

beforeEach(() => mailbox.clear());

const inDays = (days: number) => inDaysOf(env, days);
const ml = (n: number) => `ML-ALS-${String(n).padStart(2, '0')}`;
const enfant = (id: string, n: number): WorkflowHandle => env.client.workflow.getHandle(idMlCampagne(id, ml(n)));
const etatMl = (id: string, n: number): Promise<MlCampagneState> => enfant(id, n).query(M.getMlCampagne);
const emails = (kind: string, dossierId?: string): NotifyInput[] =>
  mailbox.sent.filter((m) => m.message.kind === kind && (dossierId === undefined || m.dossier.dossierId === dossierId));
const adresses = (m: NotifyInput[]): string[] => m.flatMap((x) => x.to.map((r) => r.email)).sort();

async function demarrer(id: string, n = 11, enquete = false): Promise<WorkflowHandle<typeof campagne>> {
  return env.client.workflow.start(campagne, { taskQueue: TASK_QUEUE, workflowId: id, args: [campagneInput(id, n, enquete)] });
}

/** Phase 1 done: the two presentations planned, held, the support sent; the campaign moves to the état des lieux. */
async function cadrage(h: WorkflowHandle<typeof campagne>): Promise<void> {
  await h.executeUpdate(M.planifierReunion, { args: [{ type: 'presentation_presidents', debut: await inDays(2), lieu: 'Strasbourg' }] });
  await h.executeUpdate(M.planifierReunion, { args: [{ type: 'presentation_directeurs', debut: await inDays(3), lien: 'https://visio.example.org/dir' }] });
  await h.executeUpdate(M.diffuserSupport, { args: [{ nom: 'La démarche de progrès et ses engagements', url: 'https://unml.example.org/support.pdf' }] });
  await env.sleep(3 * DAY + 3_600_000);
  const vue = await h.query(M.getCampagne);
  for (const cle of ['presentation_presidents', 'presentation_directeurs'])
    await h.executeUpdate(M.enregistrerPresence, { args: [{ cle, presents: vue.reunions[cle]!.invites.slice(0, 3).map((r) => r.email) }] });
  await h.executeUpdate(M.passerPhase, { args: [{ phase: 'etat_des_lieux' }] });
}

/** An ML's état des lieux sent to its director: a document, the interviews, the deliverable. */
async function envoyerEtatDesLieux(id: string, n: number): Promise<void> {
  const e = enfant(id, n);
  await e.executeUpdate(M.deposerDocumentEtude, {
    args: [{ categorie: 'bilan_activite', nom: 'Bilan d’activité 2026', url: 'https://ml.example.org/bilan.pdf' }],
  });
  for (const avec of n === 1 ? (['president', 'directeur', 'adjoint'] as const) : (['president', 'directeur'] as const))
    await e.executeUpdate(M.enregistrerEntretien, { args: [{ avec, date: await inDays(0), compteRendu: `Entretien avec ${avec}` }] });
  await e.executeUpdate(M.deposerEtatDesLieux, {
    args: [{ nom: `État des lieux ${ml(n)}`, url: `https://cabinet.example.org/edl-${n}.pdf`, synthese: 'Forces, fragilités et pistes de progrès.' }],
  });
}

/**
 * Waits for a workflow to end without `result()`, which on the time-skipping server skips the clock years ahead even for a
 * completed one (to the 10-year default timeout), timing every other workflow out.
 */
const termine = (h: WorkflowHandle) =>
  until(
    `the end of ${h.workflowId}`,
    async () => (await h.describe()).status.name,
    (s) => s !== 'RUNNING',
    // A chain of cancellations (the campaign, then its children) on a loaded CI machine: more than the default 20 s.
    60_000,
  );

const valider = (id: string, n: number) => enfant(id, n).executeUpdate(M.reviserEtatDesLieux, { args: [{ decision: 'valider' }] });

describe('a regional campaign over 11 Missions Locales in 4 territories (seed 004)', () => {
  const id = 'CAM-00000000A1';

  it('runs from the cadrage to the projets de structure: progress, late directors, a return, an ML leaving', async () => {
    const h = await demarrer(id);
    // Everyone learns of the campaign and its calendar: 11 directions, 11 présidences, the consultant, the two funders.
    const lancee = await mailbox.attendre(h, 'campagne_lancee');
    expect(lancee.to).toHaveLength(25);
    expect(lancee.to.map((r) => r.email)).toEqual(
      expect.arrayContaining([CONSULTANT.email, ETAT.email, REGION_ALSACE.email, 'presidence.07@ml-alsace.example.org']),
    );

    // Phase 1: not before the two presentations are held and the support sent.
    expect(await refusal(h.executeUpdate(M.passerPhase, { args: [{ phase: 'etat_des_lieux' }] }))).toBe(
      'Pas encore : la présentation de la démarche aux présidents n’a pas eu lieu ; la présentation de la démarche aux directeurs n’a pas eu lieu ; ' +
        'le support de la démarche n’a pas été diffusé.',
    );
    await h.executeUpdate(M.enregistrerEntretienContextuel, { args: [{ date: await inDays(0), avec: 'DREETS et Région, services emploi-formation' }] });
    await h.executeUpdate(M.planifierReunion, { args: [{ type: 'groupe_de_travail', debut: await inDays(1), mls: [ml(1), ml(4), ml(9)] }] });
    const groupe = await mailbox.attendre(h, 'invitation_reunion_campagne');
    expect(groupe.to.map((r) => r.email).sort()).toEqual([
      CONSULTANT.email,
      'direction.01@ml-alsace.example.org',
      'direction.04@ml-alsace.example.org',
      'direction.09@ml-alsace.example.org',
    ]);
    expect(groupe.evenement?.method).toBe('REQUEST');
    await cadrage(h);
    // Each ML's direction and présidence got its own link to acknowledge the support; the meetings their invitations and reminders.
    expect(emails('support_demarche', id).flatMap((m) => m.to)).toHaveLength(22);
    expect(emails('support_demarche', id)[0]!.action).toMatchObject({ nom: 'support-demarche', role: 'ml' });
    expect(emails('rappel_evenement', id).map((m) => (m.message as { titre: string }).titre)).toEqual(
      expect.arrayContaining([expect.stringContaining('Présentation de la démarche aux présidents')]),
    );
    const presidents = emails('invitation_reunion_campagne', id).find((m) => (m.message as { reunion: string }).reunion === 'presentation_presidents')!;
    expect(adresses([presidents])).toHaveLength(11 + 1 + 2);
    await h.executeUpdate(M.accuserSupport, { args: [{ ml: ml(2) }] });
    expect(await refusal(h.executeUpdate(M.accuserSupport, { args: [{ ml: ml(2) }] }))).toBe(
      'Mission Locale d’Alsace 02 a déjà pris connaissance du support de la démarche.',
    );

    // Phase 2: one child per ML, each with the documents asked; progress at any time.
    let vue = await h.query(M.getCampagne);
    expect(vue.phase).toBe('etat_des_lieux');
    expect(vue.progression.texte).toBe('0 sur 11 états des lieux validés');
    expect((await etatMl(id, 5)).statut).toBe('en_cours');
    await mailbox.attendre({ workflowId: idMlCampagne(id, ml(5)) }, 'etat_des_lieux_ouvert');

    // ML 11 leaves (it merges with a neighbour): its child ends, it no longer counts, everyone concerned is told.
    await h.executeUpdate(M.retirerMl, { args: [{ ml: ml(11), motif: 'Fusion avec la Mission Locale voisine au 1er avril' }] });
    const retrait = await mailbox.attendre(h, 'ml_retiree_campagne');
    expect(adresses([retrait])).toEqual(['direction.11@ml-alsace.example.org', 'presidence.11@ml-alsace.example.org']);
    expect(retrait.cc!.map((r) => r.email)).toEqual(expect.arrayContaining([CONSULTANT.email, ETAT.email, REGION_ALSACE.email, CONTACT_UNML.email]));
    await termine(enfant(id, 11));
    expect((await etatMl(id, 11)).retrait?.motif).toBe('Fusion avec la Mission Locale voisine au 1er avril');
    expect((await h.query(M.getCampagne)).progression.texte).toBe('0 sur 10 états des lieux validés (1 Mission Locale retirée)');

    // The deliverable comes after the documentary study and the interviews.
    expect(
      await refusal(enfant(id, 3).executeUpdate(M.deposerEtatDesLieux, { args: [{ nom: 'EDL', url: 'https://x.example.org/edl.pdf', synthese: 'Synthèse' }] })),
    ).toBe(
      'L’état des lieux ne peut pas encore être envoyé : aucun document de l’étude documentaire ; pas d’entretien avec le président ; ' +
        'pas d’entretien avec le directeur.',
    );
    for (let n = 1; n <= 10; n++) await envoyerEtatDesLieux(id, n);
    const aValider = await mailbox.attendre({ workflowId: idMlCampagne(id, ml(4)) }, 'etat_des_lieux_a_valider');
    expect(aValider.to.map((r) => r.email)).toEqual(['direction.04@ml-alsace.example.org']);
    expect(aValider.action).toMatchObject({ nom: 'valider-etat-des-lieux', role: 'ml' });
    for (let n = 1; n <= 7; n++) await valider(id, n);
    vue = await h.query(M.getCampagne);
    expect(vue.progression.texte).toBe('7 sur 10 états des lieux validés (1 Mission Locale retirée)');
    expect(vue.progression.manquantes).toEqual(['Mission Locale d’Alsace 08', 'Mission Locale d’Alsace 09', 'Mission Locale d’Alsace 10']);

    // ML 8's director returns it with comments (required); the consultant sends version 2, which is validated.
    expect(await refusal(enfant(id, 8).executeUpdate(M.reviserEtatDesLieux, { args: [{ decision: 'retourner' }] }))).toBe(
      'Pour retourner l’état des lieux, indiquez vos commentaires : le consultant les reprend dans la version suivante.',
    );
    await enfant(id, 8).executeUpdate(M.reviserEtatDesLieux, {
      args: [{ decision: 'retourner', commentaires: 'Le partenariat avec France Travail est oublié.' }],
    });
    const retourne = await mailbox.attendre({ workflowId: idMlCampagne(id, ml(8)) }, 'etat_des_lieux_retourne');
    expect(retourne.to.map((r) => r.email)).toEqual([CONSULTANT.email]);
    expect(retourne.message).toMatchObject({ version: 1, commentaires: 'Le partenariat avec France Travail est oublié.' });
    expect((await h.query(M.getCampagne)).etatsDesLieux.find((e) => e.ml === ml(8))?.statut).toBe('a_reprendre');
    await enfant(id, 8).executeUpdate(M.deposerEtatDesLieux, {
      args: [{ nom: 'EDL v2', url: 'https://cabinet.example.org/edl-8-v2.pdf', synthese: 'Avec France Travail.' }],
    });
    await valider(id, 8);
    expect((await etatMl(id, 8)).revues.map((r) => [r.version, r.decision])).toEqual([
      [1, 'a_reprendre'],
      [2, 'valide'],
    ]);

    // ML 9 records a blocking point, shown to UNML; directors 9 and 10 are late: reminded at 10 days, escalated at 21.
    await enfant(id, 9).executeUpdate(M.signalerPointBloquant, { args: [{ point: 'Le président refuse l’entretien collectif avec le bureau.' }] });
    expect((await mailbox.attendre({ workflowId: idMlCampagne(id, ml(9)) }, 'point_bloquant_campagne')).to.map((r) => r.email)).toEqual([
      CONTACT_UNML.email,
      CONSULTANT.email,
    ]);
    expect((await h.query(M.getCampagne)).progression.bloquants).toEqual([
      { nom: 'Mission Locale d’Alsace 09', point: 'Le président refuse l’entretien collectif avec le bureau.' },
    ]);
    await env.sleep(10 * DAY + 3_600_000);
    expect(adresses(emails('relance_etat_des_lieux'))).toEqual(['direction.09@ml-alsace.example.org', 'direction.10@ml-alsace.example.org']);
    expect((await h.query(M.getCampagne)).etatsDesLieux.filter((e) => e.relance).map((e) => [e.ml, e.relance])).toEqual([
      [ml(9), 'relancee'],
      [ml(10), 'relancee'],
    ]);
    expect(emails('escalade_etat_des_lieux')).toHaveLength(0);
    await env.sleep(11 * DAY);
    const escalades = emails('escalade_etat_des_lieux');
    expect(escalades.map((m) => m.dossier.dossierId).sort()).toEqual([idMlCampagne(id, ml(9)), idMlCampagne(id, ml(10))]);
    expect(escalades[0]!.to.map((r) => r.email)).toEqual([CONSULTANT.email, CONTACT_UNML.email]);
    expect((await h.query(M.getCampagne)).etatsDesLieux.find((e) => e.ml === ml(10))?.relance).toBe('escaladee');

    // The last two validate: the état des lieux is complete and the campaign moves on by itself.
    await enfant(id, 9).executeUpdate(M.leverPointBloquant, { args: [{ commentaire: 'Entretien tenu en bureau restreint.' }] });
    await valider(id, 9);
    expect((await h.query(M.getCampagne)).phase).toBe('etat_des_lieux');
    await valider(id, 10);
    await env.sleep(60_000);
    vue = await h.query(M.getCampagne);
    expect(vue.phase).toBe('analyse_transversale');
    expect(vue.progression).toMatchObject({ texte: '10 sur 10 états des lieux validés (1 Mission Locale retirée)', complet: true, bloquants: [] });
    const phase = emails('phase_campagne', id).map((m) => m.message as { phase: string; progression?: string });
    expect(phase).toEqual([
      expect.objectContaining({ phase: 'état des lieux par structure' }),
      expect.objectContaining({ phase: 'analyse transversale et préconisations', progression: '10 sur 10 états des lieux validés (1 Mission Locale retirée)' }),
    ]);

    // Phase 3: the analysis, then a restitution per territory for its presidents and directors.
    expect(await refusal(h.executeUpdate(M.passerPhase, { args: [{ phase: 'suivi' }] }))).toContain('l’analyse transversale n’est pas enregistrée');
    await h.executeUpdate(M.enregistrerAnalyse, {
      args: [
        {
          bonnesPratiques: ['Plateforme commune de premier accueil'],
          difficultesStructurelles: ['Fonds propres faibles'],
          obstaclesExternes: ['Calendrier des financements'],
          preconisations: ['Mutualiser la fonction financière', 'Un projet de structure par ML'],
        },
      ],
    });
    vue = await h.query(M.getCampagne);
    for (const [k, t] of vue.territoires.entries())
      await h.executeUpdate(M.planifierReunion, { args: [{ type: 'restitution', territoire: t.nom, debut: await inDays(2 + k / 24) }] });
    const restitutions = await until(
      'the 4 invitations to the restitutions',
      () => emails('invitation_reunion_campagne', id).filter((m) => (m.message as { reunion: string }).reunion === 'restitution'),
      (m) => m.length === 4,
    );
    // Centre Alsace: MLs 7 and 8, their presidents and directors, the consultant, the two funders.
    const centre = restitutions.find((m) => (m.message as { territoire?: string }).territoire === 'Centre Alsace')!;
    expect(adresses([centre])).toEqual(
      [
        CONSULTANT.email,
        'direction.07@ml-alsace.example.org',
        'direction.08@ml-alsace.example.org',
        ETAT.email,
        REGION_ALSACE.email,
        'presidence.07@ml-alsace.example.org',
        'presidence.08@ml-alsace.example.org',
      ].sort(),
    );
    const invitations = await Promise.all(mailbox.raw.map((raw) => icsOfEmail(raw)));
    expect(invitations.map((e) => e?.summary ?? '')).toEqual(
      expect.arrayContaining([expect.stringContaining('Restitution de l’analyse transversale – territoire Centre Alsace')]),
    );
    await env.sleep(3 * DAY);
    for (const cle of ['restitution-1', 'restitution-2', 'restitution-3'])
      await h.executeUpdate(M.enregistrerPresence, { args: [{ cle, presents: [CONSULTANT.email] }] });
    expect(await refusal(h.executeUpdate(M.passerPhase, { args: [{ phase: 'suivi' }] }))).toBe(
      'Pas encore : la restitution du territoire « Sud Alsace » n’a pas eu lieu.',
    );
    await h.executeUpdate(M.enregistrerPresence, { args: [{ cle: 'restitution-4', presents: [CONSULTANT.email] }] });
    await h.executeUpdate(M.passerPhase, { args: [{ phase: 'suivi' }] });
    expect((await h.query(M.getCampagne)).phase).toBe('suivi');

    // After: ML 1 records its projet de structure (3 years); its dialogue de gestion is planned every 365 days until then.
    const projet = {
      besoinsJeunes: 'Jeunes ruraux peu mobiles',
      offreDeService: 'Accueil de proximité et accompagnement renforcé',
      moyens: '12 conseillers, 2 antennes',
      planAction: [{ action: 'Ouvrir une permanence itinérante', echeance: '2028-06-30' }],
      besoinsNonCouverts: 'Logement des jeunes en alternance',
      valideDu: '2027-09-01',
    };
    await enfant(id, 1).executeUpdate(M.enregistrerProjetDeStructure, { args: [projet] });
    expect((await etatMl(id, 1)).projetDeStructure).toMatchObject({ valideDu: '2027-09-01', valideAu: '2030-08-31' });
    await env.sleep(60_000);
    expect(planifications).toEqual([
      {
        quoi: 'planifier',
        i: { campagneId: id, ml: ml(1), premier: '2028-08-31T00:00:00.000Z', fin: '2030-08-31T23:59:59.000Z', intervalleMs: 365 * DAY },
      },
    ]);
    expect((await mailbox.attendre({ workflowId: idMlCampagne(id, ml(1)) }, 'projet_structure_enregistre')).cc!.map((r) => r.email)).toEqual([
      CONTACT_UNML.email,
      ETAT.email,
      REGION_ALSACE.email,
    ]);
  });

  it('holds two yearly dialogues de gestion: figures n-1, axe 3 settled with its reason, a reminder', async () => {
    const h = env.client.workflow.getHandle(id);
    const annee = 2028;
    await h.executeUpdate(M.enregistrerIndicateurs, {
      args: [
        {
          annee,
          mls: Array.from({ length: 10 }, (_, k) => ({ code: ml(k + 1), valeurs: { i1: 1000 + k * 100, i2: 300, i3: 900, i4: 200, i5: 50, i6: 30, i7: 10 } })),
        },
      ],
    });
    const dialogue = await env.client.workflow.start(dialogueDeGestion, {
      taskQueue: TASK_QUEUE,
      workflowId: idDialogue(id, ml(1), annee),
      args: [{ campagneId: id, ml: ml(1), annee }],
    });
    const prepa = await mailbox.attendre(dialogue, 'dialogue_gestion_a_preparer');
    expect(prepa.to.map((r) => r.email)).toEqual(['direction.01@ml-alsace.example.org', ETAT.email, REGION_ALSACE.email]);
    expect(prepa.message.chiffres?.annee).toBe(2027);
    expect(prepa.message.chiffres?.lignes).toEqual(
      expect.arrayContaining([
        { libelle: 'Jeunes en file active (JDI)', valeur: '900' },
        expect.objectContaining({ valeur: expect.stringMatching(/^1\s000$/) }),
      ]),
    );
    expect(prepa.message.planAction).toEqual(['Ouvrir une permanence itinérante']);
    await dialogue.executeUpdate(M.planifierDialogue, { args: [{ debut: await inDays(7), lieu: 'Préfecture de Strasbourg' }] });
    expect((await mailbox.attendre(dialogue, 'invitation_reunion_campagne')).evenement?.method).toBe('REQUEST');
    const axe3 = Object.fromEntries((await dialogue.query(M.getDialogue)).contexte!.indicateursAxe3.map((x, k) => [x.code, k + 2]));
    expect(
      await refusal(dialogue.executeUpdate(M.enregistrerDialogue, { args: [{ revuePlanAction: 'Permanence ouverte', axe3: { valeurs: axe3, motif: ' ' } }] })),
    ).toBe('Le choix de l’axe 3 est argumenté (seed 004) : indiquez son motif.');
    await dialogue.executeUpdate(M.enregistrerDialogue, {
      args: [{ revuePlanAction: 'Permanence itinérante ouverte en mars', axe3: { valeurs: axe3, motif: 'Deux projets coopératifs avec les ML voisines' } }],
    });
    await termine(dialogue);
    expect((await dialogue.query(M.getDialogue)).statut).toBe('tenu');
    const vue = await h.query(M.getCampagne);
    expect(vue.axe3).toEqual([expect.objectContaining({ annee, ml: ml(1), valeurs: axe3, motif: 'Deux projets coopératifs avec les ML voisines' })]);
    expect((await etatMl(id, 1)).dialogues.map((x) => x.annee)).toEqual([annee]);
    expect((await mailbox.attendre(dialogue, 'dialogue_gestion_tenu')).message.motif).toBe('Deux projets coopératifs avec les ML voisines');

    // The next year: not recorded within 30 days, UNML is reminded; then recorded.
    const suivant = await env.client.workflow.start(dialogueDeGestion, {
      taskQueue: TASK_QUEUE,
      workflowId: idDialogue(id, ml(1), annee + 1),
      args: [{ campagneId: id, ml: ml(1), annee: annee + 1, relanceDialogue: 30 * DAY }],
    });
    const sansChiffres = await mailbox.attendre(suivant, 'dialogue_gestion_a_preparer');
    expect(sansChiffres.message.chiffres).toBeUndefined();
    await env.sleep(30 * DAY + 3_600_000);
    expect((await mailbox.attendre(suivant, 'relance_dialogue_gestion')).to.map((r) => r.email)).toEqual([CONTACT_UNML.email]);
    await suivant.executeUpdate(M.enregistrerDialogue, { args: [{ revuePlanAction: 'Plan tenu', axe3: { valeurs: axe3, motif: 'Coopérations confirmées' } }] });
    expect((await etatMl(id, 1)).dialogues.map((x) => x.annee)).toEqual([annee, annee + 1]);
  });

  it('flags a projet de structure 3 months before it expires, pauses its Schedule once expired, and deletes it when the campaign closes', async () => {
    const h = env.client.workflow.getHandle(id);
    planifications.splice(0);
    // From 2026-12 (the test server's clock) to 3 months before 2030-08-31.
    const alerte = Date.parse('2030-08-31T23:59:59.000Z') - 92 * DAY;
    await env.sleep(alerte - (await env.currentTimeMs()) + 3_600_000);
    const aRenouveler = await mailbox.attendre({ workflowId: idMlCampagne(id, ml(1)) }, 'projet_structure_a_renouveler');
    expect(aRenouveler.message).toEqual({ kind: 'projet_structure_a_renouveler', valideAu: '2030-08-31', expire: false });
    await env.sleep(92 * DAY);
    expect(emails('projet_structure_a_renouveler').map((m) => (m.message as { expire: boolean }).expire)).toEqual([false, true]);
    expect(planifications.map((p) => p.quoi)).toEqual(['suspendre']);
    await h.executeUpdate(M.cloturerCampagne, { args: [{}] });
    await termine(h);
    expect((await h.query(M.getCampagne)).phase).toBe('cloturee');
    await termine(enfant(id, 1));
    expect(planifications.map((p) => p.quoi)).toEqual(['suspendre', 'supprimer']);
    expect((await etatMl(id, 1)).fin?.motif).toBe('Campagne clôturée');
    expect(adresses(emails('campagne_cloturee', id))).toHaveLength(10 * 2 + 3);
    // Years of simulated time and a chain of closures: more than the default 60 s on a loaded CI machine.
  }, 180_000);
});

describe('a campaign cancelled, or its état des lieux closed with some missing', () => {
  it('closes the phase naming the missing ones, then cancels the children when the campaign is cancelled', async () => {
    const id = 'CAM-00000000B2';
    // The API reserves the neutral consultant in the pool when it creates the campaign; its end gives them back.
    await vivier.reserver({ dossierId: id, role: 'consultant_campagne', intervenantId: CONSULTANT.id, heuresMois: 0, manuelle: false, par: 'unml' });
    const h = await demarrer(id, 3);
    await cadrage(h);
    await envoyerEtatDesLieux(id, 1);
    await valider(id, 1);
    expect(await refusal(h.executeUpdate(M.passerPhase, { args: [{ phase: 'analyse_transversale' }] }))).toBe(
      '1 sur 3 états des lieux validés. Pour clore la phase sans Mission Locale d’Alsace 02, Mission Locale d’Alsace 03, indiquez le motif : ' +
        'il est enregistré avec leurs noms.',
    );
    await h.executeUpdate(M.passerPhase, { args: [{ phase: 'analyse_transversale', motif: 'Calendrier régional' }] });
    const vue = await h.query(M.getCampagne);
    expect(vue.clotureEtatDesLieux).toMatchObject({ motif: 'Calendrier régional', manquantes: ['Mission Locale d’Alsace 02', 'Mission Locale d’Alsace 03'] });
    await h.executeUpdate(M.planifierReunion, { args: [{ type: 'restitution', territoire: 'Strasbourg et Eurométropole', debut: await inDays(5) }] });
    await h.executeUpdate(M.annulerCampagne, { args: [{ motif: 'Retrait du cofinancement régional' }] });
    await termine(h);
    expect((await h.query(M.getCampagne)).phase).toBe('annulee');
    for (const n of [1, 2, 3]) {
      await termine(enfant(id, n));
      expect((await etatMl(id, n)).fin).toBeDefined();
    }
    expect(await reservationsActives(vivier, h)).toEqual([]);
    expect(emails('campagne_annulee', id)[0]!.message).toEqual({ kind: 'campagne_annulee', motif: 'Retrait du cofinancement régional' });
    // The restitution to come is cancelled (an iCalendar cancellation to its invitees).
    expect(emails('annulation_evenement', id)[0]!.evenement?.method).toBe('CANCEL');
  });
});
