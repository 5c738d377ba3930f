// Row 2, API latency at a fixed rate (open loop, on loopback): POST /api/demandes, POST …/accepter and
// GET /api/dossiers/:id, against a bare client.workflow.start, executeUpdate and query at the same rate on the same
// server. Latency counts from the moment a call was due (boucleOuverte), so a late start is not hidden.
import { demandeApi } from '../test/helpers/compagnonnage';
import { INTERLOCUTRICE } from '../test/helpers/fixtures';
import { arrondi, attendre, boucleOuverte, centile, type Ligne, type Mesure, type Options } from './common';
import { decider, dossierNu, etat } from './bare.workflows';
import { commandes } from './debit';
import { FILE_NUE, type BenchStack } from './stack';

const TITRE = 'Latence API à débit fixe (boucle ouverte)';

function figures(nom: string, produit: number[], nu: number[]): Mesure[] {
  return [50, 95, 99].map((p) => {
    const a = centile(produit, p);
    const b = centile(nu, p);
    const but = p === 99;
    return {
      nom: `${nom} p${p}`,
      unite: 'ms',
      produit: arrondi(a, 1),
      nu: arrondi(b, 1),
      ratio: arrondi(a / b),
      objectif: but ? '≤ 1,3 × nu et ≤ nu + 5 ms' : '—',
      ...(but ? { atteint: a <= 1.3 * b && a <= b + 5 } : {}),
    };
  });
}

export async function ligneLatence(s: BenchStack, o: Options): Promise<Ligne> {
  const parSeconde = 20;
  const n = o.quick ? 40 : 600;
  const ids: string[] = [];
  const tDemandes = await boucleOuverte(n, parSeconde, async (i) => {
    ids[i] = (await s.appel<{ dossierId: string }>('POST', '/api/demandes', demandeApi())).dossierId;
  });
  const etapes = async (id: string) => (await s.appel<{ etape: string }>('GET', `/api/dossiers/${id}`)).etape;
  for (const id of ids) await attendre(`${id} in qualification`, async () => (await etapes(id)) === 'qualification', 120_000, 100);
  const { events } = await s.client.workflow.getHandle(ids[0]!).fetchHistory();
  const forme = { ...commandes(events ?? []), apres: 2, resteOuvert: true };
  const tAccepter = await boucleOuverte(n, parSeconde, (i) =>
    s.appel('POST', `/api/dossiers/${ids[i]}/accepter`, { interlocutrice: INTERLOCUTRICE, par: 'bench' }),
  );
  const tLire = await boucleOuverte(n, parSeconde, (i) => s.appel('GET', `/api/dossiers/${ids[i]}`));

  const nus: string[] = [];
  const run = `bench-lat-${process.pid}-${Date.now()}`;
  const tStart = await boucleOuverte(n, parSeconde, async (i) => {
    nus[i] = (await s.nu.workflow.start(dossierNu, { taskQueue: FILE_NUE, workflowId: `${run}-${i}`, args: [forme] })).workflowId;
  });
  for (const id of nus) await attendre(`${id} waiting`, async () => (await s.nu.workflow.getHandle(id).query(etat)).etape === 'attente', 120_000, 100);
  const tUpdate = await boucleOuverte(n, parSeconde, (i) => s.nu.workflow.getHandle(nus[i]!).executeUpdate(decider, { args: ['acceptee'] }));
  const tQuery = await boucleOuverte(n, parSeconde, (i) => s.nu.workflow.getHandle(nus[i]!).query(etat));

  return {
    ligne: 2,
    titre: TITRE,
    mesure: true,
    mesures: [
      ...figures('POST /api/demandes / workflow.start', tDemandes, tStart),
      ...figures('POST …/accepter / executeUpdate', tAccepter, tUpdate),
      ...figures('GET /api/dossiers/:id / query', tLire, tQuery),
    ],
    details: {
      parSeconde,
      appelsParRoute: n,
      formeNue: forme,
      note: 'à un débit au-dessus de ce que le produit écoule (rang 1), la file s’allonge pendant la mesure : la latence croît avec sa durée',
    },
  };
}
