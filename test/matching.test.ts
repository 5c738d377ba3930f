// The ranking of the pool's candidates for a dossier (domain/matching.ts), on small crafted pools: what UNML
// staff see, i.e. who is out and why, who ranks first and why, and the Diagnostic pairs.
import {
  POIDS_CHARGE,
  POIDS_EXPERTISE,
  POIDS_ROTATION_ANCIENNETE,
  POIDS_ROTATION_FREQUENCE,
  POIDS_BINOME_COUVERTURE,
  POIDS_BINOME_INDIVIDUEL,
  BONUS_BINOME_REGIONS_DIFFERENTES,
  classerCandidats,
  proposerBinomes,
  resumeClassement,
} from '../domain/matching';
import type { RegionCode } from '../domain/regions';
import { EXPERTISE_CODES, type BesoinDossier, type CandidatVivier, type Charge, type Classement } from '../domain/vivier';

const MAINTENANT = '2025-03-01T09:00:00.000Z';
const RENNES = { code: 'ML-RENNES', nom: 'Mission Locale du Pays de Rennes', region: 'BRE' as const };

/** A Compagnonnage in Bretagne on organisation, management and offre de service, 3 months from 10 March 2025. */
function besoin(overrides: Partial<BesoinDossier> = {}): BesoinDossier {
  return {
    dossierId: 'CMP-0001',
    dispositif: 'compagnonnage',
    role: 'compagnon',
    missionLocale: RENNES,
    sujets: ['organisation_rh', 'management', 'offre_de_service'],
    periode: { debut: '2025-03-10', fin: '2025-06-08' },
    heuresMois: 8,
    ...overrides,
  };
}

/** An ML director from Normandie, free, covering the default topics, knowing nobody, never solicited. */
function candidat(id: string, overrides: Partial<Omit<CandidatVivier, 'charge'>> & { charge?: Partial<Charge> } = {}): CandidatVivier {
  const { charge, ...rest } = overrides;
  return {
    id,
    type: 'directeur_ml',
    nom: `Direction ${id}`,
    email: `${id.toLowerCase()}@ml.example.fr`,
    region: 'NOR',
    missionLocaleCode: `ML-${id}`,
    expertises: ['organisation_rh', 'management', 'offre_de_service'],
    capaciteDossiers: 2,
    capaciteHeuresMois: 24,
    actif: true,
    indisponibilites: [],
    connaissances: [],
    ...rest,
    charge: { dossiersEnCours: 0, heuresMoisReservees: 0, affectations12Mois: 0, ...charge },
  };
}

const ids = (cs: Classement[]) => cs.map((c) => c.intervenantId);
const eligibles = (cs: Classement[]) => ids(cs.filter((c) => c.eligible));
const place = (cs: Classement[], id: string): Classement => {
  const c = cs.find((x) => x.intervenantId === id);
  if (!c) throw new Error(`${id} missing from the ranking`);
  return c;
};

describe('hard rules: who is out, and the reason staff read', () => {
  it('weights add up to 100 (single ranking and binôme)', () => {
    expect(POIDS_EXPERTISE + POIDS_CHARGE + POIDS_ROTATION_FREQUENCE + POIDS_ROTATION_ANCIENNETE).toBe(100);
    expect(POIDS_BINOME_INDIVIDUEL + POIDS_BINOME_COUVERTURE + BONUS_BINOME_REGIONS_DIFFERENTES).toBe(100);
    expect(POIDS_EXPERTISE).toBeGreaterThan(Math.max(POIDS_CHARGE, POIDS_ROTATION_FREQUENCE, POIDS_ROTATION_ANCIENNETE));
  });

  it('excludes a director of the ML’s own région, naming the région (seed 003)', () => {
    const r = classerCandidats(besoin(), [candidat('BRE1', { region: 'BRE' }), candidat('NOR1')], MAINTENANT);
    expect(eligibles(r)).toEqual(['NOR1']);
    const out = place(r, 'BRE1');
    expect(out).toMatchObject({ eligible: false, score: 0, raisons: [] });
    expect(out.rang).toBeUndefined();
    expect(out.exclusions).toHaveLength(1);
    expect(out.exclusions[0]).toMatch(/Bretagne/);
    expect(out.exclusions[0]).toMatch(/jamais dans sa propre région/);
    expect(out.exclusions[0]).toMatch(/Mission Locale du Pays de Rennes/);
  });

  it('excludes both diagnostiqueurs from the ML’s région, by impartiality (seed 000)', () => {
    const b = besoin({ dispositif: 'diagnostic', role: 'diagnostiqueur_consultant' });
    const r = classerCandidats(
      b,
      [candidat('C-BRE', { type: 'consultant_cabinet', region: 'BRE', missionLocaleCode: undefined, cabinet: 'Cabinet Armor' })],
      MAINTENANT,
    );
    expect(r[0]!.eligible).toBe(false);
    expect(r[0]!.exclusions[0]).toMatch(/Bretagne.*impartialité.*seed 000/);
  });

  it('does not apply the région rule to the cabinet’s consultant in Appui Conseil (seed 001: network members only)', () => {
    const b = besoin({ dispositif: 'appui_conseil', role: 'consultant_appui', sujets: ['finances'] });
    const r = classerCandidats(
      b,
      [candidat('C-BRE', { type: 'consultant_cabinet', region: 'BRE', missionLocaleCode: undefined, expertises: ['finances'] })],
      MAINTENANT,
    );
    expect(r[0]).toMatchObject({ eligible: true, rang: 1 });
    const membre = classerCandidats({ ...b, role: 'membre_reseau' }, [candidat('D-BRE', { region: 'BRE' })], MAINTENANT);
    expect(membre[0]!.exclusions[0]).toMatch(/Bretagne.*seed 001/);
  });

  it('excludes someone who declared knowing the ML’s direction or présidence, naming whom', () => {
    const r = classerCandidats(
      besoin(),
      [
        candidat('CONNAIT', { connaissances: [{ missionLocaleCode: 'ML-RENNES', personne: 'la présidente, Mme Le Goff' }] }),
        candidat('CONNAIT-AILLEURS', { connaissances: [{ missionLocaleCode: 'ML-BREST', personne: 'le directeur' }] }),
        candidat('CONNAIT-SANS-NOM', { connaissances: [{ missionLocaleCode: 'ML-RENNES' }] }),
      ],
      MAINTENANT,
    );
    expect(eligibles(r)).toEqual(['CONNAIT-AILLEURS']);
    expect(place(r, 'CONNAIT').exclusions).toEqual([
      expect.stringMatching(
        /Direction CONNAIT déclare connaître la présidente, Mme Le Goff à la Mission Locale demandeuse \(Mission Locale du Pays de Rennes\)/,
      ),
    ]);
    expect(place(r, 'CONNAIT-SANS-NOM').exclusions[0]).toMatch(/déclare connaître la direction ou la présidence à la Mission Locale demandeuse/);
  });

  it('excludes a director from the dossier’s own Mission Locale (with the région rule too)', () => {
    const r = classerCandidats(besoin(), [candidat('RENNES', { region: 'BRE', missionLocaleCode: 'ML-RENNES' })], MAINTENANT);
    expect(r[0]!.eligible).toBe(false);
    expect(r[0]!.exclusions).toHaveLength(2);
    expect(r[0]!.exclusions[1]).toMatch(
      /^La Mission Locale demandeuse \(Mission Locale du Pays de Rennes\) est celle de Direction RENNES : on n’intervient jamais dans sa propre structure/,
    );
  });

  it('excludes the wrong kind for the role, naming who may hold it', () => {
    const consultant = candidat('CONS', { type: 'consultant_cabinet', missionLocaleCode: undefined, cabinet: 'Cabinet Atlantique' });
    const r = classerCandidats(besoin(), [consultant], MAINTENANT);
    expect(r[0]!.exclusions).toEqual([
      expect.stringMatching(
        /^Un·e consultant·e de cabinet ne peut pas intervenir en Compagnonnage .*seuls des directeur·rices de Mission Locale tiennent ce rôle \(seed 003\)/,
      ),
    ]);
    const appui = classerCandidats(besoin({ dispositif: 'appui_conseil', role: 'consultant_appui' }), [candidat('DIR')], MAINTENANT);
    expect(appui[0]!.exclusions[0]).toMatch(/directeur·rice de Mission Locale ne peut pas intervenir en Appui Conseil.*consultant·es de cabinet/);
  });

  it('excludes an inactive intervenant', () => {
    const r = classerCandidats(besoin(), [candidat('OFF', { actif: false })], MAINTENANT);
    expect(r[0]!.exclusions).toEqual([expect.stringMatching(/inactif·ve/)]);
  });

  it('excludes someone at full capacity in dossiers, with the numbers', () => {
    const r = classerCandidats(besoin(), [candidat('PLEIN', { capaciteDossiers: 2, charge: { dossiersEnCours: 2, heuresMoisReservees: 8 } })], MAINTENANT);
    expect(r[0]!.exclusions).toEqual(['Capacité atteinte : 2 dossiers en cours pour une capacité de 2 dossiers.']);
  });

  it('excludes someone without the monthly hours left, with the numbers; exactly at capacity is fine', () => {
    const r = classerCandidats(
      besoin(),
      [
        candidat('HEURES', { capaciteDossiers: 3, charge: { dossiersEnCours: 1, heuresMoisReservees: 20 } }),
        candidat('JUSTE', { capaciteDossiers: 3, charge: { dossiersEnCours: 1, heuresMoisReservees: 16 } }),
      ],
      MAINTENANT,
    );
    expect(eligibles(r)).toEqual(['JUSTE']);
    expect(place(r, 'HEURES').exclusions).toEqual([
      'Heures insuffisantes : 20 h/mois déjà réservées + 8 h/mois pour ce dossier = 28 h/mois, au-delà de sa capacité de 24 h/mois.',
    ]);
  });

  it('excludes an unavailability overlapping the first 4 weeks; a later one only lowers the score, with the dates', () => {
    const r = classerCandidats(
      besoin(),
      [
        candidat('DEBUT', { indisponibilites: [{ debut: '2025-03-20', fin: '2025-03-27', motif: 'Congés' }] }),
        candidat('FIN', { indisponibilites: [{ debut: '2025-05-01', fin: '2025-05-10', motif: 'Congés' }] }),
        candidat('AVANT', { indisponibilites: [{ debut: '2025-02-01', fin: '2025-03-09' }] }),
        candidat('LIBRE'),
      ],
      MAINTENANT,
    );
    expect(place(r, 'DEBUT').exclusions).toEqual([
      expect.stringMatching(/^Indisponible du 20 mars 2025 au 27 mars 2025 \(Congés\), pendant les 4 premières semaines .*10 mars 2025/),
    ]);
    const fin = place(r, 'FIN');
    expect(fin.eligible).toBe(true);
    expect(fin.score).toBeLessThan(place(r, 'LIBRE').score);
    expect(fin.raisons.at(-1)).toMatch(/^Indisponible en cours d’intervention.*du 1er mai 2025 au 10 mai 2025 \(Congés\), soit 10 jours sur 91 : −2 pts/);
    expect(place(r, 'AVANT').score).toBe(place(r, 'LIBRE').score); // before the period: no effect
    expect(eligibles(r)).toEqual(['AVANT', 'LIBRE', 'FIN']);
  });

  it('excludes someone already solicited for this dossier, with the motif', () => {
    const r = classerCandidats(
      besoin({ dejaSollicites: [{ intervenantId: 'DECLINE', motif: 'Indisponible ce trimestre.' }] }),
      [candidat('DECLINE'), candidat('AUTRE')],
      MAINTENANT,
    );
    expect(eligibles(r)).toEqual(['AUTRE']);
    expect(place(r, 'DECLINE').exclusions).toEqual(['Déjà sollicité·e pour ce dossier : Indisponible ce trimestre.']);
  });

  it('lists every broken rule, not only the first', () => {
    const r = classerCandidats(
      besoin({ dejaSollicites: [{ intervenantId: 'TOUT', motif: 'Écarté par l’UNML' }] }),
      [
        candidat('TOUT', {
          region: 'BRE',
          actif: false,
          connaissances: [{ missionLocaleCode: 'ML-RENNES' }],
          charge: { dossiersEnCours: 2, heuresMoisReservees: 24 },
        }),
      ],
      MAINTENANT,
    );
    expect(r[0]!.exclusions.map((e) => e.slice(0, 25))).toHaveLength(6);
  });
});

describe('score: expertise, load, rotation', () => {
  it('ranks by expertise fit first, naming covered and missing topics', () => {
    const r = classerCandidats(
      besoin(),
      [
        candidat('UN', { expertises: ['management'] }),
        candidat('TROIS'),
        candidat('DEUX', { expertises: ['management', 'offre_de_service', 'finances'] }),
        candidat('ZERO', { expertises: ['finances'] }),
      ],
      MAINTENANT,
    );
    expect(eligibles(r)).toEqual(['TROIS', 'DEUX', 'UN', 'ZERO']);
    expect(r.map((c) => c.rang)).toEqual([1, 2, 3, 4]);
    const deux = place(r, 'DEUX');
    expect(deux.raisons[0]).toBe(
      'Expertise : 2 sujets sur 3 couverts (couvre « Management, pratiques managériales », « Offre de service » ; manque « Organisation, ressources ' +
        'humaines ») : +33 pts sur 50.',
    );
    expect(place(r, 'TROIS').score).toBe(100);
  });

  it('prefers the less loaded relative to capacity', () => {
    const r = classerCandidats(
      besoin(),
      [
        candidat('CHARGE', { charge: { dossiersEnCours: 1, heuresMoisReservees: 8 } }),
        candidat('GRANDE-CAPACITE', { capaciteDossiers: 4, capaciteHeuresMois: 48, charge: { dossiersEnCours: 1, heuresMoisReservees: 8 } }),
        candidat('LIBRE'),
      ],
      MAINTENANT,
    );
    expect(eligibles(r)).toEqual(['LIBRE', 'GRANDE-CAPACITE', 'CHARGE']);
    expect(place(r, 'CHARGE').raisons[1]).toBe('Charge actuelle : 1 dossier en cours sur 2, 8 h/mois réservées sur 24 h : +15 pts sur 25.');
  });

  it('fair rotation: of two otherwise identical candidates, the one never asked ranks first', () => {
    const r = classerCandidats(
      besoin(),
      [candidat('SOLLICITE', { charge: { affectations12Mois: 2, derniereAffectationLe: '2024-12-28T10:00:00.000Z' } }), candidat('JAMAIS')],
      MAINTENANT,
    );
    expect(eligibles(r)).toEqual(['JAMAIS', 'SOLLICITE']);
    expect(place(r, 'JAMAIS').raisons).toContain('Jamais sollicité·e : +10 pts sur 10.');
    expect(place(r, 'SOLLICITE').raisons.join(' ')).toMatch(/Rotation : 2 interventions sur les 12 derniers mois.*Dernière intervention il y a 2 mois/);
  });

  it('fair rotation: with as many assignments, the one asked longer ago ranks first', () => {
    const r = classerCandidats(
      besoin(),
      [
        candidat('RECENT', { charge: { affectations12Mois: 1, derniereAffectationLe: '2025-02-01T10:00:00.000Z' } }),
        candidat('ANCIEN', { charge: { affectations12Mois: 1, derniereAffectationLe: '2024-09-15T10:00:00.000Z' } }),
      ],
      MAINTENANT,
    );
    expect(eligibles(r)).toEqual(['ANCIEN', 'RECENT']);
    expect(place(r, 'ANCIEN').raisons.join(' ')).toMatch(/Dernière intervention il y a 5 mois/);
    expect(place(r, 'RECENT').raisons.join(' ')).toMatch(/Dernière intervention il y a 27 jours/);
  });

  it('breaks exact ties deterministically: fewer assignments, then older last assignment, then id', () => {
    // Same rounded score (the rotation components differ by less than a point) → the tie-breakers decide.
    const r = classerCandidats(
      besoin(),
      [
        candidat('B', { charge: { affectations12Mois: 0, derniereAffectationLe: '2023-01-01T00:00:00.000Z' } }),
        candidat('A', { charge: { affectations12Mois: 0, derniereAffectationLe: '2023-01-01T00:00:00.000Z' } }),
        candidat('C', { charge: { affectations12Mois: 0, derniereAffectationLe: '2022-06-01T00:00:00.000Z' } }),
      ],
      MAINTENANT,
    );
    expect(new Set(r.map((c) => c.score)).size).toBe(1);
    expect(ids(r)).toEqual(['C', 'A', 'B']);
  });

  it('is deterministic: same input, same output; shuffled input, same ranking; input untouched', () => {
    const pool = [
      candidat('P1', { expertises: ['management'] }),
      candidat('P2', { region: 'BRE' }),
      candidat('P3', { charge: { dossiersEnCours: 1, heuresMoisReservees: 8, affectations12Mois: 3, derniereAffectationLe: '2024-11-01T00:00:00.000Z' } }),
      candidat('P4'),
      candidat('P5', { expertises: ['management', 'organisation_rh'] }),
      candidat('P6', { actif: false }),
      candidat('P7'),
    ];
    const copie = JSON.parse(JSON.stringify(pool)) as CandidatVivier[];
    const premier = classerCandidats(besoin(), pool, MAINTENANT);
    expect(classerCandidats(besoin(), pool, MAINTENANT)).toEqual(premier);
    expect(classerCandidats(besoin(), [...pool].reverse(), MAINTENANT)).toEqual(premier);
    const melange = [pool[3], pool[0], pool[6], pool[2], pool[5], pool[1], pool[4]] as CandidatVivier[];
    expect(classerCandidats(besoin(), melange, MAINTENANT)).toEqual(premier);
    expect(pool).toEqual(copie);
    expect(ids(premier)).toEqual(['P4', 'P7', 'P5', 'P3', 'P1', 'P2', 'P6']);
  });

  it('every candidate appears, eligible ones first with ranks 1..n', () => {
    const pool = [candidat('X1', { region: 'BRE' }), candidat('X2'), candidat('X3', { actif: false }), candidat('X4')];
    const r = classerCandidats(besoin(), pool, MAINTENANT);
    expect(r).toHaveLength(4);
    expect(r.map((c) => c.eligible)).toEqual([true, true, false, false]);
    expect(r.map((c) => c.rang)).toEqual([1, 2, undefined, undefined]);
  });
});

describe('resumeClassement', () => {
  it('summarises an eligible candidate in one line', () => {
    const r = classerCandidats(
      besoin(),
      [
        candidat('MD', { nom: 'Marie Dupont', region: 'OCC', expertises: ['management', 'offre_de_service'] }),
        candidat('JL', { nom: 'Jean Leroy', expertises: ['management'] }),
      ],
      MAINTENANT,
    );
    expect(resumeClassement(r[0]!)).toBe('1er · Marie Dupont (Occitanie) · 83/100 · couvre 2 sujets sur 3');
    expect(resumeClassement(r[1]!)).toBe('2e · Jean Leroy (Normandie) · 67/100 · couvre 1 sujet sur 3');
  });

  it('summarises an excluded candidate with its first reason', () => {
    const [c] = classerCandidats(besoin(), [candidat('YK', { nom: 'Yann Kervella', region: 'BRE', actif: false })], MAINTENANT);
    expect(resumeClassement(c!)).toMatch(/^Écarté·e · Yann Kervella \(Bretagne\) · Yann Kervella est inactif·ve.* \(\+1 autre motif\)$/);
  });
});

describe('Diagnostic binômes (seed 000)', () => {
  const DIAG = { dossierId: 'DIA-0001', dispositif: 'diagnostic' as const, sujets: ['finances', 'gouvernance', 'management'] as BesoinDossier['sujets'] };
  const besoinConsultant = besoin({ ...DIAG, role: 'diagnostiqueur_consultant', heuresMois: 4 });
  const besoinDirecteur = besoin({ ...DIAG, role: 'diagnostiqueur_directeur', heuresMois: 4 });
  const consultant = (id: string, o: Parameters<typeof candidat>[1] = {}) =>
    candidat(id, { type: 'consultant_cabinet', missionLocaleCode: undefined, cabinet: 'Cabinet Horizon', region: 'IDF', ...o });

  it('proposes first the pair whose expertises complement each other, saying what each brings', () => {
    const pool = [
      consultant('C-FIN', { nom: 'Claire Fontaine', expertises: ['finances', 'gouvernance'] }),
      candidat('D-FIN', { nom: 'Denis Faure', region: 'OCC', expertises: ['finances', 'gouvernance'] }),
      candidat('D-MGT', { nom: 'Dominique Martin', region: 'OCC', expertises: ['management'] }),
    ];
    const binomes = proposerBinomes(besoinConsultant, besoinDirecteur, pool, MAINTENANT);
    expect(binomes.map((b) => [b.consultant.intervenantId, b.directeur.intervenantId])).toEqual([
      ['C-FIN', 'D-MGT'],
      ['C-FIN', 'D-FIN'],
    ]);
    // D-FIN scores higher alone than D-MGT, but the pair with D-MGT covers all three themes.
    expect(place(classerCandidats(besoinDirecteur, pool, MAINTENANT), 'D-FIN').score).toBeGreaterThan(
      place(classerCandidats(besoinDirecteur, pool, MAINTENANT), 'D-MGT').score,
    );
    const [meilleur, second] = binomes;
    expect(meilleur!.score).toBeGreaterThan(second!.score);
    const texte = meilleur!.raisons.join(' ');
    expect(texte).toMatch(/le binôme couvre 3 thèmes sur 3/);
    expect(texte).toMatch(/Claire Fontaine apporte « Finances, trésorerie, équilibre budgétaire », « Gouvernance, relations avec les élus et les financeurs »/);
    expect(texte).toMatch(/Dominique Martin apporte « Management, pratiques managériales »/);
    expect(texte).toMatch(/Régions différentes \(Île-de-France, Occitanie\)/);
    expect(second!.raisons.join(' ')).toMatch(/tous deux couvrent.*aucun ne couvre « Management, pratiques managériales »/);
  });

  it('never pairs the same person with themself, and keeps each pair’s members eligible', () => {
    // The same person recorded both as a cabinet consultant and as an ML director (a former director now consultant).
    const pool = [
      consultant('X', { nom: 'Xavier Double', region: 'NAQ' }),
      candidat('X', { nom: 'Xavier Double', region: 'NAQ' }),
      consultant('C2'),
      candidat('D2', { region: 'OCC' }),
    ];
    const binomes = proposerBinomes(besoinConsultant, besoinDirecteur, pool, MAINTENANT);
    expect(binomes.length).toBe(3);
    for (const b of binomes) {
      expect(b.consultant.intervenantId).not.toBe(b.directeur.intervenantId);
      expect(b.consultant.eligible && b.directeur.eligible).toBe(true);
      expect(b.consultant.type).toBe('consultant_cabinet');
      expect(b.directeur.type).toBe('directeur_ml');
    }
  });

  it('proposes no pair when one role has no eligible candidate', () => {
    const pool = [
      consultant('C1'),
      consultant('C2', { region: 'OCC' }),
      candidat('D-BRE', { region: 'BRE' }),
      candidat('D-CONNAIT', { connaissances: [{ missionLocaleCode: 'ML-RENNES', personne: 'le directeur' }] }),
    ];
    expect(proposerBinomes(besoinConsultant, besoinDirecteur, pool, MAINTENANT)).toEqual([]);
    expect(proposerBinomes(besoinConsultant, besoinDirecteur, [candidat('D1')], MAINTENANT)).toEqual([]);
  });

  it('keeps at most `max` pairs, best first, deterministically', () => {
    const pool = [
      consultant('C1'),
      consultant('C2', { region: 'OCC', expertises: ['finances'] }),
      consultant('C3', { expertises: ['gouvernance'] }),
      candidat('D1'),
      candidat('D2', { region: 'IDF' }),
      candidat('D3', { region: 'GES', expertises: ['finances', 'management'] }),
    ];
    const binomes = proposerBinomes(besoinConsultant, besoinDirecteur, pool, MAINTENANT, 4);
    expect(binomes).toHaveLength(4);
    const scores = binomes.map((b) => b.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(proposerBinomes(besoinConsultant, besoinDirecteur, [...pool].reverse(), MAINTENANT, 4)).toEqual(binomes);
    const memeRegion = proposerBinomes(besoinConsultant, besoinDirecteur, pool, MAINTENANT, 9).find(
      (b) => b.consultant.intervenantId === 'C1' && b.directeur.intervenantId === 'D2',
    );
    expect(memeRegion!.raisons.at(-1)).toBe('Même région pour les deux (Île-de-France) : pas de bonus.');
  });
});

describe('a realistic pool', () => {
  const REGIONS_POOL: RegionCode[] = ['BRE', 'NOR', 'PDL', 'IDF', 'OCC', 'GES', 'NAQ', 'HDF'];
  /** 30 intervenants across régions, with varied expertise, loads, acquaintances and unavailabilities (deterministic). */
  const pool: CandidatVivier[] = Array.from({ length: 30 }, (_, i) => {
    const id = `INT-${String(i + 1).padStart(2, '0')}`;
    const type = i % 7 === 6 ? 'consultant_cabinet' : i % 11 === 10 ? 'expert_reseau' : 'directeur_ml';
    return candidat(id, {
      type,
      nom: `Intervenant·e ${i + 1}`,
      region: REGIONS_POOL[i % REGIONS_POOL.length]!,
      missionLocaleCode: type === 'consultant_cabinet' ? undefined : i === 8 ? 'ML-RENNES' : `ML-${i}`,
      expertises: [EXPERTISE_CODES[i % EXPERTISE_CODES.length]!, EXPERTISE_CODES[(i * 3 + 1) % EXPERTISE_CODES.length]!],
      capaciteDossiers: 1 + (i % 3),
      capaciteHeuresMois: 16 + 8 * (i % 3),
      actif: i % 13 !== 12,
      indisponibilites:
        i % 9 === 4 ? [{ debut: '2025-03-15', fin: '2025-03-22', motif: 'Congés' }] : i % 9 === 5 ? [{ debut: '2025-05-20', fin: '2025-05-30' }] : [],
      connaissances: i % 10 === 3 ? [{ missionLocaleCode: 'ML-RENNES', personne: 'le président' }] : [],
      charge: {
        dossiersEnCours: i % 4 === 0 ? 1 : 0,
        heuresMoisReservees: i % 4 === 0 ? 8 : 0,
        affectations12Mois: i % 5,
        ...(i % 5 ? { derniereAffectationLe: `2024-${String(1 + (i % 12)).padStart(2, '0')}-15T09:00:00.000Z` } : {}),
      },
    });
  });

  it('for an ML in Bretagne: no Bretagne candidate is eligible, every excluded one says why, the eligible are ranked', () => {
    const r = classerCandidats(besoin({ sujets: ['management', 'finances', 'financements'] }), pool, MAINTENANT);
    expect(r).toHaveLength(30);
    expect(new Set(ids(r)).size).toBe(30);

    const bretons = r.filter((c) => c.region === 'BRE');
    expect(bretons.length).toBeGreaterThan(0);
    for (const c of bretons) {
      expect(c.eligible).toBe(false);
      expect(c.exclusions.join(' ')).toMatch(/Bretagne/);
    }
    for (const c of r.filter((x) => !x.eligible)) {
      expect(c.exclusions.length).toBeGreaterThanOrEqual(1);
      expect(c.score).toBe(0);
      expect(resumeClassement(c)).toMatch(/^Écarté·e · /);
    }

    const elus = r.filter((c) => c.eligible);
    expect(elus.length).toBeGreaterThan(3);
    expect(elus.map((c) => c.rang)).toEqual(elus.map((_, i) => i + 1));
    expect(r.slice(0, elus.length)).toEqual(elus); // eligible first
    const scores = elus.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const c of elus) {
      expect(c.type).toBe('directeur_ml');
      expect(c.exclusions).toEqual([]);
      expect(c.score).toBeGreaterThanOrEqual(0);
      expect(c.score).toBeLessThanOrEqual(100);
      expect(c.raisons.length).toBeGreaterThanOrEqual(4);
    }
    // The director of the requesting ML itself, someone who knows its president, a consultant: all out, each with its reason.
    expect(place(r, 'INT-09').exclusions.join(' ')).toMatch(/est celle de Intervenant·e 9/);
    expect(place(r, 'INT-04').exclusions.join(' ')).toMatch(/déclare connaître le président/);
    expect(place(r, 'INT-07').exclusions.join(' ')).toMatch(/consultant·e de cabinet ne peut pas intervenir en Compagnonnage/);
  });
});
