// UNML staff accounts (issue #12): the accounts and their roles, single-use sign-in links, server-side sessions and
// personal API tokens. Every secret (link, session, token) is stored as its SHA-256 only. Portable to SQLite and
// PostgreSQL: timestamps ISO 8601 text, booleans 0/1, the roles a JSON array.
import { type Kysely, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('comptes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    // The address trimmed and lowercased: one account per address, whatever its case.
    .addColumn('email_normalise', 'text', (c) => c.notNull().unique())
    .addColumn('nom', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('actif', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('cree_le', 'text', (c) => c.notNull())
    .addColumn('cree_par', 'text', (c) => c.notNull())
    .addColumn('modifie_le', 'text', (c) => c.notNull())
    .addColumn('modifie_par', 'text', (c) => c.notNull())
    .addCheckConstraint('comptes_actif', sql`actif in (0, 1)`)
    .execute();

  await db.schema
    .createTable('liens_connexion')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('compte_id', 'text', (c) => c.notNull().references('comptes.id').onDelete('cascade'))
    .addColumn('cree_le', 'text', (c) => c.notNull())
    .addColumn('expire_le', 'text', (c) => c.notNull())
    .addColumn('utilise_le', 'text')
    .execute();
  await db.schema.createIndex('liens_connexion_compte').on('liens_connexion').column('compte_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('compte_id', 'text', (c) => c.notNull().references('comptes.id').onDelete('cascade'))
    .addColumn('cree_le', 'text', (c) => c.notNull())
    .addColumn('vu_le', 'text', (c) => c.notNull())
    .addColumn('expire_le', 'text', (c) => c.notNull())
    .addColumn('fin_le', 'text')
    .execute();
  await db.schema.createIndex('sessions_compte').on('sessions').column('compte_id').execute();

  await db.schema
    .createTable('jetons_api')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('compte_id', 'text', (c) => c.notNull().references('comptes.id').onDelete('cascade'))
    .addColumn('nom', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('cree_le', 'text', (c) => c.notNull())
    .addColumn('expire_le', 'text', (c) => c.notNull())
    .addColumn('dernier_usage_le', 'text')
    .addColumn('revoque_le', 'text')
    .addColumn('revoque_par', 'text')
    .addCheckConstraint('jetons_api_role', sql`role in ('admin', 'charge_mission', 'lecture')`)
    .execute();
  await db.schema.createIndex('jetons_api_compte').on('jetons_api').column('compte_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['jetons_api', 'sessions', 'liens_connexion', 'comptes']) await db.schema.dropTable(table).execute();
}
