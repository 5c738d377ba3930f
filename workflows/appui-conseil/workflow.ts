// One Appui Conseil dossier (seed 001), from the demand to the closure.
// Reads top to bottom: state -> handlers -> the process as named, awaited steps.
import { CancellationScope, condition, patched, setHandler } from '@temporalio/workflow';
import type { Recipient } from '../../activities/email/kinds';
import { BUDGET_JOURS, DEMI_JOURNEES_PAR_JOUR, formatJours } from '../../domain/appui-conseil';
import { mettreAJourCoordonnees } from '../shared/coordonnees';
import { actionRegistrar, now, runDossier, syncSearchAttributes } from '../shared/handlers';
import { abandonner, awaitActeEngagement, dossierContacts, intake, type SharedStepContext } from '../shared/intake';
import { Calendrier } from '../shared/agenda';
import { etatVivierInitial, libererApresRefus, libererFinIntervention, reserverPourDesignation, type DesignationContext } from '../shared/designation';
import { refuse } from '../shared/refusal';
import { ficheIntervenantModifiee, getBesoinVivier } from '../vivier/messages';
import { addMs, Alarm, echeance, wakeOn } from '../shared/waits';
import { AppuiConseilDossier } from './dossier';
import * as M from './messages';
import type { AppuiConseilInput, AppuiConseilState, EtapeAppui, RoleInviteAppui, VisioAppui, VisioBilanAppui } from './state';

const DAY = 86_400_000;
/** The steps during which milestones and intermediate calls are followed. */
const ETAPES_SUIVI: readonly EtapeAppui[] = ['lancement', 'diagnostic', 'cadrage', 'plan_action', 'mise_en_oeuvre'];

const TITRES_VISIO: Record<'lancement' | VisioBilanAppui, string> = {
  lancement: 'Visio de lancement',
  bilan_ml: 'Visio bilan avec la Mission Locale',
  bilan_intervenant: 'Visio bilan avec les intervenants',
};

export async function appuiConseil(input: AppuiConseilInput): Promise<AppuiConseilState> {
  // --- State -------------------------------------------------------------------------------------------
  // Network members designated through the intervenant pool (issue #4); runs started before keep the hand path.
  const avecVivier = patched('vivier-membres-reseau');
  const d = new AppuiConseilDossier(input, now());
  const { delais } = input;
  const { notifier, ml, presidence, unml } = dossierContacts('appui_conseil', input, () => d.state);
  const cabinet = (): Recipient[] => (d.state.cabinet ? [d.state.cabinet.contact, ...d.state.cabinet.consultants] : []);
  const membres = (): Recipient[] => d.state.membresReseau;
  const intervenants = (): Recipient[] => [...cabinet(), ...membres()];
  /** The dossier's process; an abandon cancels it at whatever step it waits. */
  const dossierProcess = new CancellationScope();
  const calendrier = new Calendrier(input.dossierId, () => d.state.agenda, notifier);
  let intakeDone = false;
  const steps: SharedStepContext = { dossier: d, notifier, ml, presidence, unml, sync: () => sync() };
  let suiviChanged = 0;
  /** The network member's designation (optional role: proposed when UNML asks the API, never a waiting list). */
  const designation: DesignationContext = {
    dossierId: input.dossierId,
    dispositif: 'appui_conseil',
    etat: () => (d.state.vivier ??= etatVivierInitial('membre_reseau')),
    besoin: () => d.besoinVivier(now()),
    record: (at, evenement, details) => d.record(at, 'systeme', evenement, details),
    notifier,
    unml,
    now,
  };
  let designationEnCours = false;
  sync();

  // --- Handlers ----------------------------------------------------------------------------------------
  const on = actionRegistrar(() => d.state, sync, () => intakeDone);
  setHandler(M.getDossier, () => d.state);
  setHandler(getBesoinVivier, () => (avecVivier ? d.besoinVivier(now()) : null));
  setHandler(ficheIntervenantModifiee, ({ intervenant }) => {
    if (mettreAJourCoordonnees(d, intervenant, now())) sync();
  });

  on(M.recordPriseDeContact, (i) => d.checkPriseDeContact(i), async (i, at) => {
    d.priseDeContact(i, at);
    await notifier.send(ml(), { kind: 'demande_acceptee', interlocutrice: unml()[0]! }, presidence());
  });
  on(M.declineDemande, (i) => d.checkDecline(i), async (i, at) => {
    d.decline(i, at);
    await notifier.send(ml(), { kind: 'demande_declinee', motif: i.motif }, presidence());
  });
  on(M.mobiliseCabinet, () => d.checkMobiliseCabinet(), async (i, at) => {
    const dateLimite = echeance(at, delais.acteCaducite, delais.acteCaduciteJoursOuvres);
    d.mobiliseCabinet(i, at, dateLimite);
    await notifier.send(cabinet(), { kind: 'cabinet_mobilise', cabinetNom: i.cabinet.nom }, unml(), { nom: 'rapport-diagnostic', role: 'cabinet' });
    await notifier.send(ml(), { kind: 'acte_engagement_a_signer', dateLimite }, presidence(), { nom: 'signer-acte-engagement', role: 'ml' });
  });
  on(M.addMembreReseau, (i) => {
    if (designationEnCours) refuse('Une désignation est déjà en cours pour ce dossier : attendez sa fin.');
    d.checkAddMembre(i, avecVivier);
  }, async (i, at) => {
    if (avecVivier) {
      designationEnCours = true;
      try {
        // Atomic reservation in the pool; a refusal (capacity reached…) refuses the mobilisation.
        await reserverPourDesignation(designation, i.membre, d.besoinVivier(at)?.heuresMois ?? 0, i.choix, i.par);
      } finally {
        designationEnCours = false;
      }
    }
    d.addMembre(i, at);
    // The member accepts (or declines) from the link of the email first.
    await notifier.send([i.membre], { kind: 'designation_a_accepter' }, [], { nom: 'repondre-designation', role: 'intervenant' });
  });
  on(M.respondDesignation, (i) => d.checkRespondDesignation(i), async (i, at) => {
    const decline = d.respondDesignation(i, at);
    if (decline && avecVivier) await libererApresRefus(designation, decline, i.motif!);
    if (decline) {
      await notifier.send(unml(), { kind: 'designation_declinee', intervenant: { nom: decline.nom, email: decline.email }, motif: i.motif! });
      return;
    }
    const membre = d.state.membresReseau.find((m) => m.id === i.intervenantId)!;
    await notifier.send([membre], { kind: 'intervenant_designe', intervenant: membre }, [...ml(), ...unml()]);
  });
  on(M.signActeEngagement, (i) => d.checkSignActe(i), (i, at) => d.signActe(i, at));
  on(M.scheduleVisioLancement, (i, at) => d.checkScheduleVisioLancement(i, at), async (i, at) => {
    d.scheduleVisioLancement(i, at);
    await invite('lancement', i.debut, i.lien, ['ml', 'cabinet', 'intervenant']);
  });
  on(M.recordVisioLancement, () => d.checkRecordVisioLancement(), (i, at) => d.recordVisioLancement(i, at));
  on(M.submitRapportDiagnostic, (i) => d.checkRapportDiagnostic(i), async (i, at) => {
    d.submitRapportDiagnostic(i, at);
    await notifier.send(ml(), { kind: 'rapport_diagnostic_depose', cabinetNom: d.state.cabinet?.nom ?? 'Le cabinet' }, unml(), { nom: 'commenter-rapport', role: 'ml' });
  });
  on(M.commentRapportDiagnostic, (i) => d.checkCommentRapport(i), async (i, at) => {
    d.commentRapport(i, at);
    await notifier.send(cabinet(), { kind: 'commentaire_rapport', auteur: i.par ?? 'La Mission Locale', commentaire: i.commentaire }, unml());
  });
  on(M.submitFicheCadrage, (i) => d.checkFicheCadrage(i), (i, at) => d.submitFicheCadrage(i, at));
  on(M.submitPlanAction, (i, at) => d.checkPlanAction(i, at), (i, at) => {
    d.submitPlanAction(i, at);
    suiviChanged++;
  });
  on(M.markJalonAtteint, (i) => d.checkJalonAtteint(i), (i, at) => {
    d.markJalonAtteint(i, at);
    suiviChanged++;
  });
  on(M.logJournee, (i, at) => d.checkLogJournee(i, at), async (i, at) => {
    if (d.logJournee(i, at)) {
      const max = BUDGET_JOURS.maximum * DEMI_JOURNEES_PAR_JOUR + d.extensionDemiJournees();
      await notifier.send(unml(), { kind: 'alerte_budget_jours', realises: formatJours(d.state.budget.demiJourneesRealisees), maximum: formatJours(max) });
    }
  });
  on(M.extendBudget, (i) => d.checkExtendBudget(i), (i, at) => d.extendBudget(i, at));
  on(M.requestDeplacement, (i, at) => d.checkRequestDeplacement(i, at), async (i, at) => {
    const dep = d.requestDeplacement(i, at);
    await notifier.send(unml(), { kind: 'deplacement_a_approuver', qui: dep.qui, ou: dep.ou, quand: dep.quand, pourquoi: dep.pourquoi, coutEstimeEuros: dep.coutEstimeEuros });
  });
  on(M.decideDeplacement, (i) => d.checkDecideDeplacement(i), async (i, at) => {
    const dep = d.decideDeplacement(i, at);
    await notifier.send(cabinet().slice(0, 1), { kind: 'deplacement_decide', ou: dep.ou, quand: dep.quand, approuve: i.approuve, ...(i.motif ? { motif: i.motif } : {}) }, unml());
  });
  on(M.logDeplacement, (i) => d.checkLogDeplacement(i), (i, at) => d.logDeplacement(i, at));
  on(M.setCadenceAppels, (i) => d.checkCadence(i), (i, at) => {
    d.setCadence(i, at);
    suiviChanged++;
  });
  on(M.logAppel, (i, at) => d.checkLogAppel(i, at), (i, at) => {
    d.logAppel(i, at);
    suiviChanged++;
  });
  on(M.endMiseEnOeuvre, (i) => d.checkEndMiseEnOeuvre(i), (i, at) => d.endMiseEnOeuvre(i, at));
  on(M.scheduleVisioBilan, (i, at) => d.checkScheduleVisioBilan(i, at), async (i, at) => {
    d.scheduleVisioBilan(i, at);
    await invite(i.visio, i.debut, i.lien, i.visio === 'bilan_ml' ? ['ml'] : ['cabinet', 'intervenant']);
  });
  on(M.respondVisio, (i, at) => d.checkRespondVisio(i, at), async (i, at) => {
    const qui = d.respondVisio(i, at, calendrier.get(i.visio)?.sequence ?? 0);
    if (!i.confirme) {
      const debut = (i.visio === 'lancement' ? d.state.visioLancement : d.state.visiosBilan[i.visio])!.debut;
      await notifier.send(unml(), { kind: 'visio_autre_creneau', visio: i.visio, debut, proposition: i.proposition!, ...(i.commentaire ? { commentaire: i.commentaire } : {}), propose: i.par ?? qui.nom });
    }
  });
  on(M.submitFicheBilan, (i) => d.checkFicheBilan(i), async (i, at) => {
    d.submitFicheBilan(i, at);
    // seed 001 §6: the questionnaire goes to the beneficiary ML and to the intervenants.
    await notifier.send(ml(), { kind: 'questionnaire_evaluation', repondant: 'ml' }, [], { nom: 'evaluation', role: 'ml' });
    await notifier.send(intervenants(), { kind: 'questionnaire_evaluation', repondant: 'intervenant' }, [], { nom: 'evaluation', role: 'intervenant' });
  });
  on(M.addLivrable, (i) => d.checkAddLivrable(i), (i, at) => d.addLivrable(i, at));
  on(M.submitEvaluation, (i) => d.checkEvaluation(i), (i, at) => d.submitEvaluation(i, at));
  on(M.cloturer, () => d.checkCloturer(), async (i, at) => {
    d.cloturer(i, at);
    await notifier.send([...ml(), ...intervenants()], { kind: 'dossier_cloture' }, unml());
  });
  on(M.abandonDossier, (i) => d.checkAbandon(i), async (i, at) => {
    d.abandon(i, at);
    await abandonner(steps, dossierProcess, calendrier, intervenants(), i.motif);
  });

  // --- The process -------------------------------------------------------------------------------------
  // Reminders before the visios run beside the steps until the dossier ends (or is abandoned).
  await runDossier(dossierProcess, {
    abandoned: () => d.etape === 'abandonnee',
    background: () =>
      calendrier.rappels(delais.rappels ?? [], () => d.termine, async (cle, e) => {
        if (cle === 'lancement' && d.state.visioLancement?.tenue) return; // already held (recorded early)
        await notifier.send(e.participants, { kind: 'rappel_evenement', titre: e.titre, debut: e.debut, dureeMinutes: e.dureeMinutes, ...(e.lien ? { lien: e.lien } : {}) });
      }),
    steps: async () => {
      const ok = await intake(steps);
      intakeDone = true;
      if (!ok) return;
      await condition(() => d.termine || d.etape === 'acte_engagement');
      if (d.termine || !(await awaitActeEngagement(steps, delais.acteRelance))) return;
      await suivi();
      await condition(() => d.termine);
    },
  });
  // Whatever the outcome (closed, abandoned, lapsed…), no network member stays reserved.
  if (avecVivier && d.state.vivier) await libererFinIntervention(designation, `Dossier ${d.etape}`);
  sync();
  return d.state;

  // --- Steps -------------------------------------------------------------------------------------------
  /**
   * From the launch to the end of the mise en œuvre: each milestone's owner is reminded before it, UNML is
   * told of a missed one, and of an intermediate call overdue at the cadence it set.
   */
  async function suivi(): Promise<void> {
    const debutSuivi = now();
    const relanceAppel: Record<'ml' | 'intervenants', string> = { ml: debutSuivi, intervenants: debutSuivi };
    const alarm = new Alarm();
    while (ETAPES_SUIVI.includes(d.etape)) {
      const t = Date.now();
      const reveils: number[] = [];
      for (const action of d.state.ficheSuiviIntermediaire.planAction) {
        for (const jalon of action.jalons.filter((j) => !j.atteint)) {
          const date = Date.parse(jalon.date);
          if (!jalon.rappelEnvoye && date - delais.rappelJalonAvant <= t && date > t) {
            jalon.rappelEnvoye = true;
            await notifier.send([action.responsable], { kind: 'rappel_jalon', action: action.intitule, jalon: jalon.libelle, date: jalon.date }, unml());
          }
          if (!jalon.manqueSignale && date <= t) {
            jalon.manqueSignale = true;
            d.record(now(), 'systeme', 'Jalon manqué signalé à l’UNML', `${action.intitule} : ${jalon.libelle}`);
            await notifier.send(unml(), { kind: 'jalon_manque', action: action.intitule, jalon: jalon.libelle, date: jalon.date, responsable: action.responsable.nom });
          }
          if (!jalon.rappelEnvoye && date - delais.rappelJalonAvant > t) reveils.push(date - delais.rappelJalonAvant);
          if (!jalon.manqueSignale && date > t) reveils.push(date);
        }
      }
      if (d.state.cadenceAppelsJours) {
        const cadence = d.state.cadenceAppelsJours * DAY;
        for (const avec of ['ml', 'intervenants'] as const) {
          const reference = Math.max(Date.parse(d.dernierAppel(avec, debutSuivi)), Date.parse(relanceAppel[avec]));
          if (reference + cadence <= t) {
            // The call was due one cadence after the last one.
            await notifier.send(unml(), { kind: 'relance_appel', avec, depuis: addMs(d.dernierAppel(avec, debutSuivi), cadence) });
            relanceAppel[avec] = now();
            reveils.push(t + cadence);
          } else {
            reveils.push(reference + cadence);
          }
        }
      }
      const prochain = reveils.length ? Math.min(...reveils) : undefined;
      if (d.etape === 'mise_en_oeuvre') {
        const jalon = d.state.ficheSuiviIntermediaire.planAction
          .flatMap((a) => a.jalons.filter((j) => !j.atteint && Date.parse(j.date) > t).map((j) => ({ quoi: `Jalon : ${j.libelle} (${a.intitule})`, le: j.date })))
          .sort((a, b) => Date.parse(a.le) - Date.parse(b.le))[0];
        if (jalon) d.state.prochaineEcheance = jalon;
        else delete d.state.prochaineEcheance;
      }
      const seen = suiviChanged;
      const etape = d.etape;
      await wakeOn(() => suiviChanged !== seen || d.etape !== etape, alarm, prochain);
    }
  }

  /**
   * A visio's invitation, with its iCalendar event (key = the visio: a reschedule updates the same event), to
   * the people of the sides `qui` and UNML; each invited person's email carries their own link to confirm the
   * slot or propose another one (UNML's copy has none). A (re)scheduled visio asks everyone again.
   */
  async function invite(visio: VisioAppui, debut: string, lien: string | undefined, qui: RoleInviteAppui[]): Promise<void> {
    const titre = `${TITRES_VISIO[visio]} – Appui Conseil ${d.state.demande.missionLocale.nom}`;
    const cote: Record<RoleInviteAppui, () => Recipient[]> = { ml, cabinet, intervenant: membres };
    const invites = qui.flatMap((role) => cote[role]().map((r) => ({ r, role })));
    const to = [...invites.map((x) => x.r), ...unml()];
    const roles = [...invites.map((x) => x.role), ...unml().map(() => null)];
    d.resetReponsesVisio(visio);
    await calendrier.planifier(visio, { titre, debut, dureeMinutes: 60, ...(lien ? { lien } : {}) }, to, { kind: 'invitation_visio', visio, debut, dureeMinutes: 60, ...(lien ? { lien } : {}) }, [], { nom: 'repondre-visio', role: roles, objet: visio });
  }

  function sync(): void {
    syncSearchAttributes({
      dispositif: 'appui_conseil',
      ml: d.state.demande.missionLocale,
      etape: d.etape,
      intervenantIds: d.state.membresReseau.map((m) => m.id),
      interlocutriceId: d.state.interlocutrice?.id,
    });
  }
}
