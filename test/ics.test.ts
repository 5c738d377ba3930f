// iCalendar invitations built by the email activity, read back with ical.js: UID, SEQUENCE, METHOD, and
// DTSTART in Europe/Paris (with its VTIMEZONE) on both sides of the daylight-saving change.
import { simpleParser } from 'mailparser';
import { createActivities } from '../activities';
import { buildIcs } from '../activities/calendar/ics';
import type { Evenement } from '../activities/email/kinds';
import { uidFor } from '../workflows/shared/agenda';
import { capturingTransport } from './helpers/worker';
import { icsOfEmail, parseIcs } from './helpers/ics';

const ORGANISATEUR = { nom: 'UNML', email: 'dispositifs@unml.info' };
const PARTICIPANTS = [
  { nom: 'Claire Martin', email: 'direction@ml-rouen.fr' },
  { nom: 'Paul Le Gall', email: 'direction@ml-brest.fr' },
];
const evenement = (overrides: Partial<Evenement> = {}): Evenement => ({
  uid: uidFor('CMP-0A1B2C3D4E', 'lancement'),
  sequence: 0,
  method: 'REQUEST',
  debut: '2027-01-15T09:00:00.000Z',
  dureeMinutes: 60,
  titre: 'Visio de lancement – Compagnonnage Mission Locale de Rouen',
  lien: 'https://visio.example.org/abc',
  ...overrides,
});

describe('buildIcs', () => {
  it('makes a winter invitation at 10:00 Paris (UTC+1) with a stable UID, organizer and attendees', () => {
    const e = parseIcs(buildIcs(evenement(), { organisateur: ORGANISATEUR, participants: PARTICIPANTS }));
    expect(e).toMatchObject({
      method: 'REQUEST',
      uid: 'CMP-0A1B2C3D4E.lancement@dispositifs.unml.info',
      sequence: 0,
      tzid: 'Europe/Paris',
      debutLocal: '2027-01-15T10:00:00',
      organizer: 'mailto:dispositifs@unml.info',
    });
    expect(e.debut.toISOString()).toBe('2027-01-15T09:00:00.000Z');
    expect(e.fin.toISOString()).toBe('2027-01-15T10:00:00.000Z');
    expect(e.attendees.map((a) => a.toLowerCase())).toEqual(['mailto:direction@ml-rouen.fr', 'mailto:direction@ml-brest.fr']);
  });

  it('makes a summer invitation at 11:00 Paris (UTC+2)', () => {
    const e = parseIcs(buildIcs(evenement({ debut: '2027-07-15T09:00:00.000Z' }), { organisateur: ORGANISATEUR, participants: PARTICIPANTS }));
    expect(e.debutLocal).toBe('2027-07-15T11:00:00');
    expect(e.debut.toISOString()).toBe('2027-07-15T09:00:00.000Z');
  });

  it('keeps a 2-hour event straddling the autumn change at its true length', () => {
    // Sunday 31 October 2027, 01:30 Paris (UTC+2) → 02:30 Paris (UTC+1): 2 h later in real time.
    const e = parseIcs(
      buildIcs(evenement({ debut: '2027-10-30T23:30:00.000Z', dureeMinutes: 120 }), { organisateur: ORGANISATEUR, participants: PARTICIPANTS }),
    );
    expect(e.debutLocal).toBe('2027-10-31T01:30:00');
    expect(e.fin.getTime() - e.debut.getTime()).toBe(2 * 3_600_000);
  });

  it('makes a cancellation with METHOD:CANCEL, STATUS:CANCELLED and the same UID, higher sequence', () => {
    const e = parseIcs(buildIcs(evenement({ method: 'CANCEL', sequence: 2 }), { organisateur: ORGANISATEUR, participants: PARTICIPANTS }));
    expect(e).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: 'CMP-0A1B2C3D4E.lancement@dispositifs.unml.info', sequence: 2 });
  });

  it('does not depend on the host time zone', () => {
    const before = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(parseIcs(buildIcs(evenement(), { organisateur: ORGANISATEUR, participants: PARTICIPANTS })).debutLocal).toBe('2027-01-15T10:00:00');
    } finally {
      process.env.TZ = before;
    }
  });
});

describe('notify with an event', () => {
  it('attaches the invitation as text/calendar; method=REQUEST so clients show it as an invitation', async () => {
    const { transport, raw } = capturingTransport();
    const { notify } = createActivities({
      transport,
      from: 'UNML <dispositifs@unml.info>',
      publicUrl: 'http://localhost:3000',
      unmlContactEmail: 'dispositifs@unml.info',
    });
    await notify({
      dossier: { dossierId: 'CMP-0A1B2C3D4E', dispositif: 'compagnonnage', mlNom: 'Mission Locale de Rouen', regionNom: 'Normandie' },
      key: '7-invitation_visio',
      to: PARTICIPANTS,
      message: { kind: 'invitation_visio', visio: 'lancement', debut: '2027-07-15T09:00:00.000Z', dureeMinutes: 60 },
      evenement: evenement({ debut: '2027-07-15T09:00:00.000Z', sequence: 1 }),
    });
    expect(raw).toHaveLength(1);
    expect((await simpleParser(raw[0]!)).text).toMatch(/L’invitation est jointe/);
    const ics = await icsOfEmail(raw[0]!);
    expect(ics?.contentType).toMatch(/^text\/calendar/);
    expect(raw[0]).toMatch(/text\/calendar; ?charset=utf-8; ?method=REQUEST/i);
    expect(ics).toMatchObject({ method: 'REQUEST', uid: 'CMP-0A1B2C3D4E.lancement@dispositifs.unml.info', sequence: 1, debutLocal: '2027-07-15T11:00:00' });
  });
});
