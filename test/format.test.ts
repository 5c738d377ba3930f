// French formatting and the Europe/Paris zone (domain/format.ts): the exact texts emails, pages and refusals show.
import {
  dateCivileFr,
  dateFr,
  dateHeureCourteFr,
  dateHeureFr,
  dateHeureLongueFr,
  delaiFr,
  dateLongueFr,
  dateParis,
  dureeFr,
  eurosFr,
  fromParisTime,
  heuresFr,
  horodatageFr,
  jourParis,
  joursFr,
  nombreFr,
  parisTime,
  tailleFr,
} from '../domain/format';

// fr-FR separators: a narrow no-break space between thousands, a no-break space before the euro sign.
const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('Paris time', () => {
  it('converts both ways in winter and in summer', () => {
    expect(parisTime(Date.parse('2027-01-15T09:00:00Z'))).toMatchObject({ day: 15, hour: 10 });
    expect(parisTime(Date.parse('2027-07-15T09:00:00Z'))).toMatchObject({ day: 15, hour: 11 });
    expect(new Date(fromParisTime({ year: 2027, month: 1, day: 15, hour: 10, minute: 0, second: 0 })).toISOString()).toBe('2027-01-15T09:00:00.000Z');
    expect(new Date(fromParisTime({ year: 2027, month: 7, day: 15, hour: 11, minute: 0, second: 0 })).toISOString()).toBe('2027-07-15T09:00:00.000Z');
  });

  it('takes the later instant in the repeated autumn hour and shifts the spring gap forward', () => {
    // 25 October 2026: 02:30 happens twice in Paris (UTC+2, then UTC+1).
    expect(new Date(fromParisTime({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 })).toISOString()).toBe('2026-10-25T01:30:00.000Z');
    // 29 March 2026: 02:30 does not exist in Paris (02:00 → 03:00).
    expect(new Date(fromParisTime({ year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 })).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('gives the Paris calendar day, not the UTC one', () => {
    expect(dateParis('2026-12-06T23:30:00.000Z')).toBe('2026-12-07');
    expect(dateParis('2026-07-01T21:59:00.000Z')).toBe('2026-07-01');
    expect(dateParis('2026-07-01T22:00:00.000Z')).toBe('2026-07-02');
  });
});

describe('dates in French', () => {
  it('writes the day with its weekday, the 1st as "1er", in Paris', () => {
    expect(dateFr('2026-12-07T10:00:00.000Z')).toBe('lundi 7 décembre 2026');
    expect(dateFr('2026-12-01T10:00:00.000Z')).toBe('mardi 1er décembre 2026');
    expect(dateFr('2026-12-06T23:30:00.000Z')).toBe('lundi 7 décembre 2026');
    expect(dateFr('2026-12-11')).toBe('vendredi 11 décembre 2026');
  });

  it('writes the time in Paris, winter and summer', () => {
    expect(dateHeureFr('2026-12-01T13:30:00.000Z')).toBe('mardi 1er décembre 2026 à 14 h 30');
    expect(dateHeureFr('2026-07-14T07:05:00.000Z')).toBe('mardi 14 juillet 2026 à 09 h 05');
    expect(dateHeureFr('2026-12-31T23:00:00.000Z')).toBe('vendredi 1er janvier 2027 à 00 h 00');
  });

  it('writes the 1st "1er" everywhere: jourParis as dateFr, dateLongueFr without the weekday', () => {
    expect(jourParis('2026-12-06T23:30:00.000Z')).toBe('lundi 7 décembre 2026');
    expect(jourParis('2026-12-01T10:00:00.000Z')).toBe('mardi 1er décembre 2026');
    expect(dateLongueFr('2026-12-07T10:00:00.000Z')).toBe('7 décembre 2026');
    expect(dateLongueFr('2026-11-30T23:30:00.000Z')).toBe('1er décembre 2026');
  });

  it('has one date-and-time style: the staff view, the link pages and the dev mailbox write it as the emails do', () => {
    const iso = '2026-12-01T13:30:00.000Z';
    expect(dateHeureCourteFr(iso)).toBe('mardi 1er décembre 2026 à 14 h 30');
    expect(dateHeureLongueFr(iso)).toBe('mardi 1er décembre 2026 à 14 h 30');
    expect(horodatageFr(new Date(iso))).toBe('mardi 1er décembre 2026 à 14 h 30');
  });

  it('writes a calendar date as itself, from a string or a day number', () => {
    expect(dateCivileFr('2025-03-01')).toBe('1er mars 2025');
    expect(dateCivileFr('2026-12-07T23:30:00.000Z')).toBe('7 décembre 2026');
    expect(dateCivileFr(Date.UTC(2026, 7, 15) / 86_400_000)).toBe('15 août 2026');
  });

  it('gives back what is not a date', () => {
    for (const f of [dateFr, dateHeureFr, jourParis, dateLongueFr, dateCivileFr]) expect(f('à convenir')).toBe('à convenir');
  });
});

describe('durations', () => {
  it('writes minutes under an hour as minutes, else hours and minutes', () => {
    expect(dureeFr(45)).toBe('45 min');
    expect(dureeFr(60)).toBe('1 h');
    expect(dureeFr(90)).toBe('1 h 30');
    expect(dureeFr(125)).toBe('2 h 05');
    expect(dureeFr(420)).toBe('7 h');
  });

  it('writes an hour package with the same rule as any duration (under an hour in minutes)', () => {
    expect(heuresFr(1440)).toBe('24 h');
    expect(heuresFr(1170)).toBe('19 h 30');
    expect(heuresFr(45)).toBe('45 min');
    expect(heuresFr(0)).toBe('0 h');
  });

  it('writes days with their plural from 2', () => {
    expect(joursFr(0.5)).toBe('0,5 jour');
    expect(joursFr(1)).toBe('1 jour');
    expect(joursFr(1.5)).toBe('1,5 jour');
    expect(joursFr(2)).toBe('2 jours');
    expect(joursFr(15.5)).toBe('15,5 jours');
  });
});

describe('numbers', () => {
  it('writes at most one decimal with French separators', () => {
    expect(nombreFr(8)).toBe('8');
    expect(nombreFr(7.5)).toBe('7,5');
    expect(nombreFr(6.67)).toBe('6,7');
    expect(nombreFr(1500)).toBe(`1${NNBSP}500`);
  });

  it('writes euros with two decimals', () => {
    expect(eurosFr(1250)).toBe(`1${NNBSP}250,00${NBSP}€`);
    expect(eurosFr(0.5)).toBe(`0,50${NBSP}€`);
  });

  it('writes sizes in octets, ko and Mo (binary multiples)', () => {
    expect(tailleFr(512)).toBe('512 octets');
    expect(tailleFr(102_400)).toBe('100 ko');
    expect(tailleFr(1536)).toBe('1,5 ko');
    expect(tailleFr(1_048_576)).toBe('1 Mo');
    expect(tailleFr(10 * 1_048_576)).toBe('10 Mo');
  });
});

describe('delaiFr: a configured delay as the texts say it (issue #17 §3)', () => {
  it('reads the defaults and the shortened demo settings', () => {
    expect(delaiFr(90 * 86_400_000)).toBe('3 mois');
    expect(delaiFr(14 * 86_400_000)).toBe('2 semaines');
    expect(delaiFr(86_400_000)).toBe('1 jour');
    expect(delaiFr(5 * 86_400_000)).toBe('5 jours');
    expect(delaiFr(2 * 3_600_000)).toBe('2 heures');
    expect(delaiFr(3 * 60_000)).toBe('3 minutes');
    expect(delaiFr(90_000)).toBe('2 minutes');
  });
});
