// Activities over the intervenant pool: ranking with live loads, atomic reservations, the waiting list.
// The database enforces capacity (db/vivier.ts); refusals come back as non-retryable failures with a type.
import { Context } from '@temporalio/activity';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { intervenantDeFiche } from '../db/fiche';
import { type Reservation, VivierErreur, type VivierStore } from '../db/store';
import { TypeEchec } from '../domain/erreurs';
import { classerCandidats, proposerBinomes, type PropositionBinome } from '../domain/matching';
import type { Intervenant } from '../domain/schemas';
import { ROLES, type BesoinDossier, type Classement, type Role } from '../domain/vivier';
import type { Dispositif } from '../domain/schemas';
import { FILE_ATTENTE_WORKFLOW_ID, capaciteLiberee, getBesoinVivier, type IntervenantReserveInput } from '../workflows/vivier/messages';

/** Failure types of a refused reservation (the dossier's update answers them as a refusal, never retried). */
export const REFUS_VIVIER: Record<VivierErreur['code'], TypeEchec> = {
  capacite_atteinte: TypeEchec.CapaciteAtteinte,
  conflit: TypeEchec.ConflitVivier,
  introuvable: TypeEchec.IntervenantIntrouvable,
};

function asFailure(err: unknown): unknown {
  if (err instanceof VivierErreur)
    return ApplicationFailure.create({ type: REFUS_VIVIER[err.code], message: err.message, nonRetryable: true, details: err.details ? [err.details] : [] });
  return err;
}

export interface VivierActivityDeps {
  vivier: VivierStore;
  /** The reference time of the ranking (tests may fix it). */
  maintenant?: () => string;
}

export function createVivierActivities({ vivier, maintenant = () => new Date().toISOString() }: VivierActivityDeps) {
  const classer = async (besoin: BesoinDossier): Promise<Classement[]> =>
    classerCandidats(besoin, await vivier.candidats(ROLES[besoin.role].types), maintenant());
  const client = (): { client: Client; taskQueue: string } => ({ client: Context.current().client, taskQueue: Context.current().info.taskQueue });

  return {
    /** The ranked candidates for a dossier's role, with their reasons (eligible first). */
    classerPourDossier: classer,

    /**
     * A Diagnostic's binômes (seed 000): each role ranked on its own need with live loads, then the best pairs
     * with their reasons (domain/matching.ts proposerBinomes). Empty when either role has nobody eligible.
     */
    async proposerBinomePourDossier(besoinConsultant: BesoinDossier, besoinDirecteur: BesoinDossier): Promise<PropositionBinome[]> {
      const types = [...new Set([...ROLES[besoinConsultant.role].types, ...ROLES[besoinDirecteur.role].types])];
      return proposerBinomes(besoinConsultant, besoinDirecteur, await vivier.candidats(types), maintenant());
    },

    /** The pool's cards of these intervenants (unknown ids are refused). */
    async fichesIntervenants(ids: string[]): Promise<Intervenant[]> {
      const out: Intervenant[] = [];
      for (const id of ids) {
        const f = await vivier.getIntervenant(id);
        if (!f) throw asFailure(new VivierErreur('introuvable', `L'intervenant ${id} n'existe pas dans le vivier.`));
        out.push(intervenantDeFiche(f));
      }
      return out;
    },

    /** Atomic and idempotent (db/vivier.ts). A refusal (capacity, conflict, unknown) is a typed, non-retryable failure. */
    async reserverIntervenant(input: {
      dossierId: string;
      role: Role;
      intervenantId: string;
      heuresMois: number;
      manuelle: boolean;
      par: string;
    }): Promise<Reservation> {
      try {
        return await vivier.reserver(input);
      } catch (err) {
        throw asFailure(err);
      }
    },

    /**
     * Releases the dossier's reservations (one role, or all); freed capacity drains the waiting list (started if
     * need be, as api/vivier-client.ts signalerCapaciteLiberee does). Idempotent.
     */
    async libererIntervenant(input: { dossierId: string; role?: Role; motif: string; par: string }): Promise<number> {
      const liberees = await vivier.liberer(input);
      if (liberees.length > 0) {
        const { client: c, taskQueue } = client();
        const raison = `Réservation libérée (${input.dossierId}) : ${input.motif}`;
        await c.workflow.signalWithStart('fileAttenteVivier', {
          workflowId: FILE_ATTENTE_WORKFLOW_ID,
          taskQueue,
          args: [{}],
          signal: capaciteLiberee,
          signalArgs: [{ raison }],
        });
      }
      return liberees.length;
    },

    async mettreEnAttente(input: { dossierId: string; dispositif: Dispositif; role: Role; priorite: number; par: string }): Promise<void> {
      await vivier.mettreEnAttente(input);
    },

    async retirerDeLAttente(input: { dossierId: string; par: string }): Promise<void> {
      await vivier.retirerDeLAttente(input.dossierId, input.par);
    },

    /**
     * Serves the waiting list in priority order: for each waiting dossier still needing someone, reserves the
     * best eligible candidate (a hold, staff confirm it). A dossier already holding one (a retried drain) is
     * served that one again. Returns whom to tell; the dossier leaves the list when it receives the news.
     */
    async drainerFileAttente(): Promise<(IntervenantReserveInput & { dossierId: string })[]> {
      const { client: c } = client();
      const servis: (IntervenantReserveInput & { dossierId: string })[] = [];
      for (const attente of await vivier.fileAttente()) {
        let besoin: BesoinDossier | null;
        try {
          besoin = await c.workflow.getHandle(attente.dossierId).query(getBesoinVivier, attente.role);
        } catch (err) {
          if (!(err instanceof WorkflowNotFoundError)) throw err;
          besoin = null;
        }
        if (!besoin || besoin.role !== attente.role) {
          await vivier.retirerDeLAttente(attente.dossierId, 'file_attente');
          continue;
        }
        const classement = await classer(besoin);
        const dejaReserve = (await vivier.reservations({ dossierId: attente.dossierId, actives: true })).find((r) => r.role === besoin.role);
        const choix = dejaReserve ? classement.filter((x) => x.intervenantId === dejaReserve.intervenantId) : classement.filter((x) => x.eligible);
        for (const candidat of choix) {
          try {
            await vivier.reserver({
              dossierId: attente.dossierId,
              role: besoin.role,
              intervenantId: candidat.intervenantId,
              heuresMois: besoin.heuresMois,
              manuelle: false,
              par: 'file_attente',
            });
          } catch (err) {
            if (err instanceof VivierErreur && err.code !== 'introuvable') continue; // taken meanwhile: the next one
            throw err;
          }
          const fiche = await vivier.getIntervenant(candidat.intervenantId);
          if (fiche) servis.push({ dossierId: attente.dossierId, role: besoin.role, intervenant: intervenantDeFiche(fiche), classement: candidat });
          break;
        }
      }
      return servis;
    },
  };
}

export type VivierActivities = ReturnType<typeof createVivierActivities>;
