// Fixtures for Diagnostic tests: the demand of the ML of the Pays de Caux, the pool its binôme is proposed from,
// the input a dossier starts with; and the demand the API tests send (the ML of Rouen).
import type { NouvelIntervenant } from '../../db/store';
import type { DemandeDiagnostic } from '../../domain/diagnostic';
import type { DiagnosticInput } from '../../workflows/diagnostic/state';
import { CONTACT_UNML, DAY, mlRouenUnique } from './fixtures';
import { intervenantDuVivier as intervenant } from './pool';

export const DEMANDE: DemandeDiagnostic = {
  missionLocale: { code: 'ML-DGN', nom: 'Mission Locale du Pays de Caux', region: 'NOR' },
  demandeur: 'presidence',
  direction: { nom: 'Claire Martin', email: 'direction@ml-caux.fr' },
  presidence: { nom: 'Jean Dubois', email: 'presidence@ml-caux.fr' },
  sujets: ['gouvernance', 'management', 'finances'],
  description: 'Un regard extérieur sur notre gouvernance et notre management après une fusion.',
};

/** The pool: eligible consultants and directors, one of each from the ML's région, one of each knowing the ML. */
export const POOL_DIAGNOSTIC: NouvelIntervenant[] = [
  intervenant('CNS-IDF', 'consultant_cabinet', { region: 'IDF', expertises: ['gouvernance', 'finances'] }),
  intervenant('CNS-OCC', 'consultant_cabinet', { region: 'OCC', expertises: ['communication'] }),
  intervenant('CNS-NOR', 'consultant_cabinet', { region: 'NOR', expertises: ['gouvernance', 'finances', 'management'] }),
  intervenant('CNS-CONNU', 'consultant_cabinet', {
    region: 'PDL',
    expertises: ['gouvernance', 'finances', 'management'],
    connaissances: [{ missionLocaleCode: 'ML-DGN', personne: 'Président·e' }],
  }),
  intervenant('DIR-BRE', 'directeur_ml', { region: 'BRE', expertises: ['management', 'gouvernance'] }),
  intervenant('DIR-OCC', 'directeur_ml', { region: 'OCC', expertises: ['management'] }),
  intervenant('DIR-NOR', 'directeur_ml', { region: 'NOR', expertises: ['management', 'gouvernance', 'finances'] }),
  intervenant('DIR-CONNU', 'directeur_ml', {
    region: 'HDF',
    expertises: ['management', 'gouvernance', 'finances'],
    connaissances: [{ missionLocaleCode: 'ML-DGN', personne: 'Directeur·rice' }],
  }),
];

export function input(dossierId: string, demande: DemandeDiagnostic = DEMANDE): DiagnosticInput {
  return { dossierId, demande, contactUnml: CONTACT_UNML, delais: { rappels: [DAY] } };
}

/** A Diagnostic demand of the ML of Rouen's direction as POST /api/demandes takes it, with an ML code of its own. */
export const demandeApi = (overrides: Record<string, unknown> = {}) => ({
  dispositif: 'diagnostic',
  ...mlRouenUnique(),
  demandeur: 'direction',
  sujets: ['gouvernance', 'management', 'finances'],
  description: 'Un regard extérieur sur notre gouvernance et notre management.',
  ...overrides,
});
