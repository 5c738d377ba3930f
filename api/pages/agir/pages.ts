// Every action link's page, by action: those of one dispositif in its own file, those several send in communes.ts.
import type { ActionLien } from '../../../activities/email/kinds';
import { PAGES_APPUI_CONSEIL } from './appui-conseil';
import { PAGES_COMMUNES } from './communes';
import { PAGES_COMPAGNONNAGE } from './compagnonnage';
import { PAGES_DIAGNOSTIC } from './diagnostic';
import type { Pages } from './page';

export const PAGES: Pages<ActionLien> = { ...PAGES_COMMUNES, ...PAGES_COMPAGNONNAGE, ...PAGES_APPUI_CONSEIL, ...PAGES_DIAGNOSTIC };
