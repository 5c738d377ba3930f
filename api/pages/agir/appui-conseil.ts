// The page of the link only an Appui Conseil sends: the cabinet files its rapport de diagnostic flash.
import type { AppuiConseilState } from '../../../workflows/appui-conseil/state';
import { par, texteOuVide, type Pages } from './page';

export const PAGES_APPUI_CONSEIL: Pages<'rapport-diagnostic'> = {
  'rapport-diagnostic': {
    titre: 'Déposer le rapport de diagnostic flash',
    apiPath: 'rapport-diagnostic',
    dejaFait: (c) => {
      const r = (c.state as AppuiConseilState).rapportDiagnostic;
      return r ? { quoi: 'Rapport de diagnostic déjà déposé', le: r.deposeLe } : undefined;
    },
    explication: () => ['Le rapport de diagnostic est la première partie du document de suivi : les constats du diagnostic flash, puis ses conclusions.'],
    champs: (c, v) => {
      const r = (c.state as AppuiConseilState).rapportDiagnostic;
      return [
        { nom: 'constats', libelle: 'Constats', type: 'textarea', requis: true, valeur: v.constats ?? r?.constats ?? '' },
        { nom: 'conclusions', libelle: 'Conclusions', type: 'textarea', requis: true, valeur: v.conclusions ?? r?.conclusions ?? '' },
      ];
    },
    versInput: (v, c) => ({ input: { constats: texteOuVide(v.constats), conclusions: texteOuVide(v.conclusions), par: par(c) }, erreurs: {} }),
    recapitulatif: (i) => [
      { libelle: 'Constats', valeur: String(i.constats) },
      { libelle: 'Conclusions', valeur: String(i.conclusions) },
    ],
  },
};
