// The retention limits (domain/retention.ts): calendar months back, the day clamped to the month's end.
import { limitesPurge, moisApres, moisAvant } from '../domain/retention';

describe('retention limits', () => {
  it('counts calendar months back, keeping the time and clamping the day to the month', () => {
    expect(moisAvant('2026-12-02T01:00:00.000Z', 24)).toBe('2024-12-02T01:00:00.000Z');
    expect(moisAvant('2026-08-31T10:30:00.000Z', 6)).toBe('2026-02-28T10:30:00.000Z');
    expect(moisAvant('2024-08-31T10:30:00.000Z', 6)).toBe('2024-02-29T10:30:00.000Z');
    expect(moisAvant('2026-03-15T00:00:00.000Z', 15)).toBe('2024-12-15T00:00:00.000Z');
    expect(moisApres('2024-12-31T08:00:00.000Z', 2)).toBe('2025-02-28T08:00:00.000Z');
    expect(moisApres(moisAvant('2026-12-02T01:00:00.000Z', 24), 24)).toBe('2026-12-02T01:00:00.000Z');
    expect(() => moisAvant('hier', 6)).toThrow(/not a date/);
    expect(() => moisAvant('2026-03-15T00:00:00.000Z', 1.5)).toThrow(/whole number/);
  });

  it('gives the purge its two limits: 24 months for dossiers, 6 for refused applications by default', () => {
    expect(limitesPurge('2026-12-02T01:00:00.000Z', { dossiersMois: 24, candidaturesMois: 6 })).toEqual({
      dossiersTerminesAvant: '2024-12-02T01:00:00.000Z',
      candidaturesRefuseesAvant: '2026-06-02T01:00:00.000Z',
    });
  });
});
