// Writes an export to a stream (an HTTP answer, a file), row by row as the store's async generators read them in
// pages (db/reporting.ts), so that 10,000 rows never sit in memory at once:
// - CSV: csv-stringify in a pipeline (its backpressure pauses the reading), ";" and a UTF-8 BOM like the house CSVs
//   (domain/financement-csv.ts), days as JJ/MM/AAAA, decimal commas;
// - XLSX: exceljs's streaming writer (each row committed as it comes, the worksheet then the workbook committed at
//   the end), days as real dates, numbers as numbers, the header in bold and frozen; the reading waits when the
//   destination asks to (writableNeedDrain).
import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { SqlReportingStore } from '../../db/reporting';
import type { ComptesStore } from '../../db/comptes-store';
import type { VivierStore } from '../../db/store';
import { colonnesChoisies, LIBELLES_OBJETS, type Colonne, type FormatExport, type Noms, type ObjetExport, type Valeur } from './catalogue';
import { filtreDuStore, type FiltreExport } from './schemas';

export interface DemandeExport {
  objet: ObjetExport;
  /** Column keys, in order (checked by the schemas). */
  colonnes: readonly string[];
  filtre: FiltreExport;
  format: FormatExport;
}

export const TYPES_MIME: Record<FormatExport, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The names of the Missions Locales and of the staff accounts, read once per export. */
export async function chargerNoms(vivier: Pick<VivierStore, 'missionsLocales'>, comptes?: Pick<ComptesStore, 'listComptes'>): Promise<Noms> {
  const [mls, cptes] = await Promise.all([vivier.missionsLocales(), comptes ? comptes.listComptes() : Promise.resolve([])]);
  return { missionsLocales: new Map(mls.map((m) => [m.code, m.nom])), comptes: new Map(cptes.map((c) => [c.id, c.nom])) };
}

const jourFr = (jour: string): string => `${jour.slice(8, 10)}/${jour.slice(5, 7)}/${jour.slice(0, 4)}`;

/** A cell as CSV text. */
export function celluleCsv(v: Valeur): string {
  if (v === undefined) return '';
  if ('texte' in v) return v.texte;
  if ('nombre' in v) return String(v.nombre).replace('.', ',');
  return jourFr(v.jour);
}

/** A cell as exceljs takes it: a day is a Date at 00:00 UTC (shown JJ/MM/AAAA). */
export function celluleXlsx(v: Valeur): string | number | Date | null {
  if (v === undefined) return null;
  if ('texte' in v) return v.texte;
  if ('nombre' in v) return v.nombre;
  return new Date(`${v.jour}T00:00:00.000Z`);
}

/** The rows of a request, one at a time, from the store's generator. */
function lignes(store: SqlReportingStore, d: DemandeExport): { colonnes: Colonne<never>[]; source: AsyncIterable<unknown> } {
  if (d.objet === 'dossiers')
    return { colonnes: colonnesChoisies('dossiers', d.colonnes) as Colonne<never>[], source: store.dossiers(filtreDuStore('dossiers', d.filtre)) };
  return { colonnes: colonnesChoisies('unites', d.colonnes) as Colonne<never>[], source: store.unites(filtreDuStore('unites', d.filtre)) };
}

/** Writes the export to `out` and ends it; resolves with the number of rows (header aside). */
export async function ecrireExport(store: SqlReportingStore, noms: Noms, d: DemandeExport, out: Writable): Promise<number> {
  const { colonnes, source } = lignes(store, d);
  const valeurs = (l: unknown) => colonnes.map((c) => c.valeur(l as never, noms));
  let n = 0;
  if (d.format === 'csv') {
    async function* enregistrements() {
      yield colonnes.map((c) => c.entete);
      for await (const l of source) {
        n++;
        yield valeurs(l).map(celluleCsv);
      }
    }
    await pipeline(Readable.from(enregistrements()), stringify({ delimiter: ';', bom: true, record_delimiter: '\r\n' }), out);
    return n;
  }
  const classeur = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  classeur.creator = 'UNML Dispositifs';
  const feuille = classeur.addWorksheet(LIBELLES_OBJETS[d.objet], { views: [{ state: 'frozen', ySplit: 1 }] });
  feuille.columns = colonnes.map((c) => ({ key: c.cle, width: Math.max(12, Math.min(40, c.entete.length + 4)) }));
  const entete = feuille.addRow(colonnes.map((c) => c.entete));
  entete.font = { bold: true };
  entete.commit();
  for await (const l of source) {
    const ligne = feuille.addRow(valeurs(l).map(celluleXlsx));
    ligne.eachCell((cellule) => {
      if (cellule.value instanceof Date) cellule.numFmt = 'dd/mm/yyyy';
    });
    ligne.commit();
    n++;
    // The destination's buffer is full (a slow client): wait before reading more rows.
    if (n % 200 === 0 && out.writableNeedDrain) await once(out, 'drain');
  }
  feuille.commit();
  await classeur.commit();
  return n;
}

/** A file name for an export: `dossiers-2026-12-02.xlsx`, or the template's name made safe. */
export function nomFichier(base: string, format: FormatExport, le: Date = new Date()): string {
  const propre =
    base
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 60) || 'export';
  return `${propre}-${le.toISOString().slice(0, 10)}.${format}`;
}
