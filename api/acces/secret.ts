// The session secret (SESSION_SECRET): signs the session cookie and derives the CSRF tokens. Required outside
// development and tests; there, when unset, one is generated once into DATA_DIR/session-secret (mode 600), as the
// action links' secret is (activities/action-links.ts). Never logged.
import { resolveSecret } from '../../config/secrets';
import { createHmac, timingSafeEqual } from 'node:crypto';

export function resolveSessionSecret(a: { secret?: string | undefined; dev: boolean; dataDir: string }): string {
  return resolveSecret({ nom: 'SESSION_SECRET', fichier: 'session-secret', ...a });
}

/** HMAC-SHA256 of `valeur` under a key derived from the secret for one purpose (`usage`), base64url. */
export function signer(secret: string, usage: string, valeur: string): string {
  const cle = createHmac('sha256', secret).update(`dispositifs:${usage}`).digest();
  return createHmac('sha256', cle).update(valeur).digest('base64url');
}

/** Constant-time comparison of two tokens. */
export function memesJetons(a: unknown, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
