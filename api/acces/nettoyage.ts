// The periodic clean-up of the sign-in tables (issue #12): every SIGNIN_CLEANUP_INTERVAL, the API process deletes the
// sign-in links long expired and the sessions ended, idle or past their end (ComptesStore.nettoyerExpires). A link is
// kept a day after its expiry (it still says "expired", not "unknown"; the per-address limit counts recent ones). The
// timer never keeps the process alive, and stops when the HTTP server closes.
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import type { ComptesStore } from '../../db/comptes-store';
import { dureesSession } from './middleware';

const UN_JOUR_MS = 24 * 3_600_000;

/** How long an expired link is kept: a day, and at least the per-address limit's window. */
export const garderLiensMs = (config: Pick<Config, 'SIGNIN_LINKS_WINDOW'>): number => Math.max(UN_JOUR_MS, config.SIGNIN_LINKS_WINDOW);

export interface NettoyageDeps {
  comptes: ComptesStore;
  config: Pick<Config, 'SIGNIN_CLEANUP_INTERVAL' | 'SIGNIN_LINKS_WINDOW' | 'SESSION_IDLE_TIMEOUT' | 'SESSION_MAX_AGE'>;
  logger: Logger;
}

/** One clean-up; its failure is logged (the next one tries again). */
export async function nettoyerAcces({ comptes, config, logger }: NettoyageDeps): Promise<void> {
  try {
    const n = await comptes.nettoyerExpires({ garderLiensMs: garderLiensMs(config), durees: dureesSession(config) });
    if (n.liens || n.sessions) logger.info(n, 'expired sign-in links and sessions deleted');
  } catch (err) {
    logger.error({ err }, 'the clean-up of expired sign-in links and sessions failed');
  }
}

/** Cleans up now, then every SIGNIN_CLEANUP_INTERVAL until `arreter()` or the server's close. */
export function nettoyagePeriodique(deps: NettoyageDeps, serveur?: Server): { arreter: () => void } {
  void nettoyerAcces(deps);
  const minuterie = setInterval(() => void nettoyerAcces(deps), deps.config.SIGNIN_CLEANUP_INTERVAL);
  minuterie.unref();
  const arreter = () => clearInterval(minuterie);
  serveur?.once('close', arreter);
  return { arreter };
}
