// Security headers (helmet) with a content security policy the pages pass, and rate limits (express-rate-limit) on
// sign-in and on the public forms (issue #12).
//  - Pages and API: no script at all; styles only the layout's and the suivi document's inline <style> blocks, by
//    their SHA-256; forms post to this site only; never framed.
//  - /docs (Swagger UI): its own scripts and styles ('self'; its inline styles need 'unsafe-inline').
//  - /dev/mail (development only): the captured emails' inline styles, in a sandboxed iframe.
// Rate limits count per client address (TRUST_PROXY says how many proxies to look through) and skip signed-in staff.
import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Config } from '../../config';
import { STYLE as STYLE_DOCUMENT } from '../document-suivi/render';
import { sendMessage, STYLES_DES_PAGES } from '../pages/render';
import { STYLE_CHIFFRES } from '../pages/chiffres/style'; // The network's figures' pages (issue #14): their one <style> block
import { accesDe } from './middleware';

const empreinteCsp = (css: string) => `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;

const COMMUN = {
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
};

export function entetesSecurite(options: { https: boolean }): RequestHandler {
  const pages = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'none'"],
        'style-src': [...STYLES_DES_PAGES, STYLE_DOCUMENT, STYLE_CHIFFRES].map(empreinteCsp),
        'img-src': ["'self'", 'data:'],
        ...COMMUN,
        ...(options.https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    strictTransportSecurity: options.https,
  });
  const docs = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      ...COMMUN,
    },
  });
  const devMail = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: { 'default-src': ["'none'"], 'style-src': ["'unsafe-inline'"], 'img-src': ["'self'", 'data:'], ...COMMUN },
  });
  return (req, res, next) => {
    pages(req, res, (err?: unknown) => {
      if (err) {
        next(err);
        return;
      }
      if (req.path === '/docs' || req.path.startsWith('/docs/')) docs(req, res, next);
      else if (req.path === '/dev/mail' || req.path.startsWith('/dev/mail/')) devMail(req, res, next);
      else next();
    });
  };
}

const QUINZE_MINUTES = 15 * 60_000;

function trop(res: Response, api: boolean, quoi: string): void {
  const message = `Trop de ${quoi} depuis votre adresse : réessayez dans quelques minutes.`;
  if (api) res.status(429).json({ error: 'trop_de_requetes', message });
  else sendMessage(res, 429, 'Trop de tentatives', [message], 'alerte');
}

/** Sign-in: asking for a link and using one. */
export function limiteConnexion(config: Pick<Config, 'RATE_LIMIT_SIGNIN'>): RequestHandler {
  return rateLimit({
    windowMs: QUINZE_MINUTES,
    limit: config.RATE_LIMIT_SIGNIN,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => trop(res, false, 'demandes de connexion'),
  });
}

/** The public forms and their API twins (demands, applications, link pages), for people without an account. */
export function limiteFormulairesPublics(config: Pick<Config, 'RATE_LIMIT_PUBLIC'>): RequestHandler {
  return rateLimit({
    windowMs: QUINZE_MINUTES,
    limit: config.RATE_LIMIT_PUBLIC,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (_req, res) => accesDe(res) !== undefined,
    handler: (req, res) => trop(res, req.path.startsWith('/api/'), 'envois'),
  });
}

/** The routes limiteFormulairesPublics guards (POST). */
export const FORMULAIRES_PUBLICS = [
  '/api/demandes',
  '/api/candidatures',
  '/demande/:dispositif',
  '/candidater',
  '/agir/:id/:action',
  '/agir/:id/:action/nouveau-lien',
];
