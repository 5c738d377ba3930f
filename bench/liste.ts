// Row 5, the back office at scale: the first page of "Tous les dossiers" (GET /api/dossiers, 50 a page: one
// visibility call, rows from search attributes) with at least N dossiers on the server, p95 over sequential calls,
// against the same visibility call (same query, same page size) from a plain client: what the app adds.
import { buildListQuery } from '../api/dossiers/liste';
import { demandeApi } from '../test/helpers/compagnonnage';
import { arrondi, centile, enParallele, type Ligne, type Options } from './common';
import type { BenchStack } from './stack';

const TITRE = 'Back office à l’échelle (1re page de « Tous les dossiers »)';

export async function ligneListe(s: BenchStack, o: Options): Promise<Ligne> {
  const n = o.quick ? 200 : 10_000;
  const appels = o.quick ? 40 : 200;
  const namespace = s.api.env.namespace ?? 'default';
  const compter = async () => Number((await s.nu.workflowService.countWorkflowExecutions({ namespace, query: buildListQuery({}) })).count ?? 0);
  const deja = await compter();
  const manque = Math.max(0, n - deja);
  const t0 = performance.now();
  await enParallele(manque, 20, async () => void (await s.appel('POST', '/api/demandes', demandeApi())));
  const msRemplissage = performance.now() - t0;
  const total = await compter();

  const query = buildListQuery({});
  const tProduit: number[] = [];
  const tNu: number[] = [];
  await s.appel('GET', '/api/dossiers');
  let tri: string | undefined;
  for (let i = 0; i < appels; i++) {
    let t = performance.now();
    tri = (await s.appel<{ tri: string }>('GET', '/api/dossiers')).tri;
    tProduit.push(performance.now() - t);
    t = performance.now();
    await s.nu.workflowService.listWorkflowExecutions({ namespace, query, pageSize: 50 });
    tNu.push(performance.now() - t);
  }
  const a = centile(tProduit, 95);
  const b = centile(tNu, 95);
  return {
    ligne: 5,
    titre: TITRE,
    mesure: true,
    mesures: [
      {
        nom: `GET /api/dossiers p95, ${total} dossiers / listWorkflowExecutions`,
        unite: 'ms',
        produit: arrondi(a, 1),
        nu: arrondi(b, 1),
        ratio: arrondi(a / b),
        objectif: '< 300 ms',
        atteint: a < 300,
      },
    ],
    details: { dossiersSurLeServeur: total, demandesAjoutees: manque, msRemplissage: Math.round(msRemplissage), appels, tri, requete: query },
  };
}
