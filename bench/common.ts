// What every row of `npm run bench` shares: the shape of a result, percentiles, bounded concurrency, an open-loop
// pacer and the peak RSS sampler.

/** One figure of a row: the product's, the bare Temporal baseline's of the same run, their ratio and the goal. */
export interface Mesure {
  nom: string;
  unite: string;
  produit: number;
  /** The bare figure (absent when the row has no bare counterpart: then `ratio` is absent too). */
  nu?: number;
  /** produit / nu, or nu / produit for a throughput (always "how many times the bare cost"): see `sens`. */
  ratio?: number;
  objectif: string;
  /** Whether the goal is met; absent when the row states no goal for this figure. */
  atteint?: boolean;
}

/** One row of the table (#16), measured or not; never a made-up number. */
export interface Ligne {
  ligne: number;
  titre: string;
  mesure: boolean;
  /** Why it is not measured (yet), or what failed. */
  raison?: string;
  mesures: Mesure[];
  /** The run's parameters (N, rate, duration…) and anything else worth keeping. */
  details?: Record<string, unknown>;
  dureeMs?: number;
}

export interface Options {
  quick: boolean;
}

export const nonMesuree = (ligne: number, titre: string, raison: string): Ligne => ({ ligne, titre, mesure: false, raison, mesures: [] });

/** Nearest-rank percentile of unsorted values (ms). */
export function centile(valeurs: readonly number[], p: number): number {
  if (valeurs.length === 0) return NaN;
  const tries = [...valeurs].sort((a, b) => a - b);
  const rang = Math.max(1, Math.ceil((p / 100) * tries.length));
  return tries[rang - 1]!;
}

export const arrondi = (x: number, chiffres = 2): number => (Number.isFinite(x) ? Number(x.toFixed(chiffres)) : x);

/** Runs `f(i)` for i < n with at most `largeur` at once; resolves when all are done (rejects on the first failure). */
export async function enParallele(n: number, largeur: number, f: (i: number) => Promise<void>): Promise<void> {
  let suivant = 0;
  const voie = async () => {
    while (suivant < n) {
      const i = suivant++;
      await f(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(largeur, n) }, voie));
}

/**
 * Open loop: starts `f(i)` at `parSeconde` per second for i < n whatever the previous ones do, and returns each call's
 * latency in ms, measured from the moment it was due (so a late start counts: no coordinated omission).
 */
export async function boucleOuverte(n: number, parSeconde: number, f: (i: number) => Promise<unknown>): Promise<number[]> {
  const t0 = performance.now();
  const periode = 1000 / parSeconde;
  const appels: Promise<number>[] = [];
  for (let i = 0; i < n; i++) {
    const du = t0 + i * periode;
    const attente = du - performance.now();
    if (attente > 0) await new Promise((r) => setTimeout(r, attente));
    appels.push(f(i).then(() => performance.now() - du));
  }
  return Promise.all(appels);
}

/** Samples this process's RSS every 20 ms while `f` runs: its growth above the start, at its peak (MiB). */
export async function picRss<T>(f: () => Promise<T>): Promise<{ valeur: T; croissanceMiB: number; msDuree: number }> {
  global.gc?.();
  const depart = process.memoryUsage.rss();
  let pic = depart;
  const t = setInterval(() => (pic = Math.max(pic, process.memoryUsage.rss())), 20);
  const t0 = performance.now();
  try {
    const valeur = await f();
    pic = Math.max(pic, process.memoryUsage.rss());
    return { valeur, croissanceMiB: (pic - depart) / 2 ** 20, msDuree: performance.now() - t0 };
  } finally {
    clearInterval(t);
  }
}

/** Polls `probe` every `pasMs` until it returns true; throws after `delaiMs`. */
export async function attendre(quoi: string, probe: () => Promise<boolean>, delaiMs = 60_000, pasMs = 50): Promise<void> {
  const fin = Date.now() + delaiMs;
  while (!(await probe())) {
    if (Date.now() > fin) throw new Error(`timed out waiting for ${quoi}`);
    await new Promise((r) => setTimeout(r, pasMs));
  }
}
