// `npm run bench` (issue #16): what the product costs, side by side with bare Temporal on the same server, in one
// run. Starts everything it measures itself (bench/stack.ts, and the time-skipping server for row 8), prints a table
// and writes bench/results.json. `npm run bench -- --quick`: every row at small N (CI runs it). Each row is a file;
// a row that is not measured yet says so and why, with no number.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { ligneChiffres } from './chiffres';
import { type Ligne, nonMesuree, type Options } from './common';
import { ligneCycle } from './cycle';
import { ligneDebit } from './debit';
import { ligneEmails } from './emails';
import { ligneLatence } from './latence';
import { ligneListe } from './liste';
import { type BenchStack, demarrerStack } from './stack';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findBinary } = require('../scripts/temporal-binaries.js') as { findBinary(which: 'cli' | 'testServer'): string | undefined };

const TITRES: Record<number, string> = {
  1: 'Débit de dossiers (demande → déclinée)',
  2: 'Latence API à débit fixe (boucle ouverte)',
  3: 'Dossiers ouverts à l’échelle (RSS du worker et du serveur)',
  4: 'Rejeu à froid (1re Query après redémarrage du worker)',
  5: 'Back office à l’échelle (1re page de « Tous les dossiers »)',
  6: 'Chiffres (et exports) à l’échelle',
  7: 'Envoi d’emails en nombre (vers le sink SMTP local)',
  8: 'Cycle de vie complet sous saut de temps (Compagnonnage)',
};

/** Runs a row (or several measured together: `lignes`), timing it; a failure becomes a row not measured, with why. */
async function mesurer(ligne: number, f: () => Promise<Ligne | Ligne[]>, lignes: number[] = [ligne]): Promise<Ligne[]> {
  const t0 = performance.now();
  process.stderr.write(`bench: row ${lignes.join(', ')}…\n`);
  try {
    const l = await f();
    return (Array.isArray(l) ? l : [l]).map((x) => ({ ...x, dureeMs: Math.round(performance.now() - t0) }));
  } catch (err) {
    const raison = `échec : ${err instanceof Error ? err.message : String(err)}`;
    return lignes.map((n) => ({ ...nonMesuree(n, TITRES[n]!, raison), dureeMs: Math.round(performance.now() - t0) }));
  }
}

function version(cmd: string | undefined, args: string[]): string | undefined {
  if (!cmd) return undefined;
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', timeout: 10_000 }).trim().split('\n')[0];
  } catch {
    return undefined;
  }
}

const cellule = (x: number | string | undefined) => (x === undefined ? '—' : String(x));

function tableau(lignes: Ligne[]): string {
  const rangs: string[][] = [['rang', 'mesure', 'produit', 'nu', 'ratio', 'objectif', 'atteint ?']];
  for (const l of lignes) {
    if (!l.mesure) {
      rangs.push([String(l.ligne), `${l.titre} — non mesuré : ${l.raison ?? ''}`, '', '', '', '', '']);
      continue;
    }
    for (const m of l.mesures)
      rangs.push([
        String(l.ligne),
        m.nom,
        `${cellule(m.produit)} ${m.unite}`,
        m.nu === undefined ? '—' : `${m.nu} ${m.unite}`,
        cellule(m.ratio),
        m.objectif,
        m.atteint === undefined ? '—' : m.atteint ? 'oui' : 'NON',
      ]);
  }
  const largeurs = rangs[0]!.map((_, c) => Math.max(...rangs.filter((r) => r.length > 2 && r[2] !== '').map((r) => r[c]!.length)));
  return rangs
    .map((r) => (r[2] === '' && r !== rangs[0] ? `${r[0]!.padEnd(largeurs[0]!)}  ${r[1]}` : r.map((c, i) => c.padEnd(largeurs[i]!)).join('  ')))
    .join('\n');
}

async function main(): Promise<void> {
  const o: Options = { quick: process.argv.includes('--quick') };
  const debut = performance.now();
  const lignes: Ligne[] = [];
  lignes.push(...(await mesurer(8, () => ligneCycle(o), [8, 4])));

  let stack: BenchStack | undefined;
  let serveur: string | undefined;
  try {
    stack = await demarrerStack();
    const s = stack;
    serveur = (await s.api.env.connection.workflowService.getSystemInfo({})).serverVersion ?? undefined;
    lignes.push(...(await mesurer(1, () => ligneDebit(s, o))));
    lignes.push(...(await mesurer(2, () => ligneLatence(s, o))));
    lignes.push(...(await mesurer(7, () => ligneEmails(s, o))));
    lignes.push(...(await mesurer(5, () => ligneListe(s, o))));
  } catch (err) {
    const raison = `échec du démarrage de la pile : ${err instanceof Error ? err.message : String(err)}`;
    for (const n of [1, 2, 7, 5]) if (!lignes.some((l) => l.ligne === n)) lignes.push(nonMesuree(n, TITRES[n]!, raison));
  } finally {
    await stack?.stop();
  }
  lignes.push(...(await mesurer(6, () => ligneChiffres(o))));
  lignes.push(nonMesuree(3, TITRES[3]!, 'pas encore mesuré (10 000 dossiers ouverts : prochaine version du banc)'));
  lignes.sort((a, b) => a.ligne - b.ligne);

  const sdk = (JSON.parse(readFileSync(require.resolve('@temporalio/worker/package.json'), 'utf8')) as { version: string }).version;
  const resultats = {
    date: new Date().toISOString(),
    mode: o.quick ? 'quick' : 'full',
    dureeMs: Math.round(performance.now() - debut),
    machine: {
      coeurs: cpus().length,
      processeur: cpus()[0]?.model,
      memoireGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
      node: process.version,
      temporalCli: version(findBinary('cli'), ['--version']) ?? null,
      temporalServeur: serveur ?? null,
      temporalioSdk: sdk,
    },
    lignes,
  };
  writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(resultats, null, 2)}\n`);
  const m = resultats.machine;
  process.stdout.write(
    `\n${tableau(lignes)}\n\n${m.coeurs} cœurs, ${m.memoireGiB} GiB, Node ${m.node}, ${m.temporalCli ?? 'CLI ?'}, ` +
      `serveur ${m.temporalServeur ?? '?'}, @temporalio ${m.temporalioSdk}` +
      ` — ${resultats.mode}, ${(resultats.dureeMs / 1000).toFixed(1)} s — bench/results.json\n`,
  );
  // A row that failed (not one that misses its goal) fails the run.
  process.exitCode = lignes.some((l) => !l.mesure && l.raison?.startsWith('échec')) ? 1 : 0;
}

main().then(
  () => process.exit(),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
