// Retrying a connection while a server starts (the dev server of `npm start`, Temporal in docker-compose).
import { setTimeout as delay } from 'node:timers/promises';

export interface WaitOptions {
  /** Give up after this long (the last error is rethrown with `what` in its message). */
  timeoutMs: number;
  intervalMs?: number;
  /** Checked before each attempt: a string stops waiting at once, with that reason. */
  abort?: () => string | undefined;
  /** Called after each failed attempt (e.g. to log every few attempts). */
  onRetry?: (err: unknown, attempt: number) => void;
}

/** Calls `attempt` until it resolves, `abort` says stop, or `timeoutMs` has passed. */
export async function waitFor<T>(what: string, attempt: () => Promise<T>, options: WaitOptions): Promise<T> {
  const { timeoutMs, intervalMs = 500, abort, onRetry } = options;
  const deadline = Date.now() + timeoutMs;
  for (let n = 1; ; n += 1) {
    const reason = abort?.();
    if (reason) throw new Error(`Stopped waiting for ${what}: ${reason}`);
    try {
      return await attempt();
    } catch (err) {
      if (Date.now() + intervalMs > deadline) {
        throw new Error(`Gave up waiting for ${what} after ${Math.round(timeoutMs / 1000)} s: ${(err as Error).message ?? String(err)}`);
      }
      onRetry?.(err, n);
      await delay(intervalMs);
    }
  }
}
