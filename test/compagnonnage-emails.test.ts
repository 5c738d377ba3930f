// The Compagnonnage emails as their readers see them (issue #17): texts that follow the configured delays, UNML told
// of each step it picks up, a session reminder whose button does what it says.
import type { DossierRef, EmailMessage } from '../activities/email/kinds';
import { renderEmail } from '../activities/email/templates';
import { DAY } from './helpers/fixtures';

const CTX = { publicUrl: 'http://localhost:3000', unmlContactEmail: 'dispositifs@unml.info' };
const DOSSIER: DossierRef = { dossierId: 'CMP-0A1B2C3D4E', dispositif: 'compagnonnage', mlNom: 'Mission Locale de Rouen', regionNom: 'Normandie' };
const INTERLOCUTRICE = { nom: 'Sophie Bernard', email: 'sophie.bernard@unml.info' };

const render = (message: EmailMessage, lienAction?: string) =>
  renderEmail({ dossier: DOSSIER, key: `1-${message.kind}`, to: [INTERLOCUTRICE], message }, { ...CTX, ...(lienAction ? { lienAction } : {}) });

describe('Compagnonnage emails', () => {
  it('says the configured delay in the no-session alert', () => {
    const { text } = render({ kind: 'alerte_absence_seance', depuis: '2026-11-16T09:00:00.000Z', delai: 10 * DAY });
    expect(text).toContain(
      'Cela fait 10 jours qu’aucune séance n’a été enregistrée pour l’accompagnement de la Mission Locale de Rouen (depuis le lundi 16 novembre 2026)',
    );
    // Sent before the delay was in the payload: the two weeks it then was.
    expect(render({ kind: 'alerte_absence_seance', depuis: '2026-11-16T09:00:00.000Z' }).text).toContain('Cela fait 2 semaines qu’aucune séance');
  });

  it('says the configured delay in the bilan post-accompagnement', () => {
    expect(render({ kind: 'bilan_post_accompagnement', delai: 60 * DAY }).text).toContain('a pris fin il y a 2 mois');
    expect(render({ kind: 'bilan_post_accompagnement' }).text).toContain('a pris fin il y a 3 mois');
    expect(render({ kind: 'bilan_post_accompagnement', delai: 90 * DAY }).text).not.toMatch(/Trois mois/);
  });

  it('asks, in a session reminder, what its link opens: recording the session once held', () => {
    const { text, html } = render(
      { kind: 'rappel_seance', debut: '2026-12-07T13:30:00.000Z', dureeMinutes: 120 },
      'http://localhost:3000/agir/CMP-0A1B2C3D4E/seance?jeton=x',
    );
    expect(text).toContain('Action attendue de votre part : Une fois la séance tenue, l’enregistrer (date, durée, résumé)');
    expect(text).not.toContain('Participer à la séance');
    expect(html).toContain('href="http://localhost:3000/agir/CMP-0A1B2C3D4E/seance?jeton&#x3D;x"');
    expect(html).toContain('>Le faire en ligne</a>');
  });

  it('tells UNML the acte is signed, the fiche de cadrage filed, the accompaniment ended, with what comes next', () => {
    const acte = render({ kind: 'acte_engagement_signe', signataire: 'Claire Martin' });
    expect(acte.subject).toContain('Acte d’engagement signé');
    expect(acte.text).toContain('signataire : Claire Martin');
    expect(acte.text).toContain('Déposer la fiche de cadrage');
    const cadrage = render({
      kind: 'fiche_cadrage_deposee',
      objectifs: ['Structurer le CODIR'],
      rythme: { heuresParSemaine: 2, semaines: 12 },
      forfait: '24 h',
    });
    expect(cadrage.text).toContain('- Structurer le CODIR');
    expect(cadrage.text).toContain('2 h par semaine sur 12 semaines, soit un forfait de 24 h');
    expect(cadrage.text).toContain('Planifier la visio de lancement');
    const fin = render({ kind: 'accompagnement_termine', seances: 1, consommees: '1 h 30', forfait: '24 h', motif: 'Objectifs atteints' });
    expect(fin.text).toContain('1 séance enregistrée, 1 h 30 consommées sur un forfait de 24 h');
    expect(fin.text).toContain('Motif : Objectifs atteints');
    expect(fin.text).toContain('Planifier les visios bilan');
  });
});
