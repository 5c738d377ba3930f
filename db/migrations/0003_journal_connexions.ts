// The sign-in audit (issue #12): one line per sign-in (a link used, OpenID Connect), sign-out and refused link
// (expired, used, unknown) — which account (none for an unknown link), when, how, with what outcome; never a secret.
// And an index to count an account's recent sign-in links (the per-address throttle) and find expired ones to delete.
import { type Kysely } from 'kysely';
import { isPostgres } from '../database';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const journal = db.schema.createTable('journal_connexions');
  await (isPostgres(db) ? journal.addColumn('id', 'serial', (c) => c.primaryKey()) : journal.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('compte_id', 'text', (c) => c.references('comptes.id').onDelete('cascade'))
    .addColumn('le', 'text', (c) => c.notNull())
    .addColumn('moyen', 'text', (c) => c.notNull())
    .addColumn('issue', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('journal_connexions_compte').on('journal_connexions').columns(['compte_id', 'le']).execute();
  await db.schema.createIndex('liens_connexion_compte_cree').on('liens_connexion').columns(['compte_id', 'cree_le']).execute();
  await db.schema.createIndex('liens_connexion_expire').on('liens_connexion').column('expire_le').execute();
  await db.schema.createIndex('sessions_expire').on('sessions').column('expire_le').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sessions_expire').execute();
  await db.schema.dropIndex('liens_connexion_expire').execute();
  await db.schema.dropIndex('liens_connexion_compte_cree').execute();
  await db.schema.dropTable('journal_connexions').execute();
}
