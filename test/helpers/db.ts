// The pool's store on a fresh database per call: SQLite in a temporary file, or PostgreSQL in a database created
// from TEST_POSTGRES_URL (any database of a server where that role may CREATE DATABASE) and dropped on cleanup.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { Client } from 'pg';
import type { Database } from '../../db/database';
import type { IntervenantFiche, NouvelIntervenant } from '../../db/store';
import { openVivierStore, type SqlVivierStore, type SqlVivierStoreOptions } from '../../db/vivier';
import { CAPACITE_DOSSIERS_MAX, CAPACITE_HEURES_MAX } from '../../domain/vivier';

export type DialectKind = 'sqlite' | 'postgres';

function ciRun(): boolean {
  const ci = process.env.CI;
  return !!ci && ci !== 'false' && ci !== '0';
}

/**
 * The databases to run the store's tests on: always SQLite; PostgreSQL when TEST_POSTGRES_URL is set, and in CI
 * even when it is not (createTestStore('postgres') then fails: CI never skips them silently).
 */
export const DIALECTS: DialectKind[] = process.env.TEST_POSTGRES_URL || ciRun() ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestStore {
  store: SqlVivierStore;
  db: Kysely<Database>;
  /** The DATABASE_URL of this database: open more stores on it (concurrency tests). */
  url: string;
  cleanup(): Promise<void>;
}

function postgresAdminUrl(): string {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) {
    throw new Error(
      'TEST_POSTGRES_URL is not set: the pool store tests must also run on PostgreSQL in CI ' +
        '(.ci/run starts a server and sets it, e.g. postgres://postgres@127.0.0.1:5432/postgres)',
    );
  }
  return url;
}

export async function createTestStore(kind: DialectKind, options: SqlVivierStoreOptions = {}): Promise<TestStore> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'vivier-test-'));
    const url = `sqlite:${join(dir, 'vivier.sqlite')}`;
    const store = await openVivierStore(url, options);
    let closed = false;
    return {
      store,
      db: store.db,
      url,
      async cleanup() {
        if (!closed) await store.close();
        closed = true;
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }

  const admin = new URL(postgresAdminUrl());
  const name = `vivier_test_${randomBytes(6).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  let store: SqlVivierStore;
  try {
    store = await openVivierStore(url.toString(), options);
  } catch (err) {
    await run(`drop database if exists ${name} with (force)`);
    throw err;
  }
  let closed = false;
  return {
    store,
    db: store.db,
    url: url.toString(),
    async cleanup() {
      if (!closed) await store.close();
      closed = true;
      await run(`drop database if exists ${name} with (force)`);
    },
  };
}

/**
 * Adds a test intervenant through the store. A capacity beyond the product's limits (domain/vivier.ts), room for every
 * dossier of a workflow test file, is then written to the table directly: the database only requires it non-negative.
 */
export async function ajouterAuVivierDeTest(t: Pick<TestStore, 'store' | 'db'>, input: NouvelIntervenant): Promise<IntervenantFiche> {
  const capaciteDossiers = Math.min(input.capaciteDossiers, CAPACITE_DOSSIERS_MAX);
  const capaciteHeuresMois = Math.min(input.capaciteHeuresMois, CAPACITE_HEURES_MAX);
  const fiche = await t.store.createIntervenant({ ...input, capaciteDossiers, capaciteHeuresMois }, 'test');
  if (capaciteDossiers === input.capaciteDossiers && capaciteHeuresMois === input.capaciteHeuresMois) return fiche;
  await t.db
    .updateTable('intervenants')
    .set({ capacite_dossiers: input.capaciteDossiers, capacite_heures_mois: input.capaciteHeuresMois })
    .where('id', '=', fiche.id)
    .execute();
  return (await t.store.getIntervenant(fiche.id))!;
}
