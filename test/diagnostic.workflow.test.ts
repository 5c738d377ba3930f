// The Diagnostic dossier (seed 000) on the real time-skipping server and a real SQLite pool: the binôme
// proposed from the pool (never from the ML's région, nobody knowing the ML), reserved on designation, a
// decline released and re-proposed, then the process to its closure, the reservations released.
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { VivierStore } from '../db/store';
import type { DemandeDiagnostic } from '../domain/diagnostic';
import { diagnostic } from '../workflows';
import * as M from '../workflows/diagnostic/messages';
import type { DiagnosticState } from '../workflows/diagnostic/state';
import { DEMANDE, input, POOL_DIAGNOSTIC } from './helpers/diagnostic';
import { DAY, INTERLOCUTRICE } from './helpers/fixtures';
import { ficheDe, intervenantDuVivier as intervenant, reservationsActives } from './helpers/pool';
import { createTimeSkippingEnv, inDays, refusal, until } from './helpers/temporal';
import { startWorker, type Mailbox } from './helpers/worker';
import { renderEmail } from '../activities/email/templates';
import { A_CONDUIT_A, ISSU_DE } from '../workflows/shared/search-attributes';

/** How the email activity renders (its public URL: the links of the emails). */
const CTX = { publicUrl: 'https://dispositifs.example.org/', unmlContactEmail: 'dispositifs@unml.info' };

const TASK_QUEUE = 'diagnostic-test';
let env: TestWorkflowEnvironment;
let mailbox: Mailbox;
let vivier: VivierStore;
let stopWorker: () => Promise<void>;
let counter = 0;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  ({ mailbox, vivier, stop: stopWorker } = await startWorker(env, TASK_QUEUE, { pool: POOL_DIAGNOSTIC }));
}, 120_000);

afterAll(async () => {
  await stopWorker?.();
  await env?.teardown();
});

async function start(demande: DemandeDiagnostic = DEMANDE): Promise<WorkflowHandle<typeof diagnostic>> {
  const dossierId = `DGN-TEST${String(++counter).padStart(6, '0')}`;
  return env.client.workflow.start(diagnostic, { taskQueue: TASK_QUEUE, workflowId: dossierId, args: [input(dossierId, demande)] });
}

const state = (h: WorkflowHandle): Promise<DiagnosticState> => h.query(M.getDossier);

const fiche = (id: string) => ficheDe(vivier, id);
const actives = (h: WorkflowHandle) => reservationsActives(vivier, h);

describe('Diagnostic (seed 000): the binôme from the pool, proposed, reserved, re-proposed after a decline, to the closure', () => {
  // One dossier, step after step: each test goes on from where the previous one left it.
  let h: WorkflowHandle<typeof diagnostic>;
  let s: DiagnosticState;

  it('intake: the ARML is told who asks and about what; UNML accepts, naming its interlocutrice', async () => {
    h = await start();
    const arml = await mailbox.attendre(h, 'notification_arml');
    expect(arml.message).toMatchObject({ demandeur: 'presidence', sujets: DEMANDE.sujets });

    expect(await refusal(h.executeUpdate(M.acceptDemande, { args: [{}] }))).toMatch(/interlocutrice/);
    await h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
  });

  it('the pool proposes binômes: a consultant and an ML director, never from Normandie, nobody knowing the ML', async () => {
    const propose = await until(
      'the binômes',
      () => state(h),
      (s) => s.binomesProposes.length > 0,
    );
    const personnes = propose.binomesProposes.flatMap((b) => [b.consultant, b.directeur]);
    expect(personnes.every((c) => c.region !== 'NOR')).toBe(true);
    expect(personnes.map((c) => c.intervenantId)).not.toEqual(expect.arrayContaining(['CNS-CONNU']));
    expect(personnes.map((c) => c.intervenantId)).not.toEqual(expect.arrayContaining(['DIR-CONNU']));
    expect(propose.binomesProposes[0]).toMatchObject({ consultant: { intervenantId: 'CNS-IDF' }, directeur: { intervenantId: 'DIR-BRE' } });
    expect(propose.binomesProposes[0]!.raisons.join(' ')).toMatch(/Complémentarité/);
    expect(propose.vivier.diagnostiqueur_consultant.propositions[0]!.intervenantId).toBe('CNS-IDF');
    // The state changes before the email is out: wait for it.
    const email = await mailbox.attendre(h, 'binomes_proposes');
    expect(email.to.map((r) => r.email)).toEqual([INTERLOCUTRICE.email]);
    expect(await h.query('getBesoinVivier', 'diagnostiqueur_directeur')).toMatchObject({
      role: 'diagnostiqueur_directeur',
      dispositif: 'diagnostic',
      sujets: DEMANDE.sujets,
    });
  });

  it('impartiality: a diagnostiqueur of the ML’s own région is refused, even by hand; a role takes its kind', async () => {
    expect(
      await refusal(
        h.executeUpdate(M.designateDiagnostiqueur, { args: [{ intervenant: await fiche('DIR-NOR'), choix: { source: 'manuel', motif: 'Disponible' } }] }),
      ),
    ).toMatch(/propre région/);
    expect(
      await refusal(
        h.executeUpdate(M.designateDiagnostiqueur, {
          args: [{ intervenant: await fiche('DIR-OCC'), role: 'diagnostiqueur_consultant', choix: { source: 'manuel', motif: 'Essai' } }],
        }),
      ),
    ).toMatch(/consultant·e de cabinet/);
  });

  it('each designation reserves atomically in the pool, per role (the role from the intervenant’s kind)', async () => {
    await h.executeUpdate(M.designateDiagnostiqueur, { args: [{ intervenant: await fiche('CNS-IDF'), choix: { source: 'classement', rang: 1 } }] });
    await h.executeUpdate(M.designateDiagnostiqueur, { args: [{ intervenant: await fiche('DIR-BRE'), choix: { source: 'classement', rang: 1 } }] });
    expect(await actives(h)).toEqual(['diagnostiqueur_consultant:CNS-IDF', 'diagnostiqueur_directeur:DIR-BRE']);
    expect(
      await refusal(h.executeUpdate(M.designateDiagnostiqueur, { args: [{ intervenant: await fiche('DIR-OCC'), choix: { source: 'classement', rang: 2 } }] })),
    ).toMatch(/déjà pourvu/);
    expect(mailbox.to('dir-bre@example.fr').map((m) => m.message.kind)).toContain('diagnostiqueur_a_accepter');
  });

  it('the director declines (with a reason): released, and the role is proposed again without them', async () => {
    expect(await refusal(h.executeUpdate(M.respondDiagnostiqueur, { args: [{ intervenantId: 'DIR-BRE', accepte: false }] }))).toMatch(/motif/);
    await h.executeUpdate(M.respondDiagnostiqueur, { args: [{ intervenantId: 'DIR-BRE', accepte: false, motif: 'Je connais la présidente' }] });
    expect(await actives(h)).toEqual(['diagnostiqueur_consultant:CNS-IDF']);
    const repropose = await until(
      'the director re-proposed',
      () => state(h),
      (s) => s.vivier.diagnostiqueur_directeur.propositions.length > 0,
    );
    expect(repropose.vivier.diagnostiqueur_directeur.propositions.map((c) => c.intervenantId)).toEqual(['DIR-OCC']);
    expect(repropose.vivier.diagnostiqueur_directeur.sollicites.map((s) => s.intervenantId)).toEqual(['DIR-BRE']);
    await mailbox.attendre(h, 'intervenants_proposes');
    expect(
      await refusal(
        h.executeUpdate(M.designateDiagnostiqueur, { args: [{ intervenant: await fiche('DIR-BRE'), choix: { source: 'manuel', motif: 'Finalement' } }] }),
      ),
    ).toMatch(/déjà décliné/);
  });

  it('another director is designated; both accept: the binôme is constituted, the ML told', async () => {
    await h.executeUpdate(M.designateDiagnostiqueur, { args: [{ intervenant: await fiche('DIR-OCC'), choix: { source: 'classement', rang: 1 } }] });
    expect(await actives(h)).toEqual(['diagnostiqueur_consultant:CNS-IDF', 'diagnostiqueur_directeur:DIR-OCC']);
    await h.executeUpdate(M.respondDiagnostiqueur, { args: [{ role: 'diagnostiqueur_consultant', accepte: true }] });
    s = await h.executeUpdate(M.respondDiagnostiqueur, { args: [{ intervenantId: 'DIR-OCC', accepte: true }] });
    expect(s.etape).toBe('analyses_individuelles');
    expect(mailbox.to('direction@ml-caux.fr').map((m) => m.message.kind)).toContain('binome_constitue');
  });

  it('refuses an analysis logged for someone outside the binôme, naming who may file it', async () => {
    const refus = await refusal(
      h.executeUpdate(M.submitAnalyse, { args: [{ role: 'diagnostiqueur_consultant', synthese: 'Vu de loin.', par: 'Jean Inconnu' }] }),
    );
    expect(refus).toMatch(/ne peut venir que de Consultant CNS-IDF/);
    expect(refus).toMatch(/« Jean Inconnu » n’est pas de ce binôme/);
    expect(refus).toContain('Direction DIR-OCC (diagnostiqueur·se directeur·rice');
  });

  it('analyses, then their pooling (up to 3 h), each invited diagnostiqueur answering from a personal link', async () => {
    await h.executeUpdate(M.submitAnalyse, { args: [{ role: 'diagnostiqueur_consultant', synthese: 'Gouvernance peu formalisée.', par: 'cns-idf' }] });
    s = await h.executeUpdate(M.submitAnalyse, { args: [{ role: 'diagnostiqueur_directeur', synthese: 'Équipe solide, management à soutenir.' }] });
    expect(s.etape).toBe('mise_en_commun');
    expect(
      await refusal(h.executeUpdate(M.planEvenement, { args: [{ evenement: 'mise_en_commun', debut: await inDays(env, 2), dureeMinutes: 240 }] })),
    ).toMatch(/dure au plus 3 h \(180 minutes\)/);
    // A refusal that names a date gives its time too, never a raw ISO string.
    const passe = await refusal(h.executeUpdate(M.planEvenement, { args: [{ evenement: 'mise_en_commun', debut: await inDays(env, -1) }] }));
    expect(passe).toMatch(/^La mise en commun des analyses doit être dans le futur \(reçu : \S+ \d+(er)? \S+ \d{4} à \d+ h \d{2}\)\.$/);
    await h.executeUpdate(M.planEvenement, {
      args: [{ evenement: 'mise_en_commun', debut: await inDays(env, 2), dureeMinutes: 180, lien: 'https://visio.example.org/dgn' }],
    });
    // Each invited diagnostiqueur answers the invitation from a personal link (UNML, invited too, gets none).
    const invitationMec = mailbox.sent.find(
      (m) => m.dossier.dossierId === h.workflowId && m.message.kind === 'invitation_diagnostic' && m.message.evenement === 'mise_en_commun',
    )!;
    expect(invitationMec.action).toEqual({ nom: 'repondre-visio', role: ['intervenant', 'intervenant', null], objet: 'mise_en_commun' });
    expect(
      await refusal(h.executeUpdate(M.respondRendezvous, { args: [{ evenement: 'mise_en_commun', email: 'direction@ml-caux.fr', confirme: true }] })),
    ).toMatch(/pas invité/);
    expect(
      await refusal(h.executeUpdate(M.respondRendezvous, { args: [{ evenement: 'mise_en_commun', email: 'dir-occ@example.fr', confirme: false }] })),
    ).toMatch(/autre date/);
    await h.executeUpdate(M.respondRendezvous, {
      args: [
        {
          evenement: 'mise_en_commun',
          email: 'DIR-OCC@example.fr',
          confirme: false,
          proposition: await inDays(env, 3),
          commentaire: 'En formation ce jour-là',
        },
      ],
    });
    const autreCreneau = await mailbox.attendre(h, 'visio_autre_creneau');
    expect(autreCreneau.to.map((r) => r.email)).toEqual([INTERLOCUTRICE.email]);
    expect(autreCreneau.message).toMatchObject({ visio: 'mise_en_commun', commentaire: 'En formation ce jour-là' });
    s = await h.executeUpdate(M.respondRendezvous, { args: [{ evenement: 'mise_en_commun', email: 'cns-idf@example.fr', confirme: true }] });
    expect(s.reponsesRendezvous?.mise_en_commun).toMatchObject({
      'dir-occ@example.fr': { confirme: false },
      'cns-idf@example.fr': { confirme: true, sequence: 0 },
    });
    // Moved to the slot proposed: the invitation is updated and everyone is asked again.
    s = await h.executeUpdate(M.planEvenement, { args: [{ evenement: 'mise_en_commun', debut: await inDays(env, 3), dureeMinutes: 180 }] });
    expect(s.reponsesRendezvous?.mise_en_commun).toBeUndefined();
  });

  it('records the mise en commun as held only from its start (the refusal gives the date and the time)', async () => {
    const refus = await refusal(h.executeUpdate(M.recordMiseEnCommun, { args: [{ compteRendu: 'Analyses convergentes sur la gouvernance.' }] }));
    expect(refus).toMatch(/^La mise en commun des analyses commence le \S+ \d+(er)? \S+ \d{4} à \d+ h \d{2} : enregistrez-la comme tenue/);
    expect(refus).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    await env.sleep(3 * DAY + 60_000);
    s = await h.executeUpdate(M.recordMiseEnCommun, { args: [{ compteRendu: 'Analyses convergentes sur la gouvernance.' }] });
    expect(s.etape).toBe('programme_rencontres');
  });

  it('the programme agreed with the direction, then one day on site', async () => {
    expect(await refusal(h.executeUpdate(M.planEvenement, { args: [{ evenement: 'journee_sur_site', debut: await inDays(env, 10) }] }))).toMatch(
      /journée sur site/,
    );
    await h.executeUpdate(M.proposeProgramme, { args: [{ rencontres: ['La direction', 'La présidence'] }] });
    expect(mailbox.to('direction@ml-caux.fr').map((m) => m.message.kind)).toContain('programme_a_valider');
    // The direction asks for changes: the binôme is told, with its comment (UNML in copy).
    await h.executeUpdate(M.respondProgramme, { args: [{ accepte: false, commentaire: 'Ajoutez deux conseillères.', par: 'Claire Martin' }] });
    const aRevoir = await mailbox.attendre(h, 'programme_repondu');
    expect(aRevoir.to.map((r) => r.email).sort()).toEqual(['cns-idf@example.fr', 'dir-occ@example.fr']);
    expect(aRevoir.cc?.map((r) => r.email)).toEqual([INTERLOCUTRICE.email]);
    expect(aRevoir.message).toMatchObject({ accepte: false, commentaire: 'Ajoutez deux conseillères.', rencontres: ['La direction', 'La présidence'] });
    expect(renderEmail(aRevoir, CTX).text).toContain('Ajoutez deux conseillères.');
    mailbox.clear();
    await h.executeUpdate(M.proposeProgramme, { args: [{ rencontres: ['La direction', 'La présidence', 'Deux conseillères'] }] });
    s = await h.executeUpdate(M.respondProgramme, { args: [{ accepte: true, par: 'Claire Martin' }] });
    expect(s.etape).toBe('journee_sur_site');
    // …and when it agrees the programme.
    const convenu = await mailbox.attendre(h, 'programme_repondu');
    expect(convenu.to.map((r) => r.email).sort()).toEqual(['cns-idf@example.fr', 'dir-occ@example.fr']);
    expect(renderEmail(convenu, CTX).subject).toContain('La direction a validé le programme des rencontres');
  });

  it('refuses a journée sur site that overlaps the mise en commun still under way for the same people', async () => {
    const refus = await refusal(h.executeUpdate(M.planEvenement, { args: [{ evenement: 'journee_sur_site', debut: await inDays(env, 1 / 24) }] }));
    expect(refus).toMatch(/chevauche « Diagnostic : mise en commun des analyses – Mission Locale du Pays de Caux » du \S+ \d+(er)? \S+ \d{4} à/);
    expect(refus).toContain('choisissez un autre créneau');
  });

  it('the day on site, recorded as held only from its start; the debrief waits for the day to be over', async () => {
    const jour = await inDays(env, 10);
    await h.executeUpdate(M.planEvenement, { args: [{ evenement: 'journee_sur_site', debut: jour }] });
    const invitation = mailbox.sent.find(
      (m) => m.dossier.dossierId === h.workflowId && m.message.kind === 'invitation_diagnostic' && m.message.evenement === 'journee_sur_site',
    )!;
    expect(invitation.evenement).toMatchObject({ method: 'REQUEST', dureeMinutes: 420, uid: `${h.workflowId}.journee_sur_site@dispositifs.unml.info` });
    expect(invitation.to.map((r) => r.email)).toEqual(
      expect.arrayContaining(['cns-idf@example.fr', 'dir-occ@example.fr', 'direction@ml-caux.fr', INTERLOCUTRICE.email]),
    );
    expect(await refusal(h.executeUpdate(M.recordJourneeSurSite, { args: [{}] }))).toMatch(/^La journée sur site commence le .* à \d+ h \d{2}/);
    await env.sleep(10 * DAY + 60_000);
    await h.executeUpdate(M.recordJourneeSurSite, { args: [{ compteRendu: 'Rencontres avec la direction, la présidence et deux conseillères.' }] });
    const debrief = await refusal(h.executeUpdate(M.recordDebriefing, { args: [{ pistes: ['Formaliser les délégations'] }] }));
    expect(debrief).toMatch(
      /^Enregistrer le débriefing n'est possible qu'une fois les réunions prévues tenues ; encore à venir : la journée sur site \(.* à .*, 7 h\)/,
    );
    await env.sleep(7 * 3_600_000);
  });

  it('the debrief; each diagnostiqueur is asked for their rapport normé, with a personal link to its page', async () => {
    await h.executeUpdate(M.recordDebriefing, { args: [{ pistes: ['Formaliser les délégations', 'Soutenir le management intermédiaire'] }] });
    const demandeRapport = await mailbox.attendre(h, 'rapport_norme_attendu');
    expect(demandeRapport.to.map((r) => r.email).sort()).toEqual(['cns-idf@example.fr', 'dir-occ@example.fr']);
    expect(demandeRapport.action).toMatchObject({ nom: 'rapport-individuel', role: 'intervenant' });
    expect(
      await refusal(
        h.executeUpdate(M.submitRapportIndividuel, {
          args: [{ role: 'diagnostiqueur_directeur', forces: 'F', faiblesses: 'F', preconisations: ['P'], par: 'CNS-IDF' }],
        }),
      ),
    ).toMatch(/rapport normé du ou de la diagnostiqueur·se directeur·rice de ml ne peut venir que de Direction DIR-OCC/i);
    for (const role of ['diagnostiqueur_consultant', 'diagnostiqueur_directeur'] as const) {
      await h.executeUpdate(M.submitRapportIndividuel, {
        args: [{ role, forces: 'Une équipe engagée.', faiblesses: 'Des délégations floues.', preconisations: ['Formaliser les délégations'] }],
      });
    }
  });

  it('crossing their reports, the binôme asks the ML for details (seed 000); the answer goes back to them', async () => {
    expect(await refusal(h.executeUpdate(M.answerPrecisions, { args: [{ numero: 1, reponse: 'Rien à signaler' }] }))).toMatch(/Aucune question n° 1/);
    s = await h.executeUpdate(M.askPrecisions, { args: [{ question: 'Combien de conseillers ont quitté la structure en 2025 ?', par: 'CNS-IDF' }] });
    expect(s.precisions).toEqual([expect.objectContaining({ numero: 1, question: 'Combien de conseillers ont quitté la structure en 2025 ?' })]);
    const question = await mailbox.attendre(h, 'precisions_demandees');
    expect(question.to.map((r) => r.email)).toEqual(['direction@ml-caux.fr']);
    expect(question.action).toEqual({ nom: 'repondre-precisions', role: 'ml', objet: '1' });
    s = await h.executeUpdate(M.answerPrecisions, { args: [{ numero: 1, reponse: 'Quatre, dont deux en fin de contrat.', par: 'Claire Martin' }] });
    expect(s.precisions[0]!.reponse).toMatchObject({ texte: 'Quatre, dont deux en fin de contrat.', par: 'Claire Martin' });
    expect(await refusal(h.executeUpdate(M.answerPrecisions, { args: [{ numero: 1, reponse: 'Encore' }] }))).toMatch(
      /déjà reçu une réponse, le \S+ \d+(er)? \S+ \d{4} à \d+ h \d{2}\./,
    );
    const reponse = await mailbox.attendre(h, 'precisions_apportees');
    expect(reponse.to.map((r) => r.email).sort()).toEqual(['cns-idf@example.fr', 'dir-occ@example.fr']);
  });

  it('the crossed report, the ML’s say on it, the final review; concluded, the dossier closes and releases its binôme', async () => {
    s = await h.executeUpdate(M.submitRapportCroise, {
      args: [
        { constats: 'Une gouvernance à clarifier.', preconisations: ['Formaliser les délégations'], divergences: 'Le poids du bureau, éclairci entre nous.' },
      ],
    });
    expect(s.etape).toBe('retour_ml');
    expect(await refusal(h.executeUpdate(M.planEvenement, { args: [{ evenement: 'revue_finale', debut: await inDays(env, 5) }] }))).toMatch(/mot à dire/);
    await h.executeUpdate(M.commentRapport, { args: [{ commentaire: 'Le rôle du bureau est sous-estimé.', par: 'Jean Dubois' }] });
    s = await h.executeUpdate(M.amendRapport, {
      args: [{ preconisations: ['Formaliser les délégations', 'Clarifier le rôle du bureau'], motif: 'Précision de la présidence' }],
    });
    expect(s.rapportCroise).toMatchObject({ version: 2 });
    s = await h.executeUpdate(M.planEvenement, { args: [{ evenement: 'revue_finale', debut: await inDays(env, 5) }] });
    expect(s.etape).toBe('revue_finale');
    expect(await refusal(h.executeUpdate(M.concludeDiagnostic, { args: [{ conclusions: 'Gouvernance à clarifier.' }] }))).toMatch(/pourquoi/);
    // Closure waits for what it closes: not concluded before its revue finale has begun.
    expect(
      await refusal(h.executeUpdate(M.concludeDiagnostic, { args: [{ conclusions: 'Gouvernance à clarifier.', accompagnement: 'compagnonnage' }] })),
    ).toMatch(/^La revue finale commence le .* à \d+ h \d{2}/);
    await env.sleep(5 * DAY + 60_000);
    s = await h.executeUpdate(M.concludeDiagnostic, { args: [{ conclusions: 'Gouvernance à clarifier.', accompagnement: 'compagnonnage' }] });
    expect(s.etape).toBe('cloture');
    expect(s.issue).toMatchObject({ etape: 'cloture' });
    // Closed: the binôme goes back to the pool, while the dossier waits for the direction's answer to the proposal.
    await until('the binôme released', async () => ((await actives(h)).length === 0 ? true : undefined));
    expect(mailbox.to('direction@ml-caux.fr').map((m) => m.message.kind)).toContain('diagnostic_cloture');
  });

  it('the closure email asks the direction, from its personal link, to accept or decline the proposed accompaniment', async () => {
    const emails = mailbox.sent.filter((m) => m.dossier.dossierId === h.workflowId && m.message.kind === 'diagnostic_cloture');
    const pourMl = emails.find((m) => m.to.some((r) => r.email === 'direction@ml-caux.fr'))!;
    expect(pourMl.cc?.map((r) => r.email)).toEqual(['presidence@ml-caux.fr']);
    expect(pourMl.message).toMatchObject({ accompagnement: 'Compagnonnage', dispositifPropose: 'compagnonnage', reponseParLien: true });
    expect(pourMl.action).toEqual({ nom: 'suite-diagnostic', role: 'ml' });
    const { text } = renderEmail(pourMl, CTX);
    expect(text).not.toContain('/demande/compagnonnage');
    expect(text).toContain(`avec les données de la Mission Locale et les conclusions de ce diagnostic (${h.workflowId})`);
    expect(text).toContain('Action attendue de votre part : Accepter ou décliner le Compagnonnage proposé par l’UNML.');
    // The binôme (UNML in copy) is informed, with nothing to do.
    const pourBinome = emails.find((m) => m.to.some((r) => r.email === 'cns-idf@example.fr'))!;
    expect(pourBinome.to.map((r) => r.email).sort()).toEqual(['cns-idf@example.fr', 'dir-occ@example.fr']);
    expect(pourBinome.cc?.map((r) => r.email)).toEqual([INTERLOCUTRICE.email]);
    expect(renderEmail(pourBinome, CTX).text).toContain('Aucune action n’est attendue de votre part.');
  });

  it('the direction accepts from its link: the Compagnonnage dossier starts (same rules), issued from the diagnostic, both linked', async () => {
    const lien = { lien: { jti: 'jti-suite-1' }, acteur: { role: 'ml', source: 'lien' } };
    expect(await refusal(h.executeUpdate(M.repondreSuite, { args: [{ accepte: true, casMobilisation: 'difficultes_durables' }, lien] as never }))).toMatch(
      /au moins un sujet/,
    );
    s = await h.executeUpdate(M.repondreSuite, {
      args: [{ accepte: true, casMobilisation: 'difficultes_durables', sujets: ['organisation_management'], par: 'Jean Dubois' }, lien] as never,
    });
    expect(s.suite?.reponse).toMatchObject({ accepte: true, par: 'Jean Dubois' });
    expect(s.aConduitA).toMatch(/^CMP-[0-9A-F]{10}$/);
    // Answered (and the dossier started): the diagnostic's run ends.

    const suite = env.client.workflow.getHandle(s.aConduitA!);
    const cmp = await until('the Compagnonnage dossier', async () => {
      try {
        return (await suite.query(M.getDossier)) as unknown as { etape: string; issuDe?: string; demande: Record<string, unknown> };
      } catch {
        return undefined;
      }
    });
    expect(cmp).toMatchObject({ etape: 'qualification', issuDe: h.workflowId });
    expect(cmp.demande).toMatchObject({
      missionLocale: DEMANDE.missionLocale,
      direction: DEMANDE.direction,
      presidence: DEMANDE.presidence,
      casMobilisation: 'difficultes_durables',
      sujets: ['organisation_management'],
    });
    expect(String(cmp.demande.description)).toContain(`Demande issue du diagnostic ${h.workflowId}`);
    expect(String(cmp.demande.description)).toContain('Gouvernance à clarifier.');
    expect(String(cmp.demande.description)).toContain('Clarifier le rôle du bureau');
    // The chain in the Temporal UI: IssuDe on the new dossier, AConduitA on the diagnostic.
    expect((await suite.describe()).typedSearchAttributes.get(ISSU_DE)).toBe(h.workflowId);
    const fin = await h.result();
    expect(fin).toMatchObject({ etape: 'cloture', aConduitA: s.aConduitA });
    expect((await h.describe()).typedSearchAttributes.get(A_CONDUIT_A)).toEqual([s.aConduitA]);
    const accepte = await mailbox.attendre(h, 'suite_diagnostic_repondue');
    expect(accepte.message).toMatchObject({ accepte: true, dossierId: s.aConduitA, dispositif: 'Compagnonnage' });
  });
});

describe('Diagnostic (seed 000): the binôme’s reservations and the pool’s waiting list', () => {
  it('releases the binôme’s reservations when the dossier is abandoned', async () => {
    const h = await start();
    await h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
    await until(
      'the binômes',
      () => state(h),
      (s) => s.binomesProposes.length > 0,
    );
    await h.executeUpdate(M.designateDiagnostiqueur, { args: [{ intervenant: await fiche('CNS-OCC'), choix: { source: 'classement', rang: 2 } }] });
    expect(await actives(h)).toEqual(['diagnostiqueur_consultant:CNS-OCC']);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'La Mission Locale renonce' }] });
    await h.result();
    expect(await actives(h)).toEqual([]);
  });

  // Last: it deactivates most of the pool.
  it('waits in the pool’s list for the role nobody can fill, and is served when capacity frees', async () => {
    // Martinique MLs; the only active director is from Guadeloupe, with room for one dossier.
    await vivier.createIntervenant(intervenant('DIR-GUA', 'directeur_ml', { region: 'GUA', capaciteDossiers: 1 }), 'test');
    for (const autre of await vivier.listIntervenants()) {
      if (autre.type === 'directeur_ml' && autre.id !== 'DIR-GUA' && autre.actif) await vivier.updateIntervenant(autre.id, { actif: false }, 'test');
    }
    const pour = (code: string): DemandeDiagnostic => ({ ...DEMANDE, missionLocale: { code, nom: `Mission Locale ${code}`, region: 'MTQ' } });
    const occupant = await start(pour('ML-MTQ1'));
    await occupant.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
    await until(
      'the binômes',
      () => state(occupant),
      (s) => s.binomesProposes.length > 0,
    );
    await occupant.executeUpdate(M.designateDiagnostiqueur, { args: [{ intervenant: await fiche('DIR-GUA'), choix: { source: 'classement', rang: 1 } }] });

    const h = await start(pour('ML-MTQ2'));
    await h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE, priorite: 1 }] });
    // No binôme: the consultant role is proposed on its own, the director role waits in the pool's list.
    const attente = await until(
      'the director role waiting',
      () => state(h),
      (s) => s.vivier.diagnostiqueur_directeur.attente !== undefined && s.vivier.diagnostiqueur_consultant.propositions.length > 0,
    );
    expect(attente.binomesProposes).toEqual([]);
    expect(await vivier.fileAttente()).toEqual([expect.objectContaining({ dossierId: h.workflowId, role: 'diagnostiqueur_directeur', priorite: 1 })]);

    // The occupant is abandoned: DIR-GUA is free again and held for the waiting dossier's director role.
    await occupant.executeUpdate(M.abandonDossier, { args: [{ motif: 'La Mission Locale renonce' }] });
    const servi = await until(
      'the director role served',
      () => state(h),
      (s) => s.vivier.diagnostiqueur_directeur.reserve !== undefined,
    );
    expect(servi.vivier.diagnostiqueur_directeur.reserve).toEqual({ intervenantId: 'DIR-GUA', nom: 'Direction DIR-GUA' });
    expect(await actives(h)).toEqual(['diagnostiqueur_directeur:DIR-GUA']);
    expect(await vivier.fileAttente()).toEqual([]);

    // UNML confirms the hold: the same reservation, now a designation.
    const s = await h.executeUpdate(M.designateDiagnostiqueur, { args: [{ intervenant: await fiche('DIR-GUA'), choix: { source: 'classement', rang: 1 } }] });
    expect(s.binome.diagnostiqueur_directeur?.intervenant.id).toBe('DIR-GUA');
    expect(await actives(h)).toEqual(['diagnostiqueur_directeur:DIR-GUA']);
  });
});
