// What every part of the pool's SQL store shares: the database and the clock, one transaction per write (its
// constraint violations turned into VivierErreur), the history line each write adds, and a few words and ids.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type ChampsVerifies, problemesProfil, ROLES, type Role, TYPES_INTERVENANT, type TypeIntervenant } from '../../domain/vivier';
import type { Database } from '../database';
import { versErreurVivier } from '../erreurs';
import { type Evenement, VivierErreur } from '../store';

export type Db = Kysely<Database>;

export interface SqlVivierStoreOptions {
  /** The clock (tests). */
  now?: () => Date;
}

export class Contexte {
  constructor(
    readonly db: Db,
    private readonly options: SqlVivierStoreOptions = {},
  ) {}

  horloge(): Date {
    return this.options.now?.() ?? new Date();
  }

  maintenant(): string {
    return this.horloge().toISOString();
  }

  /** Runs `fn` in one transaction; constraint violations come out as VivierErreur. */
  async ecrire<T>(fn: (trx: Db) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction().execute(fn);
    } catch (err) {
      throw versErreurVivier(err);
    }
  }

  /** Adds the history line of a write, in its transaction. */
  async journal(trx: Db, e: Omit<Evenement, 'le'> & { le?: string }): Promise<void> {
    await trx
      .insertInto('historique')
      .values({
        entite: e.entite,
        entite_id: e.entiteId,
        action: e.action,
        par: e.par,
        le: e.le ?? this.maintenant(),
        details: e.details === undefined ? null : JSON.stringify(e.details),
      })
      .execute();
  }

  async historique(entite: Evenement['entite'], entiteId: string): Promise<Evenement[]> {
    const rows = await this.db.selectFrom('historique').selectAll().where('entite', '=', entite).where('entite_id', '=', entiteId).orderBy('id').execute();
    return rows.map((r) => {
      const details = jsonOuUndefined(r.details);
      const evenement: Evenement = { entite: r.entite as Evenement['entite'], entiteId: r.entite_id, action: r.action, par: r.par, le: r.le };
      return details !== undefined ? { ...evenement, details } : evenement;
    });
  }
}

function jsonOuUndefined(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

// Crockford's base32: no I, L, O, U (nothing to misread in an email or on the phone).
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** An opaque identifier, e.g. "INT-7K2M9QXR4T": random, never built from personal data. */
export function nouvelId(prefixe: 'INT' | 'CAND' | 'RES' | 'IND' | 'CON', longueur = 10): string {
  const bytes = randomBytes(longueur);
  let out = '';
  for (const b of bytes) out += BASE32[b & 31];
  return `${prefixe}-${out}`;
}

/** Refuses ('conflit') an intervenant's or an application's fields that break the pool's rules (domain/vivier.ts). */
export function verifier(input: ChampsVerifies, quoi: string): void {
  const list = problemesProfil(input);
  if (list.length) throw new VivierErreur('conflit', `${quoi} refusé·e : ${list.join(' ; ')}.`, { problemes: list });
}

const ROLE_CODES = Object.keys(ROLES) as Role[];

/** Refuses ('conflit') a role the pool does not know. */
export function verifierRole(role: Role): void {
  if (!ROLE_CODES.includes(role)) throw new VivierErreur('conflit', `Rôle inconnu « ${role} » (${ROLE_CODES.join(', ')}).`, { role });
}

/** Hours are kept to the hundredth: 24 h over 3 months is 8 h/month, 20 h over 3 months 6.67. */
export function arrondiHeures(h: number): number {
  return Math.round(h * 100) / 100;
}

/** "6,5 h". */
export function heures(h: number): string {
  return `${String(h).replace('.', ',')} h`;
}

export function libelleRole(role: Role): string {
  return ROLES[role].libelle;
}

export function libelleType(type: string): string {
  return TYPES_INTERVENANT[type as TypeIntervenant] ?? type;
}

/** The same refusal wherever an intervenant id leads nowhere. */
export function intervenantInconnu(id: string): VivierErreur {
  return new VivierErreur('introuvable', `Aucun·e intervenant·e ${id} dans le vivier.`, { intervenantId: id });
}
