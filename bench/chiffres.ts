// Row 6, figures at scale: a fresh reporting store (db/reporting.ts, SQLite in a temporary directory) filled through
// SqlReportingStore.enregistrer with N dossiers of a year (12 units of work and 2 answers each), then the year's
// figures as GET /api/chiffres computes them (api/chiffres/service.ts chiffresDuReporting: the store's generators
// into domain/chiffres.ts), and its peak RSS growth. The "bare" figure is the same generators read without computing:
// what the store alone costs. No Temporal here. The XLSX export is not measured: api/exports is not on main yet.
import { chiffresDuReporting } from '../api/chiffres/service';
import { SqlReportingStore } from '../db/reporting';
import { periodeAnnee } from '../domain/chiffres';
import { REGION_CODES } from '../domain/regions';
import type { InstantaneReporting } from '../domain/reporting';
import type { Dispositif } from '../domain/schemas';
import { createTestStore } from '../test/helpers/db';
import { arrondi, picRss, type Ligne, type Options } from './common';

const TITRE = 'Chiffres (et exports) à l’échelle';
const DISPOSITIFS: Dispositif[] = ['compagnonnage', 'appui_conseil', 'diagnostic'];
const ANNEE = 2025;

function instantane(i: number): InstantaneReporting {
  const dispositif = DISPOSITIFS[i % 3]!;
  const jour = (j: number) => new Date(Date.UTC(ANNEE, 0, 1 + ((i + j) % 360))).toISOString();
  const dossierId = `BEN-${String(i).padStart(6, '0')}`;
  const fini = i % 4 !== 0;
  return {
    sequence: 1,
    dossier: {
      dossierId,
      dispositif,
      missionLocale: `ML-${i % 430}`,
      region: REGION_CODES[i % REGION_CODES.length]!,
      etape: fini ? 'cloture' : 'accompagnement',
      ...(fini ? { issue: 'cloture' as const, termineLe: jour(5) } : {}),
      demandeLe: jour(0),
      accepteLe: jour(1),
      lanceLe: jour(2),
      interlocutrice: 'CPT-BENCH',
      intervenants: [{ id: `INT-${i % 97}`, type: 'directeur_ml' }],
    },
    unites: Array.from({ length: 12 }, (_, k) => ({
      cle: `seance-${k + 1}`,
      dossierId,
      intervenantId: `INT-${i % 97}`,
      type: 'directeur_ml' as const,
      date: jour(k).slice(0, 10),
      minutes: 120,
      nature: 'seance' as const,
    })),
    reponses: [
      { dossierId, repondant: 'ml', question: 'utilite', reponse: String(1 + (i % 5)), le: jour(4) },
      { dossierId, repondant: 'intervenant', question: 'utilite', reponse: 'Très utile', le: jour(4) },
    ],
  };
}

export async function ligneChiffres(o: Options): Promise<Ligne> {
  const n = o.quick ? 1000 : 10_000;
  const test = await createTestStore('sqlite');
  try {
    const store = new SqlReportingStore(test.db);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await store.enregistrer(instantane(i));
    const msRemplissage = performance.now() - t0;
    const demande = { periode: periodeAnnee(ANNEE), heuresParJour: 7 };
    await chiffresDuReporting(store, demande); // warm-up (statements prepared, pages cached)
    const lire = async () => {
      let k = 0;
      for await (const d of store.dossiers({ demandeAu: `${ANNEE + 1}-01-01` })) k += d ? 1 : 0;
      for await (const u of store.unites({ du: `${ANNEE}-01-01`, au: `${ANNEE}-12-31` })) k += u ? 1 : 0;
      k += (await store.reponses({ du: `${ANNEE - 1}-12-31`, au: `${ANNEE + 1}-01-01` })).length;
      return k;
    };
    // Three of each, alternated; the median of each (a shared machine is noisy), the highest RSS growth.
    const lectures: Awaited<ReturnType<typeof picRss<number>>>[] = [];
    const calculs: Awaited<ReturnType<typeof picRss<Awaited<ReturnType<typeof chiffresDuReporting>>>>>[] = [];
    for (let r = 0; r < 3; r++) {
      lectures.push(await picRss(lire));
      calculs.push(await picRss(() => chiffresDuReporting(store, demande)));
    }
    const median = <T extends { msDuree: number }>(xs: T[]): T => [...xs].sort((a, b) => a.msDuree - b.msDuree)[1]!;
    const lecture = median(lectures);
    const calcul = { ...median(calculs), croissanceMiB: Math.max(...calculs.map((c) => c.croissanceMiB)) };
    const demandes = calcul.valeur.total.dossiers.demandes;
    return {
      ligne: 6,
      titre: TITRE,
      mesure: true,
      mesures: [
        {
          nom: `chiffres de l’année, ${n} dossiers / lecture seule du store`,
          unite: 'ms',
          produit: arrondi(calcul.msDuree, 1),
          nu: arrondi(lecture.msDuree, 1),
          ratio: arrondi(calcul.msDuree / lecture.msDuree),
          objectif: '< 1 s',
          atteint: calcul.msDuree < 1000,
        },
        {
          nom: 'croissance du RSS au pic (chiffres)',
          unite: 'MiB',
          produit: arrondi(calcul.croissanceMiB, 1),
          objectif: '< 100 MiB',
          atteint: calcul.croissanceMiB < 100,
        },
      ],
      details: {
        n,
        unitesParDossier: 12,
        reponsesParDossier: 2,
        lignesLues: lecture.valeur,
        msRemplissage: Math.round(msRemplissage),
        demandesComptees: demandes,
        export: { mesure: false, raison: 'api/exports (export XLSX) n’existe pas encore sur main' },
      },
    };
  } finally {
    await test.cleanup();
  }
}
