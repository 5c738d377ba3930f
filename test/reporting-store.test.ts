// The reporting read model (db/reporting.ts) on SQLite and, with TEST_POSTGRES_URL, on PostgreSQL: a dossier's rows
// replaced as a whole by a newer snapshot only (a retried or older write changes nothing), read back by filter and in
// pages, units of work by day.
import { SqlReportingStore } from '../db/reporting';
import type { InstantaneReporting } from '../domain/reporting';
import { createTestStore, DIALECTS, type TestStore } from './helpers/db';

function instantane(sequence: number, dossierId: string, over: Partial<InstantaneReporting['dossier']> = {}, seances = 0): InstantaneReporting {
  return {
    sequence,
    dossier: {
      dossierId,
      dispositif: 'compagnonnage',
      missionLocale: 'ML-ALS-COLMAR',
      region: 'GES',
      etape: 'accompagnement',
      demandeLe: '2026-03-02T09:00:00.000Z',
      intervenants: [{ id: 'INT-AAAA', type: 'directeur_ml' }],
      ...over,
    },
    unites: Array.from({ length: seances }, (_, i) => ({
      cle: `seance-${i + 1}`,
      dossierId,
      intervenantId: 'INT-AAAA',
      type: 'directeur_ml' as const,
      date: `2026-04-${String(i + 1).padStart(2, '0')}`,
      minutes: 90,
      nature: 'seance' as const,
    })),
    reponses: [{ dossierId, repondant: 'ml', question: 'satisfaction', reponse: '4', le: '2026-09-01T10:00:00.000Z' }],
  };
}

const tous = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe.each(DIALECTS)('reporting store on %s', (kind) => {
  let t: TestStore;
  let store: SqlReportingStore;

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = new SqlReportingStore(t.db);
  });
  afterAll(async () => {
    await t?.cleanup();
  });
  beforeEach(() => store.vider());

  it('keeps the latest snapshot of a dossier: an older or repeated one changes nothing', async () => {
    expect(await store.enregistrer(instantane(1, 'CMP-1', {}, 2))).toBe(true);
    expect(await store.enregistrer(instantane(3, 'CMP-1', { etape: 'bilan' }, 5))).toBe(true);
    // The same write retried, then a late older one.
    expect(await store.enregistrer(instantane(3, 'CMP-1', { etape: 'bilan' }, 5))).toBe(false);
    expect(await store.enregistrer(instantane(2, 'CMP-1', { etape: 'qualification' }, 1))).toBe(false);
    const [d] = await tous(store.dossiers());
    expect(d).toMatchObject({ dossierId: 'CMP-1', etape: 'bilan', intervenants: [{ id: 'INT-AAAA', type: 'directeur_ml' }] });
    expect(await tous(store.unites())).toHaveLength(5);
    const reponse = { dossierId: 'CMP-1', question: 'satisfaction', reponse: '4', dispositif: 'compagnonnage' };
    expect(await store.reponses()).toEqual([expect.objectContaining(reponse)]);
    expect(await store.sequence('CMP-1')).toBe(3);
  });

  it('reads dossiers by filter and period, in pages, and units of work by day', async () => {
    for (let i = 0; i < 1203; i++) {
      const jour = `2026-${String((i % 12) + 1).padStart(2, '0')}-15T08:00:00.000Z`;
      const autre = i % 3 === 0 ? { dispositif: 'diagnostic' as const } : {};
      await store.enregistrer(instantane(1, `CMP-${String(i).padStart(5, '0')}`, { demandeLe: jour, ...autre }));
    }
    expect(await tous(store.dossiers())).toHaveLength(1203);
    const diag = await tous(store.dossiers({ dispositif: 'diagnostic' }));
    expect(diag).toHaveLength(401);
    expect(diag.every((d) => d.dispositif === 'diagnostic')).toBe(true);
    // From March 1st to April 15th inclusive (demands filed on the 15th at 08:00): 101 in March, 100 in April.
    const printemps = await tous(store.dossiers({ demandeDu: '2026-03-01', demandeAu: '2026-04-15' }));
    expect(printemps).toHaveLength(201);
    expect(new Set(printemps.map((d) => d.dossierId)).size).toBe(201);
    expect(await tous(store.dossiers({ demandeDu: '2026-03-01', demandeAu: '2026-04-14' }))).toHaveLength(101);

    await store.enregistrer(instantane(2, 'CMP-00001', {}, 10));
    const avril = await tous(store.unites({ du: '2026-04-03', au: '2026-04-05' }));
    expect(avril.map((u) => u.date)).toEqual(['2026-04-03', '2026-04-04', '2026-04-05']);
    expect(avril[0]).toMatchObject({ dossierId: 'CMP-00001', minutes: 90, dispositif: 'compagnonnage', region: 'GES' });
  });
});
