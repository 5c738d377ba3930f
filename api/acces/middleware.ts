// The access middleware (issue #12): one place where every request is authenticated (a session cookie, or an API
// token `Authorization: Bearer dsp_…`) and authorised against the table of routes (routes.ts). A route missing from
// the table is refused. Without a credential: 401 (JSON for /api, the sign-in page for pages); with a role too low:
// 403. A session's unsafe request (POST, PATCH, DELETE) must carry its CSRF token (form field `_csrf` or header
// `X-CSRF-Token`); API tokens are exempt (a browser never sends them by itself).
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import { type Compte, type ComptesStore, LIBELLES_ROLES, type RoleCompte, roleLePlusHaut, roleSuffit } from '../../db/comptes-store';
import type { Acteur } from '../../workflows/shared/state';
import type { ErrorBody } from '../errors';
import { sendMessage } from '../pages/render';
import { regleDe, type RegleRoute } from './routes';
import { memesJetons, signer } from './secret';

/** The signed session cookie: its value is the session's secret (the database keeps its SHA-256). */
export const COOKIE_SESSION = 'dsp_session';
export const CHAMP_CSRF = '_csrf';
export const ENTETE_CSRF = 'x-csrf-token';

/** Who is signed in on this request, once the middleware has run. */
export interface AccesCompte {
  compte: Compte;
  /** The role this request acts with: the account's highest, or the token's (never above its owner's). */
  role: RoleCompte;
  via: 'session' | 'jeton';
  /** The session's id (its SHA-256), for a session. */
  sessionId?: string;
  /** The token's id, for a token. */
  jetonId?: string;
  /** The CSRF token every form of this session carries (field `_csrf`), for a session. */
  csrf?: string;
}

interface Locals {
  acces?: AccesCompte;
  regle?: RegleRoute;
}

/** The signed-in account of this request (a page or a router reads it), or undefined on a public route without one. */
export function accesDe(res: Response): AccesCompte | undefined {
  return (res.locals as Locals).acces;
}

/** The CSRF token a page puts in each of its forms (hidden field `_csrf`), for a session. */
export function jetonCsrf(res: Response): string | undefined {
  return accesDe(res)?.csrf;
}

/** Who acts, for a dossier's timeline: UNML staff, from the back office (session) or the API (token), with their account id. */
export function acteurDe(res: Response): Acteur | undefined {
  const a = accesDe(res);
  return a ? { role: 'unml', source: a.via === 'session' ? 'back_office' : 'api', compte: a.compte.id } : undefined;
}

export const csrfDeSession = (secret: string, sessionId: string): string => signer(secret, 'csrf', sessionId);

export interface AccesDeps {
  comptes: ComptesStore;
  config: Pick<Config, 'SESSION_IDLE_TIMEOUT' | 'SESSION_MAX_AGE'>;
  secret: string;
  logger: Logger;
}

export const dureesSession = (config: AccesDeps['config']) => ({ inactiviteMs: config.SESSION_IDLE_TIMEOUT, dureeMaxMs: config.SESSION_MAX_AGE });

// The codec endpoint (/codec/*, issue #15) is an API too: JSON errors, never the sign-in page.
const estApi = (req: Request) => req.path.startsWith('/api/') || req.path === '/api' || req.path.startsWith('/codec/');
const SURES = new Set(['GET', 'HEAD', 'OPTIONS']);

function erreurJson(res: Response, status: number, body: ErrorBody): void {
  res.status(status).set('Cache-Control', 'no-store').json(body);
}

/** Reads the credential of the request, if any: a bearer token first, then the session cookie. */
async function authentifier(req: Request, deps: AccesDeps): Promise<AccesCompte | 'jeton_invalide' | undefined> {
  const header = req.get('authorization');
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
    const trouve = m ? await deps.comptes.authentifierJeton(m[1]!) : undefined;
    if (!trouve) return 'jeton_invalide';
    return { compte: trouve.compte, role: trouve.role, via: 'jeton', jetonId: trouve.jeton.id };
  }
  const cookie = (req.signedCookies as Record<string, unknown> | undefined)?.[COOKIE_SESSION];
  if (typeof cookie !== 'string' || cookie === '') return undefined;
  const session = await deps.comptes.session(cookie, dureesSession(deps.config));
  const role = session ? roleLePlusHaut(session.compte.roles) : undefined;
  if (!session || !role) return undefined;
  return { compte: session.compte, role, via: 'session', sessionId: session.sessionId, csrf: csrfDeSession(deps.secret, session.sessionId) };
}

export function controleAcces(deps: AccesDeps): RequestHandler {
  const formulaire = express.urlencoded({ extended: false, limit: '100kb' });
  const lireFormulaire = (req: Request, res: Response) =>
    new Promise<void>((done, fail) => {
      formulaire(req, res, (err?: unknown) => (err ? fail(err instanceof Error ? err : new Error(String(err))) : done()));
    });

  return async (req, res, next) => {
    try {
      const regle = regleDe(req.method, req.path);
      const acces = await authentifier(req, deps);
      const locals = res.locals as Locals;
      if (acces && acces !== 'jeton_invalide') locals.acces = acces;
      if (regle) locals.regle = regle;

      if (!regle) {
        // Fail closed: whatever the router would do, a route not in the table is never served.
        if (estApi(req) || !SURES.has(req.method)) {
          erreurJson(res, 404, { error: 'not_found', message: `Route inconnue : ${req.method} ${req.path}. Voir /docs pour les routes disponibles.` });
        } else sendMessage(res, 404, 'Page introuvable', ['Cette adresse ne correspond à aucune page.'], 'alerte');
        return;
      }
      if (regle.acces === 'public') {
        next();
        return;
      }
      if (acces === undefined || acces === 'jeton_invalide') {
        if (estApi(req)) {
          res.set('WWW-Authenticate', 'Bearer realm="dispositifs"');
          erreurJson(res, 401, {
            error: 'non_authentifie',
            message:
              acces === 'jeton_invalide'
                ? 'Jeton d’API inconnu, expiré ou révoqué : créez-en un nouveau (POST /api/jetons) depuis une session.'
                : 'Connexion requise : envoyez un jeton d’API (Authorization: Bearer dsp_…) ou connectez-vous sur /connexion.',
          });
        } else {
          res.redirect(303, `/connexion?retour=${encodeURIComponent(req.originalUrl)}`);
        }
        return;
      }
      if (!roleSuffit(acces.role, regle.acces)) {
        const qui = acces.via === 'jeton' ? 'jeton a' : 'compte a';
        const requis = LIBELLES_ROLES[regle.acces];
        const message = `Accès refusé : cette action demande le rôle « ${requis} » ; votre ${qui} le rôle « ${LIBELLES_ROLES[acces.role]} ».`;
        if (estApi(req)) erreurJson(res, 403, { error: 'acces_refuse', message });
        else sendMessage(res, 403, 'Accès refusé', [message, 'Demandez à un·e administrateur·rice de l’UNML de modifier vos droits.'], 'alerte');
        return;
      }
      if (acces.via === 'session' && !SURES.has(req.method) && !regle.sansCsrf) {
        let recu: unknown = req.get(ENTETE_CSRF);
        if (recu === undefined && req.is('application/x-www-form-urlencoded')) {
          await lireFormulaire(req, res);
          recu = (req.body as Record<string, unknown> | undefined)?.[CHAMP_CSRF];
        }
        // A file upload form (multipart, read later by its route: the Compagnonnage's documents) carries it in its action's query.
        if (recu === undefined && req.is('multipart/form-data')) recu = req.query[CHAMP_CSRF];
        if (!memesJetons(recu, acces.csrf!)) {
          const message = 'Jeton anti-falsification (CSRF) absent ou invalide : rechargez la page et renvoyez le formulaire.';
          if (estApi(req)) erreurJson(res, 403, { error: 'csrf', message });
          else sendMessage(res, 403, 'Formulaire expiré', [message], 'alerte');
          return;
        }
      }
      next();
    } catch (err) {
      deps.logger.error({ err, method: req.method, path: req.path }, 'access control failed');
      next(err);
    }
  };
}
