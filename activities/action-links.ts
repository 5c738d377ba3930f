// Personal action links: a signed token (JWT, HS256, with jose) naming one dossier, one person (a hash of
// their email, never the address) and one action, with an expiry. Emails carry them; the pages of api/pages
// verify them. Single-shot: the token id (jti) travels with the action's input and the workflow refuses a
// second use (workflows/shared/handlers.ts), so nothing is lost and no extra database is needed.
import { createHash, randomUUID } from 'node:crypto';
import { resolveSecret } from '../config/secrets';
import { SignJWT, errors, jwtVerify } from 'jose';
import type { ActionLien, RoleLien } from './email/kinds';

export type { ActionLien, RoleLien };

const ISSUER = 'dispositifs.unml.info';
const AUDIENCE = 'action-link';
const ALG = 'HS256';

/** A person in a token: the first 24 hex chars of SHA-256 of their lowercased email. */
export function personHash(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('hex').slice(0, 24);
}

export interface ActionLinkClaims {
  dossierId: string;
  action: ActionLien;
  /** personHash of the recipient. */
  personne: string;
  role: RoleLien;
  /** The token id, recorded by the workflow once the action is done. */
  jti: string;
  /** Expiry, ISO 8601. */
  expire: string;
  /** What the link is about within the action (a session number, a visio), when it says. */
  objet?: string;
}

export type VerifiedLink =
  | { ok: true; claims: ActionLinkClaims }
  /** Authentic, but past its expiry: a fresh link may be sent to the same person. */
  | { ok: false; raison: 'expire'; claims: ActionLinkClaims }
  /** Forged, tampered, or for another dossier or action. */
  | { ok: false; raison: 'invalide' };

export interface ActionLinkOptions {
  secret: string;
  /** Lifetime of a link, in milliseconds. */
  ttlMs: number;
  /** Base URL of the pages, e.g. https://dispositifs.unml.info */
  publicUrl: string;
}

export class ActionLinks {
  private readonly key: Uint8Array;
  constructor(private readonly options: ActionLinkOptions) {
    if (options.secret.length < 32) throw new Error('the action link secret must be at least 32 characters');
    this.key = new TextEncoder().encode(options.secret);
  }

  async sign(a: { dossierId: string; action: ActionLien; email: string; role: RoleLien; objet?: string; now?: Date; ttlMs?: number }): Promise<string> {
    const now = a.now ?? new Date();
    const exp = Math.floor((now.getTime() + (a.ttlMs ?? this.options.ttlMs)) / 1000);
    return new SignJWT({ dos: a.dossierId, act: a.action, per: personHash(a.email), rol: a.role, ...(a.objet !== undefined ? { obj: a.objet } : {}) })
      .setProtectedHeader({ alg: ALG })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(this.key);
  }

  /** The page of this link: /agir/<dossier>/<action>?jeton=… (the token stays out of the path, hence out of access logs). */
  url(dossierId: string, action: ActionLien, token: string): string {
    return `${this.options.publicUrl.replace(/\/+$/, '')}/agir/${encodeURIComponent(dossierId)}/${action}?jeton=${encodeURIComponent(token)}`;
  }

  async signUrl(a: Parameters<ActionLinks['sign']>[0]): Promise<string> {
    return this.url(a.dossierId, a.action, await this.sign(a));
  }

  /** Verifies the signature, then that the token is for this dossier and this action, then its expiry. */
  async verify(token: string, expected: { dossierId: string; action: ActionLien }, now: Date = new Date()): Promise<VerifiedLink> {
    let payload: Record<string, unknown>;
    let expired = false;
    try {
      ({ payload } = await jwtVerify(token, this.key, { algorithms: [ALG], issuer: ISSUER, audience: AUDIENCE, currentDate: now }));
    } catch (err) {
      // jose authenticates before it checks claims: an expired token's payload is genuine.
      if (err instanceof errors.JWTExpired) {
        payload = err.payload;
        expired = true;
      } else return { ok: false, raison: 'invalide' };
    }
    const claims = toClaims(payload);
    if (!claims || claims.dossierId !== expected.dossierId || claims.action !== expected.action) return { ok: false, raison: 'invalide' };
    return expired ? { ok: false, raison: 'expire', claims } : { ok: true, claims };
  }
}

function toClaims(p: Record<string, unknown>): ActionLinkClaims | undefined {
  const { dos, act, per, rol, jti, exp, obj } = p;
  if (
    typeof dos !== 'string' ||
    typeof act !== 'string' ||
    typeof per !== 'string' ||
    typeof rol !== 'string' ||
    typeof jti !== 'string' ||
    typeof exp !== 'number'
  )
    return undefined;
  if (obj !== undefined && typeof obj !== 'string') return undefined;
  return {
    dossierId: dos,
    action: act as ActionLien,
    personne: per,
    role: rol as RoleLien,
    jti,
    expire: new Date(exp * 1000).toISOString(),
    ...(obj !== undefined ? { objet: obj } : {}),
  };
}

/**
 * The signing secret: ACTION_LINK_SECRET when set; otherwise, only in development and tests, one generated
 * once into `<dataDir>/action-link-secret` (mode 600). Elsewhere its absence is an error. Never logged.
 */
export function resolveActionLinkSecret(a: { secret?: string; dev: boolean; dataDir: string }): string {
  return resolveSecret({ nom: 'ACTION_LINK_SECRET', fichier: 'action-link-secret', ...a });
}

/** True when NODE_ENV says development or test (a generated secret is allowed there). */
export const isDevEnvironment = (env: NodeJS.ProcessEnv = process.env): boolean => env.NODE_ENV === 'development' || env.NODE_ENV === 'test';

/** The action links of a process, from its configuration (see resolveActionLinkSecret). */
export function actionLinksFromConfig(
  config: { ACTION_LINK_SECRET?: string | undefined; ACTION_LINK_TTL: number; PUBLIC_URL: string; DATA_DIR: string },
  dev: boolean = isDevEnvironment(),
): ActionLinks {
  return new ActionLinks({
    secret: resolveActionLinkSecret({ ...(config.ACTION_LINK_SECRET ? { secret: config.ACTION_LINK_SECRET } : {}), dev, dataDir: config.DATA_DIR }),
    ttlMs: config.ACTION_LINK_TTL,
    publicUrl: config.PUBLIC_URL,
  });
}
