// The staff accounts' store (db/comptes.ts) on SQLite and, with TEST_POSTGRES_URL, on PostgreSQL: accounts (one per
// address, whatever its case), single-use sign-in links, sessions (idle and absolute expiry, ended by deactivation)
// and API tokens (role bounded by the owner's, expiry, revocation, last use). Secrets are stored hashed only. The
// sign-in hardening: at most N links per account and window, the sign-in audit, the clean-up of expired rows.
import { CompteErreur } from '../db/comptes-store';
import { empreinte, SqlComptesStore } from '../db/comptes';
import { createTestStore, DIALECTS, type TestStore } from './helpers/db';

const MIN = 60_000;
const HEURE = 60 * MIN;
const DUREES = { inactiviteMs: 2 * HEURE, dureeMaxMs: 12 * HEURE };

async function refus(p: Promise<unknown>): Promise<CompteErreur> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CompteErreur) return err;
    throw err;
  }
  throw new Error('expected a CompteErreur, the call succeeded');
}

describe.each(DIALECTS)('staff accounts store on %s', (kind) => {
  let t: TestStore;
  let now: Date;
  let store: SqlComptesStore;
  const avancer = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };

  beforeAll(async () => {
    t = await createTestStore(kind);
  });
  afterAll(async () => {
    await t?.cleanup();
  });
  beforeEach(async () => {
    now = new Date('2026-12-01T09:00:00.000Z');
    store = new SqlComptesStore(t.db, { now: () => now });
    for (const table of ['journal_connexions', 'jetons_api', 'sessions', 'liens_connexion', 'comptes'] as const) await t.db.deleteFrom(table).execute();
  });

  it('keeps one account per address, whatever its case, with who created and changed it', async () => {
    const c = await store.creerCompte({ email: ' Alice.Martin@UNML.info ', nom: 'Alice Martin', roles: ['lecture', 'admin'] }, 'systeme');
    expect(c).toMatchObject({ id: expect.stringMatching(/^CPT-[0-9A-Z]{10}$/), email: 'Alice.Martin@UNML.info', roles: ['admin', 'lecture'], actif: true });
    expect(c).toMatchObject({ creePar: 'systeme', creeLe: now.toISOString(), modifiePar: 'systeme' });
    expect((await store.compteParEmail('alice.martin@unml.info'))?.id).toBe(c.id);
    expect((await refus(store.creerCompte({ email: 'ALICE.MARTIN@unml.info', nom: 'Autre', roles: ['lecture'] }, 'systeme'))).code).toBe('conflit');
    expect((await refus(store.creerCompte({ email: 'b@unml.info', nom: 'B', roles: [] }, 'systeme'))).code).toBe('conflit');
    avancer(MIN);
    const m = await store.modifierCompte(c.id, { roles: ['admin', 'charge_mission'] }, c.id);
    expect(m).toMatchObject({ roles: ['admin', 'charge_mission'], modifiePar: c.id, modifieLe: now.toISOString() });
    expect((await refus(store.modifierCompte('CPT-INCONNU', { actif: false }, c.id))).code).toBe('introuvable');
    expect(await store.compterComptes()).toBe(1);
  });

  it('never leaves the product without an active admin', async () => {
    const a = await store.creerCompte({ email: 'a@unml.info', nom: 'A', roles: ['admin'] }, 'systeme');
    expect((await refus(store.modifierCompte(a.id, { actif: false }, a.id))).code).toBe('conflit');
    expect((await refus(store.modifierCompte(a.id, { roles: ['lecture'] }, a.id))).code).toBe('conflit');
    await store.creerCompte({ email: 'b@unml.info', nom: 'B', roles: ['admin'] }, a.id);
    expect((await store.modifierCompte(a.id, { roles: ['lecture'] }, a.id)).roles).toEqual(['lecture']);
  });

  it('sign-in links serve once, for 15 minutes, and are stored hashed', async () => {
    const c = await store.creerCompte({ email: 'c@unml.info', nom: 'C', roles: ['lecture'] }, 'systeme');
    const { jeton } = await store.creerLienConnexion(c.id, 15 * MIN);
    const rows = await t.db.selectFrom('liens_connexion').selectAll().execute();
    expect(rows.map((r) => r.hash)).toEqual([empreinte(jeton)]);
    expect(JSON.stringify(rows)).not.toContain(jeton);
    // Looking does not use it.
    expect((await store.etatLienConnexion(jeton)).etat).toBe('valide');
    expect((await store.etatLienConnexion(jeton)).etat).toBe('valide');
    const used = await store.utiliserLienConnexion(jeton);
    expect(used).toMatchObject({ etat: 'valide', compte: { id: c.id } });
    expect((await store.utiliserLienConnexion(jeton)).etat).toBe('utilise');
    expect((await store.etatLienConnexion('nimporte-quoi')).etat).toBe('inconnu');
    const late = await store.creerLienConnexion(c.id, 15 * MIN);
    avancer(15 * MIN + 1);
    expect((await store.utiliserLienConnexion(late.jeton)).etat).toBe('expire');
  });

  it('two concurrent uses of one link: only one signs in', async () => {
    const c = await store.creerCompte({ email: 'd@unml.info', nom: 'D', roles: ['lecture'] }, 'systeme');
    const { jeton } = await store.creerLienConnexion(c.id, 15 * MIN);
    const results = await Promise.all([store.utiliserLienConnexion(jeton), store.utiliserLienConnexion(jeton), store.utiliserLienConnexion(jeton)]);
    expect(results.filter((r) => r.etat === 'valide')).toHaveLength(1);
  });

  it('sessions end when idle, at their absolute end, on sign-out and at once when the account is deactivated', async () => {
    const admin = await store.creerCompte({ email: 'admin@unml.info', nom: 'Admin', roles: ['admin'] }, 'systeme');
    const c = await store.creerCompte({ email: 'e@unml.info', nom: 'E', roles: ['charge_mission'] }, 'systeme');
    const s = await store.ouvrirSession(c.id, DUREES);
    expect(JSON.stringify(await t.db.selectFrom('sessions').selectAll().execute())).not.toContain(s.jeton);
    expect((await store.session(s.jeton, DUREES))?.compte.id).toBe(c.id);
    // Active every 90 minutes: alive past the idle limit, until the absolute end.
    for (let i = 0; i < 7; i++) {
      avancer(90 * MIN);
      expect(await store.session(s.jeton, DUREES)).toBeDefined();
    }
    avancer(90 * MIN); // 12 h since sign-in
    expect(await store.session(s.jeton, DUREES)).toBeUndefined();

    const idle = await store.ouvrirSession(c.id, DUREES);
    avancer(2 * HEURE + 1);
    expect(await store.session(idle.jeton, DUREES)).toBeUndefined();

    const out = await store.ouvrirSession(c.id, DUREES);
    await store.fermerSession(out.jeton);
    expect(await store.session(out.jeton, DUREES)).toBeUndefined();

    const live = await store.ouvrirSession(c.id, DUREES);
    const lien = await store.creerLienConnexion(c.id, 15 * MIN);
    await store.modifierCompte(c.id, { actif: false }, admin.id);
    expect(await store.session(live.jeton, DUREES)).toBeUndefined();
    expect((await store.utiliserLienConnexion(lien.jeton)).etat).toBe('utilise');
    // Reactivated: the ended session stays ended.
    await store.modifierCompte(c.id, { actif: true }, admin.id);
    expect(await store.session(live.jeton, DUREES)).toBeUndefined();
  });

  it('API tokens: shown once, hashed, no more than their owner, expiry, revocation, last use', async () => {
    const c = await store.creerCompte({ email: 'f@unml.info', nom: 'F', roles: ['charge_mission'] }, 'systeme');
    const expireLe = new Date(now.getTime() + 30 * 24 * HEURE).toISOString();
    expect((await refus(store.creerJeton(c.id, { nom: 'trop', role: 'admin', expireLe }))).code).toBe('interdit');
    expect((await refus(store.creerJeton(c.id, { nom: 'passé', role: 'lecture', expireLe: now.toISOString() }))).code).toBe('conflit');
    const { jeton, fiche } = await store.creerJeton(c.id, { nom: 'Script de suivi', role: 'charge_mission', expireLe });
    expect(jeton).toMatch(/^dsp_[A-Za-z0-9_-]{43}$/);
    expect(fiche).toMatchObject({ id: expect.stringMatching(/^JET-/), compteId: c.id, role: 'charge_mission', expireLe });
    expect(fiche.dernierUsageLe).toBeUndefined();
    expect(JSON.stringify(await t.db.selectFrom('jetons_api').selectAll().execute())).not.toContain(jeton);

    avancer(MIN);
    const auth = await store.authentifierJeton(jeton);
    expect(auth).toMatchObject({ compte: { id: c.id }, role: 'charge_mission', jeton: { dernierUsageLe: now.toISOString() } });
    expect((await store.getJeton(fiche.id))?.dernierUsageLe).toBe(now.toISOString());
    expect(await store.authentifierJeton('dsp_inconnu')).toBeUndefined();
    expect(await store.authentifierJeton(jeton.slice(4))).toBeUndefined();

    // The owner's role lowered: the token's follows.
    const admin = await store.creerCompte({ email: 'admin2@unml.info', nom: 'Admin', roles: ['admin'] }, 'systeme');
    await store.modifierCompte(c.id, { roles: ['lecture'] }, admin.id);
    expect((await store.authentifierJeton(jeton))?.role).toBe('lecture');
    // Deactivated owner: refused; reactivated: accepted again (tokens check the account at each use).
    await store.modifierCompte(c.id, { actif: false }, admin.id);
    expect(await store.authentifierJeton(jeton)).toBeUndefined();
    await store.modifierCompte(c.id, { actif: true }, admin.id);
    expect(await store.authentifierJeton(jeton)).toBeDefined();

    const revoque = await store.revoquerJeton(fiche.id, c.id);
    expect(revoque.revoqueLe).toBe(now.toISOString());
    expect(await store.authentifierJeton(jeton)).toBeUndefined();
    expect((await refus(store.revoquerJeton('JET-INCONNU', c.id))).code).toBe('introuvable');

    const court = await store.creerJeton(c.id, { nom: 'court', role: 'lecture', expireLe: new Date(now.getTime() + HEURE).toISOString() });
    expect(await store.authentifierJeton(court.jeton)).toBeDefined();
    avancer(HEURE);
    expect(await store.authentifierJeton(court.jeton)).toBeUndefined();
    expect((await store.jetons(c.id)).map((j) => j.id).sort()).toEqual([fiche.id, court.fiche.id].sort());
  });

  it('creates at most N sign-in links per account and window, even asked concurrently', async () => {
    const c = await store.creerCompte({ email: 'g@unml.info', nom: 'G', roles: ['lecture'] }, 'systeme');
    const autre = await store.creerCompte({ email: 'h@unml.info', nom: 'H', roles: ['lecture'] }, 'systeme');
    const limite = { max: 3, fenetreMs: 15 * MIN };
    const liens = [];
    for (let i = 0; i < 3; i++) {
      liens.push(await store.creerLienConnexionLimite(c.id, 15 * MIN, limite));
      avancer(MIN);
    }
    expect(liens.every((l) => l && l.jeton.length > 20)).toBe(true);
    expect((await store.etatLienConnexion(liens[0]!.jeton)).etat).toBe('valide');
    expect(await store.creerLienConnexionLimite(c.id, 15 * MIN, limite)).toBeUndefined();
    // Another account has its own count; a link used still counts.
    expect(await store.creerLienConnexionLimite(autre.id, 15 * MIN, limite)).toBeDefined();
    await store.utiliserLienConnexion(liens[2]!.jeton);
    expect(await store.creerLienConnexionLimite(c.id, 15 * MIN, limite)).toBeUndefined();
    // The first link leaves the window: one more.
    avancer(12 * MIN + 1);
    expect(await store.creerLienConnexionLimite(c.id, 15 * MIN, limite)).toBeDefined();
    expect(await store.creerLienConnexionLimite(c.id, 15 * MIN, limite)).toBeUndefined();
    expect(await t.db.selectFrom('liens_connexion').select('hash').where('compte_id', '=', c.id).execute()).toHaveLength(4);

    avancer(HEURE);
    const ensemble = await Promise.all(Array.from({ length: 6 }, () => store.creerLienConnexionLimite(c.id, 15 * MIN, limite)));
    expect(ensemble.filter(Boolean)).toHaveLength(3);
    await store.modifierCompte(c.id, { actif: false }, 'systeme');
    avancer(HEURE);
    expect((await refus(store.creerLienConnexionLimite(c.id, 15 * MIN, limite))).code).toBe('introuvable');
  });

  it('keeps the sign-in audit per account, newest first, and says whose a used or expired link was', async () => {
    const c = await store.creerCompte({ email: 'i@unml.info', nom: 'I', roles: ['lecture'] }, 'systeme');
    const { jeton } = await store.creerLienConnexion(c.id, 15 * MIN);
    const tard = await store.creerLienConnexion(c.id, 15 * MIN);
    await store.utiliserLienConnexion(jeton);
    expect(await store.etatLienConnexion(jeton)).toEqual({ etat: 'utilise', compteId: c.id });
    expect(await store.utiliserLienConnexion(jeton)).toEqual({ etat: 'utilise', compteId: c.id });
    avancer(15 * MIN);
    expect(await store.utiliserLienConnexion(tard.jeton)).toEqual({ etat: 'expire', compteId: c.id });

    await store.journaliserConnexion({ compteId: c.id, moyen: 'lien', issue: 'reussie' });
    const premier = now.toISOString();
    avancer(MIN);
    await store.journaliserConnexion({ compteId: c.id, moyen: 'deconnexion', issue: 'reussie' });
    await store.journaliserConnexion({ compteId: c.id, moyen: 'lien', issue: 'lien_expire' });
    await store.journaliserConnexion({ moyen: 'lien', issue: 'lien_inconnu' });
    expect(await store.dernieresConnexions(c.id, 10)).toEqual([
      { compteId: c.id, le: now.toISOString(), moyen: 'lien', issue: 'lien_expire' },
      { compteId: c.id, le: now.toISOString(), moyen: 'deconnexion', issue: 'reussie' },
      { compteId: c.id, le: premier, moyen: 'lien', issue: 'reussie' },
    ]);
    expect(await store.dernieresConnexions(c.id, 1)).toHaveLength(1);
    const lignes = await t.db.selectFrom('journal_connexions').selectAll().execute();
    expect(lignes).toHaveLength(4);
    expect(lignes.filter((l) => l.compte_id === null)).toHaveLength(1);
    expect(JSON.stringify(lignes)).not.toContain(jeton);
  });

  it('the clean-up deletes long-expired links and ended, idle or finished sessions, nothing else', async () => {
    const c = await store.creerCompte({ email: 'j@unml.info', nom: 'J', roles: ['lecture'] }, 'systeme');
    const options = { garderLiensMs: 24 * HEURE, durees: DUREES };
    const vieux = await store.creerLienConnexion(c.id, 15 * MIN);
    const vieuxUtilise = await store.creerLienConnexion(c.id, 15 * MIN);
    await store.utiliserLienConnexion(vieuxUtilise.jeton);
    const fermee = await store.ouvrirSession(c.id, DUREES);
    await store.fermerSession(fermee.jeton);
    const inactive = await store.ouvrirSession(c.id, DUREES);
    const finie = await store.ouvrirSession(c.id, { ...DUREES, dureeMaxMs: 3 * HEURE });
    avancer(24 * HEURE + 15 * MIN); // the first links expired a day ago
    const recentExpire = await store.creerLienConnexion(c.id, MIN);
    avancer(2 * MIN);
    const valide = await store.creerLienConnexion(c.id, 15 * MIN);
    const ouverte = await store.ouvrirSession(c.id, DUREES);
    // Seen just now, but past its absolute end.
    await t.db.updateTable('sessions').set({ vu_le: now.toISOString() }).where('hash', '=', finie.sessionId).execute();
    expect(await store.nettoyerExpires(options)).toEqual({ liens: 2, sessions: 3 });
    const liens = (await t.db.selectFrom('liens_connexion').select('hash').execute()).map((r) => r.hash).sort();
    expect(liens).toEqual([empreinte(recentExpire.jeton), empreinte(valide.jeton)].sort());
    expect((await store.etatLienConnexion(recentExpire.jeton)).etat).toBe('expire');
    expect((await store.etatLienConnexion(vieux.jeton)).etat).toBe('inconnu');
    expect((await store.etatLienConnexion(valide.jeton)).etat).toBe('valide');
    const sessions = (await t.db.selectFrom('sessions').select('hash').execute()).map((r) => r.hash);
    expect(sessions).toEqual([ouverte.sessionId]);
    expect(await store.session(ouverte.jeton, DUREES)).toBeDefined();
    expect(await store.session(inactive.jeton, DUREES)).toBeUndefined();
    expect(await store.nettoyerExpires(options)).toEqual({ liens: 0, sessions: 0 });
  });
});
