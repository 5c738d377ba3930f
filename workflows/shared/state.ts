// What every dossier's state has, whatever its dispositif: its common types and final steps.
import type { Agenda, ReponseVisio } from './agenda';

export type { Agenda, ReponseVisio };

/** The steps every dossier can end at: closed, out of scope, declined, lapsed, abandoned. */
export const ETAPES_FINALES_COMMUNES = ['cloture', 'non_recevable', 'declinee', 'caduque', 'abandonnee'] as const;

/** What every dossier's workflow input has. */
export interface DossierInputCommun {
  dossierId: string;
  /** UNML's shared address, used while no interlocutrice is assigned. */
  contactUnml: { nom: string; email: string };
  /**
   * Staff and participant actions answer as soon as the state has changed, their emails following in order
   * (ACTIONS_AVANT_EMAILS). Fixed at the start: a running dossier keeps the way it started.
   */
  actionsAvantEmails?: boolean;
  /** The Diagnostic (DGN-…) whose proposal this dossier follows, accepted by the ML's direction (issue #14). */
  issuDe?: string;
}

/** Where an action came from: the HTTP API (staff scripts), a participant's personal link, the back office, a timer. */
export type SourceAction = 'api' | 'lien' | 'back_office' | 'systeme';
export type RoleActeur = 'ml' | 'unml' | 'intervenant' | 'cabinet' | 'systeme';

/** Who really acted, set by the API or the link pages (never by the caller's body): the timeline's role and source. */
export interface Acteur {
  role: RoleActeur;
  source: SourceAction;
  /** The staff account that acted (issue #12): an opaque id such as "CPT-7K2M9QXR4T", never an email. */
  compte?: string;
}

/**
 * Who performs an action, for the timeline: `par` is the name the caller gives; `acteur` is added by the kit from
 * the update's second argument (issue #17 §2: the real role of the one who acted).
 */
export interface Par {
  par?: string;
  acteur?: Acteur;
}

export interface TimelineEntry {
  at: string;
  /** 'ml' | 'unml' | 'intervenant' | 'cabinet' | 'systeme', plus who when the caller said it */
  acteur: string;
  /** Where the action came from (absent from entries recorded before it was kept, and from the workflow's own). */
  source?: SourceAction;
  /** The staff account that acted (an opaque id), when signed in (issue #12). */
  compte?: string;
  evenement: string;
  details?: string;
}

export interface Visio {
  debut: string;
  dureeMinutes: number;
  lien?: string;
  tenue?: boolean;
  compteRendu?: string;
}

/** A staff-only note on a dossier (issue #12): never shown to participants nor sent by email. */
export interface NoteInterne {
  at: string;
  texte: string;
  /** The staff account that wrote it (an opaque id) and its name, when signed in. */
  compte?: string;
  par?: string;
}

/** An email the dossier sent (issue #12: the back office lists them): when, its subject, to whom by name, the link it carried. */
export interface CourrielEnvoye {
  at: string;
  kind: string;
  sujet?: string;
  a: string[];
  cc: string[];
  /** The action its personal link leads to, if any. */
  lien?: string;
  /** An iCalendar invitation or cancellation attached. */
  calendrier?: 'invitation' | 'annulation';
}

/** The step, its outcome once ended, the next deadline, the timeline and the agenda of every dossier. */
export interface BaseState<E extends string> {
  etape: E;
  issue?: { etape: E; motif: string; le: string };
  prochaineEcheance?: { quoi: string; le: string };
  timeline: TimelineEntry[];
  /** Scheduled events (visios, sessions, meetings) with their iCalendar sequence. */
  agenda: Agenda;
  /** Staff-only notes (absent until the first one): the back office shows them, participants and emails never. */
  notesInternes?: NoteInterne[];
  /** The emails sent, oldest first (absent until the first one is recorded): staff only. */
  courriels?: CourrielEnvoye[];
  /** The Diagnostic (DGN-…) this dossier follows from (its input's `issuDe`), absent otherwise. */
  issuDe?: string;
  /**
   * The sequence of the last snapshot written to the reporting store (issue #14, workflows/shared/kit.ts): the rebuild
   * writes with it. Absent from dossiers started before the reporting, and until the first write.
   */
  reporting?: { sequence: number };
}
