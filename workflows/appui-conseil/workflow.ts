// One Appui Conseil dossier (seed 001), from the demand to the closure.
// Reads top to bottom: state -> handlers -> the process as named, awaited steps (the kit does the rest).
import { patched, setHandler } from '@temporalio/workflow';
import type { Recipient } from '../../activities/email/kinds';
import { BUDGET_JOURS, DEMI_JOURNEES_PAR_JOUR, formatJours } from '../../domain/appui-conseil';
import type { Intervenant } from '../../domain/schemas';
import { now } from '../shared/handlers';
import { awaitActeEngagement } from '../shared/intake';
import { etatVivierInitial, libererApresRefus, libererFinIntervention, reserverPourDesignation } from '../shared/designation';
import { instantaneAppuiConseil } from './reporting';
import { dossierWorkflow, type Etape } from '../shared/kit';
import { addMs, Alarm, echeance, wakeOn } from '../shared/waits';
import { AppuiConseilDossier } from './dossier';
import { ATTENDUS, ATTENTE_DE, TITRES_VISIO } from './etapes';
import * as M from './messages';
import type { AppuiConseilInput, AppuiConseilState, EtapeAppui, RoleInviteAppui, VisioAppui } from './state';

const DAY = 86_400_000;
/** The steps during which milestones and intermediate calls are followed. */
const ETAPES_SUIVI: readonly EtapeAppui[] = ['lancement', 'diagnostic', 'cadrage', 'plan_action', 'mise_en_oeuvre'];

export async function appuiConseil(input: AppuiConseilInput): Promise<AppuiConseilState> {
  // --- State -------------------------------------------------------------------------------------------
  // Network members designated through the intervenant pool (issue #4); runs started before keep the hand path.
  const avecVivier = patched('vivier-membres-reseau');
  const d = new AppuiConseilDossier(input, now());
  const { delais } = input;
  const cabinet = (): Recipient[] => (d.state.cabinet ? [d.state.cabinet.contact, ...d.state.cabinet.consultants] : []);
  const membres = (): Intervenant[] => d.state.membresReseau;
  const intervenants = (): Recipient[] => [...cabinet(), ...membres()];
  const kit = dossierWorkflow<AppuiConseilState, AppuiConseilDossier>(
    { dispositif: 'appui_conseil', input, dossier: d, messages: M, attendus: ATTENDUS, attenteDe: ATTENTE_DE },
    {
      intervenants,
      intervenantIds: () => membres().map((m) => m.id),
      besoinVivier: () => (avecVivier ? d.besoinVivier(now()) : null),
      instantane: () => instantaneAppuiConseil(d.state),
    },
  );
  const { notifier, ml, presidence, unml, calendrier, on } = kit;
  // The state as read now: a milestone past and not reached shows as missed (a query: no command).
  setHandler(M.getDossier, () => d.etatA(now()));
  let suiviChanged = 0;
  /** The network member's designation (optional role: proposed when UNML asks the API, never a waiting list). */
  const designation = kit.designation(
    () => (d.state.vivier ??= etatVivierInitial('membre_reseau')),
    () => d.besoinVivier(now()),
  );

  // --- Handlers ----------------------------------------------------------------------------------------
  kit.accepter(M.recordPriseDeContact, 'checkPriseDeContact', 'priseDeContact');
  on(
    M.mobiliseCabinet,
    () => d.checkMobiliseCabinet(),
    async (i, at) => {
      const dateLimite = echeance(at, delais.acteCaducite, delais.acteCaduciteJoursOuvres);
      d.mobiliseCabinet(i, at, dateLimite);
      await notifier.send(cabinet(), { kind: 'cabinet_mobilise', cabinetNom: i.cabinet.nom }, unml(), { nom: 'rapport-diagnostic', role: 'cabinet' });
      await notifier.send(ml(), { kind: 'acte_engagement_a_signer', dateLimite }, presidence(), { nom: 'signer-acte-engagement', role: 'ml' });
    },
  );
  on(
    M.addMembreReseau,
    (i) => {
      kit.verrou.refuserSiEnCours('membre_reseau', 'Une désignation est déjà en cours pour ce dossier : attendez sa fin.');
      d.checkAddMembre(i, avecVivier);
    },
    async (i, at) => {
      // Atomic reservation in the pool; a refusal (capacity reached…) refuses the mobilisation.
      if (avecVivier)
        await kit.verrou.pendant('membre_reseau', () => reserverPourDesignation(designation, i.membre, d.besoinVivier(at)?.heuresMois ?? 0, i.choix, i.par));
      d.addMembre(i, at);
      // The member accepts (or declines) from the link of the email first.
      await notifier.send([i.membre], { kind: 'designation_a_accepter' }, [], { nom: 'repondre-designation', role: 'intervenant' });
    },
  );
  on(
    M.respondDesignation,
    (i) => d.checkRespondDesignation(i),
    async (i, at) => {
      const decline = d.respondDesignation(i, at);
      if (decline && avecVivier) await libererApresRefus(designation, decline, i.motif!);
      if (decline) {
        await notifier.send(unml(), { kind: 'designation_declinee', intervenant: { nom: decline.nom, email: decline.email }, motif: i.motif! });
        return;
      }
      const membre = d.state.membresReseau.find((m) => m.id === i.intervenantId)!;
      await notifier.send([membre], { kind: 'intervenant_designe', intervenant: membre }, [...ml(), ...unml()]);
    },
  );
  on(
    M.signActeEngagement,
    (i) => d.checkSignActe(i),
    async (i, at) => {
      d.signActe(i, at);
      // UNML is told (dossiers started before it: no email, as their histories hold).
      if (patched('appui-unml-acte-signe')) await notifier.send(unml(), { kind: 'appui_acte_signe', signataire: i.signataire, signeLe: at });
    },
  );
  on(
    M.scheduleVisioLancement,
    (i, at) => d.checkScheduleVisioLancement(i, at),
    async (i, at) => {
      d.scheduleVisioLancement(i, at);
      await invite('lancement', i.debut, i.lien, ['ml', 'cabinet', 'intervenant']);
    },
  );
  kit.simple(M.recordVisioLancement, 'checkRecordVisioLancement', 'recordVisioLancement');
  on(
    M.submitRapportDiagnostic,
    (i) => d.checkRapportDiagnostic(i),
    async (i, at) => {
      d.submitRapportDiagnostic(i, at);
      await notifier.send(ml(), { kind: 'rapport_diagnostic_depose', cabinetNom: d.state.cabinet?.nom ?? 'Le cabinet' }, unml(), {
        nom: 'commenter-rapport',
        role: 'ml',
      });
    },
  );
  on(
    M.commentRapportDiagnostic,
    (i) => d.checkCommentRapport(i),
    async (i, at) => {
      d.commentRapport(i, at);
      await notifier.send(cabinet(), { kind: 'commentaire_rapport', auteur: i.par ?? 'La Mission Locale', commentaire: i.commentaire }, unml());
    },
  );
  on(
    M.submitFicheCadrage,
    (i) => d.checkFicheCadrage(i),
    async (i, at) => {
      d.submitFicheCadrage(i, at);
      if (patched('appui-unml-fiche-cadrage')) await notifier.send(unml(), { kind: 'appui_fiche_cadrage', besoin: i.besoin, objectifs: i.objectifs });
    },
  );
  on(
    M.submitPlanAction,
    (i, at) => d.checkPlanAction(i, at),
    (i, at) => {
      d.submitPlanAction(i, at);
      suiviChanged++;
    },
  );
  on(
    M.markJalonAtteint,
    (i) => d.checkJalonAtteint(i),
    (i, at) => {
      d.markJalonAtteint(i, at);
      suiviChanged++;
    },
  );
  on(
    M.logJournee,
    (i, at) => d.checkLogJournee(i, at),
    async (i, at) => {
      if (d.logJournee(i, at)) {
        const max = BUDGET_JOURS.maximum * DEMI_JOURNEES_PAR_JOUR + d.extensionDemiJournees();
        await notifier.send(unml(), { kind: 'alerte_budget_jours', realises: formatJours(d.state.budget.demiJourneesRealisees), maximum: formatJours(max) });
      }
    },
  );
  kit.simple(M.extendBudget, 'checkExtendBudget', 'extendBudget');
  on(
    M.requestDeplacement,
    (i, at) => d.checkRequestDeplacement(i, at),
    async (i, at) => {
      const dep = d.requestDeplacement(i, at);
      await notifier.send(unml(), {
        kind: 'deplacement_a_approuver',
        qui: dep.qui,
        ou: dep.ou,
        quand: dep.quand,
        pourquoi: dep.pourquoi,
        coutEstimeEuros: dep.coutEstimeEuros,
      });
    },
  );
  on(
    M.decideDeplacement,
    (i) => d.checkDecideDeplacement(i),
    async (i, at) => {
      const dep = d.decideDeplacement(i, at);
      await notifier.send(
        cabinet().slice(0, 1),
        { kind: 'deplacement_decide', ou: dep.ou, quand: dep.quand, approuve: i.approuve, ...(i.motif ? { motif: i.motif } : {}) },
        unml(),
      );
    },
  );
  kit.simple(M.logDeplacement, 'checkLogDeplacement', 'logDeplacement');
  on(
    M.setCadenceAppels,
    (i) => d.checkCadence(i),
    (i, at) => {
      d.setCadence(i, at);
      suiviChanged++;
    },
  );
  on(
    M.logAppel,
    (i, at) => d.checkLogAppel(i, at),
    (i, at) => {
      d.logAppel(i, at);
      suiviChanged++;
    },
  );
  on(
    M.endMiseEnOeuvre,
    (i) => d.checkEndMiseEnOeuvre(i),
    async (i, at) => {
      d.endMiseEnOeuvre(i, at);
      if (patched('appui-unml-fin-mise-en-oeuvre')) {
        const b = d.state.budget;
        await notifier.send(unml(), {
          kind: 'appui_mise_en_oeuvre_terminee',
          realises: formatJours(b.demiJourneesRealisees),
          plafond: formatJours(b.plafondDemiJournees),
          ...(i.motif?.trim() ? { motif: i.motif } : {}),
        });
      }
    },
  );
  on(
    M.scheduleVisioBilan,
    (i, at) => d.checkScheduleVisioBilan(i, at),
    async (i, at) => {
      d.scheduleVisioBilan(i, at);
      await invite(i.visio, i.debut, i.lien, i.visio === 'bilan_ml' ? ['ml'] : ['cabinet', 'intervenant']);
    },
  );
  on(
    M.respondVisio,
    (i, at) => d.checkRespondVisio(i, at),
    async (i, at) => {
      const qui = d.respondVisio(i, at, calendrier.get(i.visio)?.sequence ?? 0);
      if (!i.confirme) {
        const debut = (i.visio === 'lancement' ? d.state.visioLancement : d.state.visiosBilan[i.visio])!.debut;
        await notifier.send(unml(), {
          kind: 'visio_autre_creneau',
          visio: i.visio,
          debut,
          proposition: i.proposition!,
          ...(i.commentaire ? { commentaire: i.commentaire } : {}),
          propose: i.par ?? qui.nom,
        });
      }
    },
  );
  on(
    M.submitFicheBilan,
    (i, at) => d.checkFicheBilan(i, at),
    async (i, at) => {
      d.submitFicheBilan(i, at);
      // seed 001 §6: the questionnaire goes to the beneficiary ML and to the intervenants.
      const reponsesAvant = () => (d.state.questionnaires?.reponsesAttenduesAvant ? { reponsesAvant: d.state.questionnaires.reponsesAttenduesAvant } : {});
      await notifier.send(ml(), { kind: 'questionnaire_evaluation', repondant: 'ml', ...reponsesAvant() }, [], { nom: 'evaluation', role: 'ml' });
      await notifier.send(intervenants(), { kind: 'questionnaire_evaluation', repondant: 'intervenant', ...reponsesAvant() }, [], {
        nom: 'evaluation',
        role: 'intervenant',
      });
    },
  );
  kit.simple(M.addLivrable, 'checkAddLivrable', 'addLivrable');
  kit.simple(M.submitEvaluation, 'checkEvaluation', 'submitEvaluation');
  on(
    M.cloturer,
    (i, at) => d.checkCloturer(i, at),
    async (i, at) => {
      d.cloturer(i, at);
      await notifier.send([...ml(), ...intervenants()], { kind: 'dossier_cloture' }, unml());
    },
  );

  // --- The process -------------------------------------------------------------------------------------
  // seed 001, in order; reminders before the visios run beside the steps until the dossier ends.
  return kit.run(
    [
      kit.waitFor('prise_de_contact'),
      kit.waitFor('mobilisation'),
      () => awaitActeEngagement(kit.steps, delais.acteRelance),
      // From the launch to the end of the mise en œuvre, milestones and intermediate calls are followed.
      () => avecSuivi([kit.waitFor('lancement'), kit.waitFor('diagnostic'), kit.waitFor('cadrage'), kit.waitFor('plan_action'), kit.waitFor('mise_en_oeuvre')]),
      kit.waitFor('bilan'),
      kit.waitFor('evaluation'),
    ],
    {
      background: () =>
        calendrier.rappels(
          delais.rappels ?? [],
          () => d.termine,
          async (cle, e) => {
            if (cle === 'lancement' && d.state.visioLancement?.tenue) return; // already held (recorded early)
            await notifier.send(e.participants, {
              kind: 'rappel_evenement',
              titre: e.titre,
              debut: e.debut,
              dureeMinutes: e.dureeMinutes,
              ...(e.lien ? { lien: e.lien } : {}),
            });
          },
        ),
      // Whatever the outcome (closed, abandoned, lapsed…), no network member stays reserved.
      fin: async () => {
        if (avecVivier && d.state.vivier) await libererFinIntervention(designation, `Dossier ${d.etape}`);
      },
    },
  );

  // --- Steps -------------------------------------------------------------------------------------------
  /** Runs `etapes` with the follow-up of milestones and intermediate calls beside them (suivi()). */
  async function avecSuivi(etapes: Etape[]): Promise<boolean> {
    const enCours = suivi();
    let ok = true;
    for (const etape of etapes) if (!(ok = await etape())) break;
    await enCours;
    return ok && !d.termine;
  }

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
            await notifier.send(unml(), {
              kind: 'jalon_manque',
              action: action.intitule,
              jalon: jalon.libelle,
              date: jalon.date,
              responsable: action.responsable.nom,
            });
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
          .flatMap((a) =>
            a.jalons.filter((j) => !j.atteint && Date.parse(j.date) > t).map((j) => ({ quoi: `Jalon : ${j.libelle} (${a.intitule})`, le: j.date })),
          )
          .sort((a, b) => Date.parse(a.le) - Date.parse(b.le))[0];
        if (jalon) d.state.prochaineEcheance = jalon;
        else delete d.state.prochaineEcheance;
      }
      const seen = suiviChanged;
      const etape = d.etape;
      await wakeOn(() => suiviChanged !== seen || d.etape !== etape, alarm, prochain, 'Suivi : prochain jalon ou appel intermédiaire');
    }
  }

  /**
   * A visio's invitation (1 h) to the people of the sides `qui` and UNML; each invited person's email carries their
   * own link to confirm the slot or propose another one. A (re)scheduled visio asks everyone again.
   */
  async function invite(visio: VisioAppui, debut: string, lien: string | undefined, qui: RoleInviteAppui[]): Promise<void> {
    const titre = `${TITRES_VISIO[visio]} – Appui Conseil ${d.state.demande.missionLocale.nom}`;
    const cote: Record<RoleInviteAppui, () => Recipient[]> = { ml, cabinet, intervenant: membres };
    const invites = qui.flatMap((role) => cote[role]().map((r) => ({ r, role })));
    d.resetReponsesVisio(visio);
    await kit.inviter(visio, { titre, debut, dureeMinutes: 60, lien }, invites, {
      kind: 'invitation_visio',
      visio,
      debut,
      dureeMinutes: 60,
      ...(lien ? { lien } : {}),
    });
  }
}
