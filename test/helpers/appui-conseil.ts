// Fixtures for Appui Conseil tests: the ML of Lens and its demand, the cabinet, the network members of the pool,
// the input a dossier starts with; and the demand the API tests send (an ML of Normandie).
import type { NouvelIntervenant } from '../../db/store';
import type { DemandeAppuiConseil } from '../../domain/appui-conseil';
import type { Intervenant } from '../../domain/schemas';
import type { AppuiConseilInput } from '../../workflows/appui-conseil/state';
import { CONTACT_UNML, DAY, mlRouenUnique } from './fixtures';

export const ML_DIRECTION = 'direction@ml-lens.fr';

export const CABINET = {
  nom: 'Cabinet Équilibres',
  contact: { nom: 'Marc Petit', email: 'contact@equilibres-conseil.fr' },
  consultants: [{ nom: 'Léa Roux', email: 'lea.roux@equilibres-conseil.fr' }],
};

export const MEMBRE_OCCITANIE: Intervenant = { id: 'int-0107', nom: 'Nadia Benali', email: 'direction@ml-toulouse.fr', type: 'directeur_ml', region: 'OCC' };
/** Room for one dossier only: the second reservation is refused by the pool. */
export const MEMBRE_COMPLET: Intervenant = { id: 'int-0108', nom: 'Yann Morvan', email: 'direction@ml-vannes.fr', type: 'expert_reseau', region: 'BRE' };
export const MEMBRE_HDF: Intervenant = { id: 'int-0109', nom: 'Luc Vasseur', email: 'direction@ml-arras.fr', type: 'directeur_ml', region: 'HDF' };
/** The network members of the pool (role membre_reseau); one of them from the ML's région (Hauts-de-France). */
export const POOL_APPUI_CONSEIL: NouvelIntervenant[] = [
  { ...MEMBRE_OCCITANIE, expertises: ['finances', 'management'], capaciteDossiers: 50, capaciteHeuresMois: 300 },
  { ...MEMBRE_COMPLET, expertises: ['finances'], capaciteDossiers: 1, capaciteHeuresMois: 300 },
  { ...MEMBRE_HDF, expertises: ['finances', 'management', 'gouvernance'], capaciteDossiers: 50, capaciteHeuresMois: 300 },
];

export function demande(overrides: Partial<DemandeAppuiConseil> = {}): DemandeAppuiConseil {
  return {
    missionLocale: { code: 'ML-LENS', nom: 'Mission Locale de Lens', region: 'HDF' },
    direction: { nom: 'Karim Haddad', email: ML_DIRECTION },
    presidence: { nom: 'Martine Leroy', email: 'presidence@ml-lens.fr' },
    casMobilisation: 'situation_financiere',
    sujets: ['finances', 'restructuration'],
    description: 'Déficit structurel, trésorerie tendue, projet de fusion.',
    ...overrides,
  };
}

export function input(dossierId: string, d: DemandeAppuiConseil = demande()): AppuiConseilInput {
  return {
    dossierId,
    demande: d,
    contactUnml: CONTACT_UNML,
    delais: { acteRelance: 7 * DAY, acteCaducite: 30 * DAY, rappelJalonAvant: 2 * DAY, rappels: [DAY] },
  };
}

/** The demand of the ML of Rouen as POST /api/demandes takes it, with an ML code of its own. */
export const demandeApi = (overrides: Record<string, unknown> = {}) => ({
  dispositif: 'appui_conseil',
  ...mlRouenUnique(),
  casMobilisation: 'situation_financiere',
  sujets: ['finances', 'gouvernance'],
  description: 'Trésorerie <b>tendue</b> après la perte d’un financement ; déficit prévu en fin d’année.',
  ...overrides,
});
