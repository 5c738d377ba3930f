// The steps of a dossier in French (seed 001): their names (refusals, pages, the Temporal UI) and who acts at each.
import type { VisioBilanAppui, EtapeAppui } from './state';
import type { AttenteDe } from '../shared/attente';

/** The French name of each step: the only one (refusals, the Temporal UI, and through the API's descriptor, the pages). */
export const NOMS_ETAPES: Record<EtapeAppui, string> = {
  prise_de_contact: 'prise de contact par l’UNML',
  mobilisation: 'mobilisation du cabinet',
  acte_engagement: 'signature de l’acte d’engagement',
  lancement: 'visio de lancement',
  diagnostic: 'diagnostic flash',
  cadrage: 'fiche de cadrage',
  plan_action: 'plan d’action',
  mise_en_oeuvre: 'mise en œuvre',
  bilan: 'bilan',
  evaluation: 'évaluation',
  cloture: 'clôturé',
  non_recevable: 'non recevable',
  declinee: 'déclinée',
  caduque: 'caduque',
  abandonnee: 'abandonné',
};

/** Who is expected to act at each step, and what (roles only: shown to operators in the Temporal UI). */
export const ATTENDUS: Partial<Record<EtapeAppui, string>> = {
  prise_de_contact: 'l’UNML : préciser le besoin ou décliner',
  mobilisation: 'l’UNML : mobiliser le cabinet',
  acte_engagement: 'la Mission Locale : signer l’acte d’engagement',
  lancement: 'l’UNML : planifier puis tenir la visio de lancement',
  diagnostic: 'le cabinet : le rapport de diagnostic',
  cadrage: 'l’UNML : la fiche de cadrage',
  plan_action: 'le cabinet : le plan d’action',
  mise_en_oeuvre: 'le cabinet et les membres du réseau : les journées d’intervention',
  bilan: 'l’UNML : les visios bilan et la fiche bilan',
  evaluation: 'la Mission Locale et les intervenants : le questionnaire ; l’UNML : clôturer',
};

/** Who the dossier waits for at each step, as a code (the AttenteDe search attribute; ATTENDUS says it in French). */
export const ATTENTE_DE: Partial<Record<EtapeAppui, AttenteDe>> = {
  prise_de_contact: 'unml',
  mobilisation: 'unml',
  acte_engagement: 'ml',
  lancement: 'unml',
  diagnostic: 'cabinet',
  cadrage: 'unml',
  plan_action: 'cabinet',
  mise_en_oeuvre: 'cabinet',
  bilan: 'unml',
  evaluation: 'ml',
};

/** The French title of each visio (invitations and reminders). */
export const TITRES_VISIO: Record<'lancement' | VisioBilanAppui, string> = {
  lancement: 'Visio de lancement',
  bilan_ml: 'Visio bilan avec la Mission Locale',
  bilan_intervenant: 'Visio bilan avec les intervenants',
};
