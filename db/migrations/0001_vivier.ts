// The pool's first schema: reference data, intervenants (capacity enforced by CHECK constraints), applications,
// history, reservations (one active per dossier and role, by partial unique indexes) and the waiting list.
// Portable to SQLite and PostgreSQL; only the history's auto-increment key differs.
import { type CreateTableBuilder, type Kysely, sql } from 'kysely';
import { isPostgres } from '../database';

/** The first columns of intervenants and candidatures, the same in both: the id, then who the person is, up to the firm. */
function identite<T extends string, C extends string>(table: CreateTableBuilder<T, C>) {
  return table
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('nom', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('telephone', 'text')
    .addColumn('region', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('mission_locale_code', 'text')
    .addColumn('cabinet', 'text');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('regions')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('nom', 'text', (c) => c.notNull())
    .addColumn('arml_nom', 'text', (c) => c.notNull())
    .addColumn('arml_email', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('missions_locales')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('nom', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull().references('regions.code'))
    .execute();
  await db.schema.createIndex('missions_locales_region').on('missions_locales').column('region').execute();

  await db.schema
    .createTable('intervenants')
    .$call(identite)
    .addColumn('capacite_dossiers', 'integer', (c) => c.notNull())
    .addColumn('capacite_heures_mois', 'integer', (c) => c.notNull())
    .addColumn('dossiers_en_cours', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('heures_mois_reservees', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('actif', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('statut', 'text', (c) => c.notNull())
    .addColumn('candidature_id', 'text')
    .addColumn('cree_le', 'text', (c) => c.notNull())
    .addColumn('modifie_le', 'text', (c) => c.notNull())
    .addCheckConstraint('intervenants_type', sql`type in ('consultant_cabinet', 'directeur_ml', 'expert_reseau')`)
    .addCheckConstraint('intervenants_statut', sql`statut in ('valide', 'retire')`)
    .addCheckConstraint('intervenants_actif', sql`actif in (0, 1)`)
    .addCheckConstraint('intervenants_capacites', sql`capacite_dossiers >= 0 and capacite_heures_mois >= 0`)
    // The database, not the application, keeps the load within capacity.
    .addCheckConstraint('intervenants_dossiers_capacite', sql`dossiers_en_cours >= 0 and dossiers_en_cours <= capacite_dossiers`)
    .addCheckConstraint('intervenants_heures_capacite', sql`heures_mois_reservees >= 0 and heures_mois_reservees <= capacite_heures_mois`)
    .execute();
  await db.schema.createIndex('intervenants_type_statut').on('intervenants').columns(['type', 'statut']).execute();
  await db.schema.createIndex('intervenants_email').on('intervenants').column('email').execute();

  await db.schema
    .createTable('intervenant_expertises')
    .addColumn('intervenant_id', 'text', (c) => c.notNull().references('intervenants.id').onDelete('cascade'))
    .addColumn('expertise', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('intervenant_expertises_pk', ['intervenant_id', 'expertise'])
    .execute();

  await db.schema
    .createTable('indisponibilites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('intervenant_id', 'text', (c) => c.notNull().references('intervenants.id').onDelete('cascade'))
    .addColumn('debut', 'text', (c) => c.notNull())
    .addColumn('fin', 'text', (c) => c.notNull())
    .addColumn('motif', 'text')
    .addCheckConstraint('indisponibilites_periode', sql`debut <= fin`)
    .execute();
  await db.schema.createIndex('indisponibilites_intervenant').on('indisponibilites').column('intervenant_id').execute();

  await db.schema
    .createTable('connaissances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('intervenant_id', 'text', (c) => c.notNull().references('intervenants.id').onDelete('cascade'))
    .addColumn('mission_locale_code', 'text', (c) => c.notNull())
    .addColumn('personne', 'text')
    .execute();
  await db.schema.createIndex('connaissances_intervenant').on('connaissances').column('intervenant_id').execute();

  await db.schema
    .createTable('candidatures')
    .$call(identite)
    .addColumn('expertises', 'text', (c) => c.notNull())
    .addColumn('capacite_dossiers', 'integer', (c) => c.notNull())
    .addColumn('capacite_heures_mois', 'integer', (c) => c.notNull())
    .addColumn('connaissances', 'text', (c) => c.notNull())
    .addColumn('motivation', 'text', (c) => c.notNull())
    .addColumn('statut', 'text', (c) => c.notNull())
    .addColumn('deposee_le', 'text', (c) => c.notNull())
    .addColumn('decision_par', 'text')
    .addColumn('decision_le', 'text')
    .addColumn('decision_motif', 'text')
    .addColumn('intervenant_id', 'text')
    .addCheckConstraint('candidatures_type', sql`type in ('consultant_cabinet', 'directeur_ml', 'expert_reseau')`)
    .addCheckConstraint('candidatures_statut', sql`statut in ('en_attente', 'validee', 'refusee')`)
    .addCheckConstraint('candidatures_capacites', sql`capacite_dossiers >= 0 and capacite_heures_mois >= 0`)
    .execute();
  // A double submission creates one pending application.
  await sql`create unique index candidatures_email_en_attente on candidatures (email) where statut = 'en_attente'`.execute(db);

  const historique = db.schema.createTable('historique');
  await (
    isPostgres(db) ? historique.addColumn('id', 'serial', (c) => c.primaryKey()) : historique.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  )
    .addColumn('entite', 'text', (c) => c.notNull())
    .addColumn('entite_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('par', 'text', (c) => c.notNull())
    .addColumn('le', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    .execute();
  await db.schema.createIndex('historique_entite').on('historique').columns(['entite', 'entite_id']).execute();

  await db.schema
    .createTable('reservations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dossier_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('intervenant_id', 'text', (c) => c.notNull().references('intervenants.id'))
    .addColumn('heures_mois', 'double precision', (c) => c.notNull())
    .addColumn('manuelle', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reservee_le', 'text', (c) => c.notNull())
    .addColumn('par', 'text', (c) => c.notNull())
    .addColumn('liberee_le', 'text')
    .addColumn('motif_liberation', 'text')
    .addCheckConstraint('reservations_heures', sql`heures_mois >= 0`)
    .addCheckConstraint('reservations_manuelle', sql`manuelle in (0, 1)`)
    .execute();
  // One active reservation per (dossier, role), and an intervenant holds at most one role in a dossier.
  await sql`create unique index reservations_dossier_role_active on reservations (dossier_id, role) where liberee_le is null`.execute(db);
  await sql`create unique index reservations_dossier_intervenant_active on reservations (dossier_id, intervenant_id) where liberee_le is null`.execute(db);
  await db.schema.createIndex('reservations_intervenant').on('reservations').columns(['intervenant_id', 'reservee_le']).execute();

  await db.schema
    .createTable('file_attente')
    .addColumn('dossier_id', 'text', (c) => c.primaryKey())
    .addColumn('dispositif', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('priorite', 'integer', (c) => c.notNull())
    .addColumn('depuis', 'text', (c) => c.notNull())
    .addCheckConstraint('file_attente_priorite', sql`priorite >= 1`)
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  const tables = ['file_attente', 'reservations', 'historique', 'candidatures', 'connaissances', 'indisponibilites', 'intervenant_expertises', 'intervenants'];
  for (const table of [...tables, 'missions_locales', 'regions']) {
    await db.schema.dropTable(table).execute();
  }
}
