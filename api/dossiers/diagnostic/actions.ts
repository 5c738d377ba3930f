// The Diagnostic action table (seed 000): same factories and generic handler as the other dispositifs'.
import * as M from '../../../workflows/diagnostic/messages';
import { ETAPES_JOURNEES } from '../../../workflows/diagnostic/etapes';
import type { DiagnosticState, EtapeDiagnostic } from '../../../workflows/diagnostic/state';
import { action, actionRelance, type DossierAction } from '../actions';
import { passationSchema } from '../schemas';
import { diagnosticActionSchemas as S } from './schemas';

export const DIAGNOSTIC_ACTIONS: readonly DossierAction<DiagnosticState>[] = [
  action('accepter', M.acceptDemande, S.accepter, 'Accepter la demande de diagnostic (interlocutrice UNML) : le vivier propose alors des binômes'),
  action('decliner', M.declineDemande, S.decliner, 'Décliner la demande, avec le motif communiqué à la Mission Locale'),
  action(
    'diagnostiqueurs',
    M.designateDiagnostiqueur,
    S.designer,
    'Désigner un·e diagnostiqueur·se du binôme (réservation atomique dans le vivier ; jamais de la région de la Mission Locale) : il ou elle ' +
      'accepte ou décline',
  ),
  action(
    'diagnostiqueurs/reponse',
    M.respondDiagnostiqueur,
    S.repondre,
    'Réponse du ou de la diagnostiqueur·se : accepter, ou décliner avec le motif (réservation libérée, rôle reproposé)',
  ),
  action('analyses', M.submitAnalyse, S.analyse, "Déposer l'analyse individuelle du dossier (chaque diagnostiqueur·se)"),
  action(
    'rendez-vous',
    M.planEvenement,
    S.rendezvous,
    'Planifier (ou déplacer) la mise en commun (3 h au plus), la journée sur site ou la revue finale : invitation iCalendar',
  ),
  action(
    'rendez-vous/reponse',
    M.respondRendezvous,
    S.reponseRendezvous,
    "Réponse d'une personne invitée à un rendez-vous : présence confirmée, ou autre créneau proposé (l'UNML en est informée)",
  ),
  action('mise-en-commun', M.recordMiseEnCommun, S.miseEnCommun, 'Enregistrer la mise en commun des analyses'),
  action('programme', M.proposeProgramme, S.programme, 'Proposer à la direction les personnes à rencontrer lors de la journée sur site'),
  action('programme/reponse', M.respondProgramme, S.reponseProgramme, 'Réponse de la direction au programme des rencontres'),
  action('journee-sur-site', M.recordJourneeSurSite, S.journeeSurSite, 'Enregistrer la journée sur site (une fois tenue)'),
  action('debriefing', M.recordDebriefing, S.debriefing, "Enregistrer le débriefing avec l'UNML : premières pistes de travail"),
  action(
    'journees',
    M.logJourneeDiagnostiqueur,
    S.journee,
    'Enregistrer une journée (ou demi-journée) de diagnostic : analyse individuelle, mise en commun, journée sur site ou rapports (chaque diagnostiqueur·se)',
  ),
  action('rapports', M.submitRapportIndividuel, S.rapportIndividuel, 'Déposer son rapport normé (chaque diagnostiqueur·se)'),
  action(
    'precisions',
    M.askPrecisions,
    S.precisions,
    'Le binôme demande des précisions à la Mission Locale pendant la rédaction des rapports : la direction reçoit la question avec un lien pour répondre',
  ),
  action(
    'precisions/reponse',
    M.answerPrecisions,
    S.reponsePrecisions,
    'Réponse de la Mission Locale à une question du binôme (numéro de la question) : le binôme la reçoit',
  ),
  action('rapport-croise', M.submitRapportCroise, S.rapportCroise, 'Déposer le rapport croisé du binôme : il part à la Mission Locale'),
  action('rapport-croise/commentaire', M.commentRapport, S.commentaire, 'Retour de la Mission Locale sur le rapport'),
  action('rapport-croise/modification', M.amendRapport, S.modification, 'Modifier le rapport après le retour de la Mission Locale (nouvelle version envoyée)'),
  action('conclusion', M.concludeDiagnostic, S.conclusion, 'Conclure la revue finale, avec ou sans accompagnement proposé : le dossier est clôturé'),
  action(
    'suite/reponse',
    M.repondreSuite,
    S.suite,
    'Réponse de la direction à l’accompagnement proposé par la revue finale : acceptée, le dossier est ouvert (mêmes règles de recevabilité ' +
      'qu’une demande) et issu de ce diagnostic ; déclinée, avec son motif',
  ),
  action('evaluations', M.submitEvaluation, S.evaluation, "Répondre au questionnaire d'évaluation envoyé à la clôture (Mission Locale ou diagnostiqueur·se)"),
  actionRelance(),
  action('interlocutrice', M.assignInterlocutrice, passationSchema, 'Confier le dossier à une autre interlocutrice UNML'),
  action('abandon', M.abandonDossier, S.abandon, 'Abandonner le dossier, avec le motif'),
];

/**
 * The steps at which each action is possible (the `requireEtape` lists of workflows/diagnostic/dossier.ts); those
 * absent (meetings, which depend on the meeting; precisions' answers; abandon) at any step until the end.
 */
export const ETAPES_ACTIONS_DIAGNOSTIC: Readonly<Record<string, readonly EtapeDiagnostic[]>> = {
  accepter: ['qualification'],
  decliner: ['qualification'],
  diagnostiqueurs: ['designation_binome'],
  'diagnostiqueurs/reponse': ['designation_binome'],
  analyses: ['analyses_individuelles'],
  'mise-en-commun': ['mise_en_commun'],
  programme: ['programme_rencontres'],
  'programme/reponse': ['programme_rencontres'],
  'journee-sur-site': ['journee_sur_site'],
  debriefing: ['debriefing'],
  rapports: ['rapports_individuels'],
  journees: ETAPES_JOURNEES,
  precisions: ['rapports_individuels', 'rapport_croise'],
  'rapport-croise': ['rapport_croise'],
  'rapport-croise/commentaire': ['retour_ml'],
  'rapport-croise/modification': ['retour_ml'],
  conclusion: ['revue_finale'],
  // After the closure, while the direction has not answered the proposed accompaniment (issue #14).
  'suite/reponse': ['cloture'],
  evaluations: ['cloture'],
  // No wait of a Diagnostic has a reminder: always refused (the kit's `relancer`), never offered first.
  relance: [],
};
