// What every dossier class shares: the step, the timeline, declining and abandoning, and the checks that refuse an
// action out of its step.
import { refusAvantDebut, refusChevauchement, refusDateHorsDossier, refusReunionsAVenir, type Creneau } from '../../domain/chronologie';
import { dateHeureFr } from '../../domain/format';
import { REGIONS } from '../../domain/regions';
import type { MissionLocale } from '../../domain/schemas';
import { refuse } from './refusal';
import type { AssignInterlocutriceInput } from './messages';
import type { StaffMember } from '../../domain/schemas';
import type { BaseState, Par, RoleActeur, TimelineEntry } from './state';

/** The refusal of a second acceptance of the same demand (refuserSiDejaFait). */
export const DEJA_ACCEPTEE = 'La demande est déjà acceptée : cette seconde acceptation n’a rien changé.';

export type { BaseState };
export type Role = RoleActeur;

/** What every dossier's state starts with: its reference, dispositif, first step, creation, demand, agenda, timeline. */
export function etatInitial<Di extends string, E extends string, De>(
  input: { dossierId: string; demande: De; issuDe?: string },
  dispositif: Di,
  etape: E,
  now: string,
) {
  const base = { dossierId: input.dossierId, dispositif, etape, creeLe: now, demande: input.demande, agenda: {}, timeline: [] };
  // A dossier started from a Diagnostic's accepted proposal says which one (state only: no command).
  return input.issuDe ? { ...base, issuDe: input.issuDe } : base;
}

/**
 * A timeline entry. `par`: the action's input (its `acteur`, set by the API or the link, replaces the role the action is
 * usually done by — issue #17 §2) or just the name the caller gave.
 */
export function entreeChronologie(at: string, role: Role, evenement: string, details?: string, par?: string | Par): TimelineEntry {
  const qui = typeof par === 'object' ? par.acteur : undefined;
  const nom = typeof par === 'object' ? par.par : par;
  const reel = qui && role !== 'systeme' ? qui.role : role;
  return {
    at,
    acteur: nom ? `${reel} (${nom})` : reel,
    ...(qui ? { source: qui.source } : {}),
    ...(qui?.compte ? { compte: qui.compte } : {}),
    evenement,
    ...(details ? { details } : {}),
  };
}

export abstract class DossierBase<E extends string, S extends BaseState<E>> {
  abstract readonly state: S;
  /** The French name of each step, for refusals a person can act on. */
  protected abstract readonly nomsEtapes: Record<E, string>;
  protected abstract readonly etapesFinales: readonly E[];
  /** Steps whose next deadline survives a move (the workflow keeps it current). */
  protected readonly etapesAvecEcheance: readonly E[] = [];
  /** Steps at which UNML may still decline the demand. */
  protected abstract readonly etapesDeclinables: readonly E[];

  /** The demand judged against its seed's scope (domain/): the reasons and, when out of scope, where to ask instead. */
  protected abstract jugerDemande(): { recevable: true } | { recevable: false; motifs: string[]; redirection?: string };

  /** Judges the demand; out of scope, the dossier ends as non recevable with the reasons. Returns whether it is receivable. */
  evaluateRecevabilite(now: string): boolean {
    const r = this.jugerDemande();
    const state = this.state as BaseState<E> & { recevabilite?: { recevable: boolean; motifs: string[]; redirection?: string } };
    if (r.recevable) {
      state.recevabilite = { recevable: true, motifs: [] };
      return true;
    }
    state.recevabilite = { recevable: false, motifs: r.motifs, ...(r.redirection ? { redirection: r.redirection } : {}) };
    this.end('non_recevable' as E, r.motifs.join(' '), now);
    return false;
  }

  /** The first entry of every timeline: the demand, its Mission Locale and région. */
  protected demandeDeposee(now: string, ml: MissionLocale, evenement = 'Demande déposée'): void {
    this.record(now, 'ml', evenement, `${ml.nom} (${REGIONS[ml.region]})`);
  }

  /** The French name of the current step. */
  get nomEtape(): string {
    return this.nomsEtapes[this.state.etape];
  }

  get etape(): E {
    return this.state.etape;
  }

  get termine(): boolean {
    return this.etapesFinales.includes(this.state.etape);
  }

  /**
   * Adds a timeline entry. `par`: the action's input (its `acteur`, set by the API or the link, replaces the role the
   * action is usually done by — issue #17 §2) or just the name the caller gave.
   */
  record(at: string, role: Role, evenement: string, details?: string, par?: string | Par): void {
    this.state.timeline.push(entreeChronologie(at, role, evenement, details, par));
  }

  moveTo(etape: E): void {
    this.state.etape = etape;
    if (!this.etapesAvecEcheance.includes(etape)) delete this.state.prochaineEcheance;
  }

  end(etape: E, motif: string, at: string): void {
    this.moveTo(etape);
    this.state.issue = { etape, motif, le: at };
    delete this.state.prochaineEcheance;
  }

  checkDecline(i: Par & { motif: string }): void {
    this.requireEtape([...this.etapesDeclinables], 'Décliner la demande');
    this.requireText(i.motif, 'Le motif du refus est obligatoire : il est communiqué à la Mission Locale.');
  }
  decline(i: Par & { motif: string }, now: string): void {
    this.end('declinee' as E, i.motif, now);
    this.record(now, 'unml', 'Demande déclinée', i.motif, i.par);
  }

  checkAbandon(i: Par & { motif: string }): void {
    if (this.termine) refuse(`Le dossier est déjà ${this.nomsEtapes[this.state.etape]}.`);
    this.requireText(i.motif, "Le motif de l'abandon est obligatoire : il est communiqué à tous les participants.");
  }
  abandon(i: Par & { motif: string }, now: string): void {
    const etape = this.state.etape;
    this.end('abandonnee' as E, i.motif, now);
    this.record(now, 'unml', `Dossier abandonné (étape : ${this.nomsEtapes[etape]})`, i.motif, i.par);
  }

  /**
   * The same action a second time (a double click, two tabs, a retried request — issue #15): when the dossier left the
   * steps where it is allowed and its timeline shows it done, says so rather than naming the steps. Refuses only where
   * requireEtape would (validators only: same decisions, a clearer message).
   */
  protected refuserSiDejaFait(allowed: E[], evenement: string, message: string): void {
    if (this.termine || allowed.includes(this.state.etape)) return;
    if (this.state.timeline.some((e) => e.evenement === evenement)) refuse(message);
  }

  protected requireEtape(allowed: E[], action: string): void {
    if (this.termine) refuse(`Le dossier est ${this.nomsEtapes[this.state.etape]} : ${action} n'est plus possible.`);
    if (!allowed.includes(this.state.etape)) {
      refuse(
        `${action} n'est pas possible à l'étape « ${this.nomsEtapes[this.state.etape]} » (possible à l'étape : ` +
          `${allowed.map((e) => `« ${this.nomsEtapes[e]} »`).join(', ')}).`,
      );
    }
  }

  // --- Hand-over (every dispositif) ----------------------------------------------------------------------
  checkAssignInterlocutrice(i: AssignInterlocutriceInput): void {
    this.requireNotEnded('confier le dossier à une autre interlocutrice');
    if ((this.state as { interlocutrice?: StaffMember }).interlocutrice?.id === i.interlocutrice.id)
      refuse(`${i.interlocutrice.nom} est déjà l'interlocutrice de ce dossier.`);
  }
  /** Returns the previous interlocutrice, if the dossier is handed over. */
  assignInterlocutrice(i: AssignInterlocutriceInput, now: string): StaffMember | undefined {
    const state = this.state as { interlocutrice?: StaffMember };
    const previous = state.interlocutrice;
    state.interlocutrice = i.interlocutrice;
    this.record(
      now,
      'unml',
      previous ? 'Dossier confié à une autre interlocutrice' : 'Interlocutrice désignée',
      `${previous ? `${previous.nom} → ` : ''}${i.interlocutrice.nom}${i.note ? ` : ${i.note}` : ''}`,
      i,
    );
    return previous;
  }

  protected requireNotEnded(action: string): void {
    if (this.termine) refuse(`Le dossier est ${this.nomsEtapes[this.state.etape]} : ${action} n'est plus possible.`);
  }

  protected requireFuture(iso: string, now: string, what: string): void {
    if (!(Date.parse(iso) > Date.parse(now)))
      refuse(`${what} doit être dans le futur : le ${dateHeureFr(iso)} est passé (il est ${dateHeureFr(now)}, heure de Paris).`);
  }

  // --- Time and order (issue #17 §1; rules in domain/chronologie.ts) ---------------------------------------
  /** A meeting is recorded as held only from its start. */
  protected requireCommencee(quoi: string, debut: string, now: string): void {
    const r = refusAvantDebut(quoi, debut, now);
    if (r) refuse(r);
  }

  /** A step that follows meetings waits until each has taken place (its end is past). */
  protected requireReunionsTenues(action: string, reunions: { quoi: string; debut: string; dureeMinutes: number }[], now: string): void {
    const r = refusReunionsAVenir(action, reunions, now);
    if (r) refuse(r);
  }

  /** What was done is dated between the dossier's creation and now (`date`: a day or an instant). */
  protected requireDateDansDossier(quoi: string, date: string, now: string): void {
    const creeLe = (this.state as BaseState<E> & { creeLe?: string }).creeLe;
    const r = creeLe ? refusDateHorsDossier(quoi, date, creeLe, now) : undefined;
    if (r) refuse(r);
  }

  /** A slot for `cle` must not overlap another planned meeting of this dossier for one of the same people. */
  protected requireCreneauLibre(cle: string, titre: string, debut: string, dureeMinutes: number, participants: string[]): void {
    const existants: Creneau[] = Object.entries(this.state.agenda)
      .filter(([, e]) => !e.annule)
      .map(([k, e]) => ({ cle: k, titre: e.titre, debut: e.debut, dureeMinutes: e.dureeMinutes, participants: e.participants.map((p) => p.email) }));
    const r = refusChevauchement({ cle, titre, debut, dureeMinutes, participants }, existants);
    if (r) refuse(r);
  }

  /** A questionnaire answers until its deadline (the link page says it is closed after it, issue #17 §1). */
  protected requireQuestionnaireOuvert(reponsesAttenduesAvant: string, now: string): void {
    if (Date.parse(now) >= Date.parse(reponsesAttenduesAvant))
      refuse(`Le questionnaire est clos depuis le ${dateHeureFr(reponsesAttenduesAvant)} : les réponses ne sont plus reçues.`);
  }

  protected requireText(value: string | undefined, message: string): void {
    if (!value?.trim()) refuse(message);
  }
}
