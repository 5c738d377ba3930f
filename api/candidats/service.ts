// The ranking of a dossier's candidates, as the API serves it: the dossier says what it needs (a query), the
// pool gives the candidates with their live loads, domain/matching.ts ranks them with reasons.
import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { IntervenantFiche, VivierStore } from '../../db/store';
import { classerCandidats, REGLES_PAR_ROLE } from '../../domain/matching';
import type { Intervenant } from '../../domain/schemas';
import { ROLES, type BesoinDossier, type Classement } from '../../domain/vivier';
import { intervenantDeFiche } from '../../db/fiche';
import type { ChoixIntervenant } from '../../workflows/shared/designation';
import type { ContexteAction } from '../../workflows/shared/handlers';
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
 * The exclusions of the ranking that a manual designation cannot lift, as the workflows and the pool refuse them
 * whatever the motif: the kind of intervenant, an inactive record, the ML's own région (when the role excludes it),
 * capacity; for a Diagnostic, an earlier decline.
 */
function reglesImperatives(besoin: BesoinDossier, fiche: IntervenantFiche, exclusions: string[]): string[] {
  const ml = besoin.missionLocale;
  const diagnostic = besoin.dispositif === 'diagnostic';
  const imperative = (e: string): boolean =>
    /^(Capacité atteinte|Heures insuffisantes)/.test(e) ||
    (!ROLES[besoin.role].types.includes(fiche.type as never) && e.includes(ROLES[besoin.role].libelle)) ||
    (!fiche.actif && e.includes('inactif')) ||
    (REGLES_PAR_ROLE[besoin.role].regionExclue && fiche.region === ml.region && e.includes(`est de la région`)) ||
    (diagnostic && e.startsWith('Déjà sollicité'));
  const out = exclusions.filter(imperative);
  // Not in the ranking at all (another kind of intervenant): the role's rule.
  if (!out.length && !ROLES[besoin.role].types.includes(fiche.type as never)) out.push(`le rôle « ${ROLES[besoin.role].libelle} » ne lui revient pas.`);
  return out;
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
  const { besoin, candidats } = await classementDuDossier(handle, vivier);
  const place = candidats.find((c) => c.intervenantId === intervenantId);
  if (place?.eligible) return { intervenant: intervenantDeFiche(fiche), choix: { source: 'classement', ...(place.rang ? { rang: place.rang } : {}) } };
  // A rule no motif lifts (région, own ML, kind, capacity…): said as such, never "indiquez le motif" (it would be refused).
  const imperatives = reglesImperatives(besoin, fiche, place?.exclusions ?? []);
  if (imperatives.length) {
    throw new ApiError(
      409,
      'hors_regles',
      `${fiche.nom} ne peut pas être désigné·e sur ce dossier : ${imperatives.join(' ')} ` +
        `Choisissez un autre intervenant parmi le classement (GET /api/dossiers/${handle.workflowId}/candidats).`,
    );
  }
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
  envoyer: (
    handle: WorkflowHandle,
    designation: { intervenant: Intervenant; choix: ChoixIntervenant },
    par: { par?: string },
    contexte: ContexteAction,
  ) => Promise<unknown>,
): Designation['confirmer'] {
  return async (handle, vivier, intervenantId, body, contexte) => {
    const corps = confirmationSchema.parse(body ?? {});
    const designation = await designationDepuisVivier(handle, vivier, intervenantId, corps.motif);
    return envoyer(handle, designation, corps.par ? { par: corps.par } : {}, contexte);
  };
}

/** An intervenant's refusal, sent as the dispositif's response update with `accepte: false`. */
export function refusPar<S, I extends { accepte: boolean; motif?: string; intervenantId?: string; par?: string }>(
  update: UpdateDefinition<S, [I]>,
): Designation['refuser'] {
  return (handle, intervenantId, { motif, par }, contexte) =>
    handle.executeUpdate(update, { args: [{ accepte: false, motif, intervenantId, ...(par ? { par } : {}) } as I, contexte] as unknown as [I] });
}
