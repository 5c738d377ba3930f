// A simulated year (issue #14, "Tests"): 31 dossiers over the three dispositifs, filed and driven day after day of
// the next calendar year on the real time-skipping server, with one worker and a real SQLite reporting store; every
// outcome (declined, out of scope, waiting list, lapsed, abandoned, running at the year's end, closed) and the time
// logged (Compagnonnage sessions and preparation in minutes, Appui Conseil days of the cabinet and of network members
// in half-days, Diagnostic days of each diagnostiqueur). The year's figures (domain/chiffres.ts, read from the store
// as GET /api/chiffres reads them) are compared with a hand computation written below; the reporting activity
// replayed with the latest and with an older snapshot changes no figure; the rebuild from the dossiers' states on an
// emptied store gives the same rows and figures.
//
// The days: k = days since 1 January of the year (k = 4 is 5 January). Actions are taken at 10:00 UTC (11:00 or
// 12:00 in Paris: the same Paris day whatever the daylight saving time), meetings planned at 09:30 UTC, the day on
// site at 08:00 UTC (7 h). No demand is filed on a day that is the 1st of a month in a common year (a leap year moves
// those to the month before), so the months of the demands hold every year; delays are differences of k.
// Never `result()` here: on the time-skipping server it skips the clock ten years ahead, even for a closed workflow.
import { isDeepStrictEqual } from 'node:util';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createReportingActivities } from '../activities/reporting';
import { chiffresDuReporting } from '../api/chiffres/service';
import type { SqlReportingStore } from '../db/reporting';
import type { VivierStore } from '../db/store';
import { periodeAnnee, type BlocChiffres, type Chiffres } from '../domain/chiffres';
import type { InstantaneReporting, LigneDossier } from '../domain/reporting';
import type { Intervenant } from '../domain/schemas';
import { instantaneDe, reconstruireReporting } from '../scripts/reporting-rebuild';
import { appuiConseil, compagnonnage, diagnostic } from '../workflows';
import * as A from '../workflows/appui-conseil/messages';
import * as C from '../workflows/compagnonnage/messages';
import * as D from '../workflows/diagnostic/messages';
import type { RoleDiagnostic } from '../domain/diagnostic';
import type { NatureTravail } from '../domain/reporting';
import { CABINET, demande as demandeAppui, input as inputAppui, MEMBRE_COMPLET, MEMBRE_OCCITANIE, POOL_APPUI_CONSEIL } from './helpers/appui-conseil';
import { demande as demandeCompagnonnage, input as inputCompagnonnage } from './helpers/compagnonnage';
import { input as inputDiagnostic, POOL_DIAGNOSTIC } from './helpers/diagnostic';
import { INTERLOCUTRICE } from './helpers/fixtures';
import { DIRECTEUR_BRETAGNE, DIRECTRICE_QUIMPER, ficheDe, intervenantDuVivier, POOL_FIXTURES } from './helpers/pool';
import { createTimeSkippingEnv, until } from './helpers/temporal';
import { startWorker } from './helpers/worker';

const TASK_QUEUE = 'annee-simulee-test';
let env: TestWorkflowEnvironment;
let vivier: VivierStore;
let reporting: SqlReportingStore;
let stopWorker: () => Promise<void>;
/** The simulated year: the one after the test server's clock at start. */
let Y: number;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  ({
    vivier,
    reporting,
    stop: stopWorker,
  } = await startWorker(env, TASK_QUEUE, {
    // A third Diagnostic director (Auvergne-Rhône-Alpes), met on one diagnostic only.
    pool: [...POOL_FIXTURES, ...POOL_APPUI_CONSEIL, ...POOL_DIAGNOSTIC, intervenantDuVivier('DIR-ARA', 'directeur_ml', { region: 'ARA' })],
  }));
  Y = new Date(await env.currentTimeMs()).getUTCFullYear() + 1;
}, 180_000); // the workflow bundle, slow on a loaded machine

afterAll(async () => {
  await stopWorker?.();
  await env?.teardown();
});

// --- The clock ----------------------------------------------------------------------------------------------------
/** Day k of the year at h:m UTC, as epoch ms and ISO. */
const at = (k: number, h = 10, m = 0) => Date.UTC(Y, 0, 1 + k, h, m);
const iso = (k: number, h = 10, m = 0) => new Date(at(k, h, m)).toISOString();
const maintenant = async () => new Date(await env.currentTimeMs()).toISOString();
/** Moves the server's clock to day k at h:00 UTC (never backwards). */
async function aller(k: number, h: number): Promise<void> {
  const reste = at(k, h) - (await env.currentTimeMs());
  if (reste > 0) await env.sleep(reste);
}

// --- The dossiers -------------------------------------------------------------------------------------------------
const ids: string[] = [];
const cmp = (id: string) => env.client.workflow.getHandle<typeof compagnonnage>(id);
const apc = (id: string) => env.client.workflow.getHandle<typeof appuiConseil>(id);
const dgn = (id: string) => env.client.workflow.getHandle<typeof diagnostic>(id);

async function deposerC(id: string, d = demandeCompagnonnage()): Promise<void> {
  ids.push(id);
  await env.client.workflow.start(compagnonnage, { taskQueue: TASK_QUEUE, workflowId: id, args: [inputCompagnonnage(id, d)] });
}
async function deposerA(id: string, d = demandeAppui()): Promise<void> {
  ids.push(id);
  await env.client.workflow.start(appuiConseil, { taskQueue: TASK_QUEUE, workflowId: id, args: [inputAppui(id, d)] });
}
async function deposerD(id: string): Promise<void> {
  ids.push(id);
  await env.client.workflow.start(diagnostic, { taskQueue: TASK_QUEUE, workflowId: id, args: [inputDiagnostic(id)] });
}

/** Compagnonnage: accepted, the intervenant designated and accepting, the acte signed, the cadrage, the launch visio planned on day k. */
async function cVersLancement(id: string, intervenant: Intervenant, visio: number): Promise<void> {
  const h = cmp(id);
  await h.executeUpdate(C.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
  await h.executeUpdate(C.designateIntervenant, { args: [{ intervenant }] });
  await h.executeUpdate(C.respondDesignation, { args: [{ accepte: true, intervenantId: intervenant.id }] });
  await h.executeUpdate(C.signActeEngagement, { args: [{ signataire: 'Claire Martin' }] });
  await h.executeUpdate(C.submitFicheCadrage, { args: [{ besoin: 'Structurer le management', objectifs: ['Entretiens annuels'] }] });
  await h.executeUpdate(C.scheduleVisioLancement, { args: [{ debut: iso(visio, 9, 30) }] });
}
const seance = async (id: string, dureeMinutes: number) =>
  cmp(id).executeUpdate(C.logSession, { args: [{ date: await maintenant(), dureeMinutes, resume: 'Séance' }] });

/** Appui Conseil: the prise de contact, the cabinet, a network member (accepting) if any, the acte signed, the launch visio planned on day k. */
async function aVersLancement(id: string, membre: Intervenant | undefined, visio: number): Promise<void> {
  const h = apc(id);
  await h.executeUpdate(A.recordPriseDeContact, { args: [{ besoin: 'Rétablir l’équilibre financier', interlocutrice: INTERLOCUTRICE }] });
  await h.executeUpdate(A.mobiliseCabinet, { args: [{ cabinet: CABINET }] });
  if (membre) {
    await h.executeUpdate(A.addMembreReseau, { args: [{ membre, choix: { source: 'manuel', motif: 'Disponible à cette date' } }] });
    await h.executeUpdate(A.respondDesignation, { args: [{ intervenantId: membre.id, accepte: true }] });
  }
  await h.executeUpdate(A.signActeEngagement, { args: [{ signataire: 'Karim Haddad' }] });
  await h.executeUpdate(A.scheduleVisioLancement, { args: [{ debut: iso(visio, 9, 30) }] });
}
/** Appui Conseil: the launch visio held, the flash diagnostic, the cadrage and the plan: in mise en œuvre. */
async function aVersMiseEnOeuvre(id: string): Promise<void> {
  const h = apc(id);
  await h.executeUpdate(A.recordVisioLancement, { args: [{}] });
  await h.executeUpdate(A.submitRapportDiagnostic, { args: [{ constats: 'Déficit', conclusions: 'Plan de retour à l’équilibre' }] });
  await h.executeUpdate(A.submitFicheCadrage, { args: [{ besoin: 'Équilibre financier', objectifs: ['Budget à l’équilibre'] }] });
  await h.executeUpdate(A.submitPlanAction, { args: [{ actions: [{ intitule: 'Plan de trésorerie', responsable: CABINET.consultants[0]!, jalons: [] }] }] });
}
/** An intervention day (1 or 2 half-days) by the cabinet's consultant or a network member, by name; `date` defaults to now. */
const journee = async (id: string, intervenant: string, demiJournees: 1 | 2, date?: string) =>
  apc(id).executeUpdate(A.logJournee, { args: [{ intervenant, date: date ?? (await maintenant()), demiJournees, objet: 'Intervention' }] });

/** Diagnostic: accepted, the binôme designated from the pool's proposal and both accepting: in individual analyses. */
async function dBinome(id: string, consultant: string, directeur: string): Promise<void> {
  const h = dgn(id);
  await h.executeUpdate(D.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
  await until(
    `the binômes of ${id}`,
    () => h.query(D.getDossier),
    (s) => s.binomesProposes.length > 0,
  );
  for (const qui of [consultant, directeur])
    await h.executeUpdate(D.designateDiagnostiqueur, { args: [{ intervenant: await ficheDe(vivier, qui), choix: { source: 'manuel', motif: 'Disponible' } }] });
  await h.executeUpdate(D.respondDiagnostiqueur, { args: [{ role: 'diagnostiqueur_consultant', accepte: true }] });
  await h.executeUpdate(D.respondDiagnostiqueur, { args: [{ role: 'diagnostiqueur_directeur', accepte: true }] });
}
const CNS: RoleDiagnostic = 'diagnostiqueur_consultant';
const DIR: RoleDiagnostic = 'diagnostiqueur_directeur';
/** A diagnostiqueur's day (the new action): `date` defaults to now. */
const jourDgn = async (
  id: string,
  role: RoleDiagnostic,
  nature: Exclude<NatureTravail, 'seance' | 'preparation' | 'journee_intervention'>,
  demiJournees: 1 | 2,
  date?: string,
) => dgn(id).executeUpdate(D.logJourneeDiagnostiqueur, { args: [{ role, nature, demiJournees, date: date ?? (await maintenant()) }] });
/** Diagnostic: both individual analyses filed, the mise en commun planned on day k at 09:30 UTC (3 h). */
async function dAnalyses(id: string, miseEnCommun: number): Promise<void> {
  const h = dgn(id);
  for (const role of [CNS, DIR]) await h.executeUpdate(D.submitAnalyse, { args: [{ role, synthese: 'Gouvernance peu formalisée.' }] });
  await h.executeUpdate(D.planEvenement, { args: [{ evenement: 'mise_en_commun', debut: iso(miseEnCommun, 9, 30), dureeMinutes: 180 }] });
}
/** Diagnostic: the mise en commun held, the programme agreed, the day on site planned on day k at 08:00 UTC (7 h). */
async function dVersSite(id: string, site: number): Promise<void> {
  const h = dgn(id);
  await h.executeUpdate(D.recordMiseEnCommun, { args: [{ compteRendu: 'Analyses convergentes.' }] });
  await h.executeUpdate(D.proposeProgramme, { args: [{ rencontres: ['La direction', 'La présidence'] }] });
  await h.executeUpdate(D.respondProgramme, { args: [{ accepte: true }] });
  await h.executeUpdate(D.planEvenement, { args: [{ evenement: 'journee_sur_site', debut: iso(site, 8) }] });
}

const declinerC = (id: string) => cmp(id).executeUpdate(C.declineDemande, { args: [{ motif: 'Ressources épuisées' }] });
const declinerA = (id: string) => apc(id).executeUpdate(A.declineDemande, { args: [{ motif: 'Hors des priorités de l’année' }] });
const declinerD = (id: string) => dgn(id).executeUpdate(D.declineDemande, { args: [{ motif: 'Binômes indisponibles' }] });

// --- The year, day by day -------------------------------------------------------------------------------------------
type Evenement = { k: number; h: number; faire: () => Promise<unknown> };
const annee: Evenement[] = [];
const le = (k: number, h: number, faire: () => Promise<unknown>) => annee.push({ k, h, faire });
/** C01's snapshot before its closure (an older one, for the replay). */
let ancien: InstantaneReporting | undefined;

// Compagnonnage (11 dossiers).
// C01 closed: filed and accepted k4, launched k11 (7 days), sessions 120 min k11, k18, k25 and a 60 min preparation
// (420 min), ended k25, fiche bilan k27, post-bilan (90 days later) and closure k120 (116 days).
le(4, 10, () => deposerC('CMP-AN01'));
le(4, 10, () => cVersLancement('CMP-AN01', DIRECTEUR_BRETAGNE, 11));
le(11, 10, async () => {
  await cmp('CMP-AN01').executeUpdate(C.recordVisioLancement, { args: [{}] });
  await seance('CMP-AN01', 120);
  await cmp('CMP-AN01').executeUpdate(C.logPreparation, { args: [{ date: await maintenant(), dureeMinutes: 60 }] });
});
le(18, 10, () => seance('CMP-AN01', 120));
le(25, 10, async () => {
  await seance('CMP-AN01', 120);
  await cmp('CMP-AN01').executeUpdate(C.endAccompagnement, { args: [{}] });
  for (const [visio, h] of [
    ['bilan_ml', 9],
    ['bilan_intervenant', 11],
    ['bilan_collectif', 13],
  ] as const)
    await cmp('CMP-AN01').executeUpdate(C.scheduleVisioBilan, { args: [{ visio, debut: iso(26, h, 30) }] });
});
le(27, 10, async () => {
  const s = await cmp('CMP-AN01').executeUpdate(C.submitFicheBilan, {
    args: [{ objectifs: [{ objectif: 'Entretiens annuels', atteint: true }], recommandations: 'Poursuivre', pointsDeVigilance: 'Turn-over' }],
  });
  expect(s.etape).toBe('post_bilan');
  const etat = await cmp('CMP-AN01').query(C.getDossier);
  ancien = { sequence: etat.reporting!.sequence, ...instantaneDe(etat) };
});
le(120, 10, () => cmp('CMP-AN01').executeUpdate(C.recordPostBilan, { args: [{ impact: 'Équipe stabilisée' }] }));
// C02 running at the year's end: filed and accepted k150, launched k160 (10 days), sessions 90 min k160 and 120 min
// k200, a 30 min preparation k200 (240 min).
le(150, 10, () => deposerC('CMP-AN02'));
le(150, 10, () => cVersLancement('CMP-AN02', DIRECTRICE_QUIMPER, 160));
le(160, 10, async () => {
  await cmp('CMP-AN02').executeUpdate(C.recordVisioLancement, { args: [{}] });
  await seance('CMP-AN02', 90);
});
le(200, 10, async () => {
  await seance('CMP-AN02', 120);
  await cmp('CMP-AN02').executeUpdate(C.logPreparation, { args: [{ date: await maintenant(), dureeMinutes: 30 }] });
});
// C03 declined on its day (k6); C04 filed k70, declined k72; C11 filed k300, declined k301.
le(6, 10, () => deposerC('CMP-AN03'));
le(6, 10, () => declinerC('CMP-AN03'));
le(70, 10, () => deposerC('CMP-AN04'));
le(72, 10, () => declinerC('CMP-AN04'));
le(300, 10, () => deposerC('CMP-AN11'));
le(301, 10, () => declinerC('CMP-AN11'));
// C05 (k9) and C06 (k210) out of scope: a financial problem (→ Appui Conseil), ended at intake.
le(9, 10, () => deposerC('CMP-AN05', demandeCompagnonnage({ sujets: ['financements', 'problematique_financiere'] })));
le(210, 10, () => deposerC('CMP-AN06', demandeCompagnonnage({ sujets: ['problematique_financiere'] })));
// C07 filed k32, on the waiting list k33, still there at the year's end; C08 filed and on the list k40, accepted k90,
// still waiting for its intervenant at the year's end.
le(32, 10, () => deposerC('CMP-AN07'));
le(33, 10, () => cmp('CMP-AN07').executeUpdate(C.waitlistDemande, { args: [{ priorite: 1 }] }));
le(40, 10, () => deposerC('CMP-AN08'));
le(40, 10, () => cmp('CMP-AN08').executeUpdate(C.waitlistDemande, { args: [{ priorite: 2 }] }));
le(90, 10, () => cmp('CMP-AN08').executeUpdate(C.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] }));
// C09 filed k60, complements asked k61, never given: lapsed 30 days later, k91.
le(60, 10, () => deposerC('CMP-AN09'));
le(61, 10, () => cmp('CMP-AN09').executeUpdate(C.requestComplements, { args: [{ aCompleter: 'Décrivez le contexte' }] }));
// C10 filed and accepted k100, abandoned k130.
le(100, 10, () => deposerC('CMP-AN10'));
le(100, 10, () => cmp('CMP-AN10').executeUpdate(C.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] }));
le(130, 10, () => cmp('CMP-AN10').executeUpdate(C.abandonDossier, { args: [{ motif: 'La direction renonce' }] }));

// Appui Conseil (10 dossiers), the ML of Lens (Hauts-de-France).
// A01 closed: filed and taken on k4 with Nadia Benali (int-0107, ML director, Occitanie), launched k11 (7 days); days:
// cabinet 2 (k11) + 2 (k12, logged k13) + 1 (k13) = 5 half-days, Nadia 2 (k11) + 1 (k13) = 3 half-days; ended k25,
// fiche bilan and the ML's questionnaire k27, closed k45 (41 days) once the others' 15 days were over.
le(4, 10, () => deposerA('APC-AN01'));
le(4, 10, () => aVersLancement('APC-AN01', MEMBRE_OCCITANIE, 11));
le(11, 10, async () => {
  await aVersMiseEnOeuvre('APC-AN01');
  await journee('APC-AN01', 'Léa Roux', 2);
  await journee('APC-AN01', 'Nadia Benali', 2);
});
le(13, 10, async () => {
  await journee('APC-AN01', 'Léa Roux', 2, iso(12));
  await journee('APC-AN01', 'Léa Roux', 1);
  await journee('APC-AN01', 'Nadia Benali', 1);
});
le(25, 10, async () => {
  await apc('APC-AN01').executeUpdate(A.endMiseEnOeuvre, { args: [{ motif: 'Objectifs atteints plus tôt' }] });
  await apc('APC-AN01').executeUpdate(A.scheduleVisioBilan, { args: [{ visio: 'bilan_ml', debut: iso(26, 9, 30) }] });
  await apc('APC-AN01').executeUpdate(A.scheduleVisioBilan, { args: [{ visio: 'bilan_intervenant', debut: iso(26, 11, 30) }] });
});
le(27, 10, async () => {
  await apc('APC-AN01').executeUpdate(A.submitFicheBilan, {
    args: [{ objectifs: [{ objectif: 'Budget à l’équilibre', atteint: true }], recommandations: 'Suivre la trésorerie', pointsDeVigilance: 'Subventions' }],
  });
  await apc('APC-AN01').executeUpdate(A.submitEvaluation, {
    args: [{ repondant: 'ml', nom: 'Karim Haddad', reponses: { satisfaction: '4', commentaire: 'Un appui décisif' } }],
  });
});
le(45, 10, () => apc('APC-AN01').executeUpdate(A.cloturer, { args: [{}] }));
// A02 running at the year's end: filed and taken on k180 with Paul Le Gall (int-0042, also C01's intervenant),
// launched k190 (10 days); cabinet 2 (k190) + 2 (k220) = 4 half-days, Paul 2 (k190) + 1 (k220) = 3 half-days.
le(180, 10, () => deposerA('APC-AN02'));
le(180, 10, () => aVersLancement('APC-AN02', DIRECTEUR_BRETAGNE, 190));
le(190, 10, async () => {
  await aVersMiseEnOeuvre('APC-AN02');
  await journee('APC-AN02', 'Léa Roux', 2);
  await journee('APC-AN02', 'Paul Le Gall', 2);
});
le(220, 10, async () => {
  await journee('APC-AN02', 'Léa Roux', 2);
  await journee('APC-AN02', 'Paul Le Gall', 1);
});
// A03 abandoned after its launch: filed and taken on k100 with Yann Morvan (int-0108, network expert), launched k105
// (5 days); cabinet 2 (k105), Yann 2 (k105) + 1 (k110) = 3 half-days; abandoned k115.
le(100, 10, () => deposerA('APC-AN03'));
le(100, 10, () => aVersLancement('APC-AN03', MEMBRE_COMPLET, 105));
le(105, 10, async () => {
  await aVersMiseEnOeuvre('APC-AN03');
  await journee('APC-AN03', 'Léa Roux', 2);
  await journee('APC-AN03', 'Yann Morvan', 2);
});
le(110, 10, () => journee('APC-AN03', 'Yann Morvan', 1));
le(115, 10, () => apc('APC-AN03').executeUpdate(A.abandonDossier, { args: [{ motif: 'Fusion reportée' }] }));
// A04 filed and taken on k80, the cabinet mobilised the same day, the acte never signed: lapsed 30 days later, k110.
le(80, 10, () => deposerA('APC-AN04'));
le(80, 10, async () => {
  await apc('APC-AN04').executeUpdate(A.recordPriseDeContact, { args: [{ besoin: 'Trésorerie', interlocutrice: INTERLOCUTRICE }] });
  await apc('APC-AN04').executeUpdate(A.mobiliseCabinet, { args: [{ cabinet: CABINET }] });
});
// A05 declined on its day (k6); A06 filed k230, declined k231; A10 declined on its day (k320).
le(6, 10, () => deposerA('APC-AN05'));
le(6, 10, () => declinerA('APC-AN05'));
le(230, 10, () => deposerA('APC-AN06'));
le(231, 10, () => declinerA('APC-AN06'));
le(320, 10, () => deposerA('APC-AN10'));
le(320, 10, () => declinerA('APC-AN10'));
// A07 (k9) and A08 (k250) out of scope: continuous improvement.
le(9, 10, () => deposerA('APC-AN07', demandeAppui({ sujets: ['amelioration_continue'] })));
le(250, 10, () => deposerA('APC-AN08', demandeAppui({ sujets: ['optimisation_moyens'] })));
// A09 filed and taken on k140, abandoned k141.
le(140, 10, () => deposerA('APC-AN09'));
le(140, 10, () => apc('APC-AN09').executeUpdate(A.recordPriseDeContact, { args: [{ besoin: 'Trésorerie', interlocutrice: INTERLOCUTRICE }] }));
le(141, 10, () => apc('APC-AN09').executeUpdate(A.abandonDossier, { args: [{ motif: 'La ML renonce' }] }));

// Diagnostic (10 dossiers), the ML of the Pays de Caux (Normandie).
// D01 closed: filed and accepted k4, CNS-IDF and DIR-BRE; each logs 2 (analysis k4) + 1 (mise en commun of k12,
// logged k13) + 2 (the day on site k20) + 1 (reports k20) = 6 half-days; launched with the day on site k20 (16 days),
// concluded without accompaniment k27 (23 days).
le(4, 10, () => deposerD('DGN-AN01'));
le(4, 10, async () => {
  await dBinome('DGN-AN01', 'CNS-IDF', 'DIR-BRE');
  await jourDgn('DGN-AN01', CNS, 'analyse_individuelle', 2);
  await jourDgn('DGN-AN01', DIR, 'analyse_individuelle', 2);
});
le(11, 10, () => dAnalyses('DGN-AN01', 12));
le(13, 10, async () => {
  await dVersSite('DGN-AN01', 20);
  await jourDgn('DGN-AN01', CNS, 'mise_en_commun', 1, iso(12, 9, 30));
  await jourDgn('DGN-AN01', DIR, 'mise_en_commun', 1, iso(12, 9, 30));
});
le(20, 16, async () => {
  const h = dgn('DGN-AN01');
  await h.executeUpdate(D.recordJourneeSurSite, { args: [{}] });
  await jourDgn('DGN-AN01', CNS, 'journee_sur_site', 2, iso(20, 8));
  await jourDgn('DGN-AN01', DIR, 'journee_sur_site', 2, iso(20, 8));
  await h.executeUpdate(D.recordDebriefing, { args: [{ pistes: ['Formaliser les délégations'] }] });
  for (const role of [CNS, DIR])
    await h.executeUpdate(D.submitRapportIndividuel, {
      args: [{ role, forces: 'Équipe engagée.', faiblesses: 'Délégations floues.', preconisations: ['Formaliser'] }],
    });
  await jourDgn('DGN-AN01', CNS, 'rapport', 1);
  await jourDgn('DGN-AN01', DIR, 'rapport', 1);
  await h.executeUpdate(D.submitRapportCroise, { args: [{ constats: 'Une gouvernance à clarifier.', preconisations: ['Formaliser les délégations'] }] });
  await h.executeUpdate(D.commentRapport, { args: [{ commentaire: 'Juste.' }] });
  await h.executeUpdate(D.planEvenement, { args: [{ evenement: 'revue_finale', debut: iso(27, 9, 30) }] });
});
le(27, 10, () =>
  dgn('DGN-AN01').executeUpdate(D.concludeDiagnostic, { args: [{ conclusions: 'Gouvernance à clarifier.', motif: 'La ML s’en charge seule' }] }),
);
// D02 running at the year's end: filed and accepted k200, CNS-OCC and DIR-OCC; analyses k200 (2 and 1 half-days),
// the day on site k210 (2 each): 4 and 3 half-days; launched k210 (10 days), left at the debriefing.
le(200, 10, () => deposerD('DGN-AN02'));
le(200, 10, async () => {
  await dBinome('DGN-AN02', 'CNS-OCC', 'DIR-OCC');
  await jourDgn('DGN-AN02', CNS, 'analyse_individuelle', 2);
  await jourDgn('DGN-AN02', DIR, 'analyse_individuelle', 1);
  await dAnalyses('DGN-AN02', 203);
});
le(205, 10, () => dVersSite('DGN-AN02', 210));
le(210, 16, async () => {
  await dgn('DGN-AN02').executeUpdate(D.recordJourneeSurSite, { args: [{}] });
  await jourDgn('DGN-AN02', CNS, 'journee_sur_site', 2, iso(210, 8));
  await jourDgn('DGN-AN02', DIR, 'journee_sur_site', 2, iso(210, 8));
});
// D03 in its individual analyses at the year's end (not launched): filed and accepted k260, CNS-IDF and DIR-ARA, who
// log 1 and 2 half-days k260: DIR-ARA counts as a network member through the work logged alone.
le(260, 10, () => deposerD('DGN-AN03'));
le(260, 10, async () => {
  await dBinome('DGN-AN03', 'CNS-IDF', 'DIR-ARA');
  await jourDgn('DGN-AN03', CNS, 'analyse_individuelle', 1);
  await jourDgn('DGN-AN03', DIR, 'analyse_individuelle', 2);
});
// D04 filed and accepted k50, a consultant designated (never accepting), abandoned k55.
le(50, 10, () => deposerD('DGN-AN04'));
le(50, 10, async () => {
  const h = dgn('DGN-AN04');
  await h.executeUpdate(D.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
  await until(
    'the binômes of DGN-AN04',
    () => h.query(D.getDossier),
    (s) => s.binomesProposes.length > 0,
  );
  await h.executeUpdate(D.designateDiagnostiqueur, {
    args: [{ intervenant: await ficheDe(vivier, 'CNS-OCC'), choix: { source: 'manuel', motif: 'Disponible' } }],
  });
});
le(55, 10, () => dgn('DGN-AN04').executeUpdate(D.abandonDossier, { args: [{ motif: 'La présidence renonce' }] }));
// D05 (k15), D07 (k130) and D10 (k340) declined on their day; D06 filed k45, declined k47; D08 filed k280, declined k282.
le(15, 10, () => deposerD('DGN-AN05'));
le(15, 10, () => declinerD('DGN-AN05'));
le(45, 10, () => deposerD('DGN-AN06'));
le(47, 10, () => declinerD('DGN-AN06'));
le(130, 10, () => deposerD('DGN-AN07'));
le(130, 10, () => declinerD('DGN-AN07'));
le(280, 10, () => deposerD('DGN-AN08'));
le(282, 10, () => declinerD('DGN-AN08'));
le(340, 10, () => deposerD('DGN-AN10'));
le(340, 10, () => declinerD('DGN-AN10'));
// D09 filed and accepted k330, its binôme still to designate at the year's end.
le(330, 10, () => deposerD('DGN-AN09'));
le(330, 10, () => dgn('DGN-AN09').executeUpdate(D.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] }));

// --- The store ----------------------------------------------------------------------------------------------------
type Etat = Parameters<typeof instantaneDe>[0];
const etatDe = (id: string) => env.client.workflow.getHandle(id).query(C.getDossier) as Promise<Etat>;

/** Waits until the store holds each dossier as its state maps it now (the workflows write in the background). */
async function storeAJour(): Promise<void> {
  for (const id of ids)
    await until(`${id} up to date in the store`, async () => {
      const etat = await etatDe(id);
      const attendu = instantaneDe(etat);
      const ligne = await lireLigne(id);
      const unites = await reporting.db.selectFrom('reporting_unites').select('cle').where('dossier_id', '=', id).execute();
      const ok =
        (await reporting.sequence(id)) === etat.reporting?.sequence && isDeepStrictEqual(ligne, attendu.dossier) && unites.length === attendu.unites.length;
      return ok || undefined;
    });
}
async function lireLigne(id: string): Promise<LigneDossier | undefined> {
  for await (const d of reporting.dossiers({})) if (d.dossierId === id) return d;
  return undefined;
}

/** Every row of the three tables (the write time left out: it differs between two writes of the same snapshot). */
async function lignesDuStore() {
  const dossiers = await reporting.db.selectFrom('reporting_dossiers').selectAll().orderBy('dossier_id').execute();
  const unites = await reporting.db.selectFrom('reporting_unites').selectAll().orderBy('dossier_id').orderBy('cle').execute();
  const reponses = await reporting.db.selectFrom('reporting_reponses').selectAll().orderBy('dossier_id').orderBy('rang').execute();
  return { dossiers: dossiers.map(({ mis_a_jour_le: _, ...reste }) => reste), unites, reponses };
}

const chiffres = (heuresParJour = 7): Promise<Chiffres> => chiffresDuReporting(reporting, { periode: periodeAnnee(Y), heuresParJour });

// --- The expected figures, by hand ----------------------------------------------------------------------------------
const jours = (demiJournees: number, minutes: number, j: number) => ({ demiJournees, minutes, jours: j });
const AUCUN = jours(0, 0, 0);

/**
 * Compagnonnage: 11 asked; accepted C01 C02 C08 C10 = 4; declined C03 C04 C11 = 3; out of scope C05 C06 = 2; waiting
 * list C07 C08 = 2; running (launched in the year) C01 C02 = 2; closed C01; abandoned C10; lapsed C09.
 * Time, all by ML directors: C01 120 × 3 + 60 = 420 min, C02 90 + 120 + 30 = 240 min: 660 min = 660 / 420 = 1.57… → 1.6
 * days at 7 h. Members: int-0042 (C01), int-0043 (C02) = 2. Delays: launch [7 (C01), 10 (C02)]: median at rank
 * ⌈0.5 × 2⌉ = 1 → 7, p90 at rank ⌈1.8⌉ = 2 → 10; closure [116 (C01)].
 */
const COMPAGNONNAGE: BlocChiffres = {
  dossiers: { demandes: 11, acceptes: 4, declines: 3, nonRecevables: 2, listeAttente: 2, enCours: 2, clotures: 1, abandonnes: 1, caducs: 1 },
  jours: {
    consultants: AUCUN,
    expertiseInterne: jours(0, 660, 1.6),
    parType: { consultant_cabinet: AUCUN, directeur_ml: jours(0, 660, 1.6), expert_reseau: AUCUN },
  },
  membresReseau: 2,
  consultants: 0,
  delais: { demandeLancement: { nombre: 2, mediane: 7, p90: 10 }, demandeCloture: { nombre: 1, mediane: 116, p90: 116 } },
};
/**
 * Appui Conseil: 10 asked; taken on A01 A02 A03 A04 A09 = 5; declined A05 A06 A10 = 3; out of scope A07 A08 = 2; no
 * waiting list; running A01 A02 A03 (launched; A03 abandoned after its launch) = 3; closed A01; abandoned A03 A09 = 2;
 * lapsed A04. Cabinet: 5 (A01) + 4 (A02) + 2 (A03) = 11 half-days = 5.5 days (no pool id: 0 consultants counted).
 * Network: directors 3 (A01, Nadia) + 3 (A02, Paul) = 6 half-days = 3 days, expert 3 (A03, Yann) = 1.5 days; 9
 * half-days = 4.5 days. Members: int-0107, int-0042, int-0108 = 3. Delays: launch [5, 7, 10]: median at rank
 * ⌈1.5⌉ = 2 → 7, p90 at rank ⌈2.7⌉ = 3 → 10; closure [41 (A01)].
 */
const APPUI_CONSEIL: BlocChiffres = {
  dossiers: { demandes: 10, acceptes: 5, declines: 3, nonRecevables: 2, listeAttente: 0, enCours: 3, clotures: 1, abandonnes: 2, caducs: 1 },
  jours: {
    consultants: jours(11, 0, 5.5),
    expertiseInterne: jours(9, 0, 4.5),
    parType: { consultant_cabinet: jours(11, 0, 5.5), directeur_ml: jours(6, 0, 3), expert_reseau: jours(3, 0, 1.5) },
  },
  membresReseau: 3,
  consultants: 0,
  delais: { demandeLancement: { nombre: 3, mediane: 7, p90: 10 }, demandeCloture: { nombre: 1, mediane: 41, p90: 41 } },
};
/**
 * Diagnostic: 10 asked; accepted D01 D02 D03 D04 D09 = 5; declined D05 D06 D07 D08 D10 = 5; running (day on site held)
 * D01 D02 = 2; closed D01; abandoned D04. Consultants: 6 (D01) + 4 (D02) + 1 (D03) = 11 half-days = 5.5 days, CNS-IDF
 * and CNS-OCC = 2; directors: 6 + 3 + 2 = 11 half-days = 5.5 days, DIR-BRE, DIR-OCC and DIR-ARA (D03, not launched:
 * through its days logged) = 3. Delays: launch [10 (D02), 16 (D01)]: median 10, p90 16; closure [23 (D01)].
 */
const DIAGNOSTIC: BlocChiffres = {
  dossiers: { demandes: 10, acceptes: 5, declines: 5, nonRecevables: 0, listeAttente: 0, enCours: 2, clotures: 1, abandonnes: 1, caducs: 0 },
  jours: {
    consultants: jours(11, 0, 5.5),
    expertiseInterne: jours(11, 0, 5.5),
    parType: { consultant_cabinet: jours(11, 0, 5.5), directeur_ml: jours(11, 0, 5.5), expert_reseau: AUCUN },
  },
  membresReseau: 3,
  consultants: 2,
  delais: { demandeLancement: { nombre: 2, mediane: 10, p90: 16 }, demandeCloture: { nombre: 1, mediane: 23, p90: 23 } },
};
/**
 * All three: the counts add up (31 asked…). Consultants 11 + 11 = 22 half-days = 11 days. Internal expertise: 9 + 11 =
 * 20 half-days and 660 min: (20 × 420 / 2 + 660) / 420 = 11.57… → 11.6 days at 7 h (the figure's rule: halves and
 * minutes summed before the one division). Members: int-0042 (Compagnonnage and Appui Conseil, once), int-0043,
 * int-0107, int-0108, DIR-BRE, DIR-OCC, DIR-ARA = 7, not 2 + 3 + 3. Delays: launch [5, 7, 7, 10, 10, 10, 16]: median
 * at rank ⌈3.5⌉ = 4 → 10, p90 at rank ⌈6.3⌉ = 7 → 16; closure [23, 41, 116]: median at rank 2 → 41, p90 at rank 3 → 116.
 */
const TOTAL: BlocChiffres = {
  dossiers: { demandes: 31, acceptes: 14, declines: 11, nonRecevables: 4, listeAttente: 2, enCours: 7, clotures: 3, abandonnes: 4, caducs: 2 },
  jours: {
    consultants: jours(22, 0, 11),
    expertiseInterne: jours(20, 660, 11.6),
    parType: { consultant_cabinet: jours(22, 0, 11), directeur_ml: jours(17, 660, 10.1), expert_reseau: jours(3, 0, 1.5) },
  },
  membresReseau: 7,
  consultants: 2,
  delais: { demandeLancement: { nombre: 7, mediane: 10, p90: 16 }, demandeCloture: { nombre: 3, mediane: 41, p90: 116 } },
};
/**
 * Demands per month (k → the day of a common or leap year): January k4 ×3, k6 ×2, k9 ×2, k15 = 8; February k32, k40, k45,
 * k50 = 4; March k60, k70, k80 = 3; April k100 ×2 = 2; May k130, k140, k150 = 3; June k180 = 1; July k200, k210 = 2;
 * August k230 = 1; September k250, k260 = 2; October k280, k300 = 2; November k320, k330 = 2; December k340 = 1.
 */
const PAR_MOIS = [8, 4, 3, 2, 3, 1, 2, 1, 2, 2, 2, 1];

describe('a simulated year of 31 dossiers over the three dispositifs', () => {
  let avant: Chiffres;

  it('files and drives the dossiers day after day through the year', async () => {
    annee.sort((a, b) => at(a.k, a.h) - at(b.k, b.h));
    for (const e of annee) {
      await aller(e.k, e.h);
      await e.faire();
    }
    expect(ids).toHaveLength(31);
    await storeAJour();
    const etapes = Object.fromEntries(await Promise.all(ids.map(async (id) => [id, (await etatDe(id)).etape])));
    expect(etapes).toMatchObject({
      'CMP-AN01': 'cloture',
      'CMP-AN02': 'accompagnement',
      'CMP-AN07': 'liste_attente',
      'CMP-AN08': 'designation_intervenant',
      'CMP-AN09': 'caduque',
      'APC-AN02': 'mise_en_oeuvre',
      'APC-AN04': 'caduque',
      'DGN-AN02': 'debriefing',
      'DGN-AN03': 'analyses_individuelles',
      'DGN-AN09': 'designation_binome',
    });
  }, 300_000);

  it('gives the figures of the year computed by hand', async () => {
    avant = await chiffres();
    expect(avant.parDispositif).toEqual({ compagnonnage: COMPAGNONNAGE, appui_conseil: APPUI_CONSEIL, diagnostic: DIAGNOSTIC });
    expect(avant.total).toEqual(TOTAL);
    expect(avant.demandesParMois).toEqual(PAR_MOIS.map((nombre, m) => ({ mois: `${Y}-${String(m + 1).padStart(2, '0')}`, nombre })));
    expect(avant.questionnaires).toEqual([
      {
        dispositif: 'appui_conseil',
        questions: [
          { question: 'satisfaction', nombre: 1, moyenne: 4, numeriques: 1, textes: [] },
          { question: 'commentaire', nombre: 1, numeriques: 0, textes: ['Un appui décisif'] },
        ],
      },
    ]);
    // The hours-per-day only changes the work logged in minutes: at 6 h, 660 min = 1.83… → 1.8 days of Compagnonnage,
    // and (20 × 360 / 2 + 660) / 360 = 11.83… → 11.8 days of internal expertise in all.
    const a6h = await chiffres(6);
    expect(a6h.parDispositif.compagnonnage!.jours.expertiseInterne).toEqual(jours(0, 660, 1.8));
    expect(a6h.total.jours.expertiseInterne).toEqual(jours(20, 660, 11.8));
    expect(a6h.total.jours.consultants).toEqual(jours(22, 0, 11));
  });

  it('changes no figure when the reporting activity runs again, with the latest snapshot or an older one', async () => {
    const { enregistrerReporting } = createReportingActivities({ reporting });
    const lignes = await lignesDuStore();
    const etat = await etatDe('CMP-AN01');
    const dernier: InstantaneReporting = { sequence: etat.reporting!.sequence, ...instantaneDe(etat) };
    expect(ancien).toBeDefined();
    expect(ancien!.sequence).toBeLessThan(dernier.sequence);
    expect(ancien!.dossier.etape).toBe('post_bilan');
    expect(await enregistrerReporting(dernier)).toBe(false);
    expect(await enregistrerReporting(ancien!)).toBe(false);
    // A dossier whose last write was its closure: its snapshot replayed too.
    const apcEtat = await etatDe('APC-AN01');
    expect(await enregistrerReporting({ sequence: apcEtat.reporting!.sequence, ...instantaneDe(apcEtat) })).toBe(false);
    expect(await lignesDuStore()).toEqual(lignes);
    expect(await chiffres()).toEqual(avant);
  });

  it('rebuilds the same store and figures from the dossiers’ states, on an emptied store', async () => {
    const lignes = await lignesDuStore();
    // The time-skipping server has no visibility queries: the dossiers are named.
    const bilan = await reconstruireReporting(env.client, reporting, { vider: true, dossiers: ids });
    expect(bilan).toEqual({ lus: 31, ecrits: 31, inchanges: 0, echecs: [], parDispositif: { compagnonnage: 11, appui_conseil: 10, diagnostic: 10 } });
    expect(await lignesDuStore()).toEqual(lignes);
    expect(await chiffres()).toEqual(avant);
  });
});
