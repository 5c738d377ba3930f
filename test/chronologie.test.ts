// Time and order (issue #17 §1): the pure rules every dossier applies before recording what happened.
import { aEuLieu, chevauchements, parDate, refusAvantDebut, refusChevauchement, refusDateHorsDossier, refusReunionsAVenir } from '../domain/chronologie';

const creeLe = '2026-12-01T09:00:00.000Z';

describe('a meeting is recorded as held only from its start', () => {
  it('refuses 3 minutes early, naming the start with its time', () => {
    expect(refusAvantDebut('La visio de lancement', '2026-12-03T13:00:00.000Z', '2026-12-03T12:57:00.000Z')).toBe(
      'La visio de lancement commence le jeudi 3 décembre 2026 à 14 h 00 : enregistrez-la comme tenue à partir de cette heure, ' +
        'ou déplacez-la si elle a eu lieu plus tôt.',
    );
  });
  it('accepts from the start', () => {
    expect(refusAvantDebut('La visio de lancement', '2026-12-03T13:00:00.000Z', '2026-12-03T13:00:00.000Z')).toBeUndefined();
  });
});

describe('a step that follows meetings waits for them to have taken place', () => {
  const visio = { quoi: 'La visio bilan collective', debut: '2026-12-10T09:00:00.000Z', dureeMinutes: 60 };
  it('refuses while a meeting has not ended, naming it', () => {
    expect(aEuLieu(visio, '2026-12-10T09:30:00.000Z')).toBe(false);
    expect(refusReunionsAVenir('La fiche bilan', [visio], '2026-12-10T09:30:00.000Z')).toBe(
      "La fiche bilan n'est possible qu'une fois les réunions prévues tenues ; " +
        'encore à venir : La visio bilan collective (jeudi 10 décembre 2026 à 10 h 00, 1 h).',
    );
  });
  it('accepts once its end is past', () => {
    expect(refusReunionsAVenir('La fiche bilan', [visio], '2026-12-10T10:00:00.000Z')).toBeUndefined();
  });
});

describe('what was done is dated within the dossier', () => {
  it('refuses a day before the dossier existed', () => {
    expect(refusDateHorsDossier("La journée d'intervention", '2026-11-20', creeLe, '2026-12-05T10:00:00.000Z')).toBe(
      "La journée d'intervention : la date du 20 novembre 2026 précède la création du dossier (le 1er décembre 2026) ; indiquez la date réelle.",
    );
  });
  it('refuses a session dated before the dossier, and one in the future', () => {
    expect(refusDateHorsDossier('La séance', '2026-11-15T10:00:00.000Z', creeLe, '2026-12-05T10:00:00.000Z')).toMatch(/précède la création du dossier/);
    expect(refusDateHorsDossier('Le déplacement', '2026-12-10', creeLe, '2026-12-01T12:00:00.000Z')).toBe(
      "Le déplacement : la date du 10 décembre 2026 est dans le futur ; n'enregistrez que ce qui a eu lieu.",
    );
  });
  it('accepts a time in the minute the dossier was created (forms give minutes)', () => {
    expect(refusDateHorsDossier('La séance', '2026-12-01T09:00:00.000Z', '2026-12-01T09:00:42.000Z', '2026-12-01T09:05:00.000Z')).toBeUndefined();
    expect(refusDateHorsDossier('La séance', '2026-12-01T08:59:00.000Z', '2026-12-01T09:00:42.000Z', '2026-12-01T09:05:00.000Z')).toMatch(/précède/);
  });
  it('accepts the creation day and today, in Paris days', () => {
    expect(refusDateHorsDossier('La journée', '2026-12-01', creeLe, '2026-12-01T22:30:00.000Z')).toBeUndefined();
    // 23:30 UTC on 1 December is already 2 December in Paris.
    expect(refusDateHorsDossier('La journée', '2026-12-02', creeLe, '2026-12-01T23:30:00.000Z')).toBeUndefined();
  });
});

describe('one person is not in two meetings of the dossier at once', () => {
  const seance = { cle: 'seance-1', titre: 'Séance de Compagnonnage', debut: '2026-12-10T09:00:00.000Z', dureeMinutes: 120, participants: ['dir@ml.fr'] };
  it('finds an overlap for the same person, whatever the case of the email', () => {
    const nouveau = { cle: 'seance-2', titre: 'Séance', debut: '2026-12-10T10:00:00.000Z', dureeMinutes: 60, participants: ['DIR@ml.fr'] };
    expect(chevauchements([seance], nouveau)).toEqual([seance]);
    expect(refusChevauchement(nouveau, [seance])).toMatch(/chevauche « Séance de Compagnonnage » du jeudi 10 décembre 2026 à 10 h 00 \(2 h\)/);
  });
  it('accepts back-to-back slots, other people, and the moved meeting itself', () => {
    expect(refusChevauchement({ ...seance, cle: 'seance-2', debut: '2026-12-10T11:00:00.000Z' }, [seance])).toBeUndefined();
    expect(refusChevauchement({ ...seance, cle: 'seance-2', participants: ['autre@ml.fr'] }, [seance])).toBeUndefined();
    expect(refusChevauchement({ ...seance, debut: '2026-12-10T09:30:00.000Z' }, [seance])).toBeUndefined();
  });
});

it('sorts the suivi document by date, days and instants alike, keeping the order of equal dates', () => {
  const items = [
    { d: '2026-12-05', n: 1 },
    { d: '2026-12-03T10:00:00.000Z', n: 2 },
    { d: '2026-12-05', n: 3 },
    { d: '2026-12-02', n: 4 },
  ];
  expect(parDate(items, (i) => i.d).map((i) => i.n)).toEqual([4, 2, 1, 3]);
});
