// The steps of a dossier in French (seed 003): their names (refusals, pages, the Temporal UI) and who acts at each.
import type { VisioBilanKind, Etape } from './state';
import type { AttenteDe } from '../shared/attente';

/** The French name of each step: the only one (refusals, the Temporal UI, and through the API's descriptor, the pages). */
export const NOMS_ETAPES: Record<Etape, string> = {
  qualification: 'qualification de la demande par l’UNML',
  complements_attendus: 'attente des compléments de la Mission Locale',
  liste_attente: 'liste d’attente',
  designation_intervenant: 'désignation de l’intervenant',
  acceptation_intervenant: 'acceptation de l’intervention par l’intervenant',
  acte_engagement: 'signature de l’acte d’engagement',
  cadrage: 'fiche de cadrage',
  lancement: 'visio de lancement',
  accompagnement: 'accompagnement',
  bilan: 'bilan',
  post_bilan: 'bilan post-accompagnement',
  cloture: 'clôturé',
  non_recevable: 'non recevable',
  declinee: 'déclinée',
  caduque: 'caduque',
  abandonnee: 'abandonné',
};

/** Who is expected to act at each step, and what (roles only: shown to operators in the Temporal UI). */
export const ATTENDUS: Partial<Record<Etape, string>> = {
  qualification: 'l’UNML : accepter, décliner, mettre en liste d’attente ou demander des compléments',
  complements_attendus: 'la Mission Locale : compléter sa demande',
  liste_attente: 'l’UNML : des ressources pour accepter la demande',
  designation_intervenant: 'l’UNML : confirmer un intervenant proposé par le vivier',
  acceptation_intervenant: 'l’intervenant : accepter ou décliner l’intervention',
  acte_engagement: 'la Mission Locale : signer l’acte d’engagement',
  cadrage: 'l’UNML ou l’intervenant : la fiche de cadrage',
  lancement: 'l’UNML : planifier puis tenir la visio de lancement',
  accompagnement: 'l’intervenant et la Mission Locale : les séances',
  bilan: 'l’UNML : les visios bilan et la fiche bilan',
  post_bilan: 'l’UNML : le bilan post-accompagnement',
};

/** Who the dossier waits for at each step, as a code (the AttenteDe search attribute; ATTENDUS says it in French). */
export const ATTENTE_DE: Partial<Record<Etape, AttenteDe>> = {
  qualification: 'unml',
  complements_attendus: 'ml',
  liste_attente: 'unml',
  designation_intervenant: 'unml',
  acceptation_intervenant: 'intervenant',
  acte_engagement: 'ml',
  cadrage: 'unml',
  lancement: 'unml',
  accompagnement: 'intervenant',
  bilan: 'unml',
  post_bilan: 'unml',
};

/** The French title of each visio (invitations and reminders). */
export const TITRES_VISIO: Record<'lancement' | VisioBilanKind, string> = {
  lancement: 'Visio de lancement',
  bilan_ml: 'Visio bilan avec la Mission Locale',
  bilan_intervenant: 'Visio bilan avec l’intervenant',
  bilan_collectif: 'Visio bilan collective',
};
