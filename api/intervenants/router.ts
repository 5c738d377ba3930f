// The pool of intervenants ("vivier d'experts"), for UNML staff: list, read (with active reservations and history),
// create, modify, withdraw. Every write names its author (`par`) for the pool's history. Changes that free matching
// capacity (reactivation, higher capacity, an unavailability removed, a new kind) are signalled through capaciteLiberee.
import { Router } from 'express';
import type { Logger } from 'pino';
import type { IntervenantFiche, ModificationIntervenant, NouvelIntervenant, VivierStore } from '../../db/store';
import { VivierErreur } from '../../db/store';
import { intervenantDeFiche } from '../../db/fiche';
import type { Intervenant } from '../../domain/schemas';
import { TYPES_INTERVENANT } from '../../domain/vivier';
import {
  apresModification,
  creerIntervenantSchema,
  intervenantParamsSchema,
  listIntervenantsQuerySchema,
  modifierIntervenantSchema,
  problemesDuType,
  rejeterSi,
  retraitSchema,
  verifierReferentiel,
} from './schemas';

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

export function intervenantsRouter(deps: VivierRoutesDeps): Router {
  const { vivier } = deps;
  const router = Router();

  router.get('/api/intervenants', async (req, res) => {
    const filtre = listIntervenantsQuerySchema.parse(req.query);
    res.json(await vivier.listIntervenants(filtre));
  });

  router.get('/api/intervenants/:id', async (req, res) => {
    const { id } = intervenantParamsSchema.parse(req.params);
    const intervenant = await intervenantOu404(vivier, id);
    const [reservations, historique] = await Promise.all([vivier.reservations({ intervenantId: id, actives: true }), vivier.historique('intervenant', id)]);
    res.json({ intervenant, reservations, historique });
  });

  router.post('/api/intervenants', async (req, res) => {
    const { par, ...body } = creerIntervenantSchema.parse(req.body);
    rejeterSi(await verifierReferentiel(vivier, body));
    const input: NouvelIntervenant = body;
    const intervenant = await vivier.createIntervenant(input, par);
    deps.logger.info({ intervenantId: intervenant.id, type: intervenant.type, region: intervenant.region }, 'intervenant created');
    res.status(201).location(`/api/intervenants/${intervenant.id}`).json(intervenant);
  });

  router.patch('/api/intervenants/:id', async (req, res) => {
    const { id } = intervenantParamsSchema.parse(req.params);
    const patch = modifierIntervenantSchema.parse(req.body);
    const avant = await intervenantOu404(vivier, id);
    // The kind rules and the references hold on the result, not only on the fields sent (a new kind, a field
    // cleared by null). A new kind while reserved is refused by the store (409), in the same transaction as the write.
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
    res.json(apres);
  });

  router.post('/api/intervenants/:id/retrait', async (req, res) => {
    const { id } = intervenantParamsSchema.parse(req.params);
    const { par, motif } = retraitSchema.parse(req.body ?? {});
    await intervenantOu404(vivier, id);
    res.json(await vivier.retirerIntervenant(id, par, motif));
  });

  return router;
}
