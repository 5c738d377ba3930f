// The pool's SQL database, through Kysely, on SQLite (better-sqlite3, the default: one file under DATA_DIR)
// or PostgreSQL (pg). Portable schema: timestamps are ISO 8601 text, calendar dates YYYY-MM-DD text,
// booleans integers 0/1, lists JSON text; the repository (db/vivier.ts, db/vivier/) maps them to the domain types.
import { resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type Generated,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  type QueryCompiler,
  SqliteAdapter,
  SqliteDialect,
  type TransactionSettings,
} from 'kysely';
import { Pool } from 'pg';

export interface RegionsTable {
  code: string;
  nom: string;
  arml_nom: string;
  arml_email: string;
}

export interface MissionsLocalesTable {
  code: string;
  nom: string;
  region: string;
}

/** The profile's columns, the same in intervenants and candidatures (domain/vivier.ts ProfilIntervenant, but expertise). */
export interface ProfilColumns {
  type: string;
  nom: string;
  email: string;
  telephone: string | null;
  region: string;
  mission_locale_code: string | null;
  cabinet: string | null;
  capacite_dossiers: number;
  capacite_heures_mois: number;
}

export interface IntervenantsTable extends ProfilColumns {
  id: string;
  dossiers_en_cours: Generated<number>;
  heures_mois_reservees: Generated<number>;
  /** 0 or 1. */
  actif: number;
  statut: string;
  candidature_id: string | null;
  cree_le: string;
  modifie_le: string;
}

export interface IntervenantExpertisesTable {
  intervenant_id: string;
  expertise: string;
}

export interface IndisponibilitesTable {
  id: string;
  intervenant_id: string;
  debut: string;
  fin: string;
  motif: string | null;
}

export interface ConnaissancesTable {
  id: string;
  intervenant_id: string;
  mission_locale_code: string;
  personne: string | null;
}

export interface CandidaturesTable extends ProfilColumns {
  id: string;
  /** JSON array of expertise codes. */
  expertises: string;
  /** JSON array of { missionLocaleCode, personne? }. */
  connaissances: string;
  motivation: string;
  statut: string;
  deposee_le: string;
  decision_par: string | null;
  decision_le: string | null;
  decision_motif: string | null;
  intervenant_id: string | null;
}

export interface HistoriqueTable {
  id: Generated<number>;
  entite: string;
  entite_id: string;
  action: string;
  par: string;
  le: string;
  /** JSON, or null. */
  details: string | null;
}

export interface ReservationsTable {
  id: string;
  dossier_id: string;
  role: string;
  intervenant_id: string;
  heures_mois: number;
  /** 0 or 1. */
  manuelle: number;
  reservee_le: string;
  par: string;
  liberee_le: string | null;
  motif_liberation: string | null;
}

export interface FileAttenteTable {
  dossier_id: string;
  dispositif: string;
  role: string;
  priorite: number;
  depuis: string;
}

/** A UNML staff account (issue #12); `roles` is a JSON array of admin, charge_mission, lecture. */
export interface ComptesTable {
  id: string;
  email: string;
  email_normalise: string;
  nom: string;
  roles: string;
  /** 0 or 1. */
  actif: number;
  cree_le: string;
  cree_par: string;
  modifie_le: string;
  modifie_par: string;
}

/** A single-use sign-in link: the SHA-256 of its secret. */
export interface LiensConnexionTable {
  hash: string;
  compte_id: string;
  cree_le: string;
  expire_le: string;
  utilise_le: string | null;
}

/** A signed-in session: the SHA-256 of its cookie's secret; idle expiry from `vu_le`, absolute one `expire_le`. */
export interface SessionsTable {
  hash: string;
  compte_id: string;
  cree_le: string;
  vu_le: string;
  expire_le: string;
  fin_le: string | null;
}

/** A personal API token: the SHA-256 of its secret, its role (at most its creator's), its expiry. */
export interface JetonsApiTable {
  id: string;
  hash: string;
  compte_id: string;
  nom: string;
  role: string;
  cree_le: string;
  expire_le: string;
  dernier_usage_le: string | null;
  revoque_le: string | null;
  revoque_par: string | null;
}

/** One line of the sign-in audit (migration 0003): who (none for an unknown link), when, how, the outcome; never a secret. */
export interface JournalConnexionsTable {
  id: Generated<number>;
  compte_id: string | null;
  le: string;
  /** MoyenConnexion (db/comptes-store.ts). */
  moyen: string;
  /** IssueConnexion (db/comptes-store.ts). */
  issue: string;
}

/** The reporting read model (migration 0004, domain/reporting.ts); lists are JSON text. */
export interface ReportingDossiersTable {
  dossier_id: string;
  sequence: number;
  dispositif: string;
  mission_locale: string;
  region: string;
  etape: string;
  issue: string | null;
  demande_le: string;
  accepte_le: string | null;
  liste_attente_le: string | null;
  lance_le: string | null;
  fin_le: string | null;
  termine_le: string | null;
  interlocutrice: string | null;
  /** JSON array of { id, type }. */
  intervenants: string;
  issu_de: string | null;
  /** JSON array of dossier ids. */
  a_conduit_a: string;
  mis_a_jour_le: string;
  /** When its personal data was purged (migration 0005); null while kept. */
  purge_le: Generated<string | null>;
}

export interface ReportingUnitesTable {
  dossier_id: string;
  cle: string;
  intervenant_id: string | null;
  type: string;
  date: string;
  minutes: number | null;
  demi_journees: number | null;
  nature: string;
}

export interface ReportingReponsesTable {
  dossier_id: string;
  rang: number;
  repondant: string;
  question: string;
  reponse: string;
  le: string;
}

/** A named export template: what it exports ('dossiers' | 'unites'), its columns and filter (JSON). */
export interface ModelesExportTable {
  id: string;
  nom: string;
  objet: string;
  colonnes: string;
  filtre: string;
  cree_par: string;
  cree_le: string;
  modifie_le: string;
}

export interface Database {
  regions: RegionsTable;
  missions_locales: MissionsLocalesTable;
  intervenants: IntervenantsTable;
  intervenant_expertises: IntervenantExpertisesTable;
  indisponibilites: IndisponibilitesTable;
  connaissances: ConnaissancesTable;
  candidatures: CandidaturesTable;
  historique: HistoriqueTable;
  reservations: ReservationsTable;
  file_attente: FileAttenteTable;
  comptes: ComptesTable;
  liens_connexion: LiensConnexionTable;
  sessions: SessionsTable;
  jetons_api: JetonsApiTable;
  journal_connexions: JournalConnexionsTable;
  reporting_dossiers: ReportingDossiersTable;
  reporting_unites: ReportingUnitesTable;
  reporting_reponses: ReportingReponsesTable;
  modeles_export: ModelesExportTable;
}

export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; connectionString: string };

/**
 * Reads a DATABASE_URL: `postgres://…` or `postgresql://…` is PostgreSQL; `sqlite:<path>`, `sqlite://<path>`
 * or a plain file path is SQLite (`:memory:` for a private in-memory database).
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const value = url.trim();
  if (/^postgres(ql)?:\/\//i.test(value)) return { kind: 'postgres', connectionString: value };
  const path = /^sqlite:/i.test(value) ? value.replace(/^sqlite:(\/\/)?/i, '') : value;
  if (!path) throw new Error(`DATABASE_URL ${JSON.stringify(url)}: no SQLite file path after "sqlite:"`);
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(path)) {
    const attendu = 'expected postgres://…, postgresql://…, sqlite:<path> or a file path';
    throw new Error(`DATABASE_URL: unsupported scheme in ${JSON.stringify(redactDatabaseUrl(url))}: ${attendu}`);
  }
  return { kind: 'sqlite', path };
}

/** The URL without its password, for logs. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

/** True when this Kysely instance talks to PostgreSQL (the few dialect-specific bits of the schema). */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens the database the URL names. SQLite: WAL, foreign keys on, a busy timeout, and write transactions that
 * take the file's write lock at once (BEGIN IMMEDIATE). PostgreSQL: a pg pool.
 */
export function openDatabase(url: string, options: { poolSize?: number } = {}): Kysely<Database> {
  const target = parseDatabaseUrl(url);
  if (target.kind === 'postgres') {
    const pool = new Pool({ connectionString: target.connectionString, max: options.poolSize ?? 10 });
    // An idle client losing its server must not crash the process; the next query reports the error.
    pool.on('error', () => undefined);
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  const path = target.path === ':memory:' ? target.path : resolve(target.path);
  return new Kysely<Database>({ dialect: new SerializedSqliteDialect(path) });
}

/**
 * better-sqlite3 is synchronous: a connection waiting on another connection's lock in the same process would
 * block the event loop, so the holder could never finish. Every SQLite database opened in this process on the
 * same file therefore shares one async mutex, held from connection acquisition to release (a whole
 * transaction). Other processes on the file wait through the busy timeout.
 */
class SerializedSqliteDialect extends SqliteDialect {
  constructor(private readonly path: string) {
    super({
      database: () => {
        const sqlite = new BetterSqlite3(path);
        sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
        if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
        sqlite.pragma('foreign_keys = ON');
        sqlite.pragma('synchronous = NORMAL');
        return Promise.resolve(sqlite);
      },
    });
  }

  /** SQLite has transactional DDL: each migration then runs in one BEGIN IMMEDIATE transaction, so two
   * processes starting on a fresh file apply it once, and a failed migration leaves nothing half done. */
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }

  override createDriver(): Driver {
    return new FileLockedDriver(super.createDriver(), this.path === ':memory:' ? new Mutex() : fileMutex(this.path));
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class Mutex {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves with the unlock function once every earlier holder has unlocked. */
  lock(): Promise<() => void> {
    let unlock!: () => void;
    const released = new Promise<void>((done) => (unlock = done));
    const acquired = this.tail.then(() => unlock);
    this.tail = this.tail.then(() => released);
    return acquired;
  }
}

const FILE_MUTEXES = new Map<string, Mutex>();
function fileMutex(path: string): Mutex {
  let mutex = FILE_MUTEXES.get(path);
  if (!mutex) {
    mutex = new Mutex();
    FILE_MUTEXES.set(path, mutex);
  }
  return mutex;
}

class FileLockedDriver implements Driver {
  private readonly unlocks = new Map<DatabaseConnection, () => void>();

  constructor(
    private readonly inner: Driver,
    private readonly mutex: Mutex,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const unlock = await this.mutex.lock();
    try {
      const connection = await this.inner.acquireConnection();
      this.unlocks.set(connection, unlock);
      return connection;
    } catch (err) {
      unlock();
      throw err;
    }
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    // Every transaction here writes: take the write lock now, not on the first write (no upgrade deadlock).
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.inner.savepoint!(connection, name, compile);
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.inner.rollbackToSavepoint!(connection, name, compile);
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.inner.releaseSavepoint!(connection, name, compile);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    try {
      await this.inner.releaseConnection(connection);
    } finally {
      const unlock = this.unlocks.get(connection);
      this.unlocks.delete(connection);
      unlock?.();
    }
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}
