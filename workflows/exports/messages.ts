// What a scheduled export's workflow takes and answers (issue #14). Types and constants only: the API (its Schedule,
// api/exports/planification.ts), the activities and the workflow share them. Ids only: the addresses stay in SQL.

/** The workflow type a scheduled export's Schedule starts (workflows/exports/export-programme.ts). */
export const WORKFLOW_EXPORT_PROGRAMME = 'exportProgramme';

export interface ExportProgrammeInput {
  /** The scheduled export (EXP-…, table exports_programmes). */
  exportProgrammeId: string;
}

export interface ConstruireExportInput {
  exportProgrammeId: string;
  /** The file's base name (EXP-…-<run time>), fixed by the workflow: a retried build writes the same file. */
  fichier: string;
}

/** Built (its format and row count), or nothing to do: the scheduled export or its template was deleted meanwhile. */
export type ConstruireExportResultat = { existe: true; format: 'csv' | 'xlsx'; lignes: number } | { existe: false };

export interface EnvoyerExportInput {
  exportProgrammeId: string;
  fichier: string;
  format: 'csv' | 'xlsx';
  lignes: number;
}

export interface EnvoyerExportResultat {
  envoye: boolean;
  destinataires: number;
  messageId?: string;
}

export type ExportProgrammeResultat = { envoye: true; fichier: string; lignes: number; destinataires: number } | { envoye: false; motif: string };
