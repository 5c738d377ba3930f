// The dossier-workflow kit: what every dossier workflow has, built once. A dispositif's workflow.ts creates its
// plain dossier class, calls dossierWorkflow(), registers its own actions with `on(...)` and runs its process as a
// list of named steps: `run([qualification, designation, ...])`.
import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
import { CancellationScope, condition, patched, setCurrentDetails, setHandler } from '@temporalio/workflow';
import type { Recipient } from '../../activities/email/kinds';
import { REGIONS } from '../../domain/regions';
import type { Dispositif, MissionLocale } from '../../domain/schemas';
import type { BesoinDossier, Role as RoleVivier } from '../../domain/vivier';
import { ficheIntervenantModifiee, getBesoinVivier, intervenantReserve, type IntervenantReserveInput } from '../vivier/messages';
import { Calendrier, type Agenda } from './agenda';
import type { AttenteDe } from './attente';
import { mettreAJourCoordonnees, type DossierAvecIntervenants } from './coordonnees';
import type { DesignationContext, EtatVivier } from './designation';
import type { DossierInputCommun, NoteInterne, Par } from './state';
import type { Role } from './dossier-base';
import { addNoteInterne, assignInterlocutrice, relancer, type AssignInterlocutriceInput, type DossierQuelconque, type RelancerInput } from './messages';
import { acteurOf, actionRegistrar, now, runDossier, syncSearchAttributes, type On } from './handlers';
import { abandonner, dossierContacts, intake, type SharedStepContext, type SharedStepDossier } from './intake';
import { refuse } from './refusal';
import { RelanceEnCours } from './waits';
import type { ReportingActivities } from '../../activities/reporting';
import { activitiesAbandoningOnCancel } from './abandon-on-cancel';
import type { InstantaneDossier } from './reporting';

/** The reporting store kept by the dossiers (issue #14): runs started before it keep no snapshot (the rebuild maps them). */
const PATCH_REPORTING = 'reporting-dossier';
/** Its write: idempotent (the store keeps the highest sequence), retried until the database answers. */
const reportingActivities = activitiesAbandoningOnCancel<ReportingActivities>(
  { startToCloseTimeout: '1 minute', retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' } },
  PATCH_REPORTING,
);

/** A step of a dossier's process: resolves false when the dossier ended there (the next steps do not run). */
export type Etape = () => Promise<boolean>;

export type DeclinerInput = Par & { motif: string };

/** The names of the dossier's methods that take an action's input (and the time): its checks and applies. */
type MethodeDe<D, I> = { [K in keyof D]: D[K] extends (i: I, at: string) => unknown ? K : never }[keyof D];
export type AbandonnerInput = Par & { motif: string };

/** What the kit needs of a dispositif's dossier class (every one extends DossierBase). */
export interface KitDossier<S> extends SharedStepDossier, DossierAvecIntervenants {
  readonly state: S &
    SharedStepDossier['state'] & {
      agenda: Agenda;
      demande: { missionLocale: MissionLocale; direction: Recipient; presidence: Recipient };
      interlocutrice?: Recipient & { id?: string };
      prochaineEcheance?: { quoi: string; le: string };
      issue?: { motif: string };
      notesInternes?: NoteInterne[];
    };
  /** The French name of the current step (refusals and the Temporal UI's current details). */
  readonly nomEtape: string;
  checkDecline(i: DeclinerInput): void;
  decline(i: DeclinerInput, at: string): void;
  checkAbandon(i: AbandonnerInput): void;
  checkAssignInterlocutrice(i: AssignInterlocutriceInput): void;
  assignInterlocutrice(i: AssignInterlocutriceInput, at: string): Recipient | undefined;
  abandon(i: AbandonnerInput, at: string): void;
  /** A timeline entry; `par`: the action's input, whose actor (set by the API or a link) is recorded with it. */
  record(at: string, role: Role, evenement: string, details?: string, par?: string | Par): void;
}

/** What a dossier is: its dispositif, input, plain class, messages, and who acts at each step. */
export interface DossierDefinition<S, D extends KitDossier<S>> {
  dispositif: Dispositif;
  input: DossierInputCommun;
  dossier: D;
  messages: {
    getDossier: QueryDefinition<S>;
    declineDemande: UpdateDefinition<S, [DeclinerInput]>;
    abandonDossier: UpdateDefinition<S, [AbandonnerInput]>;
  };
  /** Who acts at each step, for operators (roles only, never names): "UNML", "la Mission Locale"… */
  attendus: Partial<Record<string, string>>;
  /** The same, as a code (the AttenteDe search attribute). */
  attenteDe: Partial<Record<string, AttenteDe>>;
}

/** How a dossier relates to the pool and its intervenants. */
export interface DossierWorkflowOptions {
  /** The dossier's intervenants now: told of an abandon. */
  intervenants: () => Recipient[];
  /** The ids of its intervenants from the pool now (the Intervenants search attribute), in designation order. */
  intervenantIds: () => string[];
  /** The getBesoinVivier query: what the dossier needs of the pool now (null: nobody). */
  besoinVivier: (role?: RoleVivier) => BesoinDossier | null;
  /** A reservation made for the dossier by the pool's waiting list. */
  reservationRecue?: (s: IntervenantReserveInput) => Promise<void>;
  /** The dossier as the reporting store keeps it now (the dispositif's pure mapper, workflows/<dispositif>/reporting.ts). */
  instantane: () => InstantaneDossier;
}

/** Refuses a second designation while one is in flight for the same role (the reservation is an activity). */
export class VerrouDesignation {
  private readonly enCours = new Set<string>();

  refuserSiEnCours(cle: string, message: string): void {
    if (this.enCours.has(cle)) refuse(message);
  }

  async pendant<T>(cle: string, fn: () => Promise<T>): Promise<T> {
    this.enCours.add(cle);
    try {
      return await fn();
    } finally {
      this.enCours.delete(cle);
    }
  }
}

export function dossierWorkflow<S, D extends KitDossier<S>>(definition: DossierDefinition<S, D>, options: DossierWorkflowOptions) {
  const o = { ...definition, ...options };
  const d = o.dossier;
  const { notifier, ml, presidence, unml } = dossierContacts(o.dispositif, o.input, () => d.state);
  /** The dossier's process; an abandon cancels it at whatever step it waits. */
  const process = new CancellationScope();
  const calendrier = new Calendrier(o.input.dossierId, () => d.state.agenda, notifier);
  let intakeDone = false;
  /** The reminder of the wait in progress (acte d'engagement, complements…), that staff may send again. */
  const relance = new RelanceEnCours();
  const steps: SharedStepContext = { dossier: d, notifier, ml, presidence, unml, sync: () => sync(), relance };
  /** What the last upsert said of the step and the next deadline. */
  let synced: { etape: string; echeance: string | undefined } | undefined;
  const echeanceActuelle = () => (d.termine ? undefined : d.state.prochaineEcheance?.le);
  sync();
  // A step or deadline changed outside an action (a step's own loop, a timer) is upserted too, so that the lists'
  // ProchaineEcheance and AttenteDe stay true. Runs started before this upsert only where they did.
  if (patched('commun-sa-echeance-attente')) {
    void (async () => {
      for (;;) {
        await condition(() => synced !== undefined && (synced.etape !== d.etape || synced.echeance !== echeanceActuelle()));
        sync();
      }
    })().catch(() => undefined); // cancelled with the run: nothing left to keep current
  }

  // The reporting store (issue #14): whenever the dossier's snapshot differs from the last one written (compared as
  // JSON, so only a change that matters to the figures costs an activity), it is written whole with the next sequence,
  // kept in the state for the rebuild. Writes go one at a time, in order. Runs started before this write nothing.
  const avecReporting = patched(PATCH_REPORTING);
  let reportingEcrit: string | undefined;
  let reportingEnCours: Promise<void> = Promise.resolve();
  const etatReporting = d.state as { reporting?: { sequence: number } };
  /** Writes the snapshot if it changed since the last write (after any write in flight); resolves once written. */
  function reporter(): Promise<void> {
    if (!avecReporting) return Promise.resolve();
    reportingEnCours = reportingEnCours
      .catch(() => undefined)
      .then(async () => {
        const instantane = o.instantane();
        const json = JSON.stringify(instantane);
        if (json === reportingEcrit) return;
        const sequence = (etatReporting.reporting?.sequence ?? 0) + 1;
        etatReporting.reporting = { sequence };
        await reportingActivities('Reporting : instantané du dossier').enregistrerReporting({ sequence, ...instantane });
        reportingEcrit = json;
      });
    return reportingEnCours;
  }
  if (avecReporting) {
    void (async () => {
      for (;;) {
        await condition(() => JSON.stringify(o.instantane()) !== reportingEcrit);
        await reporter();
      }
    })().catch(() => undefined); // the workflow cancelled: the rebuild catches up
  }

  /** Keeps the search attributes and the Temporal UI's current details up to date (codes and roles only). */
  function sync(): void {
    syncSearchAttributes({
      dispositif: o.dispositif,
      ml: d.state.demande.missionLocale,
      etape: d.etape,
      intervenantIds: o.intervenantIds(),
      interlocutriceId: d.state.interlocutrice?.id,
      prochaineEcheance: echeanceActuelle(),
      attenteDe: d.termine ? undefined : o.attenteDe[d.etape],
    });
    synced = { etape: d.etape, echeance: echeanceActuelle() };
    const attendu = o.attendus[d.etape];
    const echeance = d.state.prochaineEcheance?.le;
    setCurrentDetails(
      [
        `**Étape** : ${d.nomEtape}`,
        ...(attendu ? [`**En attente de** : ${attendu}`] : []),
        ...(echeance ? [`**Prochaine échéance** : ${echeance}`] : []),
        `**Région** : ${REGIONS[d.state.demande.missionLocale.region]}`,
      ].join('\n'),
    );
  }

  // --- What every dossier answers -------------------------------------------------------------------------
  /** A refusable action: the validator runs `check` (refuses with a reason), the handler `apply`, then sync. */
  const on: On<S> = actionRegistrar(
    () => d.state as S,
    sync,
    () => intakeDone,
    o.input.actionsAvantEmails ? (apply) => notifier.differer(apply) : undefined,
  );
  setHandler(o.messages.getDossier, () => d.state as S);
  // Staff-only notes: a handler that only changes the state (no command, no email), so running dossiers replay as before.
  setHandler(
    addNoteInterne,
    (i, ...extra: unknown[]) => {
      const acteur = acteurOf(extra);
      const par = i.par?.trim();
      const note: NoteInterne = { at: now(), texte: i.texte.trim(), ...(acteur?.compte ? { compte: acteur.compte } : {}), ...(par ? { par } : {}) };
      (d.state.notesInternes ??= []).push(note);
      return d.state as unknown as DossierQuelconque;
    },
    {
      validator: (i) => {
        const texte = typeof i?.texte === 'string' ? i.texte.trim() : '';
        if (!texte) refuse('La note est vide : écrivez son texte.');
        if (texte.length > 5000) refuse(`La note est trop longue (${texte.length} caractères, 5000 au plus).`);
      },
    },
  );
  setHandler(getBesoinVivier, (role) => o.besoinVivier(role));
  setHandler(ficheIntervenantModifiee, ({ intervenant }) => {
    if (mettreAJourCoordonnees(d, intervenant, now())) sync();
  });
  setHandler(intervenantReserve, async (s) => {
    await o.reservationRecue?.(s);
  });
  on(
    o.messages.declineDemande,
    (i) => d.checkDecline(i),
    async (i, at) => {
      d.decline(i, at);
      await notifier.send(ml(), { kind: 'demande_declinee', motif: i.motif }, presidence());
    },
  );
  // The hand-over to another staff member (issue #12): every dispositif. Compagnonnage's was this very handler (same
  // Update name, same email), so its dossiers replay as they did; for the others it is a new Update.
  on(
    assignInterlocutrice as unknown as UpdateDefinition<S, [AssignInterlocutriceInput]>,
    (i) => d.checkAssignInterlocutrice(i),
    async (i, at) => {
      const precedente = d.assignInterlocutrice(i, at);
      await notifier.send(
        [i.interlocutrice],
        { kind: 'passation_dossier', ...(precedente ? { precedente } : {}), ...(i.note ? { note: i.note } : {}) },
        precedente ? [precedente] : [],
      );
    },
  );
  // The pending reminder sent again (issue #12): a new Update, so dossiers started before it replay as they did.
  on(
    relancer as unknown as UpdateDefinition<S, [RelancerInput]>,
    () => {
      if (d.termine || !relance.actuelle()) refuse(`Aucune relance à renvoyer à l’étape « ${d.nomEtape} ».`);
    },
    async (i, at) => {
      const r = relance.actuelle();
      if (!r) refuse(`Aucune relance à renvoyer à l’étape « ${d.nomEtape} ».`);
      await r.remind();
      d.record(at, 'unml', 'Relance renvoyée', r.quoi, i);
    },
  );
  on(
    o.messages.abandonDossier,
    (i) => d.checkAbandon(i),
    async (i, at) => {
      d.abandon(i, at);
      await abandonner(steps, process, calendrier, o.intervenants(), i.motif);
    },
  );

  /** A method of the dossier class, by name, bound to it. */
  const appel = <I>(nom: MethodeDe<D, I>) => (d[nom] as (i: I, at: string) => void).bind(d);

  return {
    notifier,
    ml,
    presidence,
    unml,
    calendrier,
    /** The shared steps' context (intake, acte d'engagement, lapse). */
    steps,
    on,
    sync,
    /** Where a wait registers its reminder while it runs (awaitWithReminder's `relance`), for the `relancer` Update. */
    relance,
    verrou: new VerrouDesignation(),
    /** Makes sure the reporting store holds the dossier as it is now (awaited before a workflow returns after run()). */
    reporter,

    /** UNML takes the demand on (its check and apply, named): the ML is told, with its interlocutrice. */
    accepter<I>(update: UpdateDefinition<S, [I]>, check: MethodeDe<D, I>, apply: MethodeDe<D, I>): void {
      on(update, appel(check), async (i, at) => {
        appel(apply)(i, at);
        await notifier.send(ml(), { kind: 'demande_acceptee', interlocutrice: unml()[0]! }, presidence());
      });
    },

    /** An action that only changes the dossier: its class's check, then its apply (named), and nothing else. */
    simple<I>(update: UpdateDefinition<S, [I]>, check: MethodeDe<D, I>, apply: MethodeDe<D, I>): void {
      on(update, appel(check), appel(apply));
    },

    /** The pool's designation context for one role of the dossier (`prefixe` names the role in the timeline). */
    designation(etat: () => EtatVivier, besoin: () => BesoinDossier | null, prefixe = ''): DesignationContext {
      return {
        dossierId: o.input.dossierId,
        dispositif: o.dispositif,
        etat,
        besoin,
        record: (at, evenement, details) => d.record(at, 'systeme', `${prefixe}${evenement}`, details),
        notifier,
        unml,
        now,
      };
    },

    /** Waits while the dossier is at `etape` (a staff or participant action moves it on); false once it ended. */
    waitFor(etape: string): Etape {
      return async () => {
        await condition(() => d.etape !== etape);
        return !d.termine;
      };
    },

    /**
     * A meeting's invitation with its iCalendar event (key `cle`: a reschedule updates the same event) to the
     * invited people and UNML; each invited person (not UNML) gets a personal link to confirm or propose a slot.
     */
    async inviter(
      cle: string,
      e: { titre: string; debut: string; dureeMinutes: number; lien?: string | undefined },
      invites: { r: Recipient; role: 'ml' | 'intervenant' | 'cabinet' }[],
      message: Parameters<Calendrier['planifier']>[3],
    ): Promise<void> {
      const to = [...invites.map((x) => x.r), ...unml()];
      const roles = [...invites.map((x) => x.role), ...unml().map(() => null)];
      const evenement = { titre: e.titre, debut: e.debut, dureeMinutes: e.dureeMinutes, ...(e.lien ? { lien: e.lien } : {}) };
      await calendrier.planifier(cle, evenement, to, message, [], { nom: 'repondre-visio', role: roles, objet: cle });
    },

    /**
     * Runs the dossier: the intake, then `etapes` in order until one ends it, with `background` (reminders) beside
     * them; an abandon cancels both wherever they wait. Then every meeting still to come is cancelled (METHOD:CANCEL to
     * everyone invited) and `fin` runs, whatever the outcome (give the pool back).
     */
    async run(etapes: readonly Etape[], opts: { background: () => Promise<void>; fin?: () => Promise<void> }): Promise<S> {
      await runDossier(process, {
        abandoned: () => d.etape === 'abandonnee',
        background: opts.background,
        steps: async () => {
          const recevable = await intake(steps);
          intakeDone = true;
          if (!recevable) return;
          for (const etape of etapes) if (!(await etape())) return;
        },
      });
      // Whatever ended it (closed, lapsed, abandoned…), no meeting of the dossier is left on anyone's calendar.
      // Dossiers started before this end as they did (their histories hold no cancellation here).
      if (patched('commun-fin-annule-reunions') && calendrier.aVenir(Date.now()).length) {
        const motif = d.state.issue?.motif;
        await calendrier.annulerAVenir(`Dossier ${d.nomEtape}${motif ? ` : ${motif}` : ''}`);
      }
      await opts.fin?.();
      await notifier.vider();
      sync();
      // The final snapshot is in the reporting store before the run ends (nothing for runs started before it).
      await reporter();
      return d.state as S;
    },
  };
}
