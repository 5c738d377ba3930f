// What a request's account does to a dossier, for the API's routers and the back office's pages alike (kept out of
// actions.ts: the descriptors import that one, and the route table, which the access middleware reads, imports them).
import type { Client } from '@temporalio/client';
import type { Response } from 'express';
import { addNoteInterne, type DossierQuelconque } from '../../workflows/shared/messages';
import type { ContexteAction } from '../../workflows/shared/handlers';
import { accesDe, acteurDe } from '../acces/middleware';
import { ACTEUR_API } from './actions';

/** The update's context of a request: its signed-in account, from the back office or the API. */
export const contexteDe = (res: Response): ContexteAction => ({ acteur: acteurDe(res) ?? ACTEUR_API });

/** A staff-only note on any dossier, in the name of the request's account (the API's POST …/notes and the dossier page). */
export function ajouterNoteInterne(client: Client, dossierId: string, texte: string, res: Response): Promise<DossierQuelconque> {
  const acces = accesDe(res);
  return client.workflow
    .getHandle(dossierId)
    .executeUpdate(addNoteInterne, { args: [{ texte, ...(acces ? { par: acces.compte.nom } : {}) }, contexteDe(res)] as never });
}
