// Server-rendered French pages: one Handlebars instance (auto-escaping), one layout readable on a phone and
// accessible (lang="fr", labels bound to inputs, errors tied with aria-describedby, visible focus, contrast
// above 7:1 for text), no front-end framework and no script. Templates are .hbs files beside the code that uses
// them (layout.hbs, the champ partial champ.hbs and message.hbs for this one), read and compiled once, at load.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'express';
import Handlebars from 'handlebars';
import { LIBELLES_ROLES } from '../../db/comptes-store';
import type { AccesCompte } from '../acces/middleware';
import type { RegleRoute } from '../acces/routes';

const hbs = Handlebars.create();

hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);

/** A form field; `erreur` is shown under it and announced with it. */
export interface Champ {
  nom: string;
  libelle: string;
  // 'date': a day (the figures' period, api/pages/chiffres/).
  type: 'text' | 'email' | 'tel' | 'textarea' | 'number' | 'date' | 'datetime-local' | 'select' | 'checkbox' | 'hidden' | 'radios' | 'cases' | 'groupe';
  valeur?: string;
  aide?: string;
  requis?: boolean;
  erreur?: string;
  options?: { valeur: string; libelle: string; choisi?: boolean }[];
  min?: number;
  max?: number;
  coche?: boolean;
  /** A 'groupe' (an array of objects in the back office's action forms, s6): one fieldset per row, and its add button. */
  lignes?: { legende: string; champs: Champ[] }[];
  ajouter?: { nom: string; libelle: string };
}

hbs.registerPartial('champ', source(__dirname, 'champ.hbs'));

/** The back office's frame: who is signed in, the sign-out button and the navigation (staff pages only). */
export interface Cadre {
  nom: string;
  role: string;
  /** The sign-out form's CSRF token, for a session (a token has no session to end). */
  csrf?: string;
  liens: { href: string; libelle: string; courant: boolean }[];
}

const layout = hbs.compile<{ titre: string; contenu: string; cadre?: Cadre }>(source(__dirname, 'layout.hbs'));

/** The back office's sections: the dossiers' lists, the pool, the accounts (admins) and one's own API tokens. */
const SECTIONS: { href: string; libelle: string; admin?: true; courant: (chemin: string, vue: string | undefined) => boolean }[] = [
  { href: '/staff', libelle: 'Mes dossiers', courant: (c, v) => c === '/staff' && (v === undefined || v === 'mes-dossiers') },
  { href: '/staff?vue=a-traiter', libelle: 'À traiter', courant: (c, v) => c === '/staff' && v === 'a-traiter' },
  { href: '/staff?vue=tous', libelle: 'Tous les dossiers', courant: (c, v) => c === '/staff' && v === 'tous' },
  { href: '/campagnes', libelle: 'Campagnes', courant: (c) => c === '/campagnes' || c.startsWith('/campagnes/') }, // Regional campaigns
  { href: '/chiffres', libelle: 'Chiffres', courant: (c) => c === '/chiffres' || c.startsWith('/chiffres/') }, // The network's figures (issue #14)
  { href: '/vivier', libelle: 'Vivier', courant: (c) => c === '/vivier' || c.startsWith('/vivier/') },
  { href: '/exports', libelle: 'Exports', courant: (c) => c === '/exports' || c.startsWith('/exports/') }, // Exports (issue #14)
  { href: '/administration', libelle: 'Administration', admin: true, courant: (c) => c === '/administration' || c.startsWith('/administration/') },
  { href: '/mes-jetons', libelle: 'Mes jetons', courant: (c) => c === '/mes-jetons' || c.startsWith('/mes-jetons/') },
];

/**
 * The frame of a page served to a signed-in person on a staff route; none on public routes (demand forms, the
 * pages of participants' links, sign-in), even when a staff member opens them.
 */
export function cadreDe(res: Response): Cadre | undefined {
  const { acces, regle } = res.locals as { acces?: AccesCompte; regle?: RegleRoute };
  if (!acces || !regle || regle.acces === 'public') return undefined;
  const req = res.req as { path?: string; query?: Record<string, unknown> } | undefined;
  const chemin = req?.path ?? '';
  const vue = typeof req?.query?.vue === 'string' ? req.query.vue : undefined;
  return {
    nom: acces.compte.nom,
    role: LIBELLES_ROLES[acces.role],
    ...(acces.via === 'session' && acces.csrf ? { csrf: acces.csrf } : {}),
    liens: SECTIONS.filter((s) => !s.admin || acces.role === 'admin').map((s) => ({ href: s.href, libelle: s.libelle, courant: s.courant(chemin, vue) })),
  };
}

/** The layout's inline <style> blocks, as sent: the content security policy allows exactly these (api/acces/securite.ts). */
export const STYLES_DES_PAGES: string[] = [...layout({ titre: '', contenu: '' }).matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);

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
  const cadre = cadreDe(res);
  res
    .status(status)
    .type('html')
    .set('Cache-Control', 'no-store')
    .set('Referrer-Policy', 'no-referrer')
    .send(layout({ titre, contenu, ...(cadre ? { cadre } : {}) }));
}

/** A page saying one thing: a title, paragraphs, optional kind of box. */
const messageTpl = templateFile<{ titre: string; paragraphes: string[]; classe: string }>(__dirname, 'message.hbs');
export function sendMessage(res: Response, status: number, titre: string, paragraphes: string[], classe: 'encadre' | 'alerte' | 'succes' = 'encadre'): void {
  sendPage(res, status, titre, messageTpl({ titre, paragraphes, classe }));
}

// The Paris wall clock of form fields: domain/format.ts.
export { isoToParisLocal, parisLocalToIso } from '../../domain/format';
