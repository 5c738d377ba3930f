// A regional campaign for the tests: seed 004's Alsace, 11 fictional Missions Locales in 4 territories, the State and
// the Région as funders, a neutral consultant, the funding rule of seed 004. Every person and address is invented.
import { AVANCE_SEED_004, AXES_SEED_004 } from '../../domain/financement';
import type { CampagneInput, DelaisCampagne, MlParticipante } from '../../workflows/campagne/state';
import { CONTACT_UNML, DAY } from './fixtures';

export const TERRITOIRES_ALSACE = [
  { nom: 'Strasbourg et Eurométropole', nombre: 3 },
  { nom: 'Nord Alsace', nombre: 3 },
  { nom: 'Centre Alsace', nombre: 2 },
  { nom: 'Sud Alsace', nombre: 3 },
] as const;

/** ML-ALS-01 … ML-ALS-11, each with its director and president (and a deputy for the first, a large structure). */
export function mlsAlsace(n = 11): MlParticipante[] {
  return Array.from({ length: n }, (_, k) => {
    const num = String(k + 1).padStart(2, '0');
    return {
      code: `ML-ALS-${num}`,
      nom: `Mission Locale d’Alsace ${num}`,
      direction: { nom: `Directrice ${num}`, email: `direction.${num}@ml-alsace.example.org` },
      presidence: { nom: `Président ${num}`, email: `presidence.${num}@ml-alsace.example.org` },
      ...(k === 0 ? { adjoint: { nom: 'Directeur adjoint 01', email: 'adjoint.01@ml-alsace.example.org' } } : {}),
    };
  });
}

export const DELAIS_TEST: DelaisCampagne = {
  relanceValidation: 10 * DAY,
  escaladeValidation: 21 * DAY,
  alerteExpirationProjet: 92 * DAY,
  intervalleDialogue: 365 * DAY,
  relanceDialogue: 30 * DAY,
  rappels: [DAY],
};

export const CONSULTANT = { id: 'INT-DEMO050', nom: 'Consultante neutre', email: 'consultante@cabinet-neutre.example.org', cabinet: 'Cabinet Neutre' };
export const ETAT = { nom: 'Marc Weber', email: 'marc.weber@etat.example.org' };
export const REGION_ALSACE = { nom: 'Julie Koenig', email: 'julie.koenig@region.example.org' };

/** The campaign's input: `n` MLs spread over the 4 territories in order (3, 3, 2, 3 for 11). */
export function campagneInput(campagneId: string, n = 11, enquete = false): CampagneInput {
  const mls = mlsAlsace(n);
  let k = 0;
  const territoires = TERRITOIRES_ALSACE.map((t) => ({ nom: t.nom, mls: mls.slice(k, (k += t.nombre)).map((m) => m.code) })).filter((t) => t.mls.length);
  return {
    campagneId,
    nom: 'Démarche de progrès des Missions Locales d’Alsace',
    region: 'GES',
    mls,
    territoires,
    financeurs: [
      { nom: 'DREETS Grand Est', organisme: 'etat', contact: ETAT },
      { nom: 'Région Grand Est', organisme: 'region', contact: REGION_ALSACE },
    ],
    consultant: CONSULTANT,
    calendrier: {
      cadrage: { debut: '2027-01-04', fin: '2027-02-26' },
      etat_des_lieux: { debut: '2027-03-01', fin: '2027-05-28' },
      analyse_transversale: { debut: '2027-06-01', fin: '2027-07-09' },
    },
    contactUnml: CONTACT_UNML,
    financement: { enveloppe: 1_000_000_00, axes: AXES_SEED_004, avancePourDixMille: AVANCE_SEED_004 },
    ...(enquete
      ? {
          enquete: {
            questions: [
              { code: 'achats', libelle: 'Mutualiser les achats' },
              { code: 'appels_projets', libelle: 'Répondre ensemble aux appels à projets' },
            ],
          },
        }
      : {}),
    delais: DELAIS_TEST,
  };
}
