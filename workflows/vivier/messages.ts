// Messages between dossiers and the pool's waiting list, imported by workflows, activities and the API.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { BesoinDossier, Classement, Role } from '../../domain/vivier';
import type { Intervenant } from '../../domain/schemas';

/** The one waiting-list workflow (a singleton: it serialises the draining, so priorities hold). */
export const FILE_ATTENTE_WORKFLOW_ID = 'vivier-file-attente';

/**
 * What a dossier needs from the pool now, or null when it needs nobody (not at a designation step). A dossier
 * with two roles (a Diagnostic binôme) answers for `role` when asked, else for the first role still to fill;
 * a dossier with one role ignores it.
 */
export const getBesoinVivier = defineQuery<BesoinDossier | null, [role?: Role]>('getBesoinVivier');

/** Capacity freed somewhere (a reservation released, an application validated…): drain the waiting list. */
export interface CapaciteLibereeInput {
  raison: string;
}
export const capaciteLiberee = defineSignal<[CapaciteLibereeInput]>('capaciteLiberee');

/** To a waiting dossier: capacity freed and this intervenant is now reserved (held) for it; staff confirm. */
export interface IntervenantReserveInput {
  role: Role;
  intervenant: Intervenant;
  classement: Classement;
}
export const intervenantReserve = defineSignal<[IntervenantReserveInput]>('intervenantReserve');

/** To a dossier holding this intervenant: their record was corrected in the pool (name, email, région, home ML). */
export interface FicheIntervenantModifieeInput {
  intervenant: Intervenant;
}
export const ficheIntervenantModifiee = defineSignal<[FicheIntervenantModifieeInput]>('ficheIntervenantModifiee');
