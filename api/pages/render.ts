// Server-rendered French pages: one Handlebars instance (auto-escaping), one layout readable on a phone and
// accessible (lang="fr", labels bound to inputs, errors tied with aria-describedby, visible focus, contrast
// above 7:1 for text), no front-end framework and no script. Templates are .hbs files beside the code that uses
// them (layout.hbs, the champ partial champ.hbs and message.hbs for this one), read and compiled once, at load.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'express';
import Handlebars from 'handlebars';

const hbs = Handlebars.create();

hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);

/** A form field; `erreur` is shown under it and announced with it. */
export interface Champ {
  nom: string;
  libelle: string;
  type: 'text' | 'email' | 'tel' | 'textarea' | 'number' | 'datetime-local' | 'select' | 'checkbox' | 'hidden' | 'radios' | 'cases';
  valeur?: string;
  aide?: string;
  requis?: boolean;
  erreur?: string;
  options?: { valeur: string; libelle: string; choisi?: boolean }[];
  min?: number;
  max?: number;
  coche?: boolean;
}

hbs.registerPartial('champ', source(__dirname, 'champ.hbs'));

const layout = hbs.compile<{ titre: string; contenu: string }>(source(__dirname, 'layout.hbs'));

/**
 * A page template's source, from its .hbs file beside the code that uses it (`dir`: that code's __dirname). The
 * file's final newline is not part of the template: a template that ends with a newline ends with a blank line.
 * A line ending in `{{!~}}` goes on with the next one (that comment strips the line break and the indent after
 * it), which keeps lines short without changing the HTML.
 */
function source(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8').replace(/\n$/, '');
}

/** Compiles a page body template (auto-escaped) from its .hbs file beside the caller (`dir`: its __dirname): once, at module load. */
export function templateFile<M>(dir: string, file: string): (model: M) => string {
  return hbs.compile<M>(source(dir, file), { strict: false });
}

/** The alert above a form sent back with `n` (at least one) field errors. */
export const alerteErreurs = (n: number): string =>
  `Le formulaire contient ${n > 1 ? `${n} erreurs` : 'une erreur'} : corrigez le ou les champs signalés ci-dessous.`;

/** Sends a full page: the body rendered into the layout. */
export function sendPage(res: Response, status: number, titre: string, contenu: string): void {
  res.status(status).type('html').set('Cache-Control', 'no-store').set('Referrer-Policy', 'no-referrer').send(layout({ titre, contenu }));
}

/** A page saying one thing: a title, paragraphs, optional kind of box. */
const messageTpl = templateFile<{ titre: string; paragraphes: string[]; classe: string }>(__dirname, 'message.hbs');
export function sendMessage(res: Response, status: number, titre: string, paragraphes: string[], classe: 'encadre' | 'alerte' | 'succes' = 'encadre'): void {
  sendPage(res, status, titre, messageTpl({ titre, paragraphes, classe }));
}

/** "2026-12-01T10:00" (Paris wall clock, from <input type="datetime-local">) → ISO with Paris's offset then. */
export function parisLocalToIso(local: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // The Paris offset at that instant (twice, to settle around DST changes).
  let offset = parisOffsetMinutes(new Date(asUtc));
  offset = parisOffsetMinutes(new Date(asUtc - offset * 60_000));
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${local.trim()}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Paris's wall clock, in parts. */
const HORLOGE_PARIS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

function parisOffsetMinutes(at: Date): number {
  const parts = HORLOGE_PARIS.formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((wall - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The Paris wall clock of an instant, for a datetime-local value. */
export function isoToParisLocal(at: Date): string {
  const parts = HORLOGE_PARIS.formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}
