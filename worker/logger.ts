// One structured logger (pino) for the worker, the API and `npm start`, and the bridge that sends the
// Temporal SDK's own logs (worker lifecycle, workflow and activity loggers, Rust core) through it.
import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import { Runtime, type RuntimeOptions } from '@temporalio/worker';
import pino, { type Logger, type LevelWithSilent } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

/**
 * The process logger; `name` tells the components apart in a shared stream (worker, api, dev). JSON lines, except
 * on a terminal (a person running `npm start`), where they are printed readably; LOG_FORMAT=json forces JSON.
 */
export function createLogger(level: LevelWithSilent = 'info', name?: string): Logger {
  const options = { level, ...(name ? { name } : {}) };
  // Synchronous writes: lines stay in order and none is lost when a process ends with process.exit().
  if (process.stdout.isTTY && process.env.LOG_FORMAT !== 'json') {
    return pino(options, pretty({ sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }));
  }
  return pino(options, pino.destination({ dest: 1, sync: true }));
}

const PINO_LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** Adapts a pino logger to the Temporal SDK's Logger interface (metadata first, pino style). */
export function temporalLogger(logger: Logger): TemporalLogger {
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => {
    // Symbol keys (e.g. the SDK's timestamp) are not serialisable; pino keeps its own time.
    const fields = meta ? Object.fromEntries(Object.entries(meta)) : {};
    logger[PINO_LEVELS[level]](fields, message);
  };
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}

/**
 * Installs the SDK runtime with `logger` (once per process, before any NativeConnection or Worker).
 * Rust core logs at WARN and above are forwarded too.
 */
export function installRuntime(logger: Logger, options: Pick<RuntimeOptions, 'shutdownSignals'> = {}): Runtime {
  return Runtime.install({
    logger: temporalLogger(logger),
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } },
    ...options,
  });
}
