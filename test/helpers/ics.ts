// Reads the iCalendar part of a sent email back with a real parser (ical.js), for tests.
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';

export interface IcsEvent {
  method: string;
  uid: string;
  sequence: number;
  status: string | undefined;
  /** TZID of DTSTART. */
  tzid: string | undefined;
  /** DTSTART as the wall-clock time of its zone, e.g. "2027-01-15T10:00:00". */
  debutLocal: string;
  /** DTSTART as an instant, resolved with the calendar's own VTIMEZONE. */
  debut: Date;
  fin: Date;
  organizer: string;
  attendees: string[];
  summary: string;
}

/** Parses an iCalendar text with ical.js (its VTIMEZONE registered, so times resolve through it). */
export function parseIcs(text: string): IcsEvent {
  const cal = new ICAL.Component(ICAL.parse(text));
  const vtz = cal.getFirstSubcomponent('vtimezone');
  if (!vtz) throw new Error('no VTIMEZONE in the calendar');
  ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
  const vevent = cal.getFirstSubcomponent('vevent')!;
  const event = new ICAL.Event(vevent);
  const dtstart = vevent.getFirstProperty('dtstart')!;
  return {
    method: String(cal.getFirstPropertyValue('method')),
    uid: event.uid,
    sequence: event.sequence,
    status: vevent.getFirstPropertyValue('status')?.toString(),
    tzid: dtstart.getParameter('tzid') as string | undefined,
    debutLocal: event.startDate.toString(),
    debut: event.startDate.toJSDate(),
    fin: event.endDate.toJSDate(),
    organizer: String(vevent.getFirstPropertyValue('organizer')),
    attendees: event.attendees.map((a) => String(a.getFirstValue())),
    summary: event.summary,
  };
}

/** The iCalendar invitation attached to a raw MIME email (nodemailer's icalEvent), or undefined. */
export async function icsOfEmail(raw: string): Promise<(IcsEvent & { contentType: string }) | undefined> {
  const mail = await simpleParser(raw);
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!part) return undefined;
  return { ...parseIcs(part.content.toString('utf8')), contentType: part.contentType };
}
