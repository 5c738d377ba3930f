// The steps of a dossier in French (seed 000): their names (refusals, pages, the Temporal UI) and who acts at each.
import type { EtapeDiagnostic } from './state';
import type { AttenteDe } from '../shared/attente';

/** The French name of each step: the only one (refusals, the Temporal UI, and through the API's descriptor, the pages). */
export const NOMS_ETAPES: Record<EtapeDiagnostic, string> = {
  qualification: 'qualification de la demande par l’UNML',
  designation_binome: 'désignation du binôme de diagnostiqueurs',
  analyses_individuelles: 'analyses individuelles du dossier',
  mise_en_commun: 'mise en commun des analyses',
  programme_rencontres: 'programme des rencontres à convenir avec la direction',
  journee_sur_site: 'journée sur site',
  debriefing: 'débriefing avec l’UNML',
  rapports_individuels: 'rapports individuels',
  rapport_croise: 'rapport croisé',
  retour_ml: 'retour de la Mission Locale sur le rapport',
  revue_finale: 'revue finale avec l’UNML',
  cloture: 'clôturé',
  non_recevable: 'non recevable',
  declinee: 'déclinée',
  caduque: 'caduque',
  abandonnee: 'abandonné',
};

/** Who is expected to act at each step, and what (roles only: shown to operators in the Temporal UI). */
export const ATTENDUS: Partial<Record<EtapeDiagnostic, string>> = {
  qualification: 'l’UNML : accepter ou décliner',
  designation_binome: 'l’UNML et les diagnostiqueurs : désigner et accepter le binôme',
  analyses_individuelles: 'chaque diagnostiqueur : son analyse',
  mise_en_commun: 'le binôme : la mise en commun',
  programme_rencontres: 'la direction de la Mission Locale : valider le programme',
  journee_sur_site: 'le binôme : la journée sur site',
  debriefing: 'le consultant et l’UNML : le débriefing',
  rapports_individuels: 'chaque diagnostiqueur : son rapport normé',
  rapport_croise: 'le binôme : le rapport croisé',
  retour_ml: 'la Mission Locale : son avis sur le rapport',
  revue_finale: 'l’UNML : la revue finale',
};

/** Who the dossier waits for at each step, as a code (the AttenteDe search attribute; ATTENDUS says it in French). */
export const ATTENTE_DE: Partial<Record<EtapeDiagnostic, AttenteDe>> = {
  qualification: 'unml',
  designation_binome: 'unml',
  analyses_individuelles: 'intervenant',
  mise_en_commun: 'intervenant',
  programme_rencontres: 'ml',
  journee_sur_site: 'intervenant',
  debriefing: 'unml',
  rapports_individuels: 'intervenant',
  rapport_croise: 'intervenant',
  retour_ml: 'ml',
  revue_finale: 'unml',
};

/** The steps at which a diagnostiqueur logs their days (issue #14), in order: from the analyses to the final review. */
export const ETAPES_JOURNEES: readonly EtapeDiagnostic[] = [
  'analyses_individuelles',
  'mise_en_commun',
  'programme_rencontres',
  'journee_sur_site',
  'debriefing',
  'rapports_individuels',
  'rapport_croise',
  'retour_ml',
  'revue_finale',
];
