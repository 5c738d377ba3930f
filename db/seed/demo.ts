// A demo pool for `npm start` and the tests: 64 FICTIONAL intervenants over the 18 régions. Every person,
// firm, email (example.org) and phone number (the 06 39 98 range kept for fiction) is invented. ML directors
// belong to a seeded Mission Locale of their région; consultants to four invented firms; network experts
// have their own profile. Deterministic: the same pool on every machine, with stable ids INT-DEMO001….
import { REGION_CODES, type RegionCode } from '../../domain/regions';
import type { Connaissance, Expertise, Indisponibilite } from '../../domain/vivier';
import type { NouvelIntervenant } from '../store';
import { VivierErreur } from '../store';
import type { SqlVivierStore } from '../vivier';
import { MISSIONS_LOCALES } from './reference';

/** Who the demo data is recorded as created by, in the history. */
export const PAR_DEMO = 'jeu de démonstration';

// Two directors per région, in REGION_CODES order (ARA, BFC, BRE, CVL, COR, GES, HDF, IDF, NOR, NAQ, OCC, PDL,
// PAC, GUA, MTQ, GUF, LRE, MAY): each directs the first, then the second seeded ML of the région.
const DIRECTEURS = [
  'Claire Dumoulin',
  'Thomas Berthelot',
  'Pascal Meunier',
  'Céline Dufresne',
  'Sophie Le Goff',
  'Yannick Kerjean',
  'Isabelle Rousseau',
  'Olivier Bonnefoy',
  'Patrick Colombani',
  'Sandrine Ottavi',
  'Élodie Schaller',
  'Franck Weber',
  'Anne-Laure Vasseur',
  'Hélène Carpentier',
  'Nadia Ferhat',
  'Mehdi Benali',
  'Valérie Lemaire',
  'Stéphane Duval',
  'Jérôme Etcheverry',
  'Martine Lacaze',
  'Laurence Castagné',
  'Karim Haddad',
  'Nicolas Pineau',
  'Fabienne Giraud',
  'Julien Marchetti',
  'Sébastien Orsini',
  'Marie-Josée Bélénus',
  'Lionel Lancry',
  'Josiane Sainte-Rose',
  'Frédéric Théodose',
  'Rosiane Lony',
  'Marc Lebeau',
  'Gwenaëlle Payet',
  'David Hoarau',
  'Zaïnaba Ahamadi',
  'Ali Madi',
];

const CABINETS: { nom: string; domaine: string; consultants: [string, RegionCode][] }[] = [
  {
    nom: 'Horizons Conseil',
    domaine: 'horizons-conseil.example.org',
    consultants: [
      ['Bertrand Lefèvre', 'IDF'],
      ['Camille Aubert', 'IDF'],
      ['Agnès Morel', 'ARA'],
      ['Vincent Garnier', 'ARA'],
      ['Inès Belkacem', 'IDF'],
    ],
  },
  {
    nom: 'Atelier Sillage',
    domaine: 'atelier-sillage.example.org',
    consultants: [
      ['Mathilde Perrin', 'NAQ'],
      ['Romain Lagarde', 'OCC'],
      ['Solène Guillou', 'BRE'],
      ['Antoine Brunet', 'NAQ'],
    ],
  },
  {
    nom: 'Praxis Territoires',
    domaine: 'praxis-territoires.example.org',
    consultants: [
      ['Caroline Devos', 'HDF'],
      ['Guillaume Fischer', 'GES'],
      ['Aurélie Lecomte', 'NOR'],
      ['Hugo Vandamme', 'HDF'],
    ],
  },
  {
    nom: 'Cap Cohésion Conseil',
    domaine: 'cap-cohesion.example.org',
    consultants: [
      ['Émilie Blanc', 'PAC'],
      ['Philippe Renaud', 'PDL'],
      ['Laure Chevalier', 'CVL'],
      ['Kévin Grondin', 'LRE'],
      ['Delphine Marty', 'OCC'],
    ],
  },
];

/** Network experts: former directors, finance or HR managers of an ML, ARML staff. */
const EXPERTS: { nom: string; region: RegionCode; ml?: string; expertises: Expertise[] }[] = [
  { nom: 'Marc-Antoine Lefort', region: 'IDF', ml: 'ML-MONTREUIL', expertises: ['finances', 'financements', 'gouvernance'] },
  { nom: 'Chantal Brossard', region: 'BFC', expertises: ['management', 'gouvernance', 'partenariats'] },
  { nom: 'Farid Mansouri', region: 'HDF', ml: 'ML-ROUBAIX', expertises: ['systemes_information', 'amelioration_continue'] },
  { nom: 'Nathalie Prigent', region: 'BRE', ml: 'ML-BREST', expertises: ['amelioration_continue', 'offre_de_service'] },
  { nom: 'Bruno Vidal', region: 'OCC', expertises: ['gouvernance', 'restructuration', 'finances'] },
  { nom: 'Sylvie Masson', region: 'GES', ml: 'ML-METZ', expertises: ['organisation_rh', 'restructuration', 'management'] },
  { nom: 'Jean-Luc Perrot', region: 'NAQ', expertises: ['partenariats', 'financements', 'communication'] },
  { nom: 'Aïcha Diallo', region: 'IDF', ml: 'ML-SAINT-DENIS', expertises: ['offre_de_service', 'partenariats'] },
  { nom: 'Gérard Tessier', region: 'PDL', ml: 'ML-ANGERS', expertises: ['finances', 'systemes_information'] },
  { nom: 'Monique Baptiste', region: 'MTQ', ml: 'ML-FORT-DE-FRANCE', expertises: ['management', 'organisation_rh', 'gouvernance'] },
];

const EXPERTISES_DIRECTION: Expertise[] = [
  'management',
  'organisation_rh',
  'offre_de_service',
  'financements',
  'partenariats',
  'gouvernance',
  'amelioration_continue',
  'communication',
];
const EXPERTISES_CABINET: Expertise[] = [
  'finances',
  'restructuration',
  'organisation_rh',
  'gouvernance',
  'systemes_information',
  'amelioration_continue',
  'management',
];

const INDISPONIBILITES: Indisponibilite[][] = [
  [{ debut: '2026-07-13', fin: '2026-08-21', motif: 'Congés d’été' }],
  [{ debut: '2026-12-21', fin: '2027-01-03', motif: 'Congés de fin d’année' }],
  [{ debut: '2027-03-01', fin: '2027-03-31', motif: 'Clôture des comptes et dialogue de gestion' }],
  [
    { debut: '2026-10-05', fin: '2026-10-16', motif: 'Formation' },
    { debut: '2027-07-19', fin: '2027-08-13', motif: 'Congés d’été' },
  ],
  [{ debut: '2026-09-01', fin: '2026-11-30', motif: 'Mission longue en cours' }],
];

/** Deterministic pseudo-random numbers (mulberry32): the same demo everywhere. */
function generateur(graine: number): () => number {
  let a = graine >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function email(nom: string, domaine: string): string {
  const [prenom, ...reste] = nom.split(' ');
  return `${slug(prenom!)}.${slug(reste.join(' ')).replace(/-/g, '')}@${domaine}`;
}

/** The 64 fictional intervenants of the demo pool, with stable ids. */
export function demoPool(): NouvelIntervenant[] {
  const hasard = generateur(20_260_101);
  const tirer = <T>(list: readonly T[], n: number): T[] => {
    const pool = [...list];
    const out: T[] = [];
    while (out.length < n && pool.length) out.push(pool.splice(Math.floor(hasard() * pool.length), 1)[0]!);
    return out;
  };
  const capacite = () => ({ capaciteDossiers: 1 + Math.floor(hasard() * 3), capaciteHeuresMois: [8, 12, 16, 20, 24][Math.floor(hasard() * 5)]! });
  const out: NouvelIntervenant[] = [];
  const id = () => `INT-DEMO${String(out.length + 1).padStart(3, '0')}`;
  const telephone = () => `06 39 98 ${String(10 + out.length).padStart(2, '0')} ${String((out.length * 37) % 100).padStart(2, '0')}`;
  const mlsDe = (region: RegionCode) => MISSIONS_LOCALES.filter((m) => m.region === region);

  REGION_CODES.forEach((region, r) => {
    for (const k of [0, 1]) {
      const nom = DIRECTEURS[r * 2 + k]!;
      const ml = mlsDe(region)[k]!;
      const n = out.length;
      // Some directors know an ML of another région (seed 000: they may not diagnose it).
      const connaissances: Connaissance[] = [];
      if (n % 3 === 0) {
        const autre = REGION_CODES[(r + 1) % REGION_CODES.length]!;
        connaissances.push({ missionLocaleCode: mlsDe(autre)[k]!.code, personne: n % 2 === 0 ? 'Directeur·rice' : 'Président·e' });
      }
      if (n % 5 === 0) connaissances.push({ missionLocaleCode: mlsDe(REGION_CODES[(r + 5) % REGION_CODES.length]!)[0]!.code, personne: 'Président·e' });
      out.push({
        id: id(),
        type: 'directeur_ml',
        nom,
        email: email(nom, `${ml.code.toLowerCase()}.example.org`),
        telephone: telephone(),
        region,
        missionLocaleCode: ml.code,
        expertises: tirer(EXPERTISES_DIRECTION, 2 + Math.floor(hasard() * 3)),
        ...capacite(),
        actif: nom !== 'Olivier Bonnefoy', // on leave: kept in the pool, not proposed
        indisponibilites: n % 4 === 1 ? INDISPONIBILITES[(n >> 2) % INDISPONIBILITES.length]! : [],
        connaissances,
      });
    }
  });

  for (const cabinet of CABINETS) {
    for (const [nom, region] of cabinet.consultants) {
      const n = out.length;
      out.push({
        id: id(),
        type: 'consultant_cabinet',
        nom,
        email: email(nom, cabinet.domaine),
        telephone: telephone(),
        region,
        cabinet: cabinet.nom,
        expertises: tirer(EXPERTISES_CABINET, 3 + Math.floor(hasard() * 3)),
        ...capacite(),
        actif: nom !== 'Antoine Brunet', // left the firm's public-sector practice
        indisponibilites: n % 3 === 0 ? INDISPONIBILITES[n % INDISPONIBILITES.length]! : [],
        connaissances: n % 4 === 0 ? [{ missionLocaleCode: mlsDe(region)[2]!.code, personne: 'Directeur·rice' }] : [],
      });
    }
  }

  for (const expert of EXPERTS) {
    const n = out.length;
    out.push({
      id: id(),
      type: 'expert_reseau',
      nom: expert.nom,
      email: email(expert.nom, expert.ml ? `${expert.ml.toLowerCase()}.example.org` : 'reseau-ml.example.org'),
      telephone: telephone(),
      region: expert.region,
      ...(expert.ml ? { missionLocaleCode: expert.ml } : {}),
      expertises: expert.expertises,
      ...capacite(),
      indisponibilites: n % 2 === 0 ? INDISPONIBILITES[n % INDISPONIBILITES.length]! : [],
      connaissances: expert.ml ? [] : [{ missionLocaleCode: mlsDe(expert.region)[0]!.code, personne: 'Président·e' }],
    });
  }
  return out;
}

/**
 * Fills an empty pool with the demo intervenants; leaves a pool that has any intervenant as it is.
 * Returns how many were inserted.
 */
export async function seedDemoPool(store: SqlVivierStore): Promise<number> {
  const existants = await store.db
    .selectFrom('intervenants')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existants.n) > 0) return 0;
  let inseres = 0;
  for (const intervenant of demoPool()) {
    try {
      await store.createIntervenant(intervenant, PAR_DEMO);
      inseres++;
    } catch (err) {
      // Another process seeding at the same time inserted it first.
      if (err instanceof VivierErreur && err.details?.contrainte === 'intervenants_pkey') continue;
      throw err;
    }
  }
  return inseres;
}
