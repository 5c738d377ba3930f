// Search attributes every dossier carries, for the Temporal UI and the API's lists.
// No personal data here: identifiers and codes only (ML code, région code, opaque staff/intervenant ids).
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const DISPOSITIF = defineSearchAttributeKey('Dispositif', SearchAttributeType.KEYWORD);
export const REGION = defineSearchAttributeKey('Region', SearchAttributeType.KEYWORD);
export const MISSION_LOCALE = defineSearchAttributeKey('MissionLocale', SearchAttributeType.KEYWORD);
export const ETAPE = defineSearchAttributeKey('Etape', SearchAttributeType.KEYWORD);
/** The dossier's first intervenant (kept for runs started before `Intervenants`). */
export const INTERVENANT = defineSearchAttributeKey('Intervenant', SearchAttributeType.KEYWORD);
/** Every intervenant of the dossier now (a Diagnostic binôme, Appui Conseil network members). */
export const INTERVENANTS = defineSearchAttributeKey('Intervenants', SearchAttributeType.KEYWORD_LIST);
export const INTERLOCUTRICE = defineSearchAttributeKey('Interlocutrice', SearchAttributeType.KEYWORD);
/** The dossier's next deadline (its state's `prochaineEcheance.le`), absent when none: "overdue" is a filter. */
export const PROCHAINE_ECHEANCE = defineSearchAttributeKey('ProchaineEcheance', SearchAttributeType.DATETIME);
/** Who the dossier waits for now, as a code (workflows/shared/attente.ts: unml, ml, intervenant, cabinet). */
export const ATTENTE_DE = defineSearchAttributeKey('AttenteDe', SearchAttributeType.KEYWORD);

/** A regional campaign's reference (CAM-…), on the campaign, its MLs' children and their dialogues de gestion. */
export const CAMPAGNE = defineSearchAttributeKey('Campagne', SearchAttributeType.KEYWORD);
/** A campaign's phase (cadrage, etat_des_lieux, analyse_transversale, suivi, cloturee, annulee). */
export const PHASE = defineSearchAttributeKey('Phase', SearchAttributeType.KEYWORD);

/** On a dossier started from a Diagnostic's accepted proposal: that Diagnostic's id (DGN-…). */
export const ISSU_DE = defineSearchAttributeKey('IssuDe', SearchAttributeType.KEYWORD);
/**
 * On a Diagnostic: the dossier its proposal led to (CMP-… or APC-…). A list, as SQL visibility (the dev server's) holds
 * 10 Keyword attributes at most, all taken with IssuDe.
 */
export const A_CONDUIT_A = defineSearchAttributeKey('AConduitA', SearchAttributeType.KEYWORD_LIST);

/** All keys, to register on a dev server (`--search-attribute Name=Type`) or a test environment. */
export const SEARCH_ATTRIBUTES = [
  DISPOSITIF,
  REGION,
  MISSION_LOCALE,
  ETAPE,
  INTERVENANT,
  INTERVENANTS,
  INTERLOCUTRICE,
  PROCHAINE_ECHEANCE,
  ATTENTE_DE,
  CAMPAGNE,
  PHASE,
  ISSU_DE,
  A_CONDUIT_A,
];
