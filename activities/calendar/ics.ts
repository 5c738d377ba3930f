// iCalendar invitations (RFC 5545/5546) for scheduled events, built with ical-generator: METHOD:REQUEST for
// an invitation or an update (same UID, higher SEQUENCE), METHOD:CANCEL for a cancellation. Times are in
// Europe/Paris with its VTIMEZONE, so clients show the right hour on both sides of a daylight-saving change.
import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { TIME_ZONE } from '../../domain/format';
import type { Evenement, Recipient } from '../email/kinds';

export function buildIcs(e: Evenement, who: { organisateur: Recipient; participants: Recipient[]; stamp?: Date }): string {
  const method = e.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  const cal = ical({
    prodId: { company: 'UNML', product: 'dispositifs', language: 'FR' },
    method,
    timezone: { name: TIME_ZONE, generator: getVtimezoneComponent },
  });
  const start = new TZDate(Date.parse(e.debut), TIME_ZONE);
  const end = new TZDate(Date.parse(e.debut) + e.dureeMinutes * 60_000, TIME_ZONE);
  const seen = new Set<string>();
  cal.createEvent({
    id: e.uid,
    sequence: e.sequence,
    stamp: who.stamp ?? new Date(),
    start,
    end,
    timezone: TIME_ZONE,
    summary: e.titre,
    ...(e.description ? { description: e.description } : {}),
    ...(e.lien ? { location: e.lien, url: e.lien } : {}),
    status: e.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: who.organisateur.nom, email: who.organisateur.email },
    attendees: who.participants
      .filter((r) => !seen.has(r.email.toLowerCase()) && seen.add(r.email.toLowerCase()))
      .map((r) => ({ name: r.nom, email: r.email, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.NEEDSACTION, rsvp: e.method !== 'CANCEL' })),
  });
  return cal.toString();
}
