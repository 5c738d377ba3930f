// The dispositifs the API serves: one descriptor each (its folder's index.ts, see descripteur.ts). The demand
// starts, the dossier routes and their OpenAPI, the pool's designation, the link pages, the staff view,
// api/common.ts and scripts/replay.ts all read this list: adding a dispositif is one folder and one line here.
// A dossier's dispositif is read from its id's prefix (CMP → Compagnonnage, APC → Appui Conseil, DGN → Diagnostic).
// This file and the descriptors' folders import api/common.ts only as types: common.ts reads this list.
import { ApiError } from '../errors';
import { APPUI_CONSEIL } from './appui-conseil';
import { COMPAGNONNAGE } from './compagnonnage';
import type { DispositifApi } from './descripteur';
import type { DossierAction } from './actions';
import { DIAGNOSTIC } from './diagnostic';

export const DISPOSITIFS_API = [COMPAGNONNAGE, APPUI_CONSEIL, DIAGNOSTIC] as const;
export type DispositifServi = (typeof DISPOSITIFS_API)[number]['dispositif'];

/** The descriptor of a dispositif served. */
export function dispositifApi(dispositif: DispositifServi): DispositifApi {
  const found = DISPOSITIFS_API.find((d) => d.dispositif === dispositif);
  if (!found) throw new Error(`no descriptor for the dispositif ${dispositif}`);
  return found;
}

/** The descriptor of a dossier's dispositif, from its id's prefix (the id must match DOSSIER_ID_PATTERN). */
export function dispositifApiOf(dossierId: string): DispositifApi {
  const prefix = dossierId.slice(0, dossierId.indexOf('-'));
  const found = DISPOSITIFS_API.find((d) => d.prefix === prefix);
  if (!found) throw new Error(`no dispositif for the dossier id prefix ${prefix}`);
  return found;
}

/** Every action path, each once (several dispositifs may share one, e.g. `decliner`). */
export function allActionPaths(): string[] {
  return [...new Set(DISPOSITIFS_API.flatMap((d) => d.actions.map((a) => a.path)))];
}

/** The action of this path for this dossier's dispositif; a 404 saying so when it does not apply to it. */
export function actionFor(dossierId: string, path: string): DossierAction {
  const api = dispositifApiOf(dossierId);
  const found = api.actions.find((a) => a.path === path);
  if (found) return found;
  const ailleurs = DISPOSITIFS_API.filter((d) => d.actions.some((a) => a.path === path)).map((d) => d.libelle);
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
  if (!(dispositifs as string[]).includes(api.dispositif)) {
    throw new ApiError(
      404,
      'inapplicable',
      `${sujet} : seulement pour les dossiers ${dispositifs.map((d) => dispositifApi(d).libelle).join(', ')} ; ${dossierId} est un dossier ${api.libelle}.`,
    );
  }
  return api;
}

/** A step's French name in a dispositif (its workflow's own); an unknown one, its code with spaces. */
export function etapeFr(dispositif: string | undefined, etape: string): string {
  const d = DISPOSITIFS_API.find((a) => a.dispositif === dispositif);
  return d?.etapes[etape] ?? etape.replace(/_/g, ' ');
}

/** Every step of every dispositif, each once, with the first dispositif's name of it (e.g. for a filter). */
export function toutesEtapesFr(): [string, string][] {
  const noms = new Map<string, string>();
  for (const d of DISPOSITIFS_API) for (const [etape, nom] of Object.entries(d.etapes)) if (!noms.has(etape)) noms.set(etape, nom);
  return [...noms];
}
