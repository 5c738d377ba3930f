// The ranking of a dossier's candidates, as the API serves it: the dossier says what it needs (a query), the
// pool gives the candidates with their live loads, domain/matching.ts ranks them with reasons.
import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { VivierStore } from '../../db/store';
import { classerCandidats } from '../../domain/matching';
import type { Intervenant } from '../../domain/schemas';
import { ROLES, type BesoinDossier, type Classement } from '../../domain/vivier';
import { intervenantDeFiche } from '../../db/fiche';
import type { ChoixIntervenant } from '../../workflows/shared/designation';
import { getBesoinVivier } from '../../workflows/vivier/messages';
import type { Designation } from '../dossiers/descripteur';
import { ApiError } from '../errors';
import { confirmationSchema } from './schemas';

export interface ClassementDossier {
  besoin: BesoinDossier;
  candidats: Classement[];
}

/** The dossier's ranked candidates; 409 when the dossier needs nobody at its step. */
export async function classementDuDossier(handle: WorkflowHandle, vivier: VivierStore, maintenant = new Date().toISOString()): Promise<ClassementDossier> {
  const besoin = await handle.query(getBesoinVivier);
  if (!besoin) {
    throw new ApiError(
      409,
      'pas_de_designation',
      `Le dossier ${handle.workflowId} n'attend pas d'intervenant à son étape actuelle : le classement ne s'applique qu'à l'étape de désignation.`,
    );
  }
  return { besoin, candidats: classerCandidats(besoin, await vivier.candidats(ROLES[besoin.role].types), maintenant) };
}

/**
 * A designation by staff: the intervenant from the pool, and how they were chosen. One the ranking finds
 * eligible is its proposal (with its rank); anyone else is a manual override, which must give its reason.
 */
export async function designationDepuisVivier(
  handle: WorkflowHandle,
  vivier: VivierStore,
  intervenantId: string,
  motif: string | undefined,
): Promise<{ intervenant: Intervenant; choix: ChoixIntervenant }> {
  const fiche = await vivier.getIntervenant(intervenantId);
  if (!fiche) throw new ApiError(404, 'intervenant_inconnu', `L'intervenant ${intervenantId} n'existe pas dans le vivier (GET /api/intervenants).`);
  const { candidats } = await classementDuDossier(handle, vivier);
  const place = candidats.find((c) => c.intervenantId === intervenantId);
  if (place?.eligible) return { intervenant: intervenantDeFiche(fiche), choix: { source: 'classement', ...(place.rang ? { rang: place.rang } : {}) } };
  if (!motif) {
    const pourquoi = place?.exclusions.join(' ') || 'il ne figure pas parmi les candidats de ce rôle.';
    throw new ApiError(
      409,
      'hors_classement',
      `${fiche.nom} est écarté·e par le classement : ${pourquoi} ` +
        'Pour le désigner quand même, indiquez le motif (champ motif) : la désignation sera enregistrée comme manuelle.',
    );
  }
  return { intervenant: intervenantDeFiche(fiche), choix: { source: 'manuel', motif } };
}

/**
 * Staff's confirmation of one intervenant (body: par, motif), as Compagnonnage and Appui Conseil take it: the
 * designation from the pool, then the dispositif's update.
 */
export function confirmationDepuisVivier(
  envoyer: (handle: WorkflowHandle, designation: { intervenant: Intervenant; choix: ChoixIntervenant }, par: { par?: string }) => Promise<unknown>,
): Designation['confirmer'] {
  return async (handle, vivier, intervenantId, body) => {
    const corps = confirmationSchema.parse(body ?? {});
    const designation = await designationDepuisVivier(handle, vivier, intervenantId, corps.motif);
    return envoyer(handle, designation, corps.par ? { par: corps.par } : {});
  };
}

/** An intervenant's refusal, sent as the dispositif's response update with `accepte: false`. */
export function refusPar<S, I extends { accepte: boolean; motif?: string; intervenantId?: string; par?: string }>(
  update: UpdateDefinition<S, [I]>,
): Designation['refuser'] {
  return (handle, intervenantId, { motif, par }) =>
    handle.executeUpdate(update, { args: [{ accepte: false, motif, intervenantId, ...(par ? { par } : {}) } as I] });
}
