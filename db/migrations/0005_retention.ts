// Retention (issue #15): when a dossier's personal data was purged (its figures stay in the reporting read model).
import { type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('reporting_dossiers').addColumn('purge_le', 'text').execute();
  await db.schema.createIndex('reporting_dossiers_termine').on('reporting_dossiers').columns(['termine_le', 'dossier_id']).execute();
  await db.schema.createIndex('candidatures_decision').on('candidatures').columns(['statut', 'decision_le']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('candidatures_decision').execute();
  await db.schema.dropIndex('reporting_dossiers_termine').execute();
  await db.schema.alterTable('reporting_dossiers').dropColumn('purge_le').execute();
}
