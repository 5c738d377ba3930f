// Tests act as signed-in UNML staff with a real account and a real API token (no bypass in the product): a staff
// account of the wanted role in the test database, a token of it, and the app wrapped so every request without its
// own credential (Authorization header or cookie) carries that token.
import type { Express } from 'express';
import type { Kysely } from 'kysely';
import type { Compte, RoleCompte } from '../../db/comptes-store';
import { SqlComptesStore } from '../../db/comptes';
import type { Database } from '../../db/database';

export interface CompteDeTest {
  comptes: SqlComptesStore;
  compte: Compte;
  /** "dsp_…": send as `Authorization: Bearer …`. */
  jeton: string;
}

let n = 0;

/** A staff account of `role` and a token of it (valid a year). */
export async function compteDeTest(db: Kysely<Database> | SqlComptesStore, role: RoleCompte = 'admin'): Promise<CompteDeTest> {
  const comptes = db instanceof SqlComptesStore ? db : new SqlComptesStore(db);
  n += 1;
  const compte = await comptes.creerCompte({ email: `test.${role}.${n}.${process.pid}@unml.test`, nom: `Test ${role} ${n}`, roles: [role] }, 'test');
  const { jeton } = await comptes.creerJeton(compte.id, { nom: 'tests', role, expireLe: new Date(Date.now() + 365 * 86_400_000).toISOString() });
  return { comptes, compte, jeton };
}

/** The app, each request without its own credential sent with `jeton` (a function: supertest and http.createServer take it). */
export function avecJeton(app: Express, jeton: string): Express {
  const handler = (req: Parameters<Express>[0], res: Parameters<Express>[1]) => {
    if (req.headers.authorization === undefined && req.headers.cookie === undefined) req.headers.authorization = `Bearer ${jeton}`;
    return app(req, res);
  };
  return handler as unknown as Express;
}
