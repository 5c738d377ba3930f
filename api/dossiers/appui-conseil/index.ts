// Appui Conseil (seed 001) as the API, the pages and the back office serve it.
import type { Config } from '../../../config';
import { ATTENDUS, NOMS_ETAPES } from '../../../workflows/appui-conseil/etapes';
import * as M from '../../../workflows/appui-conseil/messages';
import type { AppuiConseilInput, DelaisAppui } from '../../../workflows/appui-conseil/state';
import { demandeDu, entreeCommune } from '../../demandes/demarrage';
import { PAGES_APPUI_CONSEIL } from '../../pages/agir/appui-conseil';
import { PAGES_COMMUNES } from '../../pages/agir/communes';
import { pagesServies } from '../../pages/agir/page';
import type { DispositifApi } from '../descripteur';
import { APPUI_CONSEIL_ACTIONS, ETAPES_ACTIONS_APPUI_CONSEIL } from './actions';
import { DESIGNATION_APPUI_CONSEIL } from './designation';
import { appuiConseilStateSchema } from './schemas';

export function delaisAppuiConseil(config: Config): DelaisAppui {
  return {
    acteRelance: config.ACTE_REMINDER_DELAY,
    acteCaducite: config.ACTE_LAPSE_DELAY,
    ...(config.ACTE_LAPSE_WORKING_DAYS ? { acteCaduciteJoursOuvres: config.ACTE_LAPSE_WORKING_DAYS } : {}),
    rappels: config.APPUI_CONSEIL_REMINDERS,
    rappelJalonAvant: config.MILESTONE_REMINDER_BEFORE,
    questionnaireReponse: config.EVALUATION_ANSWER_DELAY,
  };
}

export const APPUI_CONSEIL: DispositifApi<'appui_conseil'> = {
  dispositif: 'appui_conseil',
  prefix: 'APC',
  libelle: 'Appui Conseil',
  workflowType: 'appuiConseil',
  tag: 'actions Appui Conseil',
  operationPrefix: 'appuiConseil',
  demarrage: {
    etapeInitiale: 'prise_de_contact',
    args: (body, dossierId, config): [AppuiConseilInput] => [
      { ...entreeCommune(dossierId, config), demande: demandeDu(body, 'appui_conseil'), delais: delaisAppuiConseil(config) },
    ],
  },
  actions: APPUI_CONSEIL_ACTIONS,
  stateSchema: appuiConseilStateSchema,
  designation: DESIGNATION_APPUI_CONSEIL,
  etapes: NOMS_ETAPES,
  attendus: ATTENDUS,
  etapesDesActions: ETAPES_ACTIONS_APPUI_CONSEIL,
  pages: pagesServies(
    {
      ...PAGES_APPUI_CONSEIL,
      'signer-acte-engagement': PAGES_COMMUNES['signer-acte-engagement'],
      evaluation: PAGES_COMMUNES.evaluation,
      'commenter-rapport': PAGES_COMMUNES['commenter-rapport'],
      'repondre-designation': PAGES_COMMUNES['repondre-designation'],
      'repondre-visio': PAGES_COMMUNES['repondre-visio'],
    },
    { 'repondre-designation': 'membres-reseau/reponse' },
  ),
  messages: M,
};
