// Compagnonnage (seed 003) as the API, the pages and the back office serve it.
import type { Config } from '../../../config';
import { ATTENDUS, NOMS_ETAPES } from '../../../workflows/compagnonnage/etapes';
import * as M from '../../../workflows/compagnonnage/messages';
import type { CompagnonnageInput, Delais } from '../../../workflows/compagnonnage/state';
import { demandeDu, entreeCommune } from '../../demandes/demarrage';
import { PAGES_COMMUNES } from '../../pages/agir/communes';
import { PAGES_COMPAGNONNAGE } from '../../pages/agir/compagnonnage';
import { PAGE_DOCUMENTS } from '../../pages/agir/documents';
import { pagesServies } from '../../pages/agir/page';
import type { DispositifApi } from '../descripteur';
import { COMPAGNONNAGE_ACTIONS, ETAPES_ACTIONS_COMPAGNONNAGE } from './actions';
import { DESIGNATION_COMPAGNONNAGE } from './designation';
import { compagnonnageStateSchema } from './schemas';

export function delaisCompagnonnage(config: Config): Delais {
  return {
    complementsRelance: config.COMPLEMENTS_REMINDER_DELAY,
    complementsCaducite: config.COMPLEMENTS_LAPSE_DELAY,
    acteRelance: config.ACTE_REMINDER_DELAY,
    acteCaducite: config.ACTE_LAPSE_DELAY,
    ...(config.COMPLEMENTS_LAPSE_WORKING_DAYS ? { complementsCaduciteJoursOuvres: config.COMPLEMENTS_LAPSE_WORKING_DAYS } : {}),
    ...(config.ACTE_LAPSE_WORKING_DAYS ? { acteCaduciteJoursOuvres: config.ACTE_LAPSE_WORKING_DAYS } : {}),
    rappels: config.COMPAGNONNAGE_REMINDERS,
    alerteAbsenceSeance: config.NO_SESSION_ALERT_AFTER,
    postBilan: config.POST_BILAN_DELAY,
    questionnaireReponse: config.EVALUATION_ANSWER_DELAY,
  };
}

export const COMPAGNONNAGE: DispositifApi<'compagnonnage'> = {
  dispositif: 'compagnonnage',
  prefix: 'CMP',
  libelle: 'Compagnonnage',
  workflowType: 'compagnonnage',
  tag: 'actions Compagnonnage',
  operationPrefix: 'compagnonnage',
  demarrage: {
    etapeInitiale: 'qualification',
    args: (body, dossierId, config): [CompagnonnageInput] => [
      { ...entreeCommune(dossierId, config), demande: demandeDu(body, 'compagnonnage'), delais: delaisCompagnonnage(config) },
    ],
  },
  actions: COMPAGNONNAGE_ACTIONS,
  stateSchema: compagnonnageStateSchema,
  designation: DESIGNATION_COMPAGNONNAGE,
  etapes: NOMS_ETAPES,
  attendus: ATTENDUS,
  etapesDesActions: ETAPES_ACTIONS_COMPAGNONNAGE,
  pages: pagesServies({
    ...PAGES_COMPAGNONNAGE,
    'signer-acte-engagement': PAGES_COMMUNES['signer-acte-engagement'],
    evaluation: PAGES_COMMUNES.evaluation,
    'repondre-designation': PAGES_COMMUNES['repondre-designation'],
    'repondre-visio': PAGES_COMMUNES['repondre-visio'],
    // The documents the two directions exchange: served by api/pages/agir/documents-router.ts (not single-shot).
    documents: PAGE_DOCUMENTS,
  }),
  messages: M,
};
