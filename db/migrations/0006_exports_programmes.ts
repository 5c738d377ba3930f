// Scheduled exports (issue #14, api/exports/): an export template sent on a Temporal Schedule (monthly, quarterly) to
// staff or funder addresses. The addresses are personal data: kept here only, the Schedule and its workflow carry the
// id alone (the activity reads them).
import { type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('exports_programmes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('modele_id', 'text', (c) => c.notNull().references('modeles_export.id'))
    .addColumn('destinataires', 'text', (c) => c.notNull())
    .addColumn('frequence', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('cree_par', 'text', (c) => c.notNull())
    .addColumn('cree_le', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exports_programmes_modele').on('exports_programmes').column('modele_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('exports_programmes').execute();
}
