// The exports' stores (issue #14), on the pool's database: the reporting read model and the export templates.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { SqlModelesExportStore } from '../../db/modeles-export';
import { SqlReportingStore } from '../../db/reporting';

export interface StoresExports {
  reporting: SqlReportingStore;
  modeles: SqlModelesExportStore;
}

/** On the pool's SQL database when the store has one (SqlVivierStore.db); none for a store without (some tests' fakes). */
export function exportsDeLaBase(vivier: object): StoresExports | undefined {
  const db = (vivier as { db?: Kysely<Database> }).db;
  return db ? { reporting: new SqlReportingStore(db), modeles: new SqlModelesExportStore(db) } : undefined;
}
