// A personal link for an action already done, or no longer possible, says so from the dossier's state (issue #17):
// the hooks of the pages several dispositifs serve (api/pages/agir/communes.ts), without a server.
import type { ActionLinkClaims } from '../activities/action-links';
import { personHash } from '../activities/action-links';
import { PAGES_APPUI_CONSEIL } from '../api/pages/agir/appui-conseil';
import { PAGES_COMMUNES } from '../api/pages/agir/communes';
import { PAGES_COMPAGNONNAGE } from '../api/pages/agir/compagnonnage';
import { PAGES_DIAGNOSTIC } from '../api/pages/agir/diagnostic';
import { phraseDejaFait, type Contexte } from '../api/pages/agir/page';

const DIRECTION = { nom: 'Claire Martin', email: 'direction@ml-rouen.fr' };
const claims = (over: Partial<ActionLinkClaims>): ActionLinkClaims => ({
  dossierId: 'CMP-0123456789',
  action: 'evaluation',
  personne: personHash(DIRECTION.email),
  role: 'ml',
  jti: 'j',
  expire: '2099-01-01T00:00:00.000Z',
  ...over,
});
const contexte = (state: Record<string, unknown>, over: Partial<ActionLinkClaims> = {}): Contexte =>
  ({
    claims: claims(over),
    personne: DIRECTION,
    libelle: 'Compagnonnage',
    state: {
      dossierId: 'CMP-0123456789',
      dispositif: 'compagnonnage',
      etape: 'post_bilan',
      agenda: {},
      timeline: [],
      evaluations: {},
      reponsesVisio: {},
      demande: { missionLocale: { code: 'ML-ROUEN', nom: 'Mission Locale de Rouen', region: 'NOR' }, direction: DIRECTION },
      ...state,
    },
  }) as unknown as Contexte;

describe('link pages of an action already done or closed', () => {
  it('says an act is already signed, when and by whom', () => {
    const fait = PAGES_COMMUNES['signer-acte-engagement'].dejaFait!(
      contexte({ etape: 'cadrage', acteEngagement: { signataire: 'Claire Martin', signeLe: '2026-12-01T13:30:00.000Z' } }),
    );
    expect(phraseDejaFait(fait!)).toBe('Acte déjà signé le mardi 1er décembre 2026 à 14 h 30 par Claire Martin.');
  });

  it('says the holder already answered the questionnaire', () => {
    const fait = PAGES_COMMUNES.evaluation.dejaFait!(contexte({ evaluations: { ml: { reponses: {}, le: '2026-12-03T09:00:00.000Z' } } }));
    expect(phraseDejaFait(fait!)).toBe('Vous avez déjà répondu au questionnaire le jeudi 3 décembre 2026 à 10 h 00.');
    expect(PAGES_COMMUNES.evaluation.dejaFait!(contexte({}))).toBeUndefined();
  });

  it('says the questionnaire is closed once the dossier is closed, or past its deadline — never "pour le moment"', () => {
    const clos = PAGES_COMMUNES.evaluation.ferme!(
      contexte({ etape: 'cloture', issue: { etape: 'cloture', motif: 'Terminé', le: '2026-12-10T09:00:00.000Z' } }),
    );
    expect(clos).toBe('Le questionnaire est clos : le dossier est clôturé depuis le jeudi 10 décembre 2026 à 10 h 00.');
    const passe = PAGES_COMMUNES.evaluation.ferme!(
      contexte({ questionnaires: { envoyesLe: '2019-12-17T09:00:00.000Z', reponsesAttenduesAvant: '2020-01-01T09:00:00.000Z' } }),
    );
    expect(passe).toMatch(/^Le questionnaire est clos depuis le mercredi 1er janvier 2020 à 10 h 00/);
    expect(
      PAGES_COMMUNES.evaluation.ferme!(
        contexte({ questionnaires: { envoyesLe: '2098-12-17T09:00:00.000Z', reponsesAttenduesAvant: '2099-01-01T09:00:00.000Z' } }),
      ),
    ).toBeUndefined();
  });

  it('says the holder already answered the invitation as planned now, and asks again after a reschedule', () => {
    const reponse = { confirme: true, le: '2026-12-02T08:00:00.000Z', sequence: 1 };
    const agenda = (sequence: number) => ({
      lancement: { titre: 'Visio', debut: '2026-12-09T09:00:00.000Z', dureeMinutes: 60, sequence, annule: false, participants: [] },
    });
    const page = PAGES_COMMUNES['repondre-visio'];
    const objet = { action: 'repondre-visio' as const, objet: 'lancement' };
    const fait = page.dejaFait!(contexte({ agenda: agenda(1), reponsesVisio: { lancement: { ml: reponse } } }, objet));
    expect(phraseDejaFait(fait!)).toBe('Vous avez déjà répondu le mercredi 2 décembre 2026 à 09 h 00.');
    expect(fait!.details!.join(' ')).toContain('vous avez confirmé le créneau');
    expect(page.dejaFait!(contexte({ agenda: agenda(2), reponsesVisio: { lancement: { ml: reponse } } }, objet))).toBeUndefined();
  });

  it('says an accepted intervention is accepted', () => {
    const intervenant = { id: 'int-1', nom: 'Paul Le Gall', email: 'paul@ml-brest.fr', type: 'directeur_ml', region: 'BRE' };
    const c = contexte(
      { etape: 'acte_engagement', intervenant },
      { action: 'repondre-designation', role: 'intervenant', personne: personHash(intervenant.email) },
    );
    (c as { personne: unknown }).personne = intervenant;
    expect(PAGES_COMMUNES['repondre-designation'].dejaFait!(c)).toEqual({ quoi: 'Vous avez déjà accepté cette intervention' });
  });

  it('says a session is already confirmed or contested, when and by whom', () => {
    const seance = { numero: 2, date: '2026-12-01T09:00:00.000Z', dureeMinutes: 60, resume: 'R', enregistreePar: 'intervenant', statut: 'contestee' };
    const confirmation = { confirme: false, commentaire: 'Durée', par: 'Claire Martin', le: '2026-12-02T09:00:00.000Z' };
    const page = PAGES_COMPAGNONNAGE['confirmer-seance'];
    const ficheSuivi = (s: object) => ({ ficheSuivi: { seances: [s], prochaines: [] } });
    const fait = page.dejaFait!(contexte(ficheSuivi({ ...seance, confirmation }), { action: 'confirmer-seance', objet: '2' }));
    expect(phraseDejaFait(fait!)).toBe('Séance 2 déjà contestée le mercredi 2 décembre 2026 à 10 h 00 par Claire Martin.');
    expect(page.dejaFait!(contexte(ficheSuivi({ ...seance, statut: 'en_attente' }), { action: 'confirmer-seance', objet: '2' }))).toBeUndefined();
  });

  it('says a Diagnostic deliverable or answer is already in: analysis, rapport normé, programme, precision', () => {
    const consultant = { id: 'int-2', nom: 'Léa Roux', email: 'lea@cabinet.fr', type: 'consultant_cabinet', region: 'NOR' };
    const diag = (state: object, over: Partial<ActionLinkClaims>) =>
      contexte(
        { dispositif: 'diagnostic', binome: { diagnostiqueur_consultant: { intervenant: consultant } }, analyses: {}, rapports: {}, precisions: [], ...state },
        { role: 'intervenant', personne: personHash(consultant.email), ...over },
      );
    const le = '2026-12-04T15:00:00.000Z';
    const analyse = PAGES_DIAGNOSTIC.analyse.dejaFait!(diag({ analyses: { diagnostiqueur_consultant: { synthese: 'S', le } } }, { action: 'analyse' }));
    expect(phraseDejaFait(analyse!)).toBe('Votre analyse individuelle est déjà déposée le vendredi 4 décembre 2026 à 16 h 00.');
    expect(PAGES_DIAGNOSTIC.analyse.dejaFait!(diag({}, { action: 'analyse' }))).toBeUndefined();
    const rapport = { forces: 'F', faiblesses: 'f', preconisations: ['p'], le };
    const normé = PAGES_DIAGNOSTIC['rapport-individuel'].dejaFait!(
      diag({ rapports: { diagnostiqueur_consultant: rapport } }, { action: 'rapport-individuel' }),
    );
    expect(normé?.quoi).toBe('Votre rapport normé est déjà déposé');
    const programme = { rencontres: ['Équipe'], proposeLe: le, validation: { accepte: true, le, par: 'Claire Martin' } };
    expect(phraseDejaFait(PAGES_DIAGNOSTIC['valider-programme'].dejaFait!(diag({ programme }, { action: 'valider-programme', role: 'ml' }))!)).toBe(
      'Programme déjà validé le vendredi 4 décembre 2026 à 16 h 00 par Claire Martin.',
    );
    const precisions = [{ numero: 1, question: 'Q ?', le, reponse: { texte: 'Oui.', le } }];
    const repondue = PAGES_DIAGNOSTIC['repondre-precisions'].dejaFait!(diag({ precisions }, { action: 'repondre-precisions', role: 'ml', objet: '1' }));
    expect(repondue).toMatchObject({ quoi: 'Cette question a déjà reçu sa réponse', details: ['Oui.'] });
  });

  it('says an Appui Conseil diagnostic report is already filed', () => {
    const c = contexte({ dispositif: 'appui_conseil', rapportDiagnostic: { constats: 'C', conclusions: 'K', deposeLe: '2026-12-04T15:00:00.000Z' } });
    expect(phraseDejaFait(PAGES_APPUI_CONSEIL['rapport-diagnostic'].dejaFait!(c)!)).toBe(
      'Rapport de diagnostic déjà déposé le vendredi 4 décembre 2026 à 16 h 00.',
    );
  });
});
