// One Diagnostic dossier (seed 000), from the demand to the final review with UNML.
// Reads top to bottom: state -> handlers -> the process as named, awaited steps (the kit does the rest).
import { allHandlersFinished, condition, patched, upsertSearchAttributes } from '@temporalio/workflow';
import { ACCOMPAGNEMENTS_PROPOSABLES, ROLES_DIAGNOSTIC, type RoleDiagnostic } from '../../domain/diagnostic';
import type { Intervenant } from '../../domain/schemas';
import { ROLES } from '../../domain/vivier';
import {
  chercherIntervenant,
  libererApresRefus,
  libererFinIntervention,
  PRIORITE_PAR_DEFAUT,
  recevoirReservation,
  reserverPourDesignation,
  type DesignationContext,
} from '../shared/designation';
import { now } from '../shared/handlers';
import { instantaneDiagnostic } from './reporting';
import { dossierWorkflow } from '../shared/kit';
import { vivier } from '../shared/vivier';
import { resumeBinome } from '../../domain/matching';
import { descriptionSuite } from '../../domain/suite-diagnostic';
import { A_CONDUIT_A } from '../shared/search-attributes';
import { DiagnosticDossier } from './dossier';
import { demarrerSuiteDiagnostic } from './suite';
import { ATTENDUS, ATTENTE_DE } from './etapes';
import * as M from './messages';
import { EVALUATION_DELAI_MS, SUITE_DELAI_DEFAUT_MS, type DiagnosticInput, type DiagnosticState, type EvenementDiagnostic } from './state';

/** How many binômes are proposed to UNML. */
const BINOMES_PROPOSES_MAX = 3;

const TITRES: Record<EvenementDiagnostic, string> = {
  mise_en_commun: 'Diagnostic : mise en commun des analyses',
  journee_sur_site: 'Diagnostic : journée sur site',
  revue_finale: 'Diagnostic : revue finale du rapport',
};

export async function diagnostic(input: DiagnosticInput): Promise<DiagnosticState> {
  // --- State -------------------------------------------------------------------------------------------
  const d = new DiagnosticDossier(input, now());
  const { delais } = input;
  const diagnostiqueur = (role: RoleDiagnostic): Intervenant[] => (d.state.binome[role] ? [d.state.binome[role].intervenant] : []);
  const binome = (): Intervenant[] => ROLES_DIAGNOSTIC.flatMap(diagnostiqueur);
  /** Bumped when the binôme changes (a designation, a decline, a hold from the waiting list): the designation step looks again. */
  let designationVersion = 0;
  const kit = dossierWorkflow<DiagnosticState, DiagnosticDossier>(
    { dispositif: 'diagnostic', input, dossier: d, messages: M, attendus: ATTENDUS, attenteDe: ATTENTE_DE },
    {
      intervenants: binome,
      intervenantIds: () => binome().map((i) => i.id),
      besoinVivier: (role) =>
        role && (ROLES_DIAGNOSTIC as readonly string[]).includes(role) ? d.besoinVivier(role as RoleDiagnostic, now()) : d.premierBesoin(now()),
      reservationRecue: async (s) => {
        if (!(ROLES_DIAGNOSTIC as readonly string[]).includes(s.role)) return;
        await recevoirReservation(designations[s.role as RoleDiagnostic], s);
        designationVersion++;
      },
      instantane: () => instantaneDiagnostic(d.state),
    },
  );
  const { notifier, ml, presidence, unml, calendrier, on } = kit;
  /** One designation context per role of the binôme: each role is reserved, released and re-proposed on its own. */
  const designations = Object.fromEntries(
    ROLES_DIAGNOSTIC.map((role): [RoleDiagnostic, DesignationContext] => [
      role,
      kit.designation(
        () => d.state.vivier[role],
        () => d.besoinVivier(role, now()),
        `${ROLES[role].libelle} : `,
      ),
    ]),
  ) as Record<RoleDiagnostic, DesignationContext>;

  // --- Handlers ----------------------------------------------------------------------------------------
  kit.accepter(M.acceptDemande, 'checkAccept', 'accept');
  on(
    M.designateDiagnostiqueur,
    (i) => {
      const role = d.checkDesignate(i);
      kit.verrou.refuserSiEnCours(role, `Une désignation est déjà en cours pour le rôle « ${ROLES[role].libelle} » : attendez sa fin.`);
    },
    async (i, at) => {
      const role = d.roleDe(i);
      // Atomic reservation in the pool; a refusal (capacity reached…) refuses the designation.
      await kit.verrou.pendant(role, () =>
        reserverPourDesignation(designations[role], i.intervenant, d.besoinVivier(role, at)?.heuresMois ?? 0, i.choix, i.par),
      );
      d.designate(i, role, at);
      designationVersion++;
      const autre = ROLES_DIAGNOSTIC.find((r) => r !== role)!;
      await notifier.send(
        [i.intervenant],
        { kind: 'diagnostiqueur_a_accepter', role: ROLES[role].libelle, ...(d.state.binome[autre] ? { autre: d.state.binome[autre].intervenant } : {}) },
        unml(),
        { nom: 'repondre-designation', role: 'intervenant' },
      );
    },
  );
  on(
    M.respondDiagnostiqueur,
    (i) => d.checkRespond(i),
    async (i, at) => {
      const r = d.respond(i, at);
      designationVersion++;
      if (!r.accepte) {
        // Released in the pool, never proposed again for this dossier; the designation step proposes someone else.
        await libererApresRefus(designations[r.role], r.intervenant, i.motif!);
        await notifier.send(unml(), { kind: 'designation_declinee', intervenant: { nom: r.intervenant.nom, email: r.intervenant.email }, motif: i.motif! });
        return;
      }
      const { diagnostiqueur_consultant: c, diagnostiqueur_directeur: dir } = d.state.binome;
      // Each diagnostiqueur gets a personal link to their analysis; the ML is informed.
      if (d.binomeConstitue && c && dir)
        await notifier.send([...ml(), ...binome()], { kind: 'binome_constitue', consultant: c.intervenant, directeur: dir.intervenant }, unml(), {
          nom: 'analyse',
          role: [...ml().map(() => null), ...binome().map(() => 'intervenant' as const)],
        });
    },
  );
  kit.simple(M.submitAnalyse, 'checkAnalyse', 'submitAnalyse');
  on(
    M.planEvenement,
    (i, at) => d.checkPlanEvenement(i, at),
    async (i, at) => {
      const replanifiee = d.planEvenement(i, at);
      await invite(i.evenement, i.debut, d.dureeDe(i), i.lien, replanifiee);
    },
  );
  on(
    M.respondRendezvous,
    (i, at) => d.checkRespondRendezvous(i, at),
    async (i, at) => {
      const nom = d.respondRendezvous(i, at);
      if (!i.confirme) {
        const debut = d.state.agenda[i.evenement]!.debut;
        await notifier.send(unml(), {
          kind: 'visio_autre_creneau',
          visio: i.evenement,
          debut,
          proposition: i.proposition!,
          ...(i.commentaire ? { commentaire: i.commentaire } : {}),
          propose: i.par ?? nom,
        });
      }
    },
  );
  kit.simple(M.recordMiseEnCommun, 'checkRecordMiseEnCommun', 'recordMiseEnCommun');
  on(
    M.proposeProgramme,
    (i) => d.checkProposeProgramme(i),
    async (i, at) => {
      d.proposeProgramme(i, at);
      await notifier.send(ml(), { kind: 'programme_a_valider', rencontres: d.state.programme!.rencontres }, [...binome(), ...unml()], {
        nom: 'valider-programme',
        role: 'ml',
      });
    },
  );
  on(
    M.respondProgramme,
    (i) => d.checkRespondProgramme(i),
    async (i, at) => {
      d.respondProgramme(i, at);
      // The binôme is told the direction's answer (runs started before this were not).
      if (patched('diagnostic-programme-repondu'))
        await notifier.send(
          binome(),
          {
            kind: 'programme_repondu',
            accepte: i.accepte,
            rencontres: d.state.programme!.rencontres,
            ...(i.commentaire ? { commentaire: i.commentaire } : {}),
            ...(i.par ? { par: i.par } : {}),
          },
          unml(),
        );
    },
  );
  kit.simple(M.recordJourneeSurSite, 'checkRecordJournee', 'recordJournee');
  on(
    M.recordDebriefing,
    (i, at) => d.checkDebriefing(i, at),
    async (i, at) => {
      d.recordDebriefing(i, at);
      // Runs started before this asked for the reports by other means.
      if (patched('diagnostic-rapports-normes-demandes'))
        await notifier.send(binome(), { kind: 'rapport_norme_attendu', pistes: i.pistes }, unml(), { nom: 'rapport-individuel', role: 'intervenant' });
    },
  );
  kit.simple(M.submitRapportIndividuel, 'checkRapportIndividuel', 'submitRapportIndividuel');
  on(
    M.askPrecisions,
    (i) => d.checkAskPrecisions(i),
    async (i, at) => {
      const p = d.askPrecisions(i, at);
      await notifier.send(ml(), { kind: 'precisions_demandees', numero: p.numero, question: p.question }, [...binome(), ...unml()], {
        nom: 'repondre-precisions',
        role: 'ml',
        objet: String(p.numero),
      });
    },
  );
  on(
    M.answerPrecisions,
    (i) => d.checkAnswerPrecisions(i),
    async (i, at) => {
      const p = d.answerPrecisions(i, at);
      await notifier.send(binome(), { kind: 'precisions_apportees', numero: p.numero, question: p.question, reponse: i.reponse }, unml());
    },
  );
  on(
    M.submitRapportCroise,
    (i) => d.checkRapportCroise(i),
    async (i, at) => {
      d.submitRapportCroise(i, at);
      await sendRapport();
    },
  );
  on(
    M.commentRapport,
    (i) => d.checkComment(i),
    async (i, at) => {
      d.comment(i, at);
      await notifier.send([...binome(), ...unml()], {
        kind: 'commentaire_rapport',
        auteur: i.par ?? d.state.demande.missionLocale.nom,
        commentaire: i.commentaire,
      });
    },
  );
  on(
    M.amendRapport,
    (i) => d.checkAmend(i),
    async (i, at) => {
      d.amend(i, at);
      await sendRapport();
    },
  );
  on(
    M.concludeDiagnostic,
    (i, at) => d.checkConclude(i, at),
    async (i, at) => {
      d.conclude(i, at);
      // The evaluation questionnaires follow the closing emails (issue #14); runs concluded before this sent none.
      const evaluer = patched('diagnostic-evaluation');
      if (evaluer) d.envoyerQuestionnaires(new Date(Date.parse(at) + EVALUATION_DELAI_MS).toISOString());
      const cloture = {
        kind: 'diagnostic_cloture' as const,
        conclusions: i.conclusions,
        ...(i.accompagnement ? { accompagnement: ACCOMPAGNEMENTS_PROPOSABLES[i.accompagnement] } : {}),
      };
      // An accompaniment proposed: the ML (its presidency in copy) is told how to take it up, with the link to that
      // dispositif's public form; the binôme and UNML are informed. Runs started before this sent one email to all.
      if (i.accompagnement && patched('diagnostic-suite-proposee')) {
        // Since issue #14 the direction answers from its personal link, and an accepted proposal starts the dossier;
        // runs concluded before this pointed to the public form.
        if (patched('diagnostic-suite-lien')) {
          d.proposerSuite(i.accompagnement, new Date(Date.parse(at) + (delais.reponseSuite ?? SUITE_DELAI_DEFAUT_MS)).toISOString(), at);
          await notifier.send(ml(), { ...cloture, dispositifPropose: i.accompagnement, reponseParLien: true }, presidence(), {
            nom: 'suite-diagnostic',
            role: 'ml',
          });
        } else await notifier.send(ml(), { ...cloture, dispositifPropose: i.accompagnement }, presidence());
        await notifier.send(binome(), cloture, unml());
      } else await notifier.send([...ml(), ...binome()], cloture, [...presidence(), ...unml()]);
      if (evaluer) {
        const reponsesAvant = d.state.evaluationDateLimite!;
        await notifier.send(ml(), { kind: 'questionnaire_evaluation', repondant: 'ml', reponsesAvant }, [], { nom: 'evaluation', role: 'ml' });
        await notifier.send(binome(), { kind: 'questionnaire_evaluation', repondant: 'intervenant', reponsesAvant }, [], {
          nom: 'evaluation',
          role: 'intervenant',
        });
      }
    },
  );
  kit.simple(M.submitEvaluation, 'checkEvaluation', 'submitEvaluation');
  // issue #14: a new Update (dossiers started before never receive it): it only changes the state.
  kit.simple(M.logJourneeDiagnostiqueur, 'checkLogJournee', 'logJournee');
  on(
    M.repondreSuite,
    (i, at) => d.checkRepondreSuite(i, at),
    async (i, at) => {
      d.repondreSuite(i, at);
      const s = d.state.suite!;
      const message = {
        kind: 'suite_diagnostic_repondue' as const,
        dispositif: ACCOMPAGNEMENTS_PROPOSABLES[s.dispositif],
        accepte: i.accepte,
        ...(s.reponse?.motif ? { motif: s.reponse.motif } : {}),
        ...(i.par ? { par: i.par } : {}),
      };
      if (!i.accepte) {
        await notifier.send(unml(), message, binome());
        return;
      }
      // The same start as a demand (schema, recevabilité, REJECT_DUPLICATE on an id derived from this diagnostic's).
      const { demande, conclusion, rapportCroise } = d.state;
      const r = await demarrerSuiteDiagnostic({
        diagnosticId: d.state.dossierId,
        dispositif: s.dispositif,
        missionLocale: demande.missionLocale,
        direction: demande.direction,
        presidence: demande.presidence,
        casMobilisation: i.casMobilisation!,
        sujets: i.sujets!,
        description: descriptionSuite(
          d.state.dossierId,
          conclusion?.conclusions ?? '',
          ACCOMPAGNEMENTS_PROPOSABLES[s.dispositif],
          rapportCroise?.preconisations,
          i.complement?.trim() || undefined,
        ),
      });
      if (r.demarre) {
        d.suiteDemarree(r.dossierId, now());
        // The chain in the Temporal UI: AConduitA here, IssuDe on the new dossier (set at its start).
        upsertSearchAttributes([{ key: A_CONDUIT_A, value: [r.dossierId] }]);
        await notifier.send(ml(), { ...message, dossierId: r.dossierId }, [...presidence(), ...unml()]);
      } else {
        d.suiteNonRecevable(r.motifs, now());
        await notifier.send([...ml(), ...unml()], { ...message, motifs: r.motifs }, presidence());
      }
    },
  );

  // --- The process -------------------------------------------------------------------------------------
  // seed 000, in order; reminders before each meeting run beside the steps until the dossier ends.
  const fin = await kit.run(
    [
      kit.waitFor('qualification'),
      designationBinome,
      kit.waitFor('analyses_individuelles'),
      kit.waitFor('mise_en_commun'),
      kit.waitFor('programme_rencontres'),
      kit.waitFor('journee_sur_site'),
      kit.waitFor('debriefing'),
      kit.waitFor('rapports_individuels'),
      kit.waitFor('rapport_croise'),
      kit.waitFor('retour_ml'),
      kit.waitFor('revue_finale'),
    ],
    {
      background: rappels,
      // Whatever the outcome (closed, abandoned…), the binôme's capacity goes back to the pool.
      fin: () => libererFinIntervention(designations.diagnostiqueur_consultant, `Dossier ${d.etape}`),
    },
  );
  // Closed with an accompaniment proposed through the direction's link (issue #14): open until it answers (and the
  // dossier it accepts is started) or the proposal lapses. Runs that proposed none, or before this, ended here.
  // The evaluation questionnaires sent at the closure, likewise: until all are answered or their deadline passed.
  if (d.state.suite || d.state.evaluationDateLimite) {
    const s = d.state.suite;
    const limite = d.state.evaluationDateLimite;
    const attentes: Promise<unknown>[] = [];
    if (s)
      attentes.push(
        condition(() => s.reponse !== undefined, Math.max(0, Date.parse(s.jusquAu) - Date.now())).then((repondu) => {
          if (!repondu) {
            d.suiteExpiree(now());
            kit.sync();
          }
        }),
      );
    if (limite) attentes.push(condition(() => d.evaluationsCompletes, Math.max(0, Date.parse(limite) - Date.now())));
    await Promise.all(attentes);
    await condition(allHandlersFinished);
    await notifier.vider();
    // The final snapshot (the suite's answer, the questionnaires') is in the reporting store before the run ends.
    await kit.reporter();
    return d.state;
  }
  return fin;

  // --- Steps -------------------------------------------------------------------------------------------
  /**
   * The pool proposes binômes; UNML designates each diagnostiqueur (reserved atomically), who accepts or
   * declines; a decline frees that role, which is proposed again (without them). Done once both accepted.
   */
  async function designationBinome(): Promise<boolean> {
    for (;;) {
      const vu = designationVersion;
      await chercherBinome();
      await condition(() => d.etape !== 'designation_binome' || designationVersion !== vu);
      if (d.etape !== 'designation_binome') return !d.termine;
    }
  }

  /**
   * For the roles with nobody designated, proposed or held: both free → the best binômes; else each role on
   * its own (its ranking, or the waiting list; the pool's list holds one role per dossier at a time).
   */
  async function chercherBinome(): Promise<void> {
    const aChercher = ROLES_DIAGNOSTIC.filter((r) => {
      const e = d.state.vivier[r];
      return d.besoinVivier(r, now()) && e.propositions.length === 0 && !e.attente && !e.reserve;
    });
    if (aChercher.length === 0) return;
    if (aChercher.length === ROLES_DIAGNOSTIC.length) {
      const binomes = await vivier.proposerBinomePourDossier(
        d.besoinVivier('diagnostiqueur_consultant', now())!,
        d.besoinVivier('diagnostiqueur_directeur', now())!,
      );
      if (binomes.length > 0 && ROLES_DIAGNOSTIC.every((r) => d.besoinVivier(r, now()))) {
        const meilleurs = binomes.slice(0, BINOMES_PROPOSES_MAX);
        d.proposerBinomes(meilleurs, now());
        await notifier.send(unml(), { kind: 'binomes_proposes', binomes: meilleurs.map((b, k) => ({ resume: resumeBinome(b, k), raisons: b.raisons })) });
        return;
      }
    }
    for (const role of aChercher) {
      if (ROLES_DIAGNOSTIC.some((r) => d.state.vivier[r].attente)) return;
      await chercherIntervenant(designations[role], d.state.priorite ?? PRIORITE_PAR_DEFAUT);
    }
  }

  /** Reminders before each scheduled meeting, at each offset of delais.rappels. */
  async function rappels(): Promise<void> {
    await calendrier.rappels(
      delais.rappels,
      () => d.termine,
      async (_cle, e) => {
        await notifier.send(e.participants, {
          kind: 'rappel_evenement',
          titre: e.titre,
          debut: e.debut,
          dureeMinutes: e.dureeMinutes,
          ...(e.lien ? { lien: e.lien } : {}),
        });
      },
    );
  }

  /**
   * A meeting's invitation (key = the meeting: a reschedule updates the same event): the binôme and UNML, plus the
   * ML for the day on site. Each participant but UNML gets a personal link to confirm or propose another slot.
   */
  async function invite(evenement: EvenementDiagnostic, debut: string, dureeMinutes: number, lien: string | undefined, replanifiee: boolean): Promise<void> {
    const mlInvitee = evenement === 'journee_sur_site' ? [...ml(), ...presidence()] : [];
    const invites = [...binome().map((r) => ({ r, role: 'intervenant' as const })), ...mlInvitee.map((r) => ({ r, role: 'ml' as const }))];
    const titre = `${TITRES[evenement]} – ${d.state.demande.missionLocale.nom}`;
    const message = {
      kind: 'invitation_diagnostic' as const,
      evenement,
      debut,
      dureeMinutes,
      ...(lien ? { lien } : {}),
      ...(replanifiee ? { replanifiee } : {}),
    };
    await kit.inviter(evenement, { titre, debut, dureeMinutes, lien }, invites, message);
  }

  /** The crossed report (or its amended version) goes to the ML, who has its say on it. */
  async function sendRapport(): Promise<void> {
    const r = d.state.rapportCroise!;
    await notifier.send(
      ml(),
      { kind: 'rapport_croise_a_commenter', constats: r.constats, preconisations: r.preconisations, version: r.version },
      [...presidence(), ...binome(), ...unml()],
      { nom: 'commenter-rapport', role: 'ml' },
    );
  }
}
