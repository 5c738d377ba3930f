// The intervenant pool of the worker tests: the pool every test worker starts with, a builder of pool entries,
// and what tests read back from the store (a dossier's active reservations, an intervenant as a dossier holds them).
import { intervenantDeFiche } from '../../db/fiche';
import type { NouvelIntervenant, VivierStore } from '../../db/store';
import type { Intervenant } from '../../domain/schemas';

/** A director of a Breton ML: the Compagnonnage tests' intervenant. */
export const DIRECTEUR_BRETAGNE: Intervenant = {
  id: 'int-0042',
  nom: 'Paul Le Gall',
  email: 'direction@ml-brest.fr',
  type: 'directeur_ml',
  region: 'BRE',
  missionLocale: 'Mission Locale de Brest',
};
/** Another Breton director, for a second designation. */
export const DIRECTRICE_QUIMPER: Intervenant = { ...DIRECTEUR_BRETAGNE, id: 'int-0043', nom: 'Anne Kerouac', email: 'direction@ml-quimper.fr' };

/** The pool every test worker starts with: the fixture intervenants, with room for every dossier of a test file. */
export const POOL_FIXTURES: NouvelIntervenant[] = [
  { ...DIRECTEUR_BRETAGNE, expertises: ['organisation_rh', 'management', 'offre_de_service'], capaciteDossiers: 50, capaciteHeuresMois: 300 },
  { ...DIRECTRICE_QUIMPER, expertises: ['management'], capaciteDossiers: 50, capaciteHeuresMois: 300 },
];

/** A pool entry named after its id ("Direction DIR-BRE", dir-bre@example.fr), a Breton by default. */
export function intervenantDuVivier(id: string, type: NouvelIntervenant['type'], overrides: Partial<NouvelIntervenant> = {}): NouvelIntervenant {
  return {
    id,
    type,
    nom: `${type === 'consultant_cabinet' ? 'Consultant' : 'Direction'} ${id}`,
    email: `${id.toLowerCase()}@example.fr`,
    region: 'BRE',
    expertises: ['gouvernance'],
    capaciteDossiers: 3,
    capaciteHeuresMois: 60,
    ...(type === 'consultant_cabinet' ? { cabinet: 'Cabinet Horizon' } : {}),
    ...overrides,
  };
}

/** The dossier's active reservations in the pool, as sorted `role:intervenantId`. */
export async function reservationsActives(vivier: VivierStore, dossier: { workflowId: string }): Promise<string[]> {
  return (await vivier.reservations({ dossierId: dossier.workflowId, actives: true })).map((r) => `${r.role}:${r.intervenantId}`).sort();
}

/** The intervenant of the pool as a dossier holds them (what staff designate). */
export async function ficheDe(vivier: VivierStore, id: string): Promise<Intervenant> {
  return intervenantDeFiche((await vivier.getIntervenant(id))!);
}
