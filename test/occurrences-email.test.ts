// Where an email address appears in a dossier's state (domain/donnees-personnelles.ts): each holding object once,
// with its path, whatever the address's case; nothing for an address that is not there.
import { occurrencesEmail } from '../domain/donnees-personnelles';

const ETAT = {
  dossierId: 'CMP-0123456789',
  demande: {
    direction: { nom: 'Claire Martin', email: 'Claire.Martin@ml-lille.fr' },
    presidence: { nom: 'Paul Roux', email: 'president@ml-lille.fr' },
    description: 'Tensions managériales',
  },
  intervenant: { id: 'INT-1', nom: 'Anne Kerouac', email: 'direction@ml-quimper.fr' },
  courriels: [
    { kind: 'demande_acceptee', a: ['Claire Martin <claire.martin@ml-lille.fr>'], cc: [] },
    { kind: 'intervenant_designe', a: ['Anne Kerouac <direction@ml-quimper.fr>'], cc: ['Claire Martin <claire.martin@ml-lille.fr>'] },
  ],
};

describe('occurrences of an email address', () => {
  it('lists each object that holds it, with its path, case aside', () => {
    const o = occurrencesEmail(ETAT, ' claire.martin@ML-LILLE.fr ');
    expect(o.map((x) => x.chemin)).toEqual(['demande.direction', 'courriels[0]', 'courriels[1]']);
    expect(o[0]!.valeur).toEqual({ nom: 'Claire Martin', email: 'Claire.Martin@ml-lille.fr' });
    expect(occurrencesEmail(ETAT, 'direction@ml-quimper.fr').map((x) => x.chemin)).toEqual(['intervenant', 'courriels[1]']);
  });

  it('finds nothing for an address the state does not hold, nor for an empty one', () => {
    expect(occurrencesEmail(ETAT, 'inconnu@example.org')).toEqual([]);
    expect(occurrencesEmail(ETAT, '  ')).toEqual([]);
  });
});
