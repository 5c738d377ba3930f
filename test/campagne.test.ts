// A regional campaign's pure rules (seed 004, seed 002; domain/campagne.ts): its definition against the reference
// data, the états des lieux' progress ("7 sur 11 validés"), the survey of the directors.
import { progression, resultatsEnquete, verifierDefinition, type DefinitionCampagne, type EtatDesLieuxMl } from '../domain/campagne';

const referentiel = [
  { code: 'ML-COLMAR', region: 'GES' as const },
  { code: 'ML-MULHOUSE', region: 'GES' as const },
  { code: 'ML-STRASBOURG', region: 'GES' as const },
  { code: 'ML-ROUEN', region: 'NOR' as const },
];

const definition = (): DefinitionCampagne => ({
  region: 'GES',
  mls: [
    { code: 'ML-COLMAR', nom: 'Mission Locale de Colmar' },
    { code: 'ML-MULHOUSE', nom: 'Mission Locale de Mulhouse' },
    { code: 'ML-STRASBOURG', nom: 'Mission Locale de Strasbourg' },
  ],
  territoires: [
    { nom: 'Haut-Rhin', mls: ['ML-COLMAR', 'ML-MULHOUSE'] },
    { nom: 'Bas-Rhin', mls: ['ML-STRASBOURG'] },
  ],
  financeurs: [
    { nom: 'DIRECCTE Alsace', organisme: 'etat', contact: { nom: 'Marc Weber', email: 'marc.weber@direccte.example.fr' } },
    { nom: 'Région Alsace', organisme: 'region', contact: { nom: 'Julie Koenig', email: 'julie.koenig@region.example.fr' } },
  ],
  calendrier: {
    cadrage: { debut: '2027-01-04', fin: '2027-02-26' },
    etat_des_lieux: { debut: '2027-03-01', fin: '2027-05-28' },
    analyse_transversale: { debut: '2027-06-01', fin: '2027-07-09' },
  },
});

describe('a campaign’s definition', () => {
  it('accepts MLs of its région, each in one territory, with the State and the Région, phases in order', () => {
    expect(verifierDefinition(definition(), referentiel)).toEqual([]);
  });

  it('names each ML out of the région or unknown, twice listed, in no territory or in two', () => {
    const d = definition();
    d.mls.push({ code: 'ML-ROUEN', nom: 'Mission Locale de Rouen' }, { code: 'ML-INCONNUE', nom: 'Inconnue' }, { code: 'ML-COLMAR', nom: 'Colmar bis' });
    d.territoires[1]!.mls.push('ML-COLMAR', 'ML-LILLE');
    const messages = verifierDefinition(d, referentiel).map((e) => `${e.chemin} — ${e.message}`);
    expect(messages).toEqual([
      'mls.3.code — Mission Locale de Rouen (ML-ROUEN) n’est pas de la région de la campagne : la campagne est régionale.',
      'mls.4.code — ML-INCONNUE n’est pas une Mission Locale du référentiel.',
      'mls.5.code — Colmar bis (ML-COLMAR) est déjà dans la liste.',
      'territoires.1.mls.1 — ML-COLMAR est déjà dans le territoire « Haut-Rhin » : une Mission Locale est dans un seul territoire.',
      'territoires.1.mls.2 — ML-LILLE (territoire « Bas-Rhin ») ne fait pas partie des Missions Locales de la campagne.',
      'mls.3.code — Mission Locale de Rouen (ML-ROUEN) n’est dans aucun territoire.',
      'mls.4.code — Inconnue (ML-INCONNUE) n’est dans aucun territoire.',
    ]);
  });

  it('asks for both funders and phases that follow each other', () => {
    const d = definition();
    d.financeurs = d.financeurs.filter((f) => f.organisme === 'etat');
    d.calendrier.etat_des_lieux = { debut: '2027-02-15', fin: '2027-02-01' };
    expect(verifierDefinition(d, referentiel).map((e) => e.message)).toEqual([
      'Il manque le financeur de la Région : la démarche se mène avec les deux.',
      'La phase « état des lieux par structure » finit avant de commencer.',
      'La phase « état des lieux par structure » commence avant la fin de la phase « cadrage ».',
    ]);
  });
});

describe('the états des lieux’ progress', () => {
  const etat = (n: number, statut: EtatDesLieuxMl['statut'], extra: Partial<EtatDesLieuxMl> = {}): EtatDesLieuxMl => ({
    ml: `ML-${n}`,
    nom: `Mission Locale ${n}`,
    statut,
    ...extra,
  });

  it('counts the validated among the MLs still in the campaign, names the missing ones and what blocks', () => {
    const etats = [
      ...Array.from({ length: 7 }, (_, i) => etat(i + 1, 'valide')),
      etat(8, 'a_reprendre'),
      etat(9, 'en_cours', { pointBloquant: 'Le bilan d’activité 2026 n’est pas encore adopté par le conseil d’administration.' }),
      etat(10, 'livrable_a_valider', { relance: 'escaladee' }),
      etat(11, 'en_cours'),
      etat(12, 'retiree'),
    ];
    const p = progression(etats);
    expect(p.texte).toBe('7 sur 11 états des lieux validés (1 Mission Locale retirée)');
    expect(p.manquantes).toEqual(['Mission Locale 8', 'Mission Locale 9', 'Mission Locale 10', 'Mission Locale 11']);
    expect(p.bloquants).toEqual([{ nom: 'Mission Locale 9', point: 'Le bilan d’activité 2026 n’est pas encore adopté par le conseil d’administration.' }]);
    expect(p.complet).toBe(false);
    expect(progression([etat(1, 'valide'), etat(2, 'retiree')])).toMatchObject({
      texte: '1 sur 1 état des lieux validé (1 Mission Locale retirée)',
      complet: true,
    });
    expect(progression([etat(1, 'retiree')]).complet).toBe(false);
  });
});

describe('the survey of the directors (seed 002)', () => {
  it('gives each question’s share in favour among the answers, and who did not answer', () => {
    const questions = [
      { code: 'achats', libelle: 'Mutualiser les achats' },
      { code: 'appels', libelle: 'Répondre ensemble aux appels à projets' },
      { code: 'communication', libelle: 'Mutualiser la communication' },
    ];
    const reponses = [
      { achats: true, appels: true },
      { achats: true, appels: false },
      { achats: false, appels: true },
    ];
    const r = resultatsEnquete(questions, reponses, 5);
    expect(r.map((q) => [q.code, q.pour, q.contre, q.sansReponse, q.partPour])).toEqual([
      ['achats', 2, 1, 2, 66],
      ['appels', 2, 1, 2, 66],
      ['communication', 0, 0, 5, undefined],
    ]);
    expect(r[0]!.texte).toBe('Mutualiser les achats : 66 % favorables (2 sur 3 réponses, 5 directions interrogées).');
    expect(r[2]!.texte).toBe('Mutualiser la communication : aucune réponse pour l’instant.');
  });
});
