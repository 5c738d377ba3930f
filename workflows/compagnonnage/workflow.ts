// One Compagnonnage dossier (seed 003), from the demand to the bilan post-accompagnement.
// Reads top to bottom: state -> handlers -> the process as named, awaited steps (the kit does the rest).
import { condition, patched } from '@temporalio/workflow';
import { delaiFr } from '../../domain/format';
import { formatMinutes } from '../../domain/rules';
import type { Intervenant } from '../../domain/schemas';
import { awaitActeEngagement, judgeRecevabilite, lapse as lapseDossier } from '../shared/intake';
import { now } from '../shared/handlers';
import { addMs, Alarm, awaitWithReminder, echeance, msUntil, wakeOn } from '../shared/waits';
import {
  chercherIntervenant,
  etatVivierInitial,
  libererApresRefus,
  libererFinIntervention,
  PRIORITE_PAR_DEFAUT,
  recevoirReservation,
  reserverPourDesignation,
} from '../shared/designation';
import { instantaneCompagnonnage } from './reporting';
import { dossierWorkflow } from '../shared/kit';
import { CompagnonnageDossier, INVITES_VISIO } from './dossier';
import { ATTENDUS, ATTENTE_DE } from './etapes';
import * as M from './messages';
import type { CompagnonnageInput, CompagnonnageState, VisioBilanKind } from './state';

export async function compagnonnage(input: CompagnonnageInput): Promise<CompagnonnageState> {
  // --- State -------------------------------------------------------------------------------------------
  // Designation through the intervenant pool (issue #4); runs started before it keep the hand designation.
  const avecVivier = patched('vivier-matching');
  // UNML told of the acte signed, the fiche de cadrage filed and the accompaniment ended (issue #17); runs started before: not.
  const unmlInformee = patched('compagnonnage-unml-informee');
  // The 80 % alert goes once per crossing: a contest no longer re-arms it (runs started before: as they were).
  const alerteUneFois = patched('compagnonnage-alerte80-une-fois');
  const d = new CompagnonnageDossier(input, now());
  d.alerteReArmeeSeulementParLeForfait = alerteUneFois;
  const { delais } = input;
  const intervenant = (): Intervenant[] => (d.state.intervenant ? [d.state.intervenant] : []);
  const kit = dossierWorkflow<CompagnonnageState, CompagnonnageDossier>(
    { dispositif: 'compagnonnage', input, dossier: d, messages: M, attendus: ATTENDUS, attenteDe: ATTENTE_DE },
    {
      intervenants: intervenant,
      intervenantIds: () => intervenant().map((i) => i.id),
      besoinVivier: () => (avecVivier ? d.besoinVivier(now()) : null),
      reservationRecue: async (s) => {
        if (avecVivier) await recevoirReservation(designation, s);
      },
      instantane: () => instantaneCompagnonnage(d.state),
    },
  );
  const { notifier, ml, presidence, unml, calendrier, on } = kit;
  const designation = kit.designation(
    () => (d.state.vivier ??= etatVivierInitial('compagnon')),
    () => d.besoinVivier(now()),
  );
  let accompagnementChanged = 0;
  let derniereSeanceLe = now();

  // --- Handlers ----------------------------------------------------------------------------------------
  kit.accepter(M.acceptDemande, 'checkAccept', 'accept');
  on(
    M.waitlistDemande,
    (i) => d.checkWaitlist(i),
    async (i, at) => {
      const dejaEnAttente = d.etape === 'liste_attente';
      d.waitlist(i, at);
      if (!dejaEnAttente) await notifier.send(ml(), { kind: 'demande_liste_attente' });
    },
  );
  on(
    M.requestComplements,
    (i) => d.checkRequestComplements(i),
    async (i, at) => {
      const dateLimite = echeance(at, delais.complementsCaducite, delais.complementsCaduciteJoursOuvres);
      // The deadline in the lists' ProchaineEcheance: dossiers asked before it upsert as they did.
      d.requestComplements(i, at, dateLimite, patched('compagnonnage-echeance-complements'));
      await notifier.send(ml(), { kind: 'demande_incomplete', aCompleter: i.aCompleter, dateLimite }, [], { nom: 'completer', role: 'ml' });
    },
  );
  kit.simple(M.completeDemande, 'checkComplete', 'complete');
  on(
    M.designateIntervenant,
    (i) => {
      kit.verrou.refuserSiEnCours('compagnon', 'Une désignation est déjà en cours pour ce dossier : attendez sa fin.');
      d.checkDesignateIntervenant(i);
    },
    async (i, at) => {
      // Atomic reservation in the pool; a refusal (capacity reached…) refuses the designation.
      if (avecVivier)
        await kit.verrou.pendant('compagnon', () => reserverPourDesignation(designation, i.intervenant, d.besoinVivier(at)?.heuresMois ?? 0, i.choix, i.par));
      d.designateIntervenant(i, at);
      // The intervenant accepts (or declines) first; the acte d'engagement goes to the ML once accepted.
      await notifier.send(intervenant(), { kind: 'designation_a_accepter' }, [], { nom: 'repondre-designation', role: 'intervenant' });
    },
  );
  on(
    M.respondDesignation,
    (i) => d.checkRespondDesignation(i),
    async (i, at) => {
      const dateLimite = echeance(at, delais.acteCaducite, delais.acteCaduciteJoursOuvres);
      const decline = d.respondDesignation(i, at, dateLimite);
      if (decline && avecVivier) await libererApresRefus(designation, decline, i.motif!);
      if (decline) {
        await notifier.send(unml(), { kind: 'designation_declinee', intervenant: { nom: decline.nom, email: decline.email }, motif: i.motif! });
        return;
      }
      await notifier.send(intervenant(), { kind: 'intervenant_designe', intervenant: d.state.intervenant! }, [...ml(), ...unml()]);
      await notifier.send(ml(), { kind: 'acte_engagement_a_signer', dateLimite }, presidence(), { nom: 'signer-acte-engagement', role: 'ml' });
    },
  );
  // Runs started before these emails keep a synchronous apply with no call (exactly their old commands).
  on(
    M.signActeEngagement,
    (i) => d.checkSignActe(i),
    (i, at) => {
      d.signActe(i, at);
      if (unmlInformee) return notifier.send(unml(), { kind: 'acte_engagement_signe', signataire: i.signataire });
    },
  );
  on(
    M.submitFicheCadrage,
    (i) => d.checkFicheCadrage(i),
    (i, at) => {
      d.submitFicheCadrage(i, at);
      const { rythme, objectifs } = d.state.ficheCadrage!;
      if (unmlInformee)
        return notifier.send(unml(), { kind: 'fiche_cadrage_deposee', objectifs, rythme, forfait: formatMinutes(d.state.heures.forfaitMinutes) });
    },
  );
  on(
    M.scheduleVisioLancement,
    (i, at) => d.checkScheduleVisioLancement(i, at),
    async (i, at) => {
      d.scheduleVisioLancement(i, at);
      await invite('lancement', i.debut, i.lien, ['ml', 'intervenant']);
    },
  );
  on(
    M.recordVisioLancement,
    (_i, at) => d.checkRecordVisioLancement(at),
    (i, at) => {
      d.recordVisioLancement(i, at);
      derniereSeanceLe = at;
    },
  );
  on(
    M.planSession,
    (i, at) => d.checkPlanSession(i, at),
    async (i, at) => {
      const cle = i.remplace ?? `seance-${Object.keys(d.state.agenda).filter((k) => k.startsWith('seance-')).length + 1}`;
      d.planSession(i, at, cle);
      accompagnementChanged++;
      const titre = d.titreSeance();
      await calendrier.planifier(cle, { titre, debut: i.debut, dureeMinutes: i.dureeMinutes }, [...ml(), ...intervenant()], {
        kind: 'invitation_seance',
        debut: i.debut,
        dureeMinutes: i.dureeMinutes,
        ...(i.remplace ? { replanifiee: true } : {}),
      });
    },
  );
  on(
    M.cancelPlannedSession,
    (i, at) => d.checkCancelPlannedSession(i, at),
    async (i, at) => {
      d.cancelPlannedSession(i, at);
      accompagnementChanged++;
      await calendrier.annuler(i.seance, i.motif);
    },
  );
  on(
    M.logSession,
    (i, at) => d.checkLogSession(i, at),
    async (i, at) => {
      const alerte = d.logSession(i, at);
      derniereSeanceLe = at;
      accompagnementChanged++;
      // The other side confirms (or contests) it from its email.
      const s = d.state.ficheSuivi.seances.at(-1)!;
      const autre = s.enregistreePar === 'ml' ? 'intervenant' : 'ml';
      const enregistreePar = s.par ?? (s.enregistreePar === 'ml' ? 'la Mission Locale' : "l'intervenant");
      await notifier.send(
        autre === 'ml' ? ml() : intervenant(),
        { kind: 'seance_a_confirmer', numero: s.numero, date: s.date, dureeMinutes: s.dureeMinutes, resume: s.resume, enregistreePar },
        [],
        { nom: 'confirmer-seance', role: autre, objet: String(s.numero) },
      );
      const h = d.state.heures;
      if (alerte)
        await notifier.send(unml(), { kind: 'alerte_forfait', consommees: formatMinutes(h.consommeesMinutes), forfait: formatMinutes(h.forfaitMinutes) });
    },
  );
  on(
    M.confirmSession,
    (i) => d.checkConfirmSession(i),
    async (i, at) => {
      const contestee = d.confirmSession(i, at);
      if (contestee) {
        await notifier.send(unml(), {
          kind: 'seance_contestee',
          numero: contestee.numero,
          date: contestee.date,
          dureeMinutes: contestee.dureeMinutes,
          ...(i.commentaire ? { commentaire: i.commentaire } : {}),
          ...(i.par ? { contestePar: i.par } : {}),
        });
      }
    },
  );
  on(
    M.settleSession,
    (i) => d.checkSettleSession(i),
    async (i, at) => {
      const alerte = d.settleSession(i, at);
      const h = d.state.heures;
      if (alerte)
        await notifier.send(unml(), { kind: 'alerte_forfait', consommees: formatMinutes(h.consommeesMinutes), forfait: formatMinutes(h.forfaitMinutes) });
    },
  );
  kit.simple(M.changeRythme, 'checkChangeRythme', 'changeRythme');
  // issue #14: a new Update (dossiers started before never receive it): it only changes the state.
  kit.simple(M.logPreparation, 'checkLogPreparation', 'logPreparation');
  kit.simple(M.extendForfait, 'checkExtendForfait', 'extendForfait');
  on(
    M.endAccompagnement,
    () => d.checkEndAccompagnement(),
    async (i, at) => {
      d.endAccompagnement(i, at);
      await calendrier.annulerAVenir('Accompagnement terminé, passage au bilan', (cle) => cle.startsWith('seance-'));
      if (unmlInformee) {
        const h = d.state.heures;
        await notifier.send(unml(), {
          kind: 'accompagnement_termine',
          seances: d.state.ficheSuivi.seances.length,
          consommees: formatMinutes(h.consommeesMinutes),
          forfait: formatMinutes(h.forfaitMinutes),
          ...(i.motif ? { motif: i.motif } : {}),
        });
      }
    },
  );
  on(
    M.scheduleVisioBilan,
    (i, at) => d.checkScheduleVisioBilan(i, at),
    async (i, at) => {
      d.scheduleVisioBilan(i, at);
      await invite(i.visio, i.debut, i.lien, INVITES_VISIO[i.visio]);
    },
  );
  on(
    M.respondVisio,
    (i, at) => d.checkRespondVisio(i, at),
    async (i, at) => {
      d.respondVisio(i, at, calendrier.get(i.visio)?.sequence ?? 0);
      if (!i.confirme) {
        const debut = (i.visio === 'lancement' ? d.state.visioLancement : d.state.visiosBilan[i.visio])!.debut;
        const propose = i.par ?? (i.role === 'ml' ? 'la Mission Locale' : "l'intervenant");
        await notifier.send(unml(), {
          kind: 'visio_autre_creneau',
          visio: i.visio,
          debut,
          proposition: i.proposition!,
          ...(i.commentaire ? { commentaire: i.commentaire } : {}),
          propose,
        });
      }
    },
  );
  on(
    M.submitFicheBilan,
    (i, at) => d.checkFicheBilan(i, at),
    async (i, at) => {
      d.submitFicheBilan(i, at, addMs(at, delais.postBilan));
      // seed 003 §7: the questionnaire goes to the beneficiary and to the intervenant.
      const reponsesAvant = () => (d.state.questionnaires?.reponsesAttenduesAvant ? { reponsesAvant: d.state.questionnaires.reponsesAttenduesAvant } : {});
      await notifier.send(ml(), { kind: 'questionnaire_evaluation', repondant: 'ml', ...reponsesAvant() }, [], { nom: 'evaluation', role: 'ml' });
      await notifier.send(intervenant(), { kind: 'questionnaire_evaluation', repondant: 'intervenant', ...reponsesAvant() }, [], {
        nom: 'evaluation',
        role: 'intervenant',
      });
    },
  );
  kit.simple(M.submitEvaluation, 'checkEvaluation', 'submitEvaluation');
  on(
    M.recordPostBilan,
    (i, at) => d.checkRecordPostBilan(i, at),
    async (i, at) => {
      d.recordPostBilan(i, at);
      await notifier.send([...ml(), ...intervenant()], { kind: 'dossier_cloture' }, unml());
    },
  );

  // seed 003: the tools and documents the two directions exchange. A handler added after dossiers started: their
  // histories never received this update, so its emails are new commands only where it is used.
  on(
    M.deposerDocument,
    (i) => d.checkDeposerDocument(i),
    async (i, at) => {
      const doc = d.deposerDocument(i, at);
      const nom = (qui: string) => (doc.par ? `${qui} (${doc.par})` : qui);
      const deposePar = { ml: nom('la Mission Locale'), intervenant: nom("l'intervenant"), unml: nom("l'UNML") }[doc.deposePar];
      const message = {
        kind: 'document_partage',
        numero: doc.numero,
        titre: doc.titre,
        ...(doc.note ? { note: doc.note } : {}),
        nomFichier: doc.fichier.nom,
        tailleOctets: doc.fichier.tailleOctets,
        deposePar,
      } as const;
      // The other direction (both, when UNML shares it), each with a personal link to the documents page.
      const autres = [
        ...(doc.deposePar !== 'ml' ? ml().map((r) => ({ r, role: 'ml' as const })) : []),
        ...(doc.deposePar !== 'intervenant' ? intervenant().map((r) => ({ r, role: 'intervenant' as const })) : []),
      ];
      if (autres.length > 0)
        await notifier.send(
          autres.map((a) => a.r),
          { ...message, pour: 'participant' },
          [],
          { nom: 'documents', role: autres.map((a) => a.role) },
        );
      if (doc.deposePar !== 'unml') await notifier.send(unml(), { ...message, pour: 'unml' });
    },
  );
  // Each direction gets its personal link to the documents page (a new handler too: replay-safe the same way).
  on(
    M.inviterDocuments,
    () => d.checkInviterDocuments(),
    async (i, at) => {
      d.inviterDocuments(i, at);
      const directions = [...ml().map((r) => ({ r, role: 'ml' as const })), ...intervenant().map((r) => ({ r, role: 'intervenant' as const }))];
      await notifier.send(
        directions.map((a) => a.r),
        { kind: 'documents_a_partager', documents: d.state.documents?.length ?? 0 },
        [],
        { nom: 'documents', role: directions.map((a) => a.role) },
      );
    },
  );

  // --- The process -------------------------------------------------------------------------------------
  // seed 003, in order; reminders before scheduled events run beside the steps until the dossier ends.
  return kit.run(
    [
      qualification,
      designationIntervenant,
      () => awaitActeEngagement(kit.steps, delais.acteRelance),
      kit.waitFor('cadrage'),
      kit.waitFor('lancement'),
      accompagnement,
      kit.waitFor('bilan'),
      finIntervention,
      postBilan,
    ],
    {
      background: rappels,
      // Whatever the outcome (closed, abandoned, lapsed…), nothing stays reserved.
      fin: async () => {
        if (avecVivier && d.state.vivier) await libererFinIntervention(designation, `Dossier ${d.etape}`);
      },
    },
  );

  // --- Steps -------------------------------------------------------------------------------------------
  /** UNML qualifies; a demand sent back as incomplete is reminded, then lapses. */
  async function qualification(): Promise<boolean> {
    for (;;) {
      await condition(() => !['qualification', 'liste_attente'].includes(d.etape));
      if (d.etape !== 'complements_attendus') return !d.termine;
      const { aCompleter, dateLimite } = d.state.complements!;
      const outcome = await awaitWithReminder({
        done: () => d.etape !== 'complements_attendus',
        remindAfter: delais.complementsRelance,
        lapseAfter: msUntil(dateLimite),
        remind: () => notifier.send(ml(), { kind: 'relance_complements', aCompleter, dateLimite }, unml(), { nom: 'completer', role: 'ml' }),
        quoi: 'compléments de la demande',
        relance: kit.relance,
      });
      if (outcome === 'lapsed') return lapseDossier(kit.steps, "Les compléments demandés n'ont pas été reçus dans le délai.");
      if (d.termine) return false;
      // The completed demand is judged again (seed 003 §3).
      if (!(await judgeRecevabilite(kit.steps))) return false;
    }
  }

  /** UNML designates an intervenant, who accepts (on to the acte d'engagement) or declines (UNML designates again). */
  async function designationIntervenant(): Promise<boolean> {
    for (;;) {
      if (avecVivier) await chercherIntervenant(designation, d.state.priorite ?? PRIORITE_PAR_DEFAUT);
      if (!(await kit.waitFor('designation_intervenant')())) return false;
      if (!(await kit.waitFor('acceptation_intervenant')())) return false;
      if (d.etape === 'acte_engagement') return true;
    }
  }

  /** Reminders before every scheduled event (sessions and visios) at each offset of delais.rappels. */
  async function rappels(): Promise<void> {
    await calendrier.rappels(
      delais.rappels,
      () => d.termine,
      async (cle, e) => {
        if (cle === 'lancement' && d.state.visioLancement?.tenue) return; // held (recorded early before that was refused)
        if (cle.startsWith('seance-')) {
          // Its link opens the page to record this session once held, prefilled from the agenda (objet: its key).
          await notifier.send([...ml(), ...intervenant()], { kind: 'rappel_seance', debut: e.debut, dureeMinutes: e.dureeMinutes }, [], {
            nom: 'seance',
            role: [...ml().map(() => 'ml' as const), ...intervenant().map(() => 'intervenant' as const)],
            objet: cle,
          });
        } else {
          await notifier.send(e.participants, {
            kind: 'rappel_evenement',
            titre: e.titre,
            debut: e.debut,
            dureeMinutes: e.dureeMinutes,
            ...(e.lien ? { lien: e.lien } : {}),
          });
        }
      },
    );
  }

  /** Sessions: UNML alerted when none is logged for delais.alerteAbsenceSeance (reminders: rappels()). */
  async function accompagnement(): Promise<boolean> {
    const alarm = new Alarm();
    while (d.etape === 'accompagnement') {
      const t = Date.now();
      const alerteLe = Date.parse(derniereSeanceLe) + delais.alerteAbsenceSeance;
      if (alerteLe <= t) {
        await notifier.send(unml(), { kind: 'alerte_absence_seance', depuis: derniereSeanceLe, delai: delais.alerteAbsenceSeance });
        d.record(now(), 'systeme', `Alerte : aucune séance enregistrée depuis ${delaiFr(delais.alerteAbsenceSeance)}`, derniereSeanceLe);
        derniereSeanceLe = now();
        continue;
      }
      const reveil = alerteLe;
      const prochaine = d.state.ficheSuivi.prochaines.find((s) => Date.parse(s.debut) > t);
      d.state.prochaineEcheance = prochaine
        ? { quoi: 'Prochaine séance', le: prochaine.debut }
        : { quoi: 'Enregistrer une séance (alerte UNML sinon)', le: new Date(alerteLe).toISOString() };
      const seen = accompagnementChanged;
      await wakeOn(() => accompagnementChanged !== seen || d.etape !== 'accompagnement', alarm, reveil, 'Alerte UNML si aucune séance');
    }
    return !d.termine;
  }

  /** The intervenant's part ends with the bilan: the capacity goes back to the pool. */
  async function finIntervention(): Promise<boolean> {
    if (avecVivier) await libererFinIntervention(designation, 'Bilan de l’accompagnement fait');
    return !d.termine;
  }

  /** seed 003 §6: the bilan post-accompagnement delais.postBilan (3 months) after the end, with the ML. */
  async function postBilan(): Promise<boolean> {
    await condition(() => d.termine, delais.postBilan, { summary: 'Bilan post-accompagnement (3 mois après)' });
    if (d.termine) return false;
    await notifier.send(ml(), { kind: 'bilan_post_accompagnement', delai: delais.postBilan }, unml());
    d.record(now(), 'systeme', 'Bilan post-accompagnement : invitation envoyée à la Mission Locale');
    await condition(() => d.termine);
    return false;
  }

  /** A visio's invitation to `qui` and UNML (1 h); each participant confirms the slot or proposes another from its link. */
  async function invite(visio: 'lancement' | VisioBilanKind, debut: string, lien: string | undefined, qui: ('ml' | 'intervenant')[]): Promise<void> {
    const titre = d.titreVisio(visio);
    const invites = qui.flatMap((role) => (role === 'ml' ? ml() : intervenant()).map((r) => ({ r, role })));
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
