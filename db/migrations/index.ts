// Versioned migrations, in order. A static list (no FileMigrationProvider): it works the same under tsx,
// ts-jest and the compiled build. Append new ones; never edit one that has shipped.
import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import type { Database } from '../database';
import * as m0001 from './0001_vivier';
import * as m0002 from './0002_comptes';
import * as m0003 from './0003_journal_connexions';
import * as m0004 from './0004_reporting';
import * as m0005 from './0005_retention';

export const MIGRATIONS: Record<string, Migration> = {
  '0001_vivier': m0001,
  '0002_comptes': m0002,
  '0003_journal_connexions': m0003,
  '0004_reporting': m0004,
  '0005_retention': m0005,
};

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(MIGRATIONS) } });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`database migration ${failed ?? ''} failed: ${cause}`, { cause: result.error });
  }
  return result;
}
