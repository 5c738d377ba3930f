// Diagnostic (seed 000) as the API, the pages and the back office serve it.
import type { Config } from '../../../config';
import { ATTENDUS, NOMS_ETAPES } from '../../../workflows/diagnostic/etapes';
import * as M from '../../../workflows/diagnostic/messages';
import type { DelaisDiagnostic, DiagnosticInput } from '../../../workflows/diagnostic/state';
import { demandeDu, entreeCommune } from '../../demandes/demarrage';
import { PAGES_COMMUNES } from '../../pages/agir/communes';
import { PAGES_DIAGNOSTIC } from '../../pages/agir/diagnostic';
import { pagesServies } from '../../pages/agir/page';
import type { DispositifApi } from '../descripteur';
import { DIAGNOSTIC_ACTIONS, ETAPES_ACTIONS_DIAGNOSTIC } from './actions';
import { DESIGNATION_DIAGNOSTIC } from './designation';
import { diagnosticStateSchema } from './schemas';

/** Reminders before the Diagnostic's meetings (mise en commun, journée sur site, revue finale). */
export function delaisDiagnostic(config: Config): DelaisDiagnostic {
  return { rappels: config.DIAGNOSTIC_REMINDERS };
}

export const DIAGNOSTIC: DispositifApi<'diagnostic'> = {
  dispositif: 'diagnostic',
  prefix: 'DGN',
  libelle: 'Diagnostic',
  workflowType: 'diagnostic',
  tag: 'actions Diagnostic',
  operationPrefix: 'diagnostic',
  demarrage: {
    etapeInitiale: 'qualification',
    args: (body, dossierId, config): [DiagnosticInput] => [
      { ...entreeCommune(dossierId, config), demande: demandeDu(body, 'diagnostic'), delais: delaisDiagnostic(config) },
    ],
  },
  actions: DIAGNOSTIC_ACTIONS,
  stateSchema: diagnosticStateSchema,
  designation: DESIGNATION_DIAGNOSTIC,
  etapes: NOMS_ETAPES,
  attendus: ATTENDUS,
  etapesDesActions: ETAPES_ACTIONS_DIAGNOSTIC,
  pages: pagesServies(
    {
      ...PAGES_DIAGNOSTIC,
      'commenter-rapport': PAGES_COMMUNES['commenter-rapport'],
      'repondre-designation': PAGES_COMMUNES['repondre-designation'],
      'repondre-visio': PAGES_COMMUNES['repondre-visio'],
      evaluation: PAGES_COMMUNES.evaluation,
    },
    { 'commenter-rapport': 'rapport-croise/commentaire', 'repondre-designation': 'diagnostiqueurs/reponse', 'repondre-visio': 'rendez-vous/reponse' },
  ),
  messages: M,
};
