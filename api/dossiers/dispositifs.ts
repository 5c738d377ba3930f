// The dispositifs the dossier routes serve: for each, its id prefix, workflow type, action table and
// state schema. A dossier's dispositif is read from its id's prefix (CMP → Compagnonnage, APC → Appui Conseil,
// DGN → Diagnostic).
import type { z } from 'zod';
import { DOSSIER_PREFIXES, LIBELLES_DISPOSITIFS, dispositifOfDossier, type DispositifServi } from '../common';
import { ApiError } from '../errors';
import { COMPAGNONNAGE_ACTIONS, type DossierAction } from './actions';
import { APPUI_CONSEIL_ACTIONS } from './appui-conseil/actions';
import { appuiConseilStateSchema } from './appui-conseil/schemas';
import { DIAGNOSTIC_ACTIONS } from './diagnostic/actions';
import { diagnosticStateSchema } from './diagnostic/schemas';
import { dossierStateSchema } from './schemas';

export interface DispositifApi {
  dispositif: DispositifServi;
  prefix: string;
  libelle: string;
  /** Its Temporal workflow type. */
  workflowType: string;
  /** The OpenAPI tag of its actions, and the camelCase prefix of their operationIds. */
  tag: string;
  operationPrefix: string;
  actions: readonly DossierAction[];
  stateSchema: z.ZodType;
}

export const DISPOSITIFS_API: Record<DispositifServi, DispositifApi> = {
  compagnonnage: {
    dispositif: 'compagnonnage',
    prefix: DOSSIER_PREFIXES.compagnonnage,
    libelle: LIBELLES_DISPOSITIFS.compagnonnage,
    workflowType: 'compagnonnage',
    tag: 'actions Compagnonnage',
    operationPrefix: 'compagnonnage',
    actions: COMPAGNONNAGE_ACTIONS,
    stateSchema: dossierStateSchema,
  },
  appui_conseil: {
    dispositif: 'appui_conseil',
    prefix: DOSSIER_PREFIXES.appui_conseil,
    libelle: LIBELLES_DISPOSITIFS.appui_conseil,
    workflowType: 'appuiConseil',
    tag: 'actions Appui Conseil',
    operationPrefix: 'appuiConseil',
    actions: APPUI_CONSEIL_ACTIONS,
    stateSchema: appuiConseilStateSchema,
  },
  diagnostic: {
    dispositif: 'diagnostic',
    prefix: DOSSIER_PREFIXES.diagnostic,
    libelle: LIBELLES_DISPOSITIFS.diagnostic,
    workflowType: 'diagnostic',
    tag: 'actions Diagnostic',
    operationPrefix: 'diagnostic',
    actions: DIAGNOSTIC_ACTIONS,
    stateSchema: diagnosticStateSchema,
  },
};

export function dispositifApiOf(dossierId: string): DispositifApi {
  return DISPOSITIFS_API[dispositifOfDossier(dossierId)];
}

/** Every action path, each once (several dispositifs may share one, e.g. `decliner`). */
export function allActionPaths(): string[] {
  return [...new Set(Object.values(DISPOSITIFS_API).flatMap((d) => d.actions.map((a) => a.path)))];
}

/** The action of this path for this dossier's dispositif; a 404 saying so when it does not apply to it. */
export function actionFor(dossierId: string, path: string): DossierAction {
  const api = dispositifApiOf(dossierId);
  const found = api.actions.find((a) => a.path === path);
  if (found) return found;
  const ailleurs = Object.values(DISPOSITIFS_API)
    .filter((d) => d.actions.some((a) => a.path === path))
    .map((d) => d.libelle);
  throw new ApiError(
    404,
    'action_inapplicable',
    `L'action « ${path} » ne s'applique pas aux dossiers ${api.libelle} (${api.prefix}-…)` +
      (ailleurs.length ? ` : elle n'existe que pour ${ailleurs.join(', ')}` : '') +
      `. Actions possibles pour ce dossier : ${api.actions.map((a) => a.path).join(', ')}.`,
  );
}

/** A 404 for a resource that exists only for some dispositifs (e.g. deliverables for Appui Conseil). */
export function onlyFor(dossierId: string, dispositifs: DispositifServi[], sujet: string): DispositifApi {
  const api = dispositifApiOf(dossierId);
  if (!dispositifs.includes(api.dispositif)) {
    throw new ApiError(
      404,
      'inapplicable',
      `${sujet} : seulement pour les dossiers ${dispositifs.map((d) => LIBELLES_DISPOSITIFS[d]).join(', ')} ; ${dossierId} est un dossier ${api.libelle}.`,
    );
  }
  return api;
}
