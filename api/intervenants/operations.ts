// The pool's changes to an intervenant (create, modify, withdraw), shared by the API (router.ts) and the back office's
// Vivier pages (api/pages/vivier/): the same checks (kind rules, reference data), the same store calls and the same
// follow-ups (capaciteLiberee, ficheModifiee). Validation errors are thrown as a ZodError (fields' paths), refusals
// of the store as VivierErreur; the callers say them as JSON or next to the form's fields.
import type { Logger } from 'pino';
import type { IntervenantFiche, ModificationIntervenant, NouvelIntervenant, VivierStore } from '../../db/store';
import { VivierErreur } from '../../db/store';
import { intervenantDeFiche } from '../../db/fiche';
import type { Intervenant } from '../../domain/schemas';
import { TYPES_INTERVENANT } from '../../domain/vivier';
import { apresModification, type CreerIntervenantBody, type ModifierIntervenantBody, problemesDuType, rejeterSi, verifierReferentiel } from './schemas';

export interface VivierRoutesDeps {
  vivier: VivierStore;
  logger: Logger;
  /** Called after a change that frees matching capacity, with the reason (see AppDeps.capaciteLiberee). */
  capaciteLiberee?: (raison: string) => void | Promise<void>;
  /** Called when the record dossiers keep of an intervenant changed, with the dossiers holding them (see AppDeps.ficheModifiee). */
  ficheModifiee?: (intervenant: Intervenant, dossierIds: string[], modifieLe: string) => void | Promise<void>;
}

/** Runs a follow-up of a request that already succeeded, never letting its failure fail it (logged). */
function sansEchec(logger: Logger, quoi: string, details: Record<string, unknown>, f: () => void | Promise<void>): void {
  try {
    const result: unknown = f();
    if (result instanceof Promise) result.catch((err: unknown) => logger.error({ err, ...details }, `${quoi} failed`));
  } catch (err) {
    logger.error({ err, ...details }, `${quoi} failed`);
  }
}

/** Calls capaciteLiberee, never letting its failure fail the request that already succeeded. */
export function signalerCapaciteLiberee({ capaciteLiberee, logger }: VivierRoutesDeps, raison: string): void {
  if (capaciteLiberee) sansEchec(logger, 'capaciteLiberee', { raison }, () => capaciteLiberee(raison));
}

/** True when the dossiers' copy of the intervenant (db/fiche.ts intervenantDeFiche) is the same. */
function memeCopie(a: Intervenant, b: Intervenant): boolean {
  return a.nom === b.nom && a.email === b.email && a.type === b.type && a.region === b.region && a.missionLocale === b.missionLocale;
}

export async function intervenantOu404(vivier: VivierStore, id: string): Promise<IntervenantFiche> {
  const fiche = await vivier.getIntervenant(id);
  if (!fiche) throw new VivierErreur('introuvable', `Intervenant inconnu : ${id}. Vérifiez l'identifiant (GET /api/intervenants pour la liste).`);
  return fiche;
}

const cle = (p: { debut: string; fin: string }) => `${p.debut}/${p.fin}`;

/** Why a modification frees capacity for matching, or undefined if it does not. */
export function capaciteLibereePar(avant: IntervenantFiche, apres: IntervenantFiche): string | undefined {
  if (apres.statut !== 'valide' || !apres.actif) return undefined;
  const raisons: string[] = [];
  if (!avant.actif) raisons.push('réactivé');
  if (apres.capaciteDossiers > avant.capaciteDossiers) raisons.push(`capacité portée à ${apres.capaciteDossiers} dossiers`);
  if (apres.capaciteHeuresMois > avant.capaciteHeuresMois) raisons.push(`capacité portée à ${apres.capaciteHeuresMois} h/mois`);
  const restantes = new Set(apres.indisponibilites.map(cle));
  const levees = avant.indisponibilites.filter((p) => !restantes.has(cle(p)));
  if (levees.length > 0) raisons.push(`indisponibilité levée (${levees.map((p) => `${p.debut} → ${p.fin}`).join(', ')})`);
  // A new kind opens the roles of that kind (domain/vivier.ts ROLES): dossiers waiting for one may now be served.
  if (apres.type !== avant.type) raisons.push(`type changé (${TYPES_INTERVENANT[avant.type]} → ${TYPES_INTERVENANT[apres.type]})`);
  // The hard rules of matching also exclude the intervenant's own région and the MLs they know (domain/matching.ts).
  if (apres.region !== avant.region) raisons.push(`région changée (${avant.region} → ${apres.region})`);
  const connues = new Set(apres.connaissances.map((k) => k.missionLocaleCode));
  const oubliees = [...new Set(avant.connaissances.map((k) => k.missionLocaleCode))].filter((ml) => !connues.has(ml));
  if (oubliees.length > 0) raisons.push(`connaissance retirée (${oubliees.join(', ')})`);
  return raisons.length > 0 ? `intervenant ${apres.id} : ${raisons.join(', ')}` : undefined;
}

/** Adds an intervenant by hand (the references checked first). */
export async function creerIntervenant(deps: VivierRoutesDeps, body: CreerIntervenantBody): Promise<IntervenantFiche> {
  const { par, ...champs } = body;
  rejeterSi(await verifierReferentiel(deps.vivier, champs));
  const input: NouvelIntervenant = champs;
  const intervenant = await deps.vivier.createIntervenant(input, par);
  deps.logger.info({ intervenantId: intervenant.id, type: intervenant.type, region: intervenant.region }, 'intervenant created');
  return intervenant;
}

/**
 * Modifies an intervenant: the kind rules and the references hold on the result, not only on the fields sent (a new
 * kind, a field cleared by null). A new kind while reserved is refused by the store ('conflit'), in the same
 * transaction as the write. Then signals freed capacity, and sends the dossiers holding them their corrected record.
 */
export async function modifierIntervenant(deps: VivierRoutesDeps, id: string, patch: ModifierIntervenantBody): Promise<IntervenantFiche> {
  const { vivier } = deps;
  const avant = await intervenantOu404(vivier, id);
  const projete = apresModification(avant, patch);
  rejeterSi([
    ...problemesDuType(projete),
    ...(await verifierReferentiel(vivier, {
      region: projete.region,
      // Only what the patch touches: a reference the intervenant already had is not the caller's mistake.
      ...(patch.missionLocaleCode !== undefined || patch.region !== undefined ? { missionLocaleCode: projete.missionLocaleCode } : {}),
      ...(patch.connaissances ? { connaissances: patch.connaissances } : {}),
    })),
  ]);
  const { par, ...champs } = patch;
  const modification: ModificationIntervenant = champs;
  const apres = await vivier.updateIntervenant(id, modification, par);
  const raison = capaciteLibereePar(avant, apres);
  if (raison) signalerCapaciteLiberee(deps, raison);
  // The dossiers holding them keep a copy of their record (emails, invitations): send them the corrected one.
  const copie = intervenantDeFiche(apres);
  const { ficheModifiee } = deps;
  if (ficheModifiee && !memeCopie(intervenantDeFiche(avant), copie)) {
    const dossierIds = [...new Set((await vivier.reservations({ intervenantId: id, actives: true })).map((r) => r.dossierId))];
    if (dossierIds.length > 0)
      sansEchec(deps.logger, 'ficheModifiee', { intervenantId: id, dossierIds }, () => ficheModifiee(copie, dossierIds, apres.modifieLe));
  }
  return apres;
}

/** Withdraws an intervenant from the pool, with the motif (refused by the store while they hold active reservations). */
export async function retirerIntervenant(deps: VivierRoutesDeps, id: string, { par, motif }: { par: string; motif: string }): Promise<IntervenantFiche> {
  await intervenantOu404(deps.vivier, id);
  return deps.vivier.retirerIntervenant(id, par, motif);
}
