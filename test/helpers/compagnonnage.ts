// Fixtures for Compagnonnage tests: a demand, staff, intervenants, the input a dossier starts with.
// The test worker (with its mailbox and pool) is in ./worker.
import type { DemandeCompagnonnage } from '../../domain/compagnonnage';
import type { NouvelIntervenant } from '../../db/store';
import type { Intervenant, StaffMember } from '../../domain/schemas';
import type { CompagnonnageInput, Delais } from '../../workflows/compagnonnage/state';

const DAY = 86_400_000;

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
    missionLocale: { code: 'ML-ROUEN', nom: 'Mission Locale de Rouen', region: 'NOR' },
    direction: { nom: 'Claire Martin', email: 'direction@ml-rouen.fr' },
    presidence: { nom: 'Jean Dupont', email: 'presidence@ml-rouen.fr' },
    casMobilisation: 'prise_de_poste_contexte_difficile',
    sujets: ['organisation_management', 'offre_de_service'],
    description: 'Nouvelle directrice arrivée après un départ impromptu ; équipe en tension.',
    ...overrides,
  };
}

export const INTERLOCUTRICE: StaffMember = { id: 'unml.sbernard', nom: 'Sophie Bernard', email: 'sophie.bernard@unml.info' };
export const COLLEGUE: StaffMember = { id: 'unml.alefevre', nom: 'Anne Lefèvre', email: 'anne.lefevre@unml.info' };

export const DIRECTEUR_BRETAGNE: Intervenant = {
  id: 'int-0042',
  nom: 'Paul Le Gall',
  email: 'direction@ml-brest.fr',
  type: 'directeur_ml',
  region: 'BRE',
  missionLocale: 'Mission Locale de Brest',
};

export function input(dossierId: string, d: DemandeCompagnonnage = demande()): CompagnonnageInput {
  return { dossierId, demande: d, contactUnml: { nom: 'UNML', email: 'dispositifs@unml.info' }, delais: DELAIS };
}

/** The pool every test worker starts with: the fixture intervenants, with room for every dossier of a test file. */
export const POOL_FIXTURES: NouvelIntervenant[] = [
  { ...DIRECTEUR_BRETAGNE, region: 'BRE', expertises: ['organisation_rh', 'management', 'offre_de_service'], capaciteDossiers: 50, capaciteHeuresMois: 300 },
  { ...DIRECTEUR_BRETAGNE, id: 'int-0043', nom: 'Anne Kerouac', email: 'direction@ml-quimper.fr', expertises: ['management'], capaciteDossiers: 50, capaciteHeuresMois: 300 },
];

export { capturingTransport, startWorker, type Mailbox } from './worker';
