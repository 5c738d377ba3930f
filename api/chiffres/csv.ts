// The network's figures as a CSV (GET /api/chiffres.csv), like the other CSV downloads (domain/financement-csv.ts):
// ";" separated, decimal comma, UTF-8 with a BOM so that spreadsheets read the accents. One line per indicator, one
// column per dispositif shown and the total (distinct members: the total is not the sum of the columns).
import { stringify } from 'csv-stringify/sync';
import { INDICATEURS_DOSSIERS, LIBELLES_TYPES_CONTRIBUTEURS, type BlocChiffres, type Delai, type IndicateurDossiers } from '../../domain/chiffres';
import { dispositifFr } from '../../domain/schemas';
import { TYPES_INTERVENANT, type TypeIntervenant } from '../../domain/vivier';
import type { ChiffresReseau } from './service';

const decimal = (n: number | undefined): string => (n === undefined ? '' : String(n).replace('.', ','));

/** The lines of the figures: a French label and the value of a block. */
export const LIGNES_CHIFFRES: { libelle: string; valeur: (b: BlocChiffres) => number | undefined }[] = [
  ...(Object.keys(INDICATEURS_DOSSIERS) as IndicateurDossiers[]).map((k) => ({ libelle: INDICATEURS_DOSSIERS[k], valeur: (b: BlocChiffres) => b.dossiers[k] })),
  { libelle: 'Jours de cabinets de conseil mobilisés', valeur: (b) => b.jours.consultants.jours },
  { libelle: 'Jours d’expertise interne des membres du réseau', valeur: (b) => b.jours.expertiseInterne.jours },
  ...(Object.keys(TYPES_INTERVENANT) as TypeIntervenant[]).map((t) => ({
    libelle: `Jours : ${LIBELLES_TYPES_CONTRIBUTEURS[t]}`,
    valeur: (b: BlocChiffres) => b.jours.parType[t].jours,
  })),
  { libelle: 'Membres du réseau mobilisés (distincts)', valeur: (b) => b.membresReseau },
  { libelle: 'Consultant·es de cabinet mobilisé·es (distinct·es)', valeur: (b) => b.consultants },
  ...(['demandeLancement', 'demandeCloture'] as const).flatMap((k) => {
    const quoi = k === 'demandeLancement' ? 'lancement' : 'clôture';
    const d = (b: BlocChiffres): Delai => b.delais[k];
    return [
      { libelle: `Délai demande → ${quoi} : dossiers mesurés`, valeur: (b: BlocChiffres) => d(b).nombre },
      { libelle: `Délai demande → ${quoi} : médiane (jours)`, valeur: (b: BlocChiffres) => d(b).mediane },
      { libelle: `Délai demande → ${quoi} : 90e centile (jours)`, valeur: (b: BlocChiffres) => d(b).p90 },
    ];
  }),
];

export function chiffresCsv(c: ChiffresReseau): string {
  const entete = ['Indicateur', ...c.dispositifs.map((d) => dispositifFr(d)), ...(c.dispositifs.length > 1 ? ['Total'] : [])];
  const blocs = [...c.dispositifs.map((d) => c.parDispositif[d]!), ...(c.dispositifs.length > 1 ? [c.total] : [])];
  const lignes = LIGNES_CHIFFRES.map((l) => [l.libelle, ...blocs.map((b) => decimal(l.valeur(b)))]);
  return `\uFEFF${stringify([entete, ...lignes], { delimiter: ';' })}`;
}

/** chiffres-2026.csv, chiffres-2026-01-01_2026-06-30-NOR-diagnostic.csv: codes and digits only, no escaping needed. */
export function nomFichierCsv(c: ChiffresReseau): string {
  const p = c.periode.annee !== undefined ? String(c.periode.annee) : `${c.periode.du}_${c.periode.au}`;
  return `chiffres-${[p, c.region, c.dispositif].filter(Boolean).join('-')}.csv`;
}
