// Indicator values as a CSV upload, and the funding's computation as a CSV download (seed 004; issue #13).
// In: one line per Mission Locale, columns `code_ml`, `nom_ml`, then one column per indicator code (`i1` … `i9`),
// separated by ";" (French spreadsheets) or "," as the header is; an empty cell is a value not known yet (an axe 3 before the dialogue
// de gestion). Every line's errors are said with its number; nothing is kept from a file with an error.
// Out: one line per ML and axis, amounts in euros with a decimal comma, and the advance and balance.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Axe, Financement, ValeursMl } from './financement';

export interface ErreurLigne {
  /** The line in the file (1 = the header). */
  ligne: number;
  colonne?: string;
  message: string;
}

export type LectureCsv = { ok: true; mls: ValeursMl[] } | { ok: false; erreurs: ErreurLigne[] };

const CODE = 'code_ml';
const NOM = 'nom_ml';

/** The values of a CSV file, or every error of it (line by line) and none of its values. */
export function lireValeursCsv(texte: string, axes: readonly Axe[]): LectureCsv {
  const indicateurs = new Set(axes.flatMap((a) => a.indicateurs.map((i) => i.code)));
  const propre = texte.replace(/^\uFEFF/, '');
  // The header says the separator: ";" when it has one (then "12,5" stays one cell, and is refused as not an integer).
  const delimiter = (propre.split(/\r?\n/, 1)[0] ?? '').includes(';') ? ';' : ',';
  let lignes: string[][];
  try {
    lignes = parse(propre, { delimiter, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (err) {
    const ligne = (err as { lines?: number }).lines ?? 1;
    return { ok: false, erreurs: [{ ligne, message: `Le fichier n’est pas un CSV lisible (ligne ${ligne}) : vérifiez les guillemets et les séparateurs.` }] };
  }
  const [entete, ...corps] = lignes;
  if (!entete)
    return {
      ok: false,
      erreurs: [{ ligne: 1, message: `Le fichier est vide : la première ligne nomme les colonnes (${CODE}, ${NOM}, puis les indicateurs).` }],
    };
  const erreurs: ErreurLigne[] = [];
  const colonnes = entete.map((c) => c.toLowerCase());
  if (!colonnes.includes(CODE)) erreurs.push({ ligne: 1, message: `Il manque la colonne ${CODE} (le code de la Mission Locale).` });
  for (const c of colonnes) {
    if (c !== CODE && c !== NOM && !indicateurs.has(c))
      erreurs.push({ ligne: 1, colonne: c, message: `La colonne « ${c} » n’est pas un indicateur de la campagne (${[...indicateurs].join(', ')}).` });
  }
  if (erreurs.length) return { ok: false, erreurs };
  const vus = new Map<string, number>();
  const mls: ValeursMl[] = [];
  for (const [n, cellules] of corps.entries()) {
    const ligne = n + 2;
    if (cellules.length > colonnes.length)
      erreurs.push({
        ligne,
        message: `${cellules.length} cellules pour ${colonnes.length} colonnes : vérifiez les séparateurs (« ${delimiter} » comme la ligne des colonnes).`,
      });
    const cellule = (c: string) => cellules[colonnes.indexOf(c)] ?? '';
    const code = cellule(CODE);
    if (!code) {
      erreurs.push({ ligne, colonne: CODE, message: 'Le code de la Mission Locale est vide.' });
      continue;
    }
    const deja = vus.get(code);
    if (deja !== undefined) erreurs.push({ ligne, colonne: CODE, message: `La Mission Locale ${code} est déjà à la ligne ${deja}.` });
    vus.set(code, ligne);
    const valeurs: Record<string, number> = {};
    for (const c of colonnes.filter((x) => indicateurs.has(x))) {
      const brut = cellule(c).replace(/[\s\u00a0\u202f]/g, '');
      if (brut === '') continue;
      if (!/^\d+$/.test(brut) || !Number.isSafeInteger(Number(brut))) {
        erreurs.push({ ligne, colonne: c, message: `${c} : « ${cellule(c)} » n’est pas un nombre entier positif ou nul.` });
        continue;
      }
      valeurs[c] = Number(brut);
    }
    mls.push({ code, nom: cellule(NOM) || code, valeurs });
  }
  if (corps.length === 0) erreurs.push({ ligne: 2, message: 'Aucune Mission Locale : une ligne par Mission Locale après la ligne des colonnes.' });
  return erreurs.length ? { ok: false, erreurs } : { ok: true, mls };
}

const eurosCsv = (c: number): string => `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100)},${String(Math.abs(c) % 100).padStart(2, '0')}`;

/** The computation as a CSV (";", decimal comma, UTF-8 with BOM so that spreadsheets read the accents). */
export function financementCsv(f: Financement): string {
  const axes = f.axes.map((a) => a.axe);
  const lignes = f.mls.map((m) => [
    m.code,
    m.nom,
    ...axes.map((a) => eurosCsv(m.axes.find((x) => x.axe === a)!.montant)),
    eurosCsv(m.total),
    eurosCsv(m.avance),
    m.solde === undefined ? '' : eurosCsv(m.solde),
  ]);
  const total = ['TOTAL', '', ...f.axes.map((a) => eurosCsv(a.montant)), eurosCsv(f.enveloppe), eurosCsv(f.avanceTotale), ''];
  const entete = ['code_ml', 'nom_ml', ...axes.map((a) => `${a}_euros`), 'total_euros', 'avance_euros', 'solde_euros'];
  return `\uFEFF${stringify([entete, ...lignes, total], { delimiter: ';' })}`;
}
