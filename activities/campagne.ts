// The activities of a regional campaign that talk to Temporal itself (issue #13): the yearly dialogue de gestion's
// Schedule, one per ML of a campaign (created or updated when its projet de structure is recorded or changes, paused,
// deleted when the campaign ends), and the context a dialogue de gestion reads from its campaign when it starts.
// Built from their dependencies (temporalio samples: activities-dependency-injection): a Client and the task queue
// the Schedule's runs go to. Each one is idempotent: the workflow retries them.
import {
  type Client,
  QueryNotRegisteredError,
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  type ScheduleOptions,
  ScheduleOverlapPolicy,
} from '@temporalio/client';
import { ApplicationFailure, type SearchAttributePair, WorkflowNotFoundError } from '@temporalio/common';
import type { Recipient } from './email/kinds';
import { TypeEchec } from '../domain/erreurs';
import { dateLongueFr, delaiFr } from '../domain/format';
import type { RegionCode } from '../domain/regions';
import {
  CAMPAGNE,
  type CampagneVue,
  DISPOSITIF,
  MISSION_LOCALE,
  type ContexteDialogue,
  type DialogueGestionInput,
  getCampagne,
  getMlCampagne,
  idMlCampagne,
  idPlanificationDialogue,
  type MlCampagneState,
} from '../workflows/campagne/messages';

/** The workflow type a dialogue de gestion's Schedule starts (workflows/campagne/dialogue.ts). */
export const WORKFLOW_DIALOGUE = 'dialogueDeGestion';
/** Its runs' ids: `<campagneId>-<ML>-DG`, to which the Schedule appends the time of each run. */
export const idRunsDialogue = (campagneId: string, ml: string): string => `${idMlCampagne(campagneId, ml)}-DG`;
/** Temporal rounds a Schedule's interval to the second: below one, it could not fire as asked. */
const INTERVALLE_MIN_MS = 1_000;

export interface PlanifierDialoguesInput {
  campagneId: string;
  /** The ML's code. */
  ml: string;
  /** The first dialogue de gestion (ISO date-time): the Schedule fires then, and every `intervalleMs` after it. */
  premier: string;
  /** The projet de structure's end (ISO date or date-time): no run after it. */
  fin: string;
  /** A year (CAMPAIGN_DIALOGUE_INTERVAL), seconds in the dev server's tests. */
  intervalleMs: number;
}
export interface PlanificationDialogues {
  scheduleId: string;
  /** False: it existed and was updated (and unpaused). */
  cree: boolean;
}
export interface SuspendreDialoguesInput {
  campagneId: string;
  ml: string;
  /** Why (the Schedule's note, shown in the Temporal UI). */
  motif: string;
}
export interface SupprimerDialoguesInput {
  campagneId: string;
  ml: string;
}
export interface ContexteDialogueInput {
  campagneId: string;
  ml: string;
  /** The funding year the dialogue settles (its figures are those of the year before). */
  annee: number;
}

export interface CampagneActivityDeps {
  client: Client;
  /** Where the Schedule's runs go (the worker's task queue). */
  taskQueue: string;
}

/** A Schedule that cannot be defined as asked: never retried, the message says what to fix. */
function invalide(input: { campagneId: string; ml: string }, probleme: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: TypeEchec.PlanificationInvalide,
    message: `Planification du dialogue de gestion de ${input.ml} (campagne ${input.campagneId}) impossible : ${probleme}`,
    nonRetryable: true,
  });
}

function instant(valeur: string, nom: string, input: { campagneId: string; ml: string }): Date {
  const d = new Date(valeur);
  if (typeof valeur !== 'string' || Number.isNaN(d.getTime())) throw invalide(input, `« ${String(valeur)} » n'est pas une date ISO (${nom}).`);
  return d;
}

/** The Schedule as asked, or a non-retryable PlanificationInvalide saying what to fix. */
function definition(input: PlanifierDialoguesInput, taskQueue: string): Omit<ScheduleOptions, 'scheduleId' | 'state'> {
  const { campagneId, ml, intervalleMs } = input;
  const premier = instant(input.premier, 'premier dialogue', input);
  const fin = instant(input.fin, 'fin du projet de structure', input);
  if (!Number.isFinite(intervalleMs) || intervalleMs < INTERVALLE_MIN_MS) {
    throw invalide(input, `un intervalle de ${String(intervalleMs)} ms (au moins 1 s) ; vérifier CAMPAIGN_DIALOGUE_INTERVAL.`);
  }
  if (fin.getTime() <= premier.getTime()) {
    throw invalide(
      input,
      `la fin du projet de structure (${input.fin}) n'est pas après le premier dialogue (${input.premier}) ; corriger ses dates de validité.`,
    );
  }
  // Temporal matches `epoch + n × every + offset`, both in whole seconds: the offset puts `premier` (to the second) on a match.
  const every = Math.round(intervalleMs / 1000) * 1000;
  const premierS = Math.ceil(premier.getTime() / 1000) * 1000;
  const attributs: SearchAttributePair[] = [
    { key: DISPOSITIF, value: 'campagne' },
    { key: CAMPAGNE, value: campagneId },
    { key: MISSION_LOCALE, value: ml },
  ];
  const args: [DialogueGestionInput] = [{ campagneId, ml }];
  return {
    spec: { intervals: [{ every, offset: premierS % every }], startAt: new Date(premierS), endAt: fin },
    action: {
      type: 'startWorkflow',
      workflowType: WORKFLOW_DIALOGUE,
      workflowId: idRunsDialogue(campagneId, ml),
      args,
      taskQueue,
      typedSearchAttributes: attributs,
    },
    // A dialogue still open when the next one is due: the next one is skipped, never two at once.
    policies: { overlap: ScheduleOverlapPolicy.SKIP },
    typedSearchAttributes: attributs,
  };
}

export function createCampagneActivities({ client, taskQueue }: CampagneActivityDeps) {
  const schedule = (campagneId: string, ml: string) => client.schedule.getHandle(idPlanificationDialogue(campagneId, ml));

  /** A query's answer; undefined when the workflow does not exist (or no longer: past its retention). */
  async function lire<T>(workflowId: string, quoi: string, lecture: () => Promise<T>): Promise<T | undefined> {
    try {
      return await lecture();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return undefined;
      const pasUneCampagne = err instanceof QueryNotRegisteredError;
      throw ApplicationFailure.create({
        type: TypeEchec.CampagneIllisible,
        message: pasUneCampagne
          ? `Le workflow ${workflowId} n'est pas ${quoi} : ${(err as Error).message}. Vérifier l'identifiant de la campagne de la planification.`
          : `Lecture de ${quoi} ${workflowId} impossible : ${(err as Error).message}. Vérifier que le worker tourne (file ${taskQueue}).`,
        nonRetryable: pasUneCampagne,
        cause: err as Error,
      });
    }
  }

  return {
    /**
     * Creates the dialogue de gestion's Schedule of one ML (idPlanificationDialogue), or updates it if it exists (a
     * projet de structure recorded again, a new end): every `intervalleMs` from `premier` until `fin`, overlap SKIP,
     * unpaused (an update unpauses it, with a note). Idempotent: asked twice, one Schedule.
     */
    async planifierDialoguesGestion(input: PlanifierDialoguesInput): Promise<PlanificationDialogues> {
      const scheduleId = idPlanificationDialogue(input.campagneId, input.ml);
      const def = definition(input, taskQueue);
      const jusquAu = `jusqu'au ${dateLongueFr(input.fin)}, tous les ${periodeFr(input.intervalleMs)}`;
      try {
        await client.schedule.create({ ...def, scheduleId, state: { paused: false, note: `Dialogues de gestion planifiés ${jusquAu}.` } });
        return { scheduleId, cree: true };
      } catch (err) {
        if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      }
      // It exists (a retry after a create that answered late, or a projet de structure that changed): replaced as a whole.
      await schedule(input.campagneId, input.ml).update(() => ({ ...def, state: { paused: false, note: `Planification mise à jour ${jusquAu}.` } }));
      return { scheduleId, cree: false };
    },

    /** Pauses the ML's Schedule (its note: the reason). No Schedule: nothing. Returns whether there was one. */
    async suspendreDialoguesGestion({ campagneId, ml, motif }: SuspendreDialoguesInput): Promise<boolean> {
      try {
        await schedule(campagneId, ml).pause(motif);
        return true;
      } catch (err) {
        if (err instanceof ScheduleNotFoundError) return false;
        throw err;
      }
    },

    /** Deletes the ML's Schedule (the campaign ended, the ML left). Already gone: nothing. Returns whether there was one. */
    async supprimerDialoguesGestion({ campagneId, ml }: SupprimerDialoguesInput): Promise<boolean> {
      try {
        await schedule(campagneId, ml).delete();
        return true;
      } catch (err) {
        if (err instanceof ScheduleNotFoundError) return false;
        throw err;
      }
    },

    /**
     * What a dialogue de gestion needs, read from its campaign and the ML's child: the ML, the funders' contacts,
     * UNML's contact, the ML's figures of year n-1 (axes 1–2 of the indicators of `annee`), the variable axes'
     * indicators to settle, the projet de structure's plan d'action. `sansObjet` (French) when no dialogue is held:
     * the campaign ended (closed, cancelled, or its workflow gone), the ML left, or it has no projet de structure.
     */
    async contexteDialogue({ campagneId, ml, annee }: ContexteDialogueInput): Promise<ContexteDialogue> {
      const handle = client.workflow.getHandle(campagneId);
      const statut = await lire(campagneId, 'la campagne', async () => (await handle.describe()).status.name);
      if (statut === undefined) return sansCampagne(campagneId, ml, `La campagne ${campagneId} n'existe pas ou plus : aucun dialogue de gestion à tenir.`);
      let campagne: CampagneVue | undefined;
      try {
        campagne = await lire(campagneId, 'la campagne', () => handle.query(getCampagne));
      } catch (err) {
        // A closed campaign that cannot be read (no worker to replay it): it is over all the same.
        if (statut === 'RUNNING') throw err;
      }
      if (!campagne) return sansCampagne(campagneId, ml, `La campagne ${campagneId} est terminée : aucun dialogue de gestion à tenir.`);

      const participante = campagne.mls.find((m) => m.code === ml);
      const base: ContexteDialogue = {
        nomCampagne: campagne.nom,
        region: campagne.region,
        ml: participante
          ? {
              code: participante.code,
              nom: participante.nom,
              direction: participante.direction,
              presidence: participante.presidence,
              ...(participante.adjoint ? { adjoint: participante.adjoint } : {}),
            }
          : mlInconnue(ml),
        financeurs: campagne.financeurs.map((f): Recipient => ({ nom: f.contact.nom, email: f.contact.email })),
        contactUnml: campagne.contactUnml,
        indicateursAxe3: campagne.financement.axes
          .filter((a) => a.nature === 'variable')
          .flatMap((a) => a.indicateurs.map((i) => ({ code: i.code, libelle: i.libelle }))),
        planAction: [],
      };
      const nom = participante?.nom ?? ml;
      if (campagne.phase === 'annulee') return { ...base, sansObjet: `La campagne « ${campagne.nom} » a été annulée${motif(campagne.issue)}.` };
      if (campagne.phase === 'cloturee') return { ...base, sansObjet: `La campagne « ${campagne.nom} » est clôturée${motif(campagne.issue)}.` };
      if (statut !== 'RUNNING') return { ...base, sansObjet: `La campagne « ${campagne.nom} » n'est plus en cours (workflow ${statut}).` };
      if (!participante) return { ...base, sansObjet: `La Mission Locale ${ml} ne fait pas partie de la campagne « ${campagne.nom} ».` };
      if (participante.retrait) return { ...base, sansObjet: retiree(nom, participante.retrait) };

      const idMl = idMlCampagne(campagneId, ml);
      const enfant: MlCampagneState | undefined = await lire(idMl, 'le suivi de la Mission Locale', () => client.workflow.getHandle(idMl).query(getMlCampagne));
      if (!enfant) return { ...base, sansObjet: `${nom} n'a pas de projet de structure dans la campagne (pas de suivi ${idMl}).` };
      if (enfant.retrait) return { ...base, sansObjet: retiree(nom, enfant.retrait) };
      if (enfant.fin) return { ...base, sansObjet: `La campagne est terminée pour ${nom}${motif(enfant.fin)}.` };
      const projet = enfant.projetDeStructure;
      if (!projet) return { ...base, sansObjet: `${nom} n'a pas encore enregistré de projet de structure.` };
      if (projet.expireLe)
        return { ...base, sansObjet: `Le projet de structure de ${nom} a expiré le ${dateLongueFr(projet.expireLe)} : un nouveau projet est attendu.` };

      // The figures of year n-1 are the fixed axes' (1–2); the variable ones are settled in the dialogue itself.
      const fixes = new Map(
        campagne.financement.axes.filter((a) => a.nature === 'fixe').flatMap((a) => a.indicateurs.map((i) => [i.code, i.libelle] as const)),
      );
      const valeursMl = campagne.indicateurs.find((i) => i.annee === annee)?.mls.find((m) => m.code === ml)?.valeurs;
      const valeurs = valeursMl ? Object.fromEntries(Object.entries(valeursMl).filter(([code]) => fixes.has(code))) : undefined;
      return {
        ...base,
        ...(valeurs ? { chiffres: { annee: annee - 1, valeurs }, libelles: Object.fromEntries(Object.keys(valeurs).map((c) => [c, fixes.get(c)!])) } : {}),
        planAction: projet.planAction.map((a) => ({ action: a.action, ...(a.echeance !== undefined ? { echeance: a.echeance } : {}) })),
      };
    },
  };
}

export type CampagneActivities = ReturnType<typeof createCampagneActivities>;

/** "365 jours", "2 heures", "10 s" (a dev server's shortened interval). */
const periodeFr = (ms: number): string => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : delaiFr(ms));
const motif = (issue: { motif: string } | undefined): string => (issue?.motif ? ` (${issue.motif})` : '');
const retiree = (nom: string, retrait: { motif: string; le: string }): string =>
  `${nom} s'est retirée de la campagne le ${dateLongueFr(retrait.le)} (${retrait.motif}).`;
const personne: Recipient = { nom: '', email: '' };
const mlInconnue = (code: string) => ({ code, nom: code, direction: personne, presidence: personne });

/** No campaign to read: only `sansObjet` counts; the other fields are empty (the region too). */
function sansCampagne(campagneId: string, ml: string, sansObjet: string): ContexteDialogue {
  return {
    nomCampagne: campagneId,
    region: '' as RegionCode,
    ml: mlInconnue(ml),
    financeurs: [],
    contactUnml: personne,
    indicateursAxe3: [],
    planAction: [],
    sansObjet,
  };
}
