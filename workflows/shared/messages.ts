// The query every dossier workflow answers, whatever its dispositif (the API reads any dossier through it). Each
// dispositif's messages.ts defines the same query typed with its own state.
import { defineQuery } from '@temporalio/workflow';
import type { BaseState } from './state';

/** A dossier's whole state, of whatever dispositif. */
export const getDossierQuelconque = defineQuery<BaseState<string> & { dossierId: string; dispositif: string }>('getDossier');
