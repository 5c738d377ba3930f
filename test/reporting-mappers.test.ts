// The reporting mappers (workflows/<dispositif>/reporting.ts), without Temporal: each dispositif's dossier class driven
// through its actions, then its state mapped as the kit and the rebuild map it (issue #14).
import { AppuiConseilDossier } from '../workflows/appui-conseil/dossier';
import { instantaneAppuiConseil } from '../workflows/appui-conseil/reporting';
import { CompagnonnageDossier } from '../workflows/compagnonnage/dossier';
import { instantaneCompagnonnage } from '../workflows/compagnonnage/reporting';
import { DiagnosticDossier } from '../workflows/diagnostic/dossier';
import { instantaneDiagnostic } from '../workflows/diagnostic/reporting';
import type { Intervenant } from '../domain/schemas';
import { CABINET, MEMBRE_OCCITANIE, input as inputAppui } from './helpers/appui-conseil';
import { input as inputCompagnonnage } from './helpers/compagnonnage';
import { input as inputDiagnostic } from './helpers/diagnostic';
import { INTERLOCUTRICE } from './helpers/fixtures';
import { DIRECTEUR_BRETAGNE } from './helpers/pool';

/** Instants of the dossier, one day apart from the 5th of January 2027 (Paris: the same day). */
const jour = (n: number) => new Date(Date.UTC(2027, 0, 5 + n, 9)).toISOString();
const refus = (f: () => void): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('not refused');
};

/** No name, no email of the demand or of the people in the dossier's row and units (the answers are free text). */
function sansDonneesPersonnelles(x: unknown, noms: string[]): void {
  const json = JSON.stringify(x);
  for (const n of noms) expect([n, json.includes(n)]).toEqual([n, false]);
  expect(json).not.toMatch(/@/);
}

describe('Compagnonnage', () => {
  function accompagnement(): CompagnonnageDossier {
    const d = new CompagnonnageDossier(inputCompagnonnage('CMP-U1'), jour(0));
    d.waitlist({ priorite: 2 }, jour(1));
    d.accept({ interlocutrice: INTERLOCUTRICE }, jour(2));
    d.designateIntervenant({ intervenant: DIRECTEUR_BRETAGNE }, jour(2));
    d.respondDesignation({ accepte: true }, jour(3), jour(30));
    d.signActe({ signataire: 'Claire Martin' }, jour(4));
    d.submitFicheCadrage({ besoin: 'Structurer', objectifs: ['Entretiens'] }, jour(4));
    d.scheduleVisioLancement({ debut: jour(6) }, jour(5));
    d.recordVisioLancement({}, jour(7));
    return d;
  }

  it('maps the row: step, dates from the state or the timeline, the accepted intervenant, ids only', () => {
    const d = accompagnement();
    const avant = instantaneCompagnonnage(new CompagnonnageDossier(inputCompagnonnage('CMP-U0'), jour(0)).state);
    expect(avant.dossier).toEqual({
      dossierId: 'CMP-U0',
      dispositif: 'compagnonnage',
      missionLocale: 'ML-ROUEN',
      region: 'NOR',
      etape: 'qualification',
      demandeLe: jour(0),
      intervenants: [],
    });
    d.endAccompagnement({}, jour(20));
    const s = instantaneCompagnonnage(d.state);
    expect(s.dossier).toEqual({
      dossierId: 'CMP-U1',
      dispositif: 'compagnonnage',
      missionLocale: 'ML-ROUEN',
      region: 'NOR',
      etape: 'bilan',
      demandeLe: jour(0),
      listeAttenteLe: jour(1),
      accepteLe: jour(2),
      // The launch visio's start (state), not when it was recorded held.
      lanceLe: jour(6),
      finLe: jour(20),
      interlocutrice: INTERLOCUTRICE.id,
      intervenants: [{ id: DIRECTEUR_BRETAGNE.id, type: 'directeur_ml' }],
    });
    sansDonneesPersonnelles(s, ['Claire Martin', DIRECTEUR_BRETAGNE.nom, INTERLOCUTRICE.nom, 'Mission Locale de Rouen']);
  });

  it('lists a designated intervenant only once they accepted', () => {
    const d = new CompagnonnageDossier(inputCompagnonnage('CMP-U2'), jour(0));
    d.accept({ interlocutrice: INTERLOCUTRICE }, jour(1));
    d.designateIntervenant({ intervenant: DIRECTEUR_BRETAGNE }, jour(1));
    expect(instantaneCompagnonnage(d.state).dossier.intervenants).toEqual([]);
    d.abandon({ motif: 'Plus de besoin' }, jour(2));
    expect(instantaneCompagnonnage(d.state).dossier).toMatchObject({ etape: 'abandonnee', issue: 'abandonnee', termineLe: jour(2), intervenants: [] });
  });

  it('counts sessions as the package does (a ruled-out one never), and the preparation time, in minutes', () => {
    const d = accompagnement();
    for (const n of [1, 2, 3]) d.logSession({ date: jour(7 + n), dureeMinutes: 60 * n, resume: `Séance ${n}` }, jour(7 + n));
    d.confirmSession({ numero: 1, confirme: true, role: 'ml' }, jour(11));
    d.confirmSession({ numero: 2, confirme: false, commentaire: 'Pas eu lieu', role: 'ml' }, jour(11));
    expect(instantaneCompagnonnage(d.state).unites.map((u) => u.cle)).toEqual(['seance-1', 'seance-3']);
    d.settleSession({ numero: 2, retenue: false, motif: 'Non tenue' }, jour(12));
    d.logPreparation({ date: '2027-01-13', dureeMinutes: 45 }, jour(12));
    const s = instantaneCompagnonnage(d.state);
    expect(s.unites).toEqual([
      { cle: 'seance-1', dossierId: 'CMP-U1', intervenantId: DIRECTEUR_BRETAGNE.id, type: 'directeur_ml', date: '2027-01-13', minutes: 60, nature: 'seance' },
      { cle: 'seance-3', dossierId: 'CMP-U1', intervenantId: DIRECTEUR_BRETAGNE.id, type: 'directeur_ml', date: '2027-01-15', minutes: 180, nature: 'seance' },
      {
        cle: 'preparation-1',
        dossierId: 'CMP-U1',
        intervenantId: DIRECTEUR_BRETAGNE.id,
        type: 'directeur_ml',
        date: '2027-01-13',
        minutes: 45,
        nature: 'preparation',
      },
    ]);
    // The preparation is not counted against the package.
    expect(d.state.heures.consommeesMinutes).toBe(60 + 180);
  });

  it('refuses a preparation out of its steps or dated outside the dossier', () => {
    const d = new CompagnonnageDossier(inputCompagnonnage('CMP-U3'), jour(0));
    expect(refus(() => d.checkLogPreparation({ date: jour(0), dureeMinutes: 30 }, jour(1)))).toMatch(/n'est pas possible à l'étape « qualification/);
    const a = accompagnement();
    expect(refus(() => a.checkLogPreparation({ date: jour(-3), dureeMinutes: 30 }, jour(8)))).toMatch(/précède la création du dossier/);
    expect(refus(() => a.checkLogPreparation({ date: jour(9), dureeMinutes: 30 }, jour(8)))).toMatch(/dans le futur/);
    expect(refus(() => a.checkLogPreparation({ date: jour(8), dureeMinutes: 0 }, jour(8)))).toMatch(/nombre entier de minutes/);
    expect(() => a.checkLogPreparation({ date: jour(8), dureeMinutes: 30 }, jour(8))).not.toThrow();
  });

  it('gives one row per question of each questionnaire, without the respondent', () => {
    const d = accompagnement();
    d.state.evaluations.intervenant = { reponses: { satisfaction: '4' }, le: jour(40) };
    d.state.evaluations.ml = { reponses: { satisfaction: '5', commentaire: 'Très utile' }, le: jour(41) };
    expect(instantaneCompagnonnage(d.state).reponses).toEqual([
      { dossierId: 'CMP-U1', repondant: 'ml', question: 'satisfaction', reponse: '5', le: jour(41) },
      { dossierId: 'CMP-U1', repondant: 'ml', question: 'commentaire', reponse: 'Très utile', le: jour(41) },
      { dossierId: 'CMP-U1', repondant: 'intervenant', question: 'satisfaction', reponse: '4', le: jour(40) },
    ]);
  });
});

describe('Appui Conseil', () => {
  function miseEnOeuvre(): AppuiConseilDossier {
    const d = new AppuiConseilDossier(inputAppui('APC-U1'), jour(0));
    d.priseDeContact({ besoin: 'Rétablir l’équilibre', interlocutrice: INTERLOCUTRICE }, jour(1));
    d.mobiliseCabinet({ cabinet: CABINET }, jour(2), jour(30));
    d.addMembre({ membre: MEMBRE_OCCITANIE }, jour(2));
    d.respondDesignation({ intervenantId: MEMBRE_OCCITANIE.id, accepte: true }, jour(3));
    d.signActe({ signataire: 'Karim Haddad' }, jour(4));
    d.scheduleVisioLancement({ debut: jour(6) }, jour(5));
    d.recordVisioLancement({}, jour(6));
    d.submitRapportDiagnostic({ constats: 'c', conclusions: 'c' }, jour(7));
    d.submitFicheCadrage({ besoin: 'b', objectifs: ['o'] }, jour(7));
    d.submitPlanAction({ actions: [{ intitule: 'A', responsable: { nom: 'X', email: 'x@ml-lens.fr' }, jalons: [] }] }, jour(8));
    return d;
  }

  it('tells cabinet days from network members’ days, in half-days, with the member’s id and kind', () => {
    const d = miseEnOeuvre();
    d.logJournee({ intervenant: 'Léa Roux', date: jour(9), demiJournees: 2, objet: 'Diagnostic' }, jour(9));
    d.logJournee({ intervenant: 'nadia benali', date: jour(10), demiJournees: 1, objet: 'Appui RH' }, jour(10));
    // A day logged before issue #14 kept no id: the member is found by name.
    d.state.ficheSuiviIntermediaire.journees.push({ numero: 3, intervenant: 'Nadia Benali', date: jour(11), demiJournees: 2, objet: 'Ancien' });
    d.endMiseEnOeuvre({ motif: 'Fin anticipée' }, jour(12));
    const s = instantaneAppuiConseil(d.state);
    expect(s.unites).toEqual([
      { cle: 'journee-1', dossierId: 'APC-U1', type: 'consultant_cabinet', date: '2027-01-14', demiJournees: 2, nature: 'journee_intervention' },
      {
        cle: 'journee-2',
        dossierId: 'APC-U1',
        intervenantId: MEMBRE_OCCITANIE.id,
        type: 'directeur_ml',
        date: '2027-01-15',
        demiJournees: 1,
        nature: 'journee_intervention',
      },
      {
        cle: 'journee-3',
        dossierId: 'APC-U1',
        intervenantId: MEMBRE_OCCITANIE.id,
        type: 'directeur_ml',
        date: '2027-01-16',
        demiJournees: 2,
        nature: 'journee_intervention',
      },
    ]);
    expect(s.dossier).toEqual({
      dossierId: 'APC-U1',
      dispositif: 'appui_conseil',
      missionLocale: 'ML-LENS',
      region: 'HDF',
      etape: 'bilan',
      demandeLe: jour(0),
      accepteLe: jour(1),
      lanceLe: jour(6),
      finLe: jour(12),
      interlocutrice: INTERLOCUTRICE.id,
      intervenants: [{ id: MEMBRE_OCCITANIE.id, type: 'directeur_ml' }],
    });
    sansDonneesPersonnelles(s, ['Léa Roux', 'Nadia Benali', 'Karim Haddad', CABINET.nom, INTERLOCUTRICE.nom]);
  });

  it('gives each respondent’s answers, question by question', () => {
    const d = miseEnOeuvre();
    d.state.evaluations.push({ repondant: 'intervenant', nom: 'Léa Roux', reponses: { q1: 'Oui', q2: 'Non' }, le: jour(50) });
    expect(instantaneAppuiConseil(d.state).reponses.map((r) => [r.repondant, r.question, r.reponse])).toEqual([
      ['intervenant', 'q1', 'Oui'],
      ['intervenant', 'q2', 'Non'],
    ]);
  });
});

describe('Diagnostic', () => {
  const CONSULTANT: Intervenant = { id: 'CNS-IDF', nom: 'Alix Conseil', email: 'alix@cabinet.fr', type: 'consultant_cabinet', region: 'IDF' };
  const DIRECTEUR: Intervenant = { id: 'DIR-BRE', nom: 'Yves Le Goff', email: 'direction@ml-brest.fr', type: 'directeur_ml', region: 'BRE' };

  function binome(): DiagnosticDossier {
    const d = new DiagnosticDossier(inputDiagnostic('DGN-U1'), jour(0));
    d.accept({ interlocutrice: INTERLOCUTRICE }, jour(1));
    d.designate({ intervenant: CONSULTANT }, 'diagnostiqueur_consultant', jour(2));
    d.designate({ intervenant: DIRECTEUR }, 'diagnostiqueur_directeur', jour(2));
    d.respond({ role: 'diagnostiqueur_consultant', accepte: true }, jour(3));
    d.respond({ role: 'diagnostiqueur_directeur', accepte: true }, jour(3));
    return d;
  }

  it('logs each diagnostiqueur’s days as units of work of their kind, in half-days', () => {
    const d = binome();
    d.logJournee({ role: 'diagnostiqueur_consultant', nature: 'analyse_individuelle', date: jour(4), demiJournees: 2 }, jour(4));
    d.logJournee({ role: 'diagnostiqueur_directeur', nature: 'analyse_individuelle', date: jour(5), demiJournees: 1 }, jour(5));
    const s = instantaneDiagnostic(d.state);
    expect(s.unites).toEqual([
      {
        cle: 'journee-1',
        dossierId: 'DGN-U1',
        intervenantId: 'CNS-IDF',
        type: 'consultant_cabinet',
        date: '2027-01-09',
        demiJournees: 2,
        nature: 'analyse_individuelle',
      },
      {
        cle: 'journee-2',
        dossierId: 'DGN-U1',
        intervenantId: 'DIR-BRE',
        type: 'directeur_ml',
        date: '2027-01-10',
        demiJournees: 1,
        nature: 'analyse_individuelle',
      },
    ]);
    expect(s.dossier).toMatchObject({
      etape: 'analyses_individuelles',
      accepteLe: jour(1),
      intervenants: [
        { id: 'CNS-IDF', type: 'consultant_cabinet' },
        { id: 'DIR-BRE', type: 'directeur_ml' },
      ],
    });
    expect(s.dossier.lanceLe).toBeUndefined();
    sansDonneesPersonnelles(s, [CONSULTANT.nom, DIRECTEUR.nom, 'Claire Martin', 'Jean Dubois']);
  });

  it('refuses a day out of its steps, before its work started, outside the dossier, or from outside the binôme', () => {
    const tot = new DiagnosticDossier(inputDiagnostic('DGN-U2'), jour(0));
    const journe = { role: 'diagnostiqueur_consultant' as const, nature: 'analyse_individuelle' as const, date: jour(1), demiJournees: 2 as const };
    expect(refus(() => tot.checkLogJournee(journe, jour(1)))).toMatch(/du début des analyses individuelles jusqu'à la revue finale/);
    const d = binome();
    expect(refus(() => d.checkLogJournee({ ...journe, nature: 'rapport' }, jour(4)))).toMatch(/s'enregistre à partir de l'étape « rapports individuels »/);
    expect(refus(() => d.checkLogJournee({ ...journe, date: jour(-2) }, jour(4)))).toMatch(/précède la création du dossier/);
    expect(refus(() => d.checkLogJournee({ ...journe, date: jour(6) }, jour(4)))).toMatch(/dans le futur/);
    expect(refus(() => d.checkLogJournee({ ...journe, par: 'Quelqu’un d’autre' }, jour(4)))).toMatch(/ne peut venir que de Alix Conseil/);
    expect(refus(() => d.checkLogJournee({ ...journe, nature: 'inconnue' as never }, jour(4)))).toMatch(/Nature de journée inconnue/);
    expect(() => d.checkLogJournee(journe, jour(4))).not.toThrow();
  });

  it('says what the diagnostic led to, and its questionnaires’ answers', () => {
    const d = binome();
    d.state.aConduitA = 'CMP-SUITE1';
    d.state.evaluations = [{ repondant: 'ml', nom: 'Claire Martin', reponses: { utile: 'Oui' }, le: jour(60) }];
    const s = instantaneDiagnostic(d.state);
    expect(s.dossier.aConduitA).toEqual(['CMP-SUITE1']);
    expect(s.reponses).toEqual([{ dossierId: 'DGN-U1', repondant: 'ml', question: 'utile', reponse: 'Oui', le: jour(60) }]);
  });
});
