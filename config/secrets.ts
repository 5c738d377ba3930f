// The product's secrets (ACTION_LINK_SECRET, SESSION_SECRET): from the environment; only in development and tests,
// when unset, one is generated once into `<dataDir>/<fichier>` (mode 600) and kept there. Elsewhere their absence is
// an error that says how to make one. Never logged.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function resolveSecret(a: { nom: string; fichier: string; secret?: string | undefined; dev: boolean; dataDir: string }): string {
  if (a.secret) return a.secret;
  if (!a.dev) throw new Error(`${a.nom} is required outside development (at least 32 characters, e.g. \`openssl rand -hex 32\`)`);
  const file = `${a.dataDir.replace(/\/+$/, '') || '.'}/${a.fichier}`;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
