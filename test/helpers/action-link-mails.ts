// Finds the personal action links in the emails an SMTP sink captured.
import { simpleParser, type AddressObject } from 'mailparser';
import { until } from './temporal';

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

interface Attendu {
  dossierId: string;
  kind?: string;
  to?: string;
}
const about = (a: Attendu) => (m: LinkMail) =>
  (a.kind === undefined || m.kind === a.kind) && (a.to === undefined || m.to.includes(a.to.toLowerCase())) && m.subject.includes(a.dossierId);

/** Waits for an email of `kind` about `dossierId` (to `to`, with `text` in its body, if given), and returns it. */
export async function waitForMail(mails: () => string[], a: Attendu & { kind: string; text?: string }): Promise<LinkMail> {
  return until(`a ${a.kind} email about ${a.dossierId}${a.to ? ` to ${a.to}` : ''}`, async () =>
    (await parseMails(mails())).find((m) => about(a)(m) && (a.text === undefined || m.text.includes(a.text))),
  );
}

/** Waits for an email (of `kind`, if given) to `to` about `dossierId` that carries a link (to `action`, if given), and returns the link. */
export async function waitForActionLink(mails: () => string[], a: Attendu & { to: string; action?: string; except?: string[] }): Promise<string> {
  return until(`a ${a.kind ?? a.action ?? ''} email with a link to ${a.to}`, async () => {
    const found = (await parseMails(mails()))
      .filter(about(a))
      .flatMap((m) => m.links)
      .filter((l) => (a.action === undefined || new URL(l).pathname.endsWith(`/${a.action}`)) && !(a.except ?? []).includes(l));
    return found[0];
  });
}
