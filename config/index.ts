// Reads the environment once, with zod. A bad value stops the start with one line naming the variable.
import { z } from 'zod';
import { parsePayloadKeys } from './codec';

const duration = z
  .string()
  .regex(/^\d+(\.\d+)?\s*(ms|s|m|h|d)$/, 'expected a duration such as 90s, 15m, 3d')
  .transform((value) => {
    const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(value)!;
    const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
    return Math.round(Number(match[1]) * unit);
  });

/** A comma-separated list of durations, e.g. "2d,1h" (reminder offsets before an event), in ms, largest first. */
const durations = z
  .string()
  .regex(/^\s*\d+(\.\d+)?\s*(ms|s|m|h|d)\s*(,\s*\d+(\.\d+)?\s*(ms|s|m|h|d)\s*)*$/, 'expected durations separated by commas, such as 2d,1h')
  .transform((value) => [...new Set(value.split(',').map((part) => duration.parse(part.trim())))].sort((a, b) => b - a));

/** A whole number of working days (jours ouvrés: weekends and French public holidays skipped), when set. */
const joursOuvres = z.coerce.number().int('a whole number of working days').min(1).max(365).optional();

const schema = z.object({
  TEMPORAL_ADDRESS: z.string().default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TASK_QUEUE: z.string().default('dispositifs'),
  TEMPORAL_UI_URL: z.string().url().default('http://localhost:8233'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  SMTP_URL: z.string().url().optional(),
  SMTP_SINK_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
  MAIL_FROM: z.string().default('UNML Dispositifs <dispositifs@unml.info>'),
  UNML_CONTACT_EMAIL: z.string().email().default('dispositifs@unml.info'),
  DATA_DIR: z.string().default('data'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  // Workflow delays; tests and demos may shorten them (e.g. POST_BILAN_DELAY=2m).
  COMPLEMENTS_REMINDER_DELAY: duration.prefault('7d'),
  COMPLEMENTS_LAPSE_DELAY: duration.prefault('30d'),
  ACTE_REMINDER_DELAY: duration.prefault('7d'),
  ACTE_LAPSE_DELAY: duration.prefault('30d'),
  // When set, the deadline is this many working days instead of the *_LAPSE_DELAY above.
  COMPLEMENTS_LAPSE_WORKING_DAYS: joursOuvres,
  ACTE_LAPSE_WORKING_DAYS: joursOuvres,
  // Reminders before each scheduled event (planned session, visio), at each offset.
  COMPAGNONNAGE_REMINDERS: durations.prefault('1d,1h'),
  APPUI_CONSEIL_REMINDERS: durations.prefault('1d'),
  DIAGNOSTIC_REMINDERS: durations.prefault('1d'),
  NO_SESSION_ALERT_AFTER: duration.prefault('14d'),
  POST_BILAN_DELAY: duration.prefault('90d'),
  /** How long the evaluation questionnaires stay open: closing the dossier waits for the answers until then (issue #17 §1). */
  EVALUATION_ANSWER_DELAY: duration.prefault('15d'),
  MILESTONE_REMINDER_BEFORE: duration.prefault('2d'),
  /**
   * The network's figures (issue #14, domain/chiffres.ts): how many hours of work logged in minutes (sessions,
   * preparation) make one day of expertise or consultancy. A whole number of minutes per day (7, 7.5…).
   */
  REPORTING_HEURES_PAR_JOUR: z.coerce
    .number({ error: 'expected a number of hours, such as 7 or 7.5' })
    .min(1, 'at least 1 hour')
    .max(24, 'at most 24 hours')
    .refine((h) => Number.isInteger(Math.round(h * 60 * 1e6) / 1e6), 'expected a whole number of minutes per day (such as 7 or 7.5)')
    .default(7),
  // --- Regional campaigns (issue #13) ---
  /**
   * How often a campaign's dialogue de gestion comes back (each ML's Temporal Schedule): a year; seconds on a dev
   * server to see it fire (e.g. 10s). New campaigns take it (DelaisCampagne.intervalleDialogue).
   */
  CAMPAIGN_DIALOGUE_INTERVAL: duration.prefault('365d'),
  // --- Scheduled exports (issue #14, api/exports/, workflows/exports/) ---
  /**
   * When set, every scheduled export's Temporal Schedule fires at this interval instead of monthly or quarterly (the
   * dev server's tests and demos, e.g. 5s). Unset in production.
   */
  EXPORT_SCHEDULE_INTERVAL: duration.optional(),
  /** Signs the download links of scheduled exports (HMAC). Unset: a key derived from ACTION_LINK_SECRET. Never logged. */
  EXPORT_LINK_SECRET: z.string().min(32, 'at least 32 characters (e.g. `openssl rand -hex 32`)').optional(),
  /** How long a scheduled export's download link (and its file) stays valid. */
  EXPORT_LINK_TTL: duration.prefault('7d'),
  /**
   * Dossiers started with it answer each staff or participant action as soon as their state has changed, the emails
   * it causes following in order (an outbox in the workflow). Off by default; dossiers keep the way they started.
   */
  ACTIONS_AVANT_EMAILS: z
    .enum(['true', 'false'], { message: 'expected true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  /** Where deliverables uploaded by cabinets are stored (outside workflow payloads). */
  LIVRABLES_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /**
   * The intervenant pool's database: postgres://… or postgresql://… for PostgreSQL; sqlite:<path> or a plain file
   * path for SQLite. Unset: SQLite in DATA_DIR/vivier.sqlite (see databaseUrl()). May hold a password: never logged.
   */
  DATABASE_URL: z
    .string()
    .trim()
    .min(1)
    .refine((url) => /^postgres(ql)?:\/\/[^/]/i.test(url) || !/^[a-z][a-z0-9+.-]+:\/\//i.test(url.replace(/^sqlite:/i, '')), {
      message: 'expected postgres://user:password@host:5432/database, sqlite:<path> or a file path',
    })
    .refine((url) => url.replace(/^sqlite:(\/\/)?/i, '') !== '', { message: 'expected a file path after sqlite:' })
    .optional(),
  /** Signs the personal action links of emails (HS256). Required outside development and tests; never logged. */
  ACTION_LINK_SECRET: z.string().min(32, 'at least 32 characters (e.g. `openssl rand -hex 32`)').optional(),
  /** How long an action link stays valid; an expired one offers to send a fresh link. */
  ACTION_LINK_TTL: duration.prefault('30d'),
  // --- Staff sign-in (issue #12, api/acces/) ---
  /** Signs the session cookie and derives the CSRF tokens. Required outside development and tests; never logged. */
  SESSION_SECRET: z.string().min(32, 'at least 32 characters (e.g. `openssl rand -hex 32`)').optional(),
  /** A session ends after this long without a request… */
  SESSION_IDLE_TIMEOUT: duration.prefault('2h'),
  /** …and this long after sign-in, whatever happens. */
  SESSION_MAX_AGE: duration.prefault('12h'),
  /** How long an emailed sign-in link stays valid (it serves once). */
  SIGNIN_LINK_TTL: duration.prefault('15m'),
  /** At most this many sign-in links emailed to one address per SIGNIN_LINKS_WINDOW; beyond, none is sent (the page says the same). */
  SIGNIN_LINKS_PER_ADDRESS: z.coerce.number().int().min(1).default(3),
  SIGNIN_LINKS_WINDOW: duration.prefault('15m'),
  /** How often the API deletes expired sign-in links and ended sessions. */
  SIGNIN_CLEANUP_INTERVAL: duration.prefault('1h'),
  /** The first admin, created at start when no account exists (production); `npm start` creates demo accounts instead. */
  ADMIN_EMAIL: z.string().trim().email().optional(),
  ADMIN_NOM: z.string().trim().min(1).default('Administration UNML'),
  /** Sign-in requests (email asked, link used) per client address and 15 minutes. */
  RATE_LIMIT_SIGNIN: z.coerce.number().int().min(1).default(10),
  /** Public form submissions (demands, applications, link pages) per client address and 15 minutes, without an account. */
  RATE_LIMIT_PUBLIC: z.coerce.number().int().min(1).default(60),
  /** Reverse proxies in front of the API (express's `trust proxy` hop count): the client address rate limits count by. */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  // --- Optional single sign-on with OpenID Connect (api/acces/oidc.ts): all three, or none ---
  /** The provider's issuer URL (its /.well-known/openid-configuration is read at the first sign-in); https outside development. */
  OIDC_ISSUER: z.string().trim().url().optional(),
  /** The client registered at the provider for this site, whose redirect URI is PUBLIC_URL/connexion/oidc/retour. */
  OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  /** Its secret; never logged. */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  // --- Retention of personal data (issue #15, domain/retention.ts, README "Données personnelles") ---
  /** Months after a dossier ended (closed, declined, out of scope, lapsed, abandoned) before its personal data is purged. */
  RETENTION_DOSSIERS_MOIS: z.coerce.number().int().min(1).max(120).default(24),
  /** Months after an application to the pool was refused before it is deleted. */
  RETENTION_CANDIDATURES_MOIS: z.coerce.number().int().min(1).max(120).default(6),
  /** How often the purge's Schedule runs it: every day; seconds on a dev server to see it run. */
  PURGE_INTERVAL: duration.prefault('1d'),
  // --- Encrypted Temporal payloads (issue #15, config/codec.ts) ---
  /**
   * `id:base64,id:base64…` (each key 32 bytes, `openssl rand -base64 32`): the first encrypts, all decrypt. Unset: no
   * encryption (`npm start` then uses a development key in DATA_DIR/payload-keys). Never logged.
   */
  PAYLOAD_KEYS: z
    .string()
    .superRefine((value, ctx) => {
      try {
        parsePayloadKeys(value);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
      }
    })
    .optional(),
});

const OIDC = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
const schemaComplet = schema.superRefine((c, ctx) => {
  const donnees = OIDC.filter((nom) => c[nom] !== undefined);
  if (donnees.length === 0 || donnees.length === OIDC.length) return;
  for (const nom of OIDC.filter((n) => c[n] === undefined)) {
    ctx.addIssue({ code: 'custom', path: [nom], message: `required with ${donnees.join(' and ')} (OpenID Connect sign-in needs all three)` });
  }
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schemaComplet.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0]);
    const received = /SECRET|DATABASE_URL|KEYS/.test(name) ? '(hidden)' : JSON.stringify(env[name]);
    throw new ConfigError(`Invalid configuration: ${issue.path.join('.')}=${received}: ${issue.message}`);
  }
  return result.data;
}

/** The pool's database URL: DATABASE_URL, or the SQLite file DATA_DIR/vivier.sqlite. */
export function databaseUrl(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>): string {
  return config.DATABASE_URL ?? `sqlite:${config.DATA_DIR.replace(/\/+$/, '') || '.'}/vivier.sqlite`;
}

let cached: Config | undefined;
/** The process configuration; exits with one clear line on a bad value. */
export function loadConfig(): Config {
  if (cached) return cached;
  try {
    cached = parseConfig();
    return cached;
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}
