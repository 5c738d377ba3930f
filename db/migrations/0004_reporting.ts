// The reporting read model (issue #14, domain/reporting.ts): one row per dossier, one per unit of work, one per
// questionnaire answer, each dossier's rows replaced as a whole by a newer `sequence` only. Export templates: the
// columns and filters a person saved under a name.
import { type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reporting_dossiers')
    .addColumn('dossier_id', 'text', (c) => c.primaryKey())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('dispositif', 'text', (c) => c.notNull())
    .addColumn('mission_locale', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('etape', 'text', (c) => c.notNull())
    .addColumn('issue', 'text')
    .addColumn('demande_le', 'text', (c) => c.notNull())
    .addColumn('accepte_le', 'text')
    .addColumn('liste_attente_le', 'text')
    .addColumn('lance_le', 'text')
    .addColumn('fin_le', 'text')
    .addColumn('termine_le', 'text')
    .addColumn('interlocutrice', 'text')
    .addColumn('intervenants', 'text', (c) => c.notNull())
    .addColumn('issu_de', 'text')
    .addColumn('a_conduit_a', 'text', (c) => c.notNull())
    .addColumn('mis_a_jour_le', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reporting_dossiers_demande').on('reporting_dossiers').columns(['demande_le', 'dossier_id']).execute();
  await db.schema.createIndex('reporting_dossiers_dispositif').on('reporting_dossiers').columns(['dispositif', 'region']).execute();

  await db.schema
    .createTable('reporting_unites')
    .addColumn('dossier_id', 'text', (c) => c.notNull().references('reporting_dossiers.dossier_id').onDelete('cascade'))
    .addColumn('cle', 'text', (c) => c.notNull())
    .addColumn('intervenant_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer')
    .addColumn('demi_journees', 'integer')
    .addColumn('nature', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reporting_unites_pk', ['dossier_id', 'cle'])
    .execute();
  await db.schema.createIndex('reporting_unites_date').on('reporting_unites').columns(['date', 'dossier_id']).execute();

  await db.schema
    .createTable('reporting_reponses')
    .addColumn('dossier_id', 'text', (c) => c.notNull().references('reporting_dossiers.dossier_id').onDelete('cascade'))
    .addColumn('rang', 'integer', (c) => c.notNull())
    .addColumn('repondant', 'text', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('reponse', 'text', (c) => c.notNull())
    .addColumn('le', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reporting_reponses_pk', ['dossier_id', 'rang'])
    .execute();

  await db.schema
    .createTable('modeles_export')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('nom', 'text', (c) => c.notNull())
    .addColumn('objet', 'text', (c) => c.notNull())
    .addColumn('colonnes', 'text', (c) => c.notNull())
    .addColumn('filtre', 'text', (c) => c.notNull())
    .addColumn('cree_par', 'text', (c) => c.notNull())
    .addColumn('cree_le', 'text', (c) => c.notNull())
    .addColumn('modifie_le', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('modeles_export_nom').on('modeles_export').column('nom').unique().execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('modeles_export').execute();
  await db.schema.dropTable('reporting_reponses').execute();
  await db.schema.dropTable('reporting_unites').execute();
  await db.schema.dropTable('reporting_dossiers').execute();
}
