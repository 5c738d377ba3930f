// Staff's decision on an application, shared by the API (router.ts) and the back office's Vivier pages
// (api/pages/vivier/): only a pending application is decided; validating creates the intervenant (in the store's
// transaction) and signals the freed capacity; refusing records the motif.
import type { Candidature, IntervenantFiche, VivierStore } from '../../db/store';
import { VivierErreur } from '../../db/store';
import { dateLongueFr } from '../../domain/format';
import { signalerCapaciteLiberee, type VivierRoutesDeps } from '../intervenants/operations';

export async function candidatureOu404(vivier: VivierStore, id: string): Promise<Candidature> {
  const candidature = await vivier.getCandidature(id);
  if (!candidature) throw new VivierErreur('introuvable', `Candidature inconnue : ${id}. Vérifiez la référence (GET /api/candidatures pour la liste).`);
  return candidature;
}

/** Only a pending application can be decided: otherwise 'conflit' (409), saying what was decided, when and by whom. */
export function enAttenteOu409(c: Candidature, action: 'valider' | 'refuser'): void {
  if (c.statut === 'en_attente') return;
  const decision = c.decision ? ` le ${dateLongueFr(c.decision.le)} par ${c.decision.par}` : '';
  const intervenant = c.decision?.intervenantId ? ` (intervenant ${c.decision.intervenantId})` : '';
  const etat = c.statut === 'validee' ? `a déjà été validée${decision}${intervenant}` : `a déjà été refusée${decision}`;
  throw new VivierErreur('conflit', `Impossible de ${action} la candidature ${c.id} : elle ${etat}.`, { statut: c.statut });
}

/** Validates a pending application: the intervenant enters the pool. */
export async function validerCandidature(
  deps: VivierRoutesDeps,
  id: string,
  { par }: { par: string },
): Promise<{ candidature: Candidature; intervenant: IntervenantFiche }> {
  enAttenteOu409(await candidatureOu404(deps.vivier, id), 'valider');
  // The store refuses again if someone decided meanwhile ('conflit' → 409).
  const { candidature, intervenant } = await deps.vivier.validerCandidature(id, par);
  deps.logger.info({ candidatureId: id, intervenantId: intervenant.id }, 'candidature validated');
  signalerCapaciteLiberee(deps, `candidature ${id} validée : intervenant ${intervenant.id} ajouté au vivier`);
  return { candidature, intervenant };
}

/** Refuses a pending application, with the motif. */
export async function refuserCandidature(deps: VivierRoutesDeps, id: string, { par, motif }: { par: string; motif: string }): Promise<Candidature> {
  enAttenteOu409(await candidatureOu404(deps.vivier, id), 'refuser');
  return deps.vivier.refuserCandidature(id, par, motif);
}
