// Export templates and scheduled exports in SQL (db/modeles-export.ts, migrations 0004 and 0006) on SQLite and, with
// TEST_POSTGRES_URL (and in CI), on PostgreSQL: a unique name (case and spaces aside) refused in French, an update
// keeping what it does not change, a template in use by a scheduled export kept, the scheduled exports' addresses.
import { ModeleExportErreur, SqlModelesExportStore } from '../db/modeles-export';
import { createTestStore, DIALECTS, type TestStore } from './helpers/db';

describe.each(DIALECTS)('export templates on %s', (kind) => {
  let t: TestStore;
  let store: SqlModelesExportStore;

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = new SqlModelesExportStore(t.db, () => new Date('2026-12-01T10:00:00.000Z'));
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('creates, reads, lists by name, updates and deletes; a name taken is refused, even in another case', async () => {
    const a = await store.creer(
      { nom: ' Suivi Grand Est ', objet: 'dossiers', colonnes: ['reference', 'etape'], filtre: { region: 'GES', etape: undefined } },
      'CPT-A',
    );
    expect(a).toEqual({
      id: expect.stringMatching(/^MEX-[0-9A-F]{10}$/),
      nom: 'Suivi Grand Est',
      objet: 'dossiers',
      colonnes: ['reference', 'etape'],
      filtre: { region: 'GES' },
      creePar: 'CPT-A',
      creeLe: '2026-12-01T10:00:00.000Z',
      modifieLe: '2026-12-01T10:00:00.000Z',
    });
    await expect(store.creer({ nom: 'suivi grand est', objet: 'unites', colonnes: ['dossier'], filtre: {} }, 'CPT-B')).rejects.toEqual(
      new ModeleExportErreur('conflit', 'Un modèle d’export s’appelle déjà « suivi grand est » : choisissez un autre nom.'),
    );
    const b = await store.creer({ nom: 'Appui Conseil', objet: 'unites', colonnes: ['dossier', 'jours'], filtre: {} }, 'CPT-B');
    expect((await store.lister()).map((m) => m.nom)).toEqual(['Appui Conseil', 'Suivi Grand Est']);
    await expect(store.modifier(b.id, { nom: 'SUIVI GRAND EST' })).rejects.toMatchObject({ code: 'conflit' });
    expect(await store.modifier(a.id, { colonnes: ['etape'] })).toMatchObject({ nom: 'Suivi Grand Est', colonnes: ['etape'], filtre: { region: 'GES' } });
    expect(await store.modifier(a.id, { nom: 'Suivi Grand Est' })).toMatchObject({ nom: 'Suivi Grand Est' });
    await expect(store.modifier('MEX-0000000000', { nom: 'x' })).rejects.toMatchObject({ code: 'introuvable' });
    await store.supprimer(b.id);
    expect(await store.lire(b.id)).toBeUndefined();
    await expect(store.supprimer(b.id)).rejects.toMatchObject({ code: 'introuvable' });
  });

  it('keeps the addresses of a scheduled export, and a template while a scheduled export sends it', async () => {
    const m = await store.creer({ nom: 'Financeurs', objet: 'dossiers', colonnes: ['reference'], filtre: {} }, 'CPT-A');
    const p = await store.creerProgramme(
      { modeleId: m.id, destinataires: [{ nom: 'Région', email: 'emploi@region.test' }], frequence: 'trimestrielle', format: 'csv' },
      'CPT-A',
    );
    expect(p).toMatchObject({
      id: expect.stringMatching(/^EXP-[0-9A-F]{10}$/),
      modeleId: m.id,
      destinataires: [{ nom: 'Région', email: 'emploi@region.test' }],
    });
    expect(await store.lireProgramme(p.id)).toEqual(p);
    await expect(store.supprimer(m.id)).rejects.toMatchObject({ code: 'conflit', message: expect.stringContaining(p.id) });
    await expect(store.creerProgramme({ ...p, modeleId: 'MEX-0000000000' }, 'CPT-A')).rejects.toMatchObject({ code: 'introuvable' });
    expect(await store.supprimerProgramme(p.id)).toBe(true);
    expect(await store.supprimerProgramme(p.id)).toBe(false);
    await store.supprimer(m.id);
  });
});
