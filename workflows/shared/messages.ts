// The messages every dossier workflow answers, whatever its dispositif: the query the API reads any dossier through (each
// dispositif's messages.ts defines the same query typed with its own state), the staff-only notes, and sending the pending
// reminder again (issue #12).
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { StaffMember } from '../../domain/schemas';
import type { BaseState, Par } from './state';

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

/** Sending the pending reminder again: who asks, by name (the account id comes with the actor). */
export type RelancerInput = Par;

/**
 * Sends again the reminder of what the dossier waits for now (the acte d'engagement signature, the ML's complements…):
 * the same email, to the same people, as the automatic reminder, with a fresh action link; "Relance renvoyée" in the
 * timeline. Refused, naming the step, when nothing awaited now has a reminder. Registered by the kit for every dispositif.
 */
export const relancer = defineUpdate<DossierQuelconque, [RelancerInput]>('relancer');

/** Hands a dossier over to another staff member (any dispositif; the same Update name Compagnonnage had first). */
export type AssignInterlocutriceInput = Par & { interlocutrice: StaffMember; note?: string };
export const assignInterlocutrice = defineUpdate<DossierQuelconque, [AssignInterlocutriceInput]>('assignInterlocutrice');
