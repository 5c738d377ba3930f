// The pool's SQL store (db/vivier.ts) on SQLite and on PostgreSQL: migrations, reference data, intervenants and
// applications with their history, and reservations whose capacity the database enforces, even under
// concurrent calls from several connections.
import { sql } from 'kysely';
import { openDatabase } from '../db/database';
import { versErreurVivier, violation } from '../db/erreurs';
import { migrateToLatest } from '../db/migrations';
import { demoPool, seedDemoPool } from '../db/seed';
import { MISSIONS_LOCALES } from '../db/seed/reference';
import type { DemandeReservation, NouvelIntervenant, NouvelleCandidature } from '../db/store';
import { VivierErreur } from '../db/store';
import { openVivierStore, SqlVivierStore } from '../db/vivier';
import { ARML_BY_REGION, REGION_CODES, REGIONS } from '../domain/regions';
import { CAPACITE_DOSSIERS_MAX, CAPACITE_HEURES_MAX, type Role } from '../domain/vivier';
import { createTestStore, DIALECTS, type TestStore } from './helpers/db';

const DIRECTRICE: NouvelIntervenant = {
  type: 'directeur_ml',
  nom: 'Claire Testeuse',
  email: 'Claire.Testeuse@ml-lille.example.org',
  telephone: '06 39 98 00 01',
  region: 'HDF',
  missionLocaleCode: 'ML-LILLE',
  expertises: ['management', 'financements'],
  capaciteDossiers: 3,
  capaciteHeuresMois: 24,
  indisponibilites: [{ debut: '2026-07-13', fin: '2026-08-21', motif: 'Congés d’été' }],
  connaissances: [{ missionLocaleCode: 'ML-AMIENS', personne: 'Président·e' }],
};

const CANDIDATURE: NouvelleCandidature = {
  type: 'expert_reseau',
  nom: 'Paul Candidat',
  email: 'paul.candidat@example.org',
  region: 'BRE',
  missionLocaleCode: 'ML-BREST',
  expertises: ['finances', 'gouvernance'],
  capaciteDossiers: 2,
  capaciteHeuresMois: 16,
  connaissances: [{ missionLocaleCode: 'ML-MORLAIX', personne: 'Directeur·rice' }],
  motivation: 'Vingt ans de direction financière en Mission Locale.',
};

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A reservation from the ranking (not a manual choice). */
function classee(dossierId: string, role: Role, intervenantId: string, heuresMois: number, par = 'alice'): DemandeReservation {
  return { dossierId, role, intervenantId, heuresMois, manuelle: false, par };
}

async function refus(promise: Promise<unknown>): Promise<VivierErreur> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof VivierErreur) return err;
    throw err;
  }
  throw new Error('expected a VivierErreur, the call succeeded');
}

describe.each(DIALECTS)('SqlVivierStore on %s', (kind) => {
  let t: TestStore;
  let store: SqlVivierStore;
  let clock: Date;

  beforeEach(async () => {
    clock = new Date('2026-03-02T09:00:00.000Z');
    t = await createTestStore(kind, { now: () => clock });
    store = t.store;
  });

  afterEach(async () => {
    await t?.cleanup();
  });

  /** Other stores on the same database, each with its own connection (SQLite) or pool (PostgreSQL). */
  async function autresStores(n: number): Promise<SqlVivierStore[]> {
    return Array.from({ length: n }, () => new SqlVivierStore(openDatabase(t.url, { poolSize: 4 })));
  }

  it('applies the versioned migrations once', async () => {
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(t.db);
    expect(applied.rows.map((r) => r.name)).toEqual([
      '0001_vivier',
      '0002_comptes',
      '0003_journal_connexions',
      '0004_reporting',
      '0005_retention',
      '0006_exports_programmes',
    ]);
    const again = await migrateToLatest(t.db);
    expect(again.results).toEqual([]);
    // Opening the store again (as every start does) migrates nothing and seeds the reference data idempotently.
    const second = await openVivierStore(t.url);
    try {
      expect(await second.regions()).toHaveLength(18);
      expect(await second.missionsLocales()).toHaveLength(MISSIONS_LOCALES.length);
    } finally {
      await second.close();
    }
  });

  it('holds the 18 régions with their ARML and Missions Locales in every région', async () => {
    const regions = await store.regions();
    expect(regions.map((r) => r.code).sort()).toEqual([...REGION_CODES].sort());
    for (const r of regions) {
      expect(r.nom).toBe(REGIONS[r.code]);
      expect(r.arml).toEqual({ nom: ARML_BY_REGION[r.code].name, email: ARML_BY_REGION[r.code].email });
    }
    const all = await store.missionsLocales();
    expect(all.length).toBeGreaterThanOrEqual(90);
    for (const code of REGION_CODES) {
      const mls = await store.missionsLocales(code);
      expect(mls.length).toBeGreaterThanOrEqual(3);
      expect(mls.every((m) => m.region === code && /^[A-Za-z0-9-]{2,40}$/.test(m.code) && m.nom.startsWith('Mission Locale'))).toBe(true);
    }
    expect(await store.missionLocale('ML-LILLE')).toEqual({ code: 'ML-LILLE', nom: 'Mission Locale de Lille', region: 'HDF' });
    expect(await store.missionLocale('ML-MORLAIX')).toMatchObject({ nom: 'Mission Locale du Pays de Morlaix', region: 'BRE' });
    expect(await store.missionLocale('ML-NULLE-PART')).toBeUndefined();
  });

  it('creates, updates and withdraws an intervenant, recording who and when', async () => {
    const created = await store.createIntervenant(DIRECTRICE, 'alice@unml.info');
    expect(created.id).toMatch(/^INT-[0-9A-Z]{10}$/);
    expect(created).toMatchObject({
      nom: 'Claire Testeuse',
      email: 'claire.testeuse@ml-lille.example.org',
      statut: 'valide',
      actif: true,
      expertises: ['financements', 'management'],
      indisponibilites: DIRECTRICE.indisponibilites,
      connaissances: DIRECTRICE.connaissances,
      creeLe: '2026-03-02T09:00:00.000Z',
    });
    expect(await store.getIntervenant(created.id)).toEqual(created);

    clock = new Date('2026-03-05T10:00:00.000Z');
    const updated = await store.updateIntervenant(created.id, { capaciteHeuresMois: 16, expertises: ['gouvernance'], telephone: undefined }, 'bob@unml.info');
    expect(updated).toMatchObject({
      capaciteHeuresMois: 16,
      expertises: ['gouvernance'],
      modifieLe: '2026-03-05T10:00:00.000Z',
      creeLe: '2026-03-02T09:00:00.000Z',
    });
    expect(updated.telephone).toBeUndefined();

    clock = new Date('2026-03-06T11:00:00.000Z');
    const withdrawn = await store.retirerIntervenant(created.id, 'alice@unml.info', 'Départ à la retraite');
    expect(withdrawn.statut).toBe('retire');
    expect(await store.candidats(['directeur_ml'])).toEqual([]);
    expect(await store.listIntervenants({ statut: 'retire' })).toHaveLength(1);
    expect(await store.listIntervenants({ statut: 'valide' })).toHaveLength(0);

    const history = await store.historique('intervenant', created.id);
    expect(history.map((e) => [e.action, e.par, e.le])).toEqual([
      ['creation', 'alice@unml.info', '2026-03-02T09:00:00.000Z'],
      ['modification', 'bob@unml.info', '2026-03-05T10:00:00.000Z'],
      ['retrait', 'alice@unml.info', '2026-03-06T11:00:00.000Z'],
    ]);
    expect(history[1]!.details).toEqual({
      modifications: {
        capaciteHeuresMois: { avant: 24, apres: 16 },
        expertises: { avant: ['financements', 'management'], apres: ['gouvernance'] },
        telephone: { avant: '06 39 98 00 01', apres: null },
      },
    });
    expect(history[2]!.details).toEqual({ motif: 'Départ à la retraite' });

    expect((await refus(store.updateIntervenant('INT-INCONNU', { nom: 'X' }, 'alice'))).code).toBe('introuvable');
    const invalide = await refus(store.createIntervenant({ ...DIRECTRICE, region: 'XXX' as never, capaciteDossiers: 1.5 }, 'alice'));
    expect(invalide.code).toBe('conflit');
    expect(invalide.message).toMatch(/région inconnue « XXX ».*capacité en dossiers invalide/);
  });

  it('holds intervenants, modifications and applications to the product’s capacity limits, the API’s own (domain/vivier.ts)', async () => {
    const max = { capaciteDossiers: CAPACITE_DOSSIERS_MAX, capaciteHeuresMois: CAPACITE_HEURES_MAX };
    const i = await store.createIntervenant({ ...DIRECTRICE, ...max }, 'alice');
    expect(i).toMatchObject({ capaciteDossiers: 10, capaciteHeuresMois: 80 });
    const trop = await refus(store.createIntervenant({ ...DIRECTRICE, email: 'x@example.org', capaciteDossiers: 11, capaciteHeuresMois: 81 }, 'alice'));
    expect(trop).toMatchObject({ code: 'conflit', details: { problemes: [expect.any(String), expect.any(String)] } });
    expect(trop.message).toBe(
      'Intervenant·e refusé·e : capacité en dossiers invalide (11) : un nombre entier de 1 à 10 ; ' +
        'capacité horaire mensuelle invalide (81) : un nombre entier d’heures de 1 à 80.',
    );
    const zero = await refus(store.updateIntervenant(i.id, { capaciteDossiers: 0 }, 'bob'));
    expect(zero.message).toMatch(/^Modification refusé·e : capacité en dossiers invalide \(0\)/);
    const candidature = await refus(store.deposerCandidature({ ...CANDIDATURE, capaciteHeuresMois: 0 }));
    expect(candidature.message).toMatch(/^Candidature refusé·e : capacité horaire mensuelle invalide \(0\)/);
  });

  it('takes an application once, then validates it into an intervenant or declines it', async () => {
    const first = await store.deposerCandidature(CANDIDATURE);
    expect(first.doublon).toBe(false);
    expect(first.candidature).toMatchObject({ id: expect.stringMatching(/^CAND-[0-9A-Z]{10}$/), statut: 'en_attente', deposeeLe: '2026-03-02T09:00:00.000Z' });
    const again = await store.deposerCandidature({ ...CANDIDATURE, email: ' Paul.Candidat@EXAMPLE.org ' });
    expect(again).toEqual({ candidature: first.candidature, doublon: true });
    // A double click: two submissions at once create one application.
    const other = { ...CANDIDATURE, nom: 'Lou Double', email: 'lou.double@example.org' };
    const racing = await Promise.all([store.deposerCandidature(other), store.deposerCandidature(other), store.deposerCandidature(other)]);
    expect(new Set(racing.map((r) => r.candidature.id)).size).toBe(1);
    expect(racing.filter((r) => !r.doublon)).toHaveLength(1);
    expect(await store.listCandidatures('en_attente')).toHaveLength(2);

    clock = new Date('2026-03-10T08:00:00.000Z');
    const { candidature, intervenant } = await store.validerCandidature(first.candidature.id, 'alice@unml.info');
    expect(candidature).toMatchObject({
      statut: 'validee',
      decision: { par: 'alice@unml.info', le: '2026-03-10T08:00:00.000Z', intervenantId: intervenant.id },
    });
    expect(intervenant).toMatchObject({
      type: 'expert_reseau',
      nom: 'Paul Candidat',
      region: 'BRE',
      missionLocaleCode: 'ML-BREST',
      expertises: ['finances', 'gouvernance'],
      connaissances: CANDIDATURE.connaissances,
      candidatureId: candidature.id,
      statut: 'valide',
    });
    expect((await store.historique('intervenant', intervenant.id)).map((e) => e.action)).toEqual(['creation']);
    expect((await store.historique('candidature', candidature.id)).map((e) => [e.action, e.par])).toEqual([
      ['depot', 'paul.candidat@example.org'],
      ['validation', 'alice@unml.info'],
    ]);
    const twice = await refus(store.validerCandidature(candidature.id, 'bob@unml.info'));
    expect(twice.code).toBe('conflit');
    expect(twice.message).toMatch(/déjà été validée le 2026-03-10 par alice@unml.info/);

    // A new application from someone already in the pool cannot be validated: nothing is written.
    const reapplied = await store.deposerCandidature(CANDIDATURE);
    expect(reapplied.doublon).toBe(false);
    expect((await refus(store.validerCandidature(reapplied.candidature.id, 'alice'))).message).toMatch(/déjà dans le vivier/);
    expect((await store.getCandidature(reapplied.candidature.id))!.statut).toBe('en_attente');
    expect(await store.listIntervenants()).toHaveLength(1);

    const declined = await store.refuserCandidature(reapplied.candidature.id, 'bob@unml.info', 'Déjà membre du vivier');
    expect(declined).toMatchObject({ statut: 'refusee', decision: { par: 'bob@unml.info', motif: 'Déjà membre du vivier' } });
    expect((await refus(store.refuserCandidature(candidature.id, 'bob', 'non'))).code).toBe('conflit');
    expect((await refus(store.refuserCandidature('CAND-INCONNUE', 'bob', 'non'))).code).toBe('introuvable');
  });

  it('refuses a capacity below the current load', async () => {
    const i = await store.createIntervenant({ ...DIRECTRICE, capaciteDossiers: 2 }, 'alice');
    await store.reserver(classee('CMP-1', 'compagnon', i.id, 8));
    await store.reserver(classee('CMP-2', 'compagnon', i.id, 8));
    const dossiers = await refus(store.updateIntervenant(i.id, { capaciteDossiers: 1 }, 'bob'));
    expect(dossiers.code).toBe('conflit');
    expect(dossiers.message).toMatch(/Claire Testeuse a 2 dossier\(s\) en cours ; sa capacité ne peut pas descendre à 1/);
    const hours = await refus(store.updateIntervenant(i.id, { capaciteHeuresMois: 12 }, 'bob'));
    expect(hours.message).toMatch(/16 h par mois réservées/);
    expect(await store.getIntervenant(i.id)).toMatchObject({ capaciteDossiers: 2, capaciteHeuresMois: 24 });
    expect(await store.updateIntervenant(i.id, { capaciteDossiers: 2, capaciteHeuresMois: 16 }, 'bob')).toMatchObject({ capaciteHeuresMois: 16 });
    expect((await refus(store.retirerIntervenant(i.id, 'bob', 'départ'))).message).toMatch(/2 réservation\(s\) active\(s\) \(dossier\(s\) CMP-1, CMP-2\)/);
  });

  it('clears the phone, home ML and firm with null and changes the kind, recording before and after', async () => {
    const i = await store.createIntervenant(DIRECTRICE, 'alice@unml.info');
    clock = new Date('2026-03-05T10:00:00.000Z');
    const devenue = await store.updateIntervenant(
      i.id,
      { type: 'consultant_cabinet', cabinet: ' Cabinet Conseil ', missionLocaleCode: null, telephone: null },
      'bob@unml.info',
    );
    expect(devenue).toMatchObject({ type: 'consultant_cabinet', cabinet: 'Cabinet Conseil', nom: 'Claire Testeuse', modifieLe: '2026-03-05T10:00:00.000Z' });
    expect(devenue).not.toHaveProperty('telephone');
    expect(devenue).not.toHaveProperty('missionLocaleCode');
    expect(await store.getIntervenant(i.id)).toEqual(devenue);
    // NULL in the database, not an empty string.
    const ligne = await t.db
      .selectFrom('intervenants')
      .select(['type', 'telephone', 'mission_locale_code', 'cabinet'])
      .where('id', '=', i.id)
      .executeTakeFirstOrThrow();
    expect(ligne).toEqual({
      type: 'consultant_cabinet',
      telephone: null,
      mission_locale_code: null,
      cabinet: 'Cabinet Conseil',
    });
    // Matched for the roles of the new kind only.
    expect((await store.candidats(['consultant_cabinet'])).map((c) => c.id)).toEqual([i.id]);
    expect(await store.candidats(['directeur_ml'])).toEqual([]);
    await store.reserver(classee('APC-1', 'consultant_appui', i.id, 8));
    expect((await refus(store.reserver(classee('CMP-1', 'compagnon', i.id, 8)))).message).toMatch(
      /Claire Testeuse est Consultant·e de cabinet : le rôle « Intervenant·e de Compagnonnage » revient à Directeur·rice de Mission Locale/,
    );

    // Absent fields are unchanged; the same kind again is no change (allowed while reserved).
    clock = new Date('2026-03-06T10:00:00.000Z');
    expect(await store.updateIntervenant(i.id, { nom: 'Claire Conseil', type: 'consultant_cabinet' }, 'bob@unml.info')).toMatchObject({
      nom: 'Claire Conseil',
      type: 'consultant_cabinet',
      cabinet: 'Cabinet Conseil',
    });

    const history = await store.historique('intervenant', i.id);
    expect(history.map((e) => [e.action, e.par, e.le])).toEqual([
      ['creation', 'alice@unml.info', '2026-03-02T09:00:00.000Z'],
      ['modification', 'bob@unml.info', '2026-03-05T10:00:00.000Z'],
      ['modification', 'bob@unml.info', '2026-03-06T10:00:00.000Z'],
    ]);
    expect(history[1]!.details).toEqual({
      modifications: {
        type: { avant: 'directeur_ml', apres: 'consultant_cabinet' },
        cabinet: { avant: null, apres: 'Cabinet Conseil' },
        missionLocaleCode: { avant: 'ML-LILLE', apres: null },
        telephone: { avant: '06 39 98 00 01', apres: null },
      },
    });
    expect(history[2]!.details).toEqual({ modifications: { nom: { avant: 'Claire Testeuse', apres: 'Claire Conseil' } } });
  });

  it('refuses a new kind while the intervenant holds active reservations, naming the dossiers to release', async () => {
    const i = await store.createIntervenant(DIRECTRICE, 'alice');
    await store.reserver(classee('CMP-1', 'compagnon', i.id, 8));
    clock = new Date('2026-03-03T09:00:00.000Z');
    await store.reserver(classee('APC-2', 'membre_reseau', i.id, 4));
    const refuse = await refus(store.updateIntervenant(i.id, { type: 'expert_reseau', telephone: null }, 'bob'));
    expect(refuse.code).toBe('conflit');
    expect(refuse.message).toBe(
      'Changement de type refusé : Claire Testeuse (Directeur·rice de Mission Locale) a 2 réservation(s) active(s) : ' +
        'dossier CMP-1 (Intervenant·e de Compagnonnage), dossier APC-2 (Membre du réseau). ' +
        'Libérez d’abord ces réservations (en désignant un·e autre intervenant·e sur chaque dossier, ou à la fin de l’intervention), ' +
        'puis changez son type en Expert·e du réseau.',
    );
    expect(refuse.details).toEqual({ intervenantId: i.id, typeActuel: 'directeur_ml', typeDemande: 'expert_reseau', dossiers: ['CMP-1', 'APC-2'] });
    // Nothing written, not even the other fields of the same modification.
    expect(await store.getIntervenant(i.id)).toMatchObject({ type: 'directeur_ml', telephone: DIRECTRICE.telephone });
    expect((await store.historique('intervenant', i.id)).map((e) => e.action)).toEqual(['creation']);

    await store.liberer({ dossierId: 'CMP-1', motif: 'Autre intervenant désigné', par: 'bob' });
    const encore = await refus(store.updateIntervenant(i.id, { type: 'expert_reseau' }, 'bob'));
    expect(encore.message).toMatch(/1 réservation\(s\) active\(s\) : dossier APC-2 \(Membre du réseau\)\./);
    await store.liberer({ dossierId: 'APC-2', motif: 'Fin de l’intervention', par: 'bob' });
    expect(await store.updateIntervenant(i.id, { type: 'expert_reseau' }, 'bob')).toMatchObject({ type: 'expert_reseau' });
  });

  it('never lets a kind change and a reservation of the old kind both win when they race', async () => {
    const stores = [store, ...(await autresStores(3))];
    try {
      for (let round = 0; round < 10; round++) {
        const i = await store.createIntervenant({ ...DIRECTRICE, email: `course-${round}@example.org`, capaciteDossiers: 10, capaciteHeuresMois: 80 }, 'alice');
        const reservations = Array.from({ length: 6 }, (_, n) =>
          stores[n % stores.length]!.reserver(classee(`CMP-${round}-${n}`, 'compagnon', i.id, 8, 'staff')),
        );
        // The change sent from another connection while the reservations are under way.
        const changement = stores[(round + 1) % stores.length]!.updateIntervenant(i.id, { type: 'expert_reseau' }, 'bob');
        const results = await Promise.allSettled([...reservations, changement]);
        for (const r of results) {
          if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'conflit' });
        }
        const fiche = (await store.getIntervenant(i.id))!;
        const actives = await store.reservations({ intervenantId: i.id, actives: true });
        const row = await t.db.selectFrom('intervenants').select(['dossiers_en_cours']).where('id', '=', i.id).executeTakeFirstOrThrow();
        expect(Number(row.dossiers_en_cours)).toBe(actives.length);
        if (results[results.length - 1]!.status === 'fulfilled') {
          // The kind changed: no compagnon reservation (a role of ML directors only) may be active.
          expect(fiche.type).toBe('expert_reseau');
          expect(actives).toEqual([]);
        } else {
          expect(fiche.type).toBe('directeur_ml');
          expect(actives.length).toBeGreaterThan(0);
        }
      }
    } finally {
      await Promise.all(stores.slice(1).map((s) => s.close()));
    }
  });

  it('reserves idempotently, one holder per role, only for the role’s kind of intervenant', async () => {
    const a = await store.createIntervenant(DIRECTRICE, 'alice');
    const b = await store.createIntervenant({ ...DIRECTRICE, nom: 'Bruno Second', email: 'bruno@example.org' }, 'alice');
    const consultant = await store.createIntervenant(
      { ...DIRECTRICE, type: 'consultant_cabinet', nom: 'Cora Cabinet', email: 'cora@example.org', cabinet: 'Cabinet Test' },
      'alice',
    );
    const input = { dossierId: 'CMP-1', role: 'compagnon' as const, intervenantId: a.id, heuresMois: 8, manuelle: true, par: 'alice' };
    const r1 = await store.reserver(input);
    expect(r1).toMatchObject({ id: expect.stringMatching(/^RES-[0-9A-Z]{10}$/), manuelle: true, heuresMois: 8, reserveeLe: '2026-03-02T09:00:00.000Z' });
    expect(await store.reserver({ ...input, par: 'bob' })).toEqual(r1);
    expect((await store.candidats(['directeur_ml'])).find((c) => c.id === a.id)!.charge).toEqual({
      dossiersEnCours: 1,
      heuresMoisReservees: 8,
      derniereAffectationLe: '2026-03-02T09:00:00.000Z',
      affectations12Mois: 1,
    });

    const held = await refus(store.reserver({ ...input, intervenantId: b.id }));
    expect(held.code).toBe('conflit');
    expect(held.message).toMatch(/déjà tenu par Claire Testeuse/);
    const twoRoles = await refus(store.reserver({ ...input, role: 'diagnostiqueur_directeur' }));
    expect(twoRoles.message).toMatch(/déjà réservé·e sur le dossier CMP-1/);
    const wrongKind = await refus(store.reserver({ ...input, dossierId: 'CMP-2', intervenantId: consultant.id }));
    expect(wrongKind.message).toMatch(/revient à Directeur·rice de Mission Locale/);
    expect((await refus(store.reserver({ ...input, dossierId: 'CMP-3', intervenantId: 'INT-INCONNU' }))).code).toBe('introuvable');
    await store.updateIntervenant(b.id, { actif: false }, 'alice');
    expect((await refus(store.reserver({ ...input, dossierId: 'CMP-4', intervenantId: b.id }))).message).toMatch(/inactif/);
    const tooMany = await refus(store.reserver({ ...input, dossierId: 'CMP-5', heuresMois: 17 }));
    expect(tooMany.code).toBe('capacite_atteinte');
    expect(tooMany.message).toBe('Claire Testeuse a déjà 8 h par mois réservées sur une capacité de 24 h : 17 h de plus la dépasseraient (reste 16 h).');
    expect((await store.reservations({ intervenantId: a.id })).map((r) => r.id)).toEqual([r1.id]);
    expect((await store.historique('reservation', r1.id)).map((e) => [e.action, e.par])).toEqual([['reservation', 'alice']]);
  });

  it('lets exactly the capacity through when many reservations race from several connections', async () => {
    const i = await store.createIntervenant({ ...DIRECTRICE, capaciteDossiers: 3, capaciteHeuresMois: 80 }, 'alice');
    const stores = [store, ...(await autresStores(4))];
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, n) => stores[n % stores.length]!.reserver(classee(`CMP-${n}`, 'compagnon', i.id, 8, `staff-${n}`))),
      );
      const ok = results.filter((r) => r.status === 'fulfilled');
      const ko = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      expect(ok).toHaveLength(3);
      expect(ko).toHaveLength(17);
      for (const err of ko) {
        expect(err).toBeInstanceOf(VivierErreur);
        expect(err).toMatchObject({
          code: 'capacite_atteinte',
          message: expect.stringMatching(/^Claire Testeuse a déjà 3 dossier\(s\) en cours pour une capacité de 3/),
        });
      }
      const row = await t.db.selectFrom('intervenants').selectAll().where('id', '=', i.id).executeTakeFirstOrThrow();
      expect(Number(row.dossiers_en_cours)).toBe(3);
      expect(Number(row.heures_mois_reservees)).toBe(24);
      expect(await store.reservations({ intervenantId: i.id, actives: true })).toHaveLength(3);

      // Hours bind first: 24 h/month, 8 h each, plenty of dossier slots.
      const j = await store.createIntervenant({ ...DIRECTRICE, email: 'j@example.org', capaciteDossiers: 10, capaciteHeuresMois: 24 }, 'alice');
      const byHours = await Promise.allSettled(
        Array.from({ length: 12 }, (_, n) => stores[n % stores.length]!.reserver(classee(`APC-${n}`, 'membre_reseau', j.id, 8, 'staff'))),
      );
      expect(byHours.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
      expect(byHours.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof VivierErreur)).toBe(true);
      expect((await store.candidats(['directeur_ml'])).find((c) => c.id === j.id)!.charge).toMatchObject({ dossiersEnCours: 3, heuresMoisReservees: 24 });

      // One role of one dossier, many candidates at once: one holder, the others told who holds it.
      const candidates = await Promise.all(
        Array.from({ length: 6 }, (_, n) => store.createIntervenant({ ...DIRECTRICE, nom: `Candidat·e ${n}`, email: `c${n}@example.org` }, 'alice')),
      );
      const sameRole = await Promise.allSettled(
        candidates.map((c, n) => stores[n % stores.length]!.reserver(classee('DIAG-1', 'diagnostiqueur_directeur', c.id, 4, 'staff'))),
      );
      expect(sameRole.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of sameRole.filter((r) => r.status === 'rejected')) {
        expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'conflit', message: expect.stringMatching(/déjà tenu par Candidat·e \d/) });
      }
      const holders = await t.db.selectFrom('intervenants').select(['id', 'dossiers_en_cours']).where('nom', 'like', 'Candidat%').execute();
      expect(holders.reduce((sum, h) => sum + Number(h.dossiers_en_cours), 0)).toBe(1);
    } finally {
      await Promise.all(stores.slice(1).map((s) => s.close()));
    }
  });

  it('has the database itself refuse a load beyond capacity', async () => {
    const i = await store.createIntervenant({ ...DIRECTRICE, capaciteDossiers: 2, capaciteHeuresMois: 16 }, 'alice');
    const bypass = (set: { capacite_dossiers?: number; dossiers_en_cours?: number; heures_mois_reservees?: number }) =>
      t.db.updateTable('intervenants').set(set).where('id', '=', i.id).execute();
    const overDossiers = await bypass({ dossiers_en_cours: 3 }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(violation(overDossiers)).toEqual({ kind: 'check', constraint: 'intervenants_dossiers_capacite' });
    const mapped = versErreurVivier(overDossiers);
    expect(mapped).toBeInstanceOf(VivierErreur);
    expect((mapped as VivierErreur).message).toMatch(/dépasserait la capacité en dossiers/);
    // The constraint that refused, read by duck typing: better-sqlite3's errors come from the realm of the first
    // test file that loaded the native module in this jest worker, so `instanceof Error` (toThrow) may not hold.
    const refus = (p: Promise<unknown>) =>
      p.then(
        () => 'accepté',
        (err: unknown) => violation(err)?.kind ?? String(err),
      );
    expect(await refus(bypass({ heures_mois_reservees: 16.5 }))).toBe('check');
    expect(await refus(bypass({ dossiers_en_cours: -1 }))).toBe('check');
    expect(await refus(bypass({ capacite_dossiers: 0 }).then(() => bypass({ dossiers_en_cours: 1 })))).toBe('check');
    await bypass({ capacite_dossiers: 2 });
    const compteurs = await t.db
      .selectFrom('intervenants')
      .select(['dossiers_en_cours', 'heures_mois_reservees'])
      .where('id', '=', i.id)
      .executeTakeFirstOrThrow();
    expect(compteurs).toEqual({
      dossiers_en_cours: 0,
      heures_mois_reservees: 0,
    });
    // Two active reservations of one role: refused by the partial unique index, whoever writes.
    await store.reserver(classee('CMP-1', 'compagnon', i.id, 8));
    const duplicate = await t.db
      .insertInto('reservations')
      .values({
        id: 'RES-DOUBLON',
        dossier_id: 'CMP-1',
        role: 'compagnon',
        intervenant_id: i.id,
        heures_mois: 8,
        manuelle: 0,
        reservee_le: clock.toISOString(),
        par: 'x',
        liberee_le: null,
        motif_liberation: null,
      })
      .execute()
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(violation(duplicate)).toMatchObject({ kind: 'unique' });
  });

  it('frees capacity when a dossier’s reservations are released', async () => {
    const i = await store.createIntervenant({ ...DIRECTRICE, capaciteDossiers: 1, capaciteHeuresMois: 12 }, 'alice');
    const consultant = await store.createIntervenant(
      { ...DIRECTRICE, type: 'consultant_cabinet', email: 'k@example.org', cabinet: 'Cabinet Test', capaciteDossiers: 1 },
      'alice',
    );
    const r = await store.reserver(classee('DIAG-1', 'diagnostiqueur_directeur', i.id, 7.5));
    await store.reserver(classee('DIAG-1', 'diagnostiqueur_consultant', consultant.id, 10));
    expect((await refus(store.reserver(classee('DIAG-2', 'diagnostiqueur_directeur', i.id, 2)))).code).toBe('capacite_atteinte');

    clock = new Date('2026-06-01T12:00:00.000Z');
    const released = await store.liberer({ dossierId: 'DIAG-1', role: 'diagnostiqueur_directeur', motif: 'Intervenant·e indisponible', par: 'bob' });
    expect(released).toEqual([{ ...r, libereeLe: '2026-06-01T12:00:00.000Z', motifLiberation: 'Intervenant·e indisponible' }]);
    expect(await store.liberer({ dossierId: 'DIAG-1', role: 'diagnostiqueur_directeur', motif: 'encore', par: 'bob' })).toEqual([]);
    expect((await store.candidats(['directeur_ml']))[0]!.charge).toEqual({
      dossiersEnCours: 0,
      heuresMoisReservees: 0,
      derniereAffectationLe: '2026-03-02T09:00:00.000Z',
      affectations12Mois: 1,
    });
    const again = await store.reserver(classee('DIAG-2', 'diagnostiqueur_directeur', i.id, 12));
    expect(again.dossierId).toBe('DIAG-2');
    expect((await store.reservations({ dossierId: 'DIAG-1', actives: true })).map((x) => x.role)).toEqual(['diagnostiqueur_consultant']);
    expect(await store.liberer({ dossierId: 'DIAG-1', motif: 'Dossier clos', par: 'bob' })).toHaveLength(1);
    expect(await store.reservations({ dossierId: 'DIAG-1', actives: false })).toHaveLength(2);
    expect((await store.historique('reservation', r.id)).map((e) => [e.action, e.par])).toEqual([
      ['reservation', 'alice'],
      ['liberation', 'bob'],
    ]);
    // A year later the old reservations no longer count for rotation.
    clock = new Date('2027-05-01T00:00:00.000Z');
    expect((await store.candidats(['directeur_ml']))[0]!.charge).toMatchObject({ affectations12Mois: 1, derniereAffectationLe: '2026-06-01T12:00:00.000Z' });
  });

  it('keeps a waiting list in priority order, then oldest first', async () => {
    await store.mettreEnAttente({ dossierId: 'CMP-A', dispositif: 'compagnonnage', role: 'compagnon', priorite: 2, par: 'alice' });
    clock = new Date('2026-03-03T09:00:00.000Z');
    await store.mettreEnAttente({ dossierId: 'CMP-B', dispositif: 'compagnonnage', role: 'compagnon', priorite: 1, par: 'alice' });
    clock = new Date('2026-03-04T09:00:00.000Z');
    await store.mettreEnAttente({ dossierId: 'CMP-C', dispositif: 'compagnonnage', role: 'compagnon', priorite: 2, par: 'alice' });
    await store.mettreEnAttente({ dossierId: 'APC-A', dispositif: 'appui_conseil', role: 'consultant_appui', priorite: 1, par: 'alice' });
    expect((await store.fileAttente('compagnonnage')).map((e) => e.dossierId)).toEqual(['CMP-B', 'CMP-A', 'CMP-C']);
    expect((await store.fileAttente()).map((e) => e.dossierId)).toEqual(['CMP-B', 'APC-A', 'CMP-A', 'CMP-C']);

    // Upsert: a new priority replaces the old one; the dossier keeps its date.
    clock = new Date('2026-03-05T09:00:00.000Z');
    const moved = await store.mettreEnAttente({ dossierId: 'CMP-C', dispositif: 'compagnonnage', role: 'compagnon', priorite: 1, par: 'bob' });
    expect(moved).toEqual({ dossierId: 'CMP-C', dispositif: 'compagnonnage', role: 'compagnon', priorite: 1, depuis: '2026-03-04T09:00:00.000Z' });
    expect((await store.fileAttente('compagnonnage')).map((e) => e.dossierId)).toEqual(['CMP-B', 'CMP-C', 'CMP-A']);
    expect(await store.fileAttente('compagnonnage')).toHaveLength(3);

    expect(await store.retirerDeLAttente('CMP-B', 'bob')).toBe(true);
    expect(await store.retirerDeLAttente('CMP-B', 'bob')).toBe(false);
    expect((await store.fileAttente('compagnonnage')).map((e) => e.dossierId)).toEqual(['CMP-C', 'CMP-A']);
    expect((await store.historique('file_attente', 'CMP-C')).map((e) => [e.action, e.par, e.details])).toEqual([
      ['mise_en_attente', 'alice', { dispositif: 'compagnonnage', role: 'compagnon', priorite: 2 }],
      ['changement_priorite', 'bob', { dispositif: 'compagnonnage', role: 'compagnon', priorite: 1, prioriteAvant: 2 }],
    ]);
    const priorite = await refus(store.mettreEnAttente({ dossierId: 'X', dispositif: 'compagnonnage', role: 'compagnon', priorite: 0, par: 'bob' }));
    expect(priorite.code).toBe('conflit');
  });

  it('seeds a fictional demo pool of at least 60 intervenants over the 18 régions, once', async () => {
    expect(await seedDemoPool(store)).toBe(demoPool().length);
    expect(await seedDemoPool(store)).toBe(0);
    const all = await store.listIntervenants();
    expect(all.length).toBeGreaterThanOrEqual(60);
    expect(new Set(all.map((i) => i.region)).size).toBe(18);
    expect(new Set(all.map((i) => i.type))).toEqual(new Set(['directeur_ml', 'consultant_cabinet', 'expert_reseau']));
    expect(all.filter((i) => !i.actif).length).toBeGreaterThanOrEqual(2);
    expect(all.some((i) => i.indisponibilites.length > 0 && i.indisponibilites.every((p) => p.debut >= '2026-01-01' && p.fin <= '2027-12-31'))).toBe(true);
    expect(all.some((i) => i.connaissances.some((c) => c.personne === 'Président·e'))).toBe(true);
    expect(new Set(all.filter((i) => i.cabinet).map((i) => i.cabinet)).size).toBeGreaterThanOrEqual(3);
    for (const i of all) {
      expect(i.email).toMatch(/@[a-z0-9.-]+\.example\.org$/);
      expect(i.capaciteDossiers).toBeGreaterThanOrEqual(1);
      expect(i.capaciteDossiers).toBeLessThanOrEqual(3);
      expect(i.capaciteHeuresMois).toBeGreaterThanOrEqual(8);
      expect(i.capaciteHeuresMois).toBeLessThanOrEqual(24);
      expect(i.expertises.length).toBeGreaterThanOrEqual(2);
      if (i.type === 'directeur_ml') expect((await store.missionLocale(i.missionLocaleCode!))?.region).toBe(i.region);
      for (const c of i.connaissances) expect(await store.missionLocale(c.missionLocaleCode)).toBeDefined();
    }
    expect((await store.historique('intervenant', all[0]!.id))[0]).toMatchObject({
      action: 'creation',
      par: 'jeu de démonstration',
      le: expect.stringMatching(ISO),
    });
  });
});
