// The messages every dossier workflow answers, whatever its dispositif: the query the API reads any dossier through (each
// dispositif's messages.ts defines the same query typed with its own state), and the staff-only notes (issue #12).
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { BaseState } from './state';

/** A staff-only note's input: its text and, for the note, the name of who writes it (the account id comes with the actor). */
export interface AddNoteInterneInput {
  texte: string;
  par?: string;
}

/** A dossier's whole state, of whatever dispositif. */
export type DossierQuelconque = BaseState<string> & { dossierId: string; dispositif: string };
export const getDossierQuelconque = defineQuery<DossierQuelconque>('getDossier');

/** Adds a staff-only note to any dossier (registered by the kit for every dispositif; it only changes the state). */
export const addNoteInterne = defineUpdate<DossierQuelconque, [AddNoteInterneInput]>('addNoteInterne');
