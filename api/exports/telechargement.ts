// The signed, expiring download links of scheduled exports (issue #14): `/exports/telechargement/<jeton>`, the token
// being `<file>.<format>.<expiry, Unix seconds>.<HMAC-SHA256 of the three>` under EXPORT_LINK_SECRET (unset: a key
// derived from ACTION_LINK_SECRET for this one use). No account needed: the token is the credential. The worker
// signs (activities/exports.ts), the API verifies; both read the same configuration. Files live in DATA_DIR/exports/.
import { join } from 'node:path';
import { isDevEnvironment, resolveActionLinkSecret } from '../../activities/action-links';
import type { Config } from '../../config';
import { memesJetons, signer } from '../acces/secret';
import { FORMATS_EXPORT, type FormatExport } from './catalogue';

const USAGE = 'telechargement-export';
/** A produced file's base name: the scheduled export's id and the run's time (EXP-0123456789-20261202T013000). */
export const FICHIER_EXPORT = /^EXP-[0-9A-F]{10}-\d{8}T\d{6}$/;

export type ConfigTelechargement = Pick<Config, 'EXPORT_LINK_SECRET' | 'ACTION_LINK_SECRET' | 'DATA_DIR' | 'PUBLIC_URL' | 'EXPORT_LINK_TTL'>;

/** The signing key of download links (see the file's comment); throws outside development when no secret is set. */
export function secretTelechargement(config: ConfigTelechargement, dev: boolean = isDevEnvironment()): string {
  if (config.EXPORT_LINK_SECRET) return config.EXPORT_LINK_SECRET;
  return resolveActionLinkSecret({ ...(config.ACTION_LINK_SECRET ? { secret: config.ACTION_LINK_SECRET } : {}), dev, dataDir: config.DATA_DIR });
}

export const dossierExports = (dataDir: string): string => join(dataDir, 'exports');
export const cheminFichier = (dataDir: string, fichier: string, format: FormatExport): string => join(dossierExports(dataDir), `${fichier}.${format}`);

/** The token of a file, valid until `expireLe`. */
export function jetonTelechargement(secret: string, fichier: string, format: FormatExport, expireLe: Date): string {
  const corps = `${fichier}.${format}.${Math.floor(expireLe.getTime() / 1000)}`;
  return `${corps}.${signer(secret, USAGE, corps)}`;
}

export function lienTelechargement(publicUrl: string, jeton: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/exports/telechargement/${encodeURIComponent(jeton)}`;
}

export type VerificationJeton = { ok: true; fichier: string; format: FormatExport; expireLe: Date } | { ok: false; raison: 'invalide' | 'expire' };

/** A token checked: its signature first (a tampered one is 'invalide', whatever its expiry says), then its expiry. */
export function verifierJeton(secret: string, jeton: string, maintenant: Date = new Date()): VerificationJeton {
  const parties = jeton.split('.');
  if (parties.length !== 4) return { ok: false, raison: 'invalide' };
  const [fichier, format, exp, signature] = parties as [string, string, string, string];
  if (!FICHIER_EXPORT.test(fichier) || !(FORMATS_EXPORT as readonly string[]).includes(format) || !/^\d{1,12}$/.test(exp))
    return { ok: false, raison: 'invalide' };
  if (!memesJetons(signature, signer(secret, USAGE, `${fichier}.${format}.${exp}`))) return { ok: false, raison: 'invalide' };
  const expireLe = new Date(Number(exp) * 1000);
  if (expireLe.getTime() <= maintenant.getTime()) return { ok: false, raison: 'expire' };
  return { ok: true, fichier, format: format as FormatExport, expireLe };
}
