// The back office's campaign pages (issue #13): their routes, for the router and the route table (api/acces/routes.ts
// reads them, so this file must not import the access middleware). One POST route per action of the API's tables
// (api/campagnes/actions.ts): an action's path may hold a slash (`enquete/reponse`).
import { CAMPAGNE_ACTIONS, ML_ACTIONS } from '../../campagnes/actions';

export const PAGE_CAMPAGNES = '/campagnes';
export const PAGE_CAMPAGNE = '/campagnes/:id';
export const PAGE_ML = '/campagnes/:id/mls/:ml';

export const actionCampagne = (path: string): string => `${PAGE_CAMPAGNE}/actions/${path}`;
export const actionMl = (path: string): string => `${PAGE_ML}/actions/${path}`;

/** Every form's route: the campaign's actions, then one ML's. */
export const CHEMINS_ACTIONS_PAGES_CAMPAGNES: readonly string[] = [
  ...CAMPAGNE_ACTIONS.map((a) => actionCampagne(a.path)),
  ...ML_ACTIONS.map((a) => actionMl(a.path)),
];
