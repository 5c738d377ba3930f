// What the product asks of the staff accounts' database (issue #12), implemented by db/comptes.ts over Kysely on
// SQLite or PostgreSQL, in the pool's database. Accounts, single-use sign-in links, server-side sessions and
// personal API tokens; every secret handed out is returned once and stored as its SHA-256 only.

/** The roles of UNML staff, each including the ones below it: `lecture` reads, `charge_mission` also acts, `admin` everything. */
export const ROLES_COMPTE = ['admin', 'charge_mission', 'lecture'] as const;
export type RoleCompte = (typeof ROLES_COMPTE)[number];

export const LIBELLES_ROLES: Record<RoleCompte, string> = { admin: 'administration', charge_mission: 'chargé·e de mission', lecture: 'lecture seule' };

const NIVEAUX: Record<RoleCompte, number> = { lecture: 1, charge_mission: 2, admin: 3 };

/** True when `role` allows what `requis` allows. */
export function roleSuffit(role: RoleCompte, requis: RoleCompte): boolean {
  return NIVEAUX[role] >= NIVEAUX[requis];
}

/** The highest of a set of roles (an account's effective role). */
export function roleLePlusHaut(roles: readonly RoleCompte[]): RoleCompte | undefined {
  return [...roles].sort((a, b) => NIVEAUX[b] - NIVEAUX[a])[0];
}

/** The lower of two roles (a token's role, bounded by its owner's current one). */
export function roleLePlusBas(a: RoleCompte, b: RoleCompte): RoleCompte {
  return NIVEAUX[a] <= NIVEAUX[b] ? a : b;
}

export interface Compte {
  /** Opaque, e.g. "CPT-7K2M9QXR4T": what the dossiers' timelines record, never the email. */
  id: string;
  email: string;
  nom: string;
  roles: RoleCompte[];
  actif: boolean;
  creeLe: string;
  creePar: string;
  modifieLe: string;
  modifiePar: string;
}

export interface NouveauCompte {
  email: string;
  nom: string;
  roles: RoleCompte[];
  /** Given only by seed data. */
  id?: string;
}

/** Only the fields given change. Deactivating ends the account's sessions at once; its tokens stop working. */
export interface ModificationCompte {
  nom?: string;
  roles?: RoleCompte[];
  actif?: boolean;
}

export interface JetonApi {
  /** Opaque, e.g. "JET-…": names the token in lists and for revocation (the secret is never shown again). */
  id: string;
  compteId: string;
  nom: string;
  role: RoleCompte;
  creeLe: string;
  expireLe: string;
  dernierUsageLe?: string;
  revoqueLe?: string;
}

/** What a sign-in link is worth now (a used or expired one still says whose it was, for the sign-in audit). */
export type EtatLien =
  { etat: 'valide'; compte: Compte; expireLe: string } | { etat: 'utilise'; compteId?: string } | { etat: 'expire'; compteId?: string } | { etat: 'inconnu' };

/** How a sign-in audit line came: an emailed link, OpenID Connect, or signing out. */
export const MOYENS_CONNEXION = ['lien', 'oidc', 'deconnexion'] as const;
export type MoyenConnexion = (typeof MOYENS_CONNEXION)[number];
/** Its outcome: signed in (or out), or why it was refused. */
export const ISSUES_CONNEXION = ['reussie', 'lien_expire', 'lien_utilise', 'lien_inconnu', 'compte_inconnu', 'compte_inactif', 'email_non_verifiee'] as const;
export type IssueConnexion = (typeof ISSUES_CONNEXION)[number];

/** One line of the sign-in audit: never a secret (no link, no session, no address). */
export interface LigneConnexion {
  /** Absent for a refused link no account has. */
  compteId?: string;
  le: string;
  moyen: MoyenConnexion;
  issue: IssueConnexion;
}

/** At most `max` sign-in links per account in any `fenetreMs` (the per-address throttle of emails). */
export interface LimiteLiens {
  max: number;
  fenetreMs: number;
}

export interface SessionOuverte {
  compte: Compte;
  /** The session's SHA-256 (hex): what CSRF tokens are derived from; never the cookie's secret. */
  sessionId: string;
  expireLe: string;
}

export interface DureesSession {
  /** The session ends after this long without a request. */
  inactiviteMs: number;
  /** The session ends this long after sign-in, whatever happens. */
  dureeMaxMs: number;
}

/** An account store's refusal: unknown (404), conflict (409, e.g. an address already used), forbidden (403). */
export class CompteErreur extends Error {
  constructor(
    readonly code: 'introuvable' | 'conflit' | 'interdit',
    message: string,
  ) {
    super(message);
    this.name = 'CompteErreur';
  }
}

export interface ComptesStore {
  listComptes(): Promise<Compte[]>;
  getCompte(id: string): Promise<Compte | undefined>;
  /** Case-insensitive. */
  compteParEmail(email: string): Promise<Compte | undefined>;
  compterComptes(): Promise<number>;
  /** Refused ('conflit') when the address already has an account. `par`: who (an account id, or "systeme"). */
  creerCompte(input: NouveauCompte, par: string): Promise<Compte>;
  /** Refused ('conflit') when it would leave no active admin. */
  modifierCompte(id: string, patch: ModificationCompte, par: string): Promise<Compte>;

  /** A single-use sign-in link for an active account: its secret, returned once. */
  creerLienConnexion(compteId: string, ttlMs: number): Promise<{ jeton: string; expireLe: string }>;
  /** What the link is worth, without using it (a GET never consumes a link). */
  etatLienConnexion(jeton: string): Promise<EtatLien>;
  /** Uses the link, atomically: two concurrent uses cannot both pass. */
  utiliserLienConnexion(jeton: string): Promise<EtatLien>;
  /**
   * A sign-in link as creerLienConnexion, unless the account already had `limite.max` links created in the last
   * `limite.fenetreMs` (then undefined, and nothing is created): one check and insert, two concurrent calls cannot both pass.
   */
  creerLienConnexionLimite(compteId: string, ttlMs: number, limite: LimiteLiens): Promise<{ jeton: string; expireLe: string } | undefined>;

  /** Adds a line to the sign-in audit, dated now. */
  journaliserConnexion(ligne: Omit<LigneConnexion, 'le'>): Promise<void>;
  /** The account's latest sign-in audit lines, newest first. */
  dernieresConnexions(compteId: string, nombre: number): Promise<LigneConnexion[]>;
  /**
   * Deletes what can no longer serve: sign-in links expired more than `garderLiensMs` ago (until then a link still
   * says "expired", and counts for the throttle), and sessions ended, idle or past their end. Returns how many.
   */
  nettoyerExpires(options: { garderLiensMs: number; durees: DureesSession }): Promise<{ liens: number; sessions: number }>;

  /** Opens a session for an active account: the cookie's secret, returned once. */
  ouvrirSession(compteId: string, durees: DureesSession): Promise<{ jeton: string; sessionId: string; expireLe: string }>;
  /** The session of this cookie secret, if still open (not ended, not idle, not past its end, account active); notes the activity. */
  session(jeton: string, durees: DureesSession): Promise<SessionOuverte | undefined>;
  fermerSession(jeton: string): Promise<void>;

  /** A personal API token ("dsp_…", returned once) with a role no higher than its owner's, and an expiry. */
  creerJeton(compteId: string, input: { nom: string; role: RoleCompte; expireLe: string }): Promise<{ jeton: string; fiche: JetonApi }>;
  jetons(compteId: string): Promise<JetonApi[]>;
  getJeton(id: string): Promise<JetonApi | undefined>;
  revoquerJeton(id: string, par: string): Promise<JetonApi>;
  /** The token's account and its role now (bounded by the account's), when valid; records its last use. */
  authentifierJeton(jeton: string): Promise<{ compte: Compte; jeton: JetonApi; role: RoleCompte } | undefined>;
}

/** The prefix of every personal API token (easy to recognise in a leak scanner). */
export const PREFIXE_JETON = 'dsp_';
