// Fixtures for Compagnonnage tests: a demand (as the workflow and as the API take it), the input a dossier
// starts with, and the directors of the pool tests. Its intervenant, DIRECTEUR_BRETAGNE, is in ./pool.
import type { NouvelIntervenant } from '../../db/store';
import type { DemandeCompagnonnage } from '../../domain/compagnonnage';
import type { CompagnonnageInput, Delais } from '../../workflows/compagnonnage/state';
import { CONTACT_UNML, DAY, mlRouen, mlRouenUnique } from './fixtures';
import { intervenantDuVivier } from './pool';

export const DELAIS: Delais = {
  complementsRelance: 7 * DAY,
  complementsCaducite: 30 * DAY,
  acteRelance: 7 * DAY,
  acteCaducite: 30 * DAY,
  rappels: [1 * DAY],
  alerteAbsenceSeance: 14 * DAY,
  postBilan: 90 * DAY,
};

export function demande(overrides: Partial<DemandeCompagnonnage> = {}): DemandeCompagnonnage {
  return {
    ...mlRouen(),
    casMobilisation: 'prise_de_poste_contexte_difficile',
    sujets: ['organisation_management', 'offre_de_service'],
    description: 'Nouvelle directrice arrivée après un départ impromptu ; équipe en tension.',
    ...overrides,
  };
}

/** The same demand as POST /api/demandes takes it, with an ML code of its own; `overrides` may be invalid on purpose. */
export function demandeApi(overrides: Record<string, unknown> = {}) {
  return { dispositif: 'compagnonnage', ...demande(mlRouenUnique()), ...overrides };
}

export function input(dossierId: string, d: DemandeCompagnonnage = demande(), delais: Partial<Delais> = {}): CompagnonnageInput {
  return { dossierId, demande: d, contactUnml: CONTACT_UNML, delais: { ...DELAIS, ...delais } };
}

/** A director of another région's ML for the pool tests, free, knowing nobody: eligible for a Compagnonnage in Normandie. */
export function directeurVivier(id: string, overrides: Partial<NouvelIntervenant> = {}): NouvelIntervenant {
  return intervenantDuVivier(id, 'directeur_ml', {
    email: `${id.toLowerCase()}@ml.example.fr`,
    expertises: ['organisation_rh', 'management', 'offre_de_service'],
    capaciteDossiers: 2,
    capaciteHeuresMois: 24,
    ...overrides,
  });
}
