// The French names of the steps of every dispositif, for the pages (the context of a link's page, its
// confirmation, the staff view). The one place they are kept.
export const ETAPES_FR: Record<string, string> = {
  qualification: 'qualification',
  complements_attendus: 'compléments attendus',
  liste_attente: 'liste d’attente',
  designation_intervenant: 'désignation de l’intervenant',
  acceptation_intervenant: 'acceptation de l’intervention par l’intervenant',
  acte_engagement: 'acte d’engagement',
  cadrage: 'cadrage',
  lancement: 'lancement',
  accompagnement: 'accompagnement',
  bilan: 'bilan',
  post_bilan: 'bilan post-accompagnement',
  prise_de_contact: 'prise de contact',
  mobilisation: 'mobilisation du cabinet',
  diagnostic: 'diagnostic flash',
  plan_action: 'plan d’action',
  mise_en_oeuvre: 'mise en œuvre',
  evaluation: 'évaluation',
  designation_binome: 'désignation du binôme',
  analyses_individuelles: 'analyses individuelles',
  mise_en_commun: 'mise en commun des analyses',
  programme_rencontres: 'programme des rencontres',
  journee_sur_site: 'journée sur site',
  debriefing: 'débriefing',
  rapports_individuels: 'rapports individuels',
  rapport_croise: 'rapport croisé',
  retour_ml: 'retour de la Mission Locale',
  revue_finale: 'revue finale',
  cloture: 'clôturé',
  non_recevable: 'non recevable',
  declinee: 'déclinée',
  caduque: 'caduque',
  abandonnee: 'abandonné',
};

/** A step's French name; an unknown step, its code with spaces. */
export const etapeFr = (e: string): string => ETAPES_FR[e] ?? e.replace(/_/g, ' ');
