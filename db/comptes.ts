// The staff accounts' store over Kysely (SQLite or PostgreSQL), in the pool's database: db/comptes-store.ts's
// ComptesStore. Secrets (sign-in links, sessions, tokens) are 32 random bytes, handed out once and stored as their
// SHA-256; every change of an account adds a line to `historique` (who, when).
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { type ComptesTable, type Database, isPostgres, type JetonsApiTable } from './database';
import { violation } from './erreurs';
import {
  type Compte,
  CompteErreur,
  type ComptesStore,
  type DureesSession,
  type EtatLien,
  type IssueConnexion,
  type JetonApi,
  type LigneConnexion,
  type LimiteLiens,
  type MoyenConnexion,
  type ModificationCompte,
  type NouveauCompte,
  PREFIXE_JETON,
  ROLES_COMPTE,
  type RoleCompte,
  roleLePlusBas,
  roleLePlusHaut,
  roleSuffit,
  type SessionOuverte,
} from './comptes-store';

type Db = Kysely<Database>;

/** Activity is written at most this often (a session's idle clock, a token's last use): not one write per request. */
const ECRITURE_ACTIVITE_MS = 60_000;

// Crockford's base32, as the pool's ids.
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function nouvelId(prefixe: 'CPT' | 'JET'): string {
  let out = '';
  for (const b of randomBytes(10)) out += BASE32[b & 31];
  return `${prefixe}-${out}`;
}

/** SHA-256, hex: what the database keeps of a secret. */
export function empreinte(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

const secret = (): string => randomBytes(32).toString('base64url');
export const normaliserEmail = (email: string): string => email.trim().toLowerCase();

function versCompte(r: Selectable<ComptesTable>): Compte {
  const roles = (JSON.parse(r.roles) as string[]).filter((x): x is RoleCompte => (ROLES_COMPTE as readonly string[]).includes(x));
  return {
    id: r.id,
    email: r.email,
    nom: r.nom,
    roles,
    actif: r.actif === 1,
    creeLe: r.cree_le,
    creePar: r.cree_par,
    modifieLe: r.modifie_le,
    modifiePar: r.modifie_par,
  };
}

function versJeton(r: Selectable<JetonsApiTable>): JetonApi {
  return {
    id: r.id,
    compteId: r.compte_id,
    nom: r.nom,
    role: r.role as RoleCompte,
    creeLe: r.cree_le,
    expireLe: r.expire_le,
    ...(r.dernier_usage_le ? { dernierUsageLe: r.dernier_usage_le } : {}),
    ...(r.revoque_le ? { revoqueLe: r.revoque_le } : {}),
  };
}

function verifierRoles(roles: readonly RoleCompte[]): RoleCompte[] {
  const uniques = [...new Set(roles)];
  if (uniques.length === 0) throw new CompteErreur('conflit', `Un compte a au moins un rôle (${ROLES_COMPTE.join(', ')}).`);
  const inconnu = uniques.find((r) => !(ROLES_COMPTE as readonly string[]).includes(r));
  if (inconnu) throw new CompteErreur('conflit', `Rôle inconnu « ${inconnu} » (${ROLES_COMPTE.join(', ')}).`);
  return ROLES_COMPTE.filter((r) => uniques.includes(r));
}

export interface SqlComptesStoreOptions {
  /** The clock (tests). */
  now?: () => Date;
}

export class SqlComptesStore implements ComptesStore {
  constructor(
    readonly db: Db,
    private readonly options: SqlComptesStoreOptions = {},
  ) {}

  private horloge(): Date {
    return this.options.now?.() ?? new Date();
  }
  private maintenant(): string {
    return this.horloge().toISOString();
  }
  private dans(ms: number): string {
    return new Date(this.horloge().getTime() + ms).toISOString();
  }

  private async journal(trx: Db, compteId: string, action: string, par: string, details?: unknown): Promise<void> {
    await trx
      .insertInto('historique')
      .values({ entite: 'compte', entite_id: compteId, action, par, le: this.maintenant(), details: details === undefined ? null : JSON.stringify(details) })
      .execute();
  }

  async listComptes(): Promise<Compte[]> {
    return (await this.db.selectFrom('comptes').selectAll().orderBy('nom').orderBy('id').execute()).map(versCompte);
  }

  async getCompte(id: string): Promise<Compte | undefined> {
    const r = await this.db.selectFrom('comptes').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? versCompte(r) : undefined;
  }

  async compteParEmail(email: string): Promise<Compte | undefined> {
    const r = await this.db.selectFrom('comptes').selectAll().where('email_normalise', '=', normaliserEmail(email)).executeTakeFirst();
    return r ? versCompte(r) : undefined;
  }

  async compterComptes(): Promise<number> {
    const r = await this.db
      .selectFrom('comptes')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async creerCompte(input: NouveauCompte, par: string): Promise<Compte> {
    const roles = verifierRoles(input.roles);
    const le = this.maintenant();
    const id = input.id ?? nouvelId('CPT');
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('comptes')
          .values({
            id,
            email: input.email.trim(),
            email_normalise: normaliserEmail(input.email),
            nom: input.nom.trim(),
            roles: JSON.stringify(roles),
            actif: 1,
            cree_le: le,
            cree_par: par,
            modifie_le: le,
            modifie_par: par,
          })
          .execute();
        await this.journal(trx, id, 'creation', par, { roles });
      });
    } catch (err) {
      if (violation(err)?.kind === 'unique') throw new CompteErreur('conflit', 'Un compte existe déjà pour cette adresse e-mail.');
      throw err;
    }
    return (await this.getCompte(id))!;
  }

  async modifierCompte(id: string, patch: ModificationCompte, par: string): Promise<Compte> {
    const roles = patch.roles !== undefined ? verifierRoles(patch.roles) : undefined;
    await this.db.transaction().execute(async (trx) => {
      const avant = await trx.selectFrom('comptes').selectAll().where('id', '=', id).executeTakeFirst();
      if (!avant) throw new CompteErreur('introuvable', `Aucun compte ${id}.`);
      const apres = { ...versCompte(avant), ...(patch.nom !== undefined ? { nom: patch.nom.trim() } : {}), ...(roles ? { roles } : {}) };
      if (patch.actif !== undefined) apres.actif = patch.actif;
      // Never leave the product without an active admin.
      if (versCompte(avant).actif && versCompte(avant).roles.includes('admin') && !(apres.actif && apres.roles.includes('admin'))) {
        const admins = (await trx.selectFrom('comptes').select(['id', 'roles']).where('actif', '=', 1).where('id', '!=', id).execute()).filter((r) =>
          (JSON.parse(r.roles) as string[]).includes('admin'),
        );
        if (admins.length === 0) throw new CompteErreur('conflit', 'C’est le dernier compte administrateur actif : nommez d’abord un autre administrateur.');
      }
      const le = this.maintenant();
      await trx
        .updateTable('comptes')
        .set({ nom: apres.nom, roles: JSON.stringify(apres.roles), actif: apres.actif ? 1 : 0, modifie_le: le, modifie_par: par })
        .where('id', '=', id)
        .execute();
      if (!apres.actif) {
        // Deactivated: its sessions end now (every request checks `actif` too), its unused links die.
        await trx.updateTable('sessions').set({ fin_le: le }).where('compte_id', '=', id).where('fin_le', 'is', null).execute();
        await trx.updateTable('liens_connexion').set({ utilise_le: le }).where('compte_id', '=', id).where('utilise_le', 'is', null).execute();
      }
      await this.journal(trx, id, 'modification', par, patch);
    });
    return (await this.getCompte(id))!;
  }

  // --- Sign-in links -------------------------------------------------------------------------------

  async creerLienConnexion(compteId: string, ttlMs: number): Promise<{ jeton: string; expireLe: string }> {
    const compte = await this.getCompte(compteId);
    if (!compte?.actif) throw new CompteErreur('introuvable', `Aucun compte actif ${compteId}.`);
    const jeton = secret();
    const expireLe = this.dans(ttlMs);
    await this.db
      .insertInto('liens_connexion')
      .values({ hash: empreinte(jeton), compte_id: compteId, cree_le: this.maintenant(), expire_le: expireLe, utilise_le: null })
      .execute();
    return { jeton, expireLe };
  }

  async creerLienConnexionLimite(compteId: string, ttlMs: number, limite: LimiteLiens): Promise<{ jeton: string; expireLe: string } | undefined> {
    const jeton = secret();
    const expireLe = this.dans(ttlMs);
    const cree = await this.db.transaction().execute(async (trx) => {
      // The account's row, locked on PostgreSQL (SQLite's write transactions already run one at a time): two
      // concurrent requests for one address count and insert one after the other.
      let compte = trx.selectFrom('comptes').select(['id', 'actif']).where('id', '=', compteId);
      if (isPostgres(this.db as unknown as Kysely<unknown>)) compte = compte.forUpdate();
      const c = await compte.executeTakeFirst();
      if (c?.actif !== 1) throw new CompteErreur('introuvable', `Aucun compte actif ${compteId}.`);
      const depuis = new Date(this.horloge().getTime() - limite.fenetreMs).toISOString();
      const n = await trx
        .selectFrom('liens_connexion')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('compte_id', '=', compteId)
        .where('cree_le', '>', depuis)
        .executeTakeFirstOrThrow();
      if (Number(n.n) >= limite.max) return false;
      await trx
        .insertInto('liens_connexion')
        .values({ hash: empreinte(jeton), compte_id: compteId, cree_le: this.maintenant(), expire_le: expireLe, utilise_le: null })
        .execute();
      return true;
    });
    return cree ? { jeton, expireLe } : undefined;
  }

  async etatLienConnexion(jeton: string): Promise<EtatLien> {
    const r = await this.db
      .selectFrom('liens_connexion')
      .innerJoin('comptes', 'comptes.id', 'liens_connexion.compte_id')
      .select(['liens_connexion.expire_le', 'liens_connexion.utilise_le', 'comptes.id as compte_id', 'comptes.actif'])
      .where('liens_connexion.hash', '=', empreinte(jeton))
      .executeTakeFirst();
    if (!r) return { etat: 'inconnu' };
    if (r.utilise_le !== null || r.actif !== 1) return { etat: 'utilise', compteId: r.compte_id };
    if (r.expire_le <= this.maintenant()) return { etat: 'expire', compteId: r.compte_id };
    return { etat: 'valide', compte: (await this.getCompte(r.compte_id))!, expireLe: r.expire_le };
  }

  async utiliserLienConnexion(jeton: string): Promise<EtatLien> {
    const le = this.maintenant();
    const r = await this.db
      .updateTable('liens_connexion')
      .set({ utilise_le: le })
      .where('hash', '=', empreinte(jeton))
      .where('utilise_le', 'is', null)
      .where('expire_le', '>', le)
      .returning(['compte_id', 'expire_le'])
      .executeTakeFirst();
    if (!r) return this.etatLienConnexion(jeton);
    const compte = await this.getCompte(r.compte_id);
    return compte?.actif ? { etat: 'valide', compte, expireLe: r.expire_le } : { etat: 'utilise', compteId: r.compte_id };
  }

  // --- Sign-in audit and clean-up ------------------------------------------------------------------

  async journaliserConnexion(ligne: Omit<LigneConnexion, 'le'>): Promise<void> {
    await this.db
      .insertInto('journal_connexions')
      .values({ compte_id: ligne.compteId ?? null, le: this.maintenant(), moyen: ligne.moyen, issue: ligne.issue })
      .execute();
  }

  async dernieresConnexions(compteId: string, nombre: number): Promise<LigneConnexion[]> {
    const rows = await this.db
      .selectFrom('journal_connexions')
      .selectAll()
      .where('compte_id', '=', compteId)
      .orderBy('le', 'desc')
      .orderBy('id', 'desc')
      .limit(nombre)
      .execute();
    return rows.map((r) => ({
      ...(r.compte_id !== null ? { compteId: r.compte_id } : {}),
      le: r.le,
      moyen: r.moyen as MoyenConnexion,
      issue: r.issue as IssueConnexion,
    }));
  }

  async nettoyerExpires(options: { garderLiensMs: number; durees: DureesSession }): Promise<{ liens: number; sessions: number }> {
    const now = this.horloge().getTime();
    const iso = (ms: number) => new Date(ms).toISOString();
    const liens = await this.db
      .deleteFrom('liens_connexion')
      .where('expire_le', '<=', iso(now - options.garderLiensMs))
      .executeTakeFirst();
    const sessions = await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('fin_le', 'is not', null), eb('expire_le', '<=', iso(now)), eb('vu_le', '<', iso(now - options.durees.inactiviteMs))]))
      .executeTakeFirst();
    return { liens: Number(liens.numDeletedRows), sessions: Number(sessions.numDeletedRows) };
  }

  // --- Sessions ------------------------------------------------------------------------------------

  async ouvrirSession(compteId: string, durees: DureesSession): Promise<{ jeton: string; sessionId: string; expireLe: string }> {
    const compte = await this.getCompte(compteId);
    if (!compte?.actif) throw new CompteErreur('introuvable', `Aucun compte actif ${compteId}.`);
    const jeton = secret();
    const le = this.maintenant();
    const expireLe = this.dans(durees.dureeMaxMs);
    const sessionId = empreinte(jeton);
    await this.db.insertInto('sessions').values({ hash: sessionId, compte_id: compteId, cree_le: le, vu_le: le, expire_le: expireLe, fin_le: null }).execute();
    return { jeton, sessionId, expireLe };
  }

  async session(jeton: string, durees: DureesSession): Promise<SessionOuverte | undefined> {
    const hash = empreinte(jeton);
    const r = await this.db.selectFrom('sessions').selectAll().where('hash', '=', hash).where('fin_le', 'is', null).executeTakeFirst();
    if (!r) return undefined;
    const now = this.horloge();
    const inactive = now.getTime() - Date.parse(r.vu_le) > durees.inactiviteMs;
    if (inactive || r.expire_le <= now.toISOString()) {
      await this.db.updateTable('sessions').set({ fin_le: now.toISOString() }).where('hash', '=', hash).execute();
      return undefined;
    }
    const compte = await this.getCompte(r.compte_id);
    if (!compte?.actif) return undefined;
    if (now.getTime() - Date.parse(r.vu_le) >= ECRITURE_ACTIVITE_MS) {
      await this.db.updateTable('sessions').set({ vu_le: now.toISOString() }).where('hash', '=', hash).execute();
    }
    return { compte, sessionId: hash, expireLe: r.expire_le };
  }

  async fermerSession(jeton: string): Promise<void> {
    await this.db.updateTable('sessions').set({ fin_le: this.maintenant() }).where('hash', '=', empreinte(jeton)).where('fin_le', 'is', null).execute();
  }

  // --- Personal API tokens -------------------------------------------------------------------------

  async creerJeton(compteId: string, input: { nom: string; role: RoleCompte; expireLe: string }): Promise<{ jeton: string; fiche: JetonApi }> {
    const compte = await this.getCompte(compteId);
    if (!compte?.actif) throw new CompteErreur('introuvable', `Aucun compte actif ${compteId}.`);
    const max = roleLePlusHaut(compte.roles);
    if (!max || !roleSuffit(max, input.role)) {
      throw new CompteErreur(
        'interdit',
        `Un jeton ne peut pas avoir plus de droits que son titulaire (rôle « ${input.role} » demandé, « ${max ?? 'aucun'} » au plus).`,
      );
    }
    if (input.expireLe <= this.maintenant()) throw new CompteErreur('conflit', 'La date d’expiration du jeton est déjà passée.');
    const jeton = `${PREFIXE_JETON}${secret()}`;
    const id = nouvelId('JET');
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('jetons_api')
        .values({
          id,
          hash: empreinte(jeton),
          compte_id: compteId,
          nom: input.nom.trim(),
          role: input.role,
          cree_le: this.maintenant(),
          expire_le: new Date(input.expireLe).toISOString(),
          dernier_usage_le: null,
          revoque_le: null,
          revoque_par: null,
        })
        .execute();
      await this.journal(trx, compteId, 'jeton_cree', compteId, { jeton: id, role: input.role, expireLe: input.expireLe });
    });
    return { jeton, fiche: (await this.getJeton(id))! };
  }

  async jetons(compteId: string): Promise<JetonApi[]> {
    return (await this.db.selectFrom('jetons_api').selectAll().where('compte_id', '=', compteId).orderBy('cree_le', 'desc').orderBy('id').execute()).map(
      versJeton,
    );
  }

  async getJeton(id: string): Promise<JetonApi | undefined> {
    const r = await this.db.selectFrom('jetons_api').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? versJeton(r) : undefined;
  }

  async revoquerJeton(id: string, par: string): Promise<JetonApi> {
    const avant = await this.getJeton(id);
    if (!avant) throw new CompteErreur('introuvable', `Aucun jeton ${id}.`);
    if (!avant.revoqueLe) {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('jetons_api')
          .set({ revoque_le: this.maintenant(), revoque_par: par })
          .where('id', '=', id)
          .where('revoque_le', 'is', null)
          .execute();
        await this.journal(trx, avant.compteId, 'jeton_revoque', par, { jeton: id });
      });
    }
    return (await this.getJeton(id))!;
  }

  async authentifierJeton(jeton: string): Promise<{ compte: Compte; jeton: JetonApi; role: RoleCompte } | undefined> {
    if (!jeton.startsWith(PREFIXE_JETON)) return undefined;
    const r = await this.db.selectFrom('jetons_api').selectAll().where('hash', '=', empreinte(jeton)).executeTakeFirst();
    const now = this.horloge();
    if (!r || r.revoque_le !== null || r.expire_le <= now.toISOString()) return undefined;
    const compte = await this.getCompte(r.compte_id);
    const max = compte?.actif ? roleLePlusHaut(compte.roles) : undefined;
    if (!compte || !max) return undefined;
    if (r.dernier_usage_le === null || now.getTime() - Date.parse(r.dernier_usage_le) >= ECRITURE_ACTIVITE_MS) {
      await this.db.updateTable('jetons_api').set({ dernier_usage_le: now.toISOString() }).where('id', '=', r.id).execute();
      r.dernier_usage_le = now.toISOString();
    }
    return { compte, jeton: versJeton(r), role: roleLePlusBas(r.role as RoleCompte, max) };
  }
}
