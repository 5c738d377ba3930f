// Working days in Europe/Paris: weekends and French public holidays (from @socialgouv/jours-feries) skipped.
import { addJoursOuvres, estJourOuvre } from '../domain/calendar';

describe('addJoursOuvres', () => {
  it('goes from Friday 24 December 2027 to Monday 27 (Christmas falls on the Saturday)', () => {
    expect(addJoursOuvres('2027-12-24T09:00:00.000Z', 1)).toBe('2027-12-27T09:00:00.000Z');
  });

  it('skips Christmas when it falls on a weekday: Thursday 24 December 2026 + 1 → Monday 28', () => {
    expect(addJoursOuvres('2026-12-24T09:00:00.000Z', 1)).toBe('2026-12-28T09:00:00.000Z');
  });

  it('skips Easter Monday (6 April 2026) after the weekend', () => {
    // Friday 3 April 2026, 10:00 Paris (summer time, UTC+2) + 1 → Tuesday 7 April, 10:00 Paris.
    expect(addJoursOuvres('2026-04-03T08:00:00.000Z', 1)).toBe('2026-04-07T08:00:00.000Z');
  });

  it('skips 14 July (a Tuesday in 2026)', () => {
    expect(addJoursOuvres('2026-07-13T12:00:00.000Z', 1)).toBe('2026-07-15T12:00:00.000Z');
  });

  it('keeps the Paris wall-clock time across a daylight-saving change', () => {
    // Friday 23 October 2026, 14:00 Paris (UTC+2) + 1 → Monday 26 October, 14:00 Paris (UTC+1).
    expect(addJoursOuvres('2026-10-23T12:00:00.000Z', 1)).toBe('2026-10-26T13:00:00.000Z');
  });

  it('counts the Paris calendar day, not the UTC one, near midnight', () => {
    // Saturday 1 August 2026 at 23:30 UTC is Sunday 2 August 01:30 in Paris: + 1 → Monday 3 August 01:30 Paris.
    expect(addJoursOuvres('2026-08-01T23:30:00.000Z', 1)).toBe('2026-08-02T23:30:00.000Z');
  });

  it('adds 20 working days over May 2026 (1 May, 8 May, Ascension 14 May, Whit Monday 25 May)', () => {
    // From Thursday 30 April 2026: May has 21 weekdays, 4 of them holidays (17 working days) → the 20th is Wednesday 3 June.
    expect(addJoursOuvres('2026-04-30T07:00:00.000Z', 20)).toBe('2026-06-03T07:00:00.000Z');
  });

  it('keeps the milliseconds, and counts from a weekend day as from the Friday before', () => {
    // Sunday 8 March 2026 + 20 → Friday 3 April (26 days later, the clocks going forward on 29 March).
    expect(addJoursOuvres('2026-03-08T09:00:00.123Z', 20)).toBe('2026-04-03T08:00:00.123Z');
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addJoursOuvres('2026-04-30T07:00:00.000Z', -1)).toThrow(RangeError);
    expect(() => addJoursOuvres('2026-04-30T07:00:00.000Z', 1.5)).toThrow(RangeError);
  });
});

describe('working days', () => {
  it('knows weekends and holidays', () => {
    expect(estJourOuvre(2026, 11, 11)).toBe(false); // Armistice
    expect(estJourOuvre(2026, 11, 12)).toBe(true);
    expect(estJourOuvre(2026, 11, 14)).toBe(false); // Saturday
  });
});
