// Finds the personal action links in the emails an SMTP sink captured.
import { simpleParser, type AddressObject } from 'mailparser';
import { poll } from './api-stack';

export interface LinkMail {
  kind: string;
  to: string[];
  subject: string;
  text: string;
  links: string[];
}

const addresses = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => (v.address ?? '').toLowerCase()));

export async function parseMails(raws: string[]): Promise<LinkMail[]> {
  return Promise.all(
    raws.map(async (raw) => {
      const m = await simpleParser(raw);
      const text = m.text ?? '';
      return {
        kind: String(m.headers.get('x-dispositifs-kind') ?? ''),
        to: addresses(m.to),
        subject: m.subject ?? '',
        text,
        links: [...text.matchAll(/https?:\/\/\S+\/agir\/\S+/g)].map((x) => x[0]),
      };
    }),
  );
}

/** Waits for an email (of `kind`, if given) to `to` about `dossierId` that carries a link (to `action`, if given), and returns the link. */
export async function waitForActionLink(mails: () => string[], a: { dossierId: string; kind?: string; action?: string; to: string; except?: string[] }): Promise<string> {
  return poll(`a ${a.kind ?? a.action ?? ''} email with a link to ${a.to}`, async () => {
    const parsed = await parseMails(mails());
    const found = parsed
      .filter((m) => (a.kind === undefined || m.kind === a.kind) && m.to.includes(a.to.toLowerCase()) && m.subject.includes(a.dossierId))
      .flatMap((m) => m.links)
      .filter((l) => (a.action === undefined || new URL(l).pathname.endsWith(`/${a.action}`)) && !(a.except ?? []).includes(l));
    return found[0];
  }, 20_000);
}
