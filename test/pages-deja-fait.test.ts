// A personal link for an action already done, or no longer possible, says so from the dossier's state (issue #17):
// the hooks of the pages several dispositifs serve (api/pages/agir/communes.ts), without a server.
import type { ActionLinkClaims } from '../activities/action-links';
import { personHash } from '../activities/action-links';
import { PAGES_COMMUNES } from '../api/pages/agir/communes';
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
});
