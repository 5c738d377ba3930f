// The form of one action in the back office (formulaire-action.hbs): the dossier page's and the campaign pages'.
import type { Champ } from '../render';
import { templateFile } from '../render';

export interface FormulaireAction {
  action: string;
  ancre: string;
  resume: string;
  chemin: string;
  csrf: string;
  champs: Champ[];
  bouton: string;
  alerte?: string;
  autres?: string[];
}

export const formulaireActionTpl = templateFile<FormulaireAction>(__dirname, 'formulaire-action.hbs');
