// The scheduled events of a dossier (visios, planned sessions), each sent as an iCalendar invitation with a
// stable UID; the sequence lives in the dossier state so a reschedule sends an update (same UID, sequence + 1)
// and a cancellation a METHOD:CANCEL. Reminders go out before each event at every configured offset, never
// for a cancelled or past one.
import type { EmailMessage, Evenement, NotifyInput, Recipient } from '../../activities/email/kinds';
import type { Notifier } from './notify';
import { Alarm, wakeOn } from './waits';

export interface EvenementAgenda {
  titre: string;
  debut: string;
  dureeMinutes: number;
  lien?: string;
  /** iCalendar SEQUENCE of the last invitation or cancellation sent (0 for the first invitation). */
  sequence: number;
  annule: boolean;
  /** Who was invited (the attendees), so a cancellation reaches the same people. */
  participants: Recipient[];
}

/** Events by key ("lancement", "bilan_ml", "seance-3" …), the key being part of the UID. */
export type Agenda = Record<string, EvenementAgenda>;

/** A participant's answer to an invitation (a visio, a meeting): the slot confirmed, or another one proposed. */
export interface ReponseVisio {
  confirme: boolean;
  /** ISO instant proposed instead (when not confirmed). */
  proposition?: string;
  commentaire?: string;
  par?: string;
  le: string;
  /** The invitation's iCalendar sequence answered (a reschedule asks again). */
  sequence: number;
}

/** An answer as the state keeps it (the other slot only when the planned one does not suit), and its timeline details. */
export function reponseInvitation(
  i: { confirme: boolean; proposition?: string; commentaire?: string; par?: string },
  debut: string,
  now: string,
  sequence: number,
): { reponse: ReponseVisio; details: string } {
  return {
    reponse: {
      confirme: i.confirme,
      ...(!i.confirme && i.proposition ? { proposition: i.proposition } : {}),
      ...(i.commentaire ? { commentaire: i.commentaire } : {}),
      ...(i.par ? { par: i.par } : {}),
      le: now,
      sequence,
    },
    details: i.confirme ? debut : `Proposition : ${i.proposition!}${i.commentaire ? ` ; ${i.commentaire}` : ''}`,
  };
}

/** 86400000 → "J-1", 3600000 → "H-1", 900000 → "15 min" (timer summaries). */
function dureeCourte(ms: number): string {
  if (ms % 86_400_000 === 0) return `J-${ms / 86_400_000}`;
  if (ms % 3_600_000 === 0) return `H-${ms / 3_600_000}`;
  return `${Math.round(ms / 60_000)} min`;
}

/** The invitations' kinds: a reschedule adds to their message the slot it moves from (`ancienDebut`). */
const INVITATIONS: readonly EmailMessage['kind'][] = ['invitation_visio', 'invitation_seance', 'invitation_diagnostic', 'invitation_reunion_campagne'];

export const UID_DOMAIN = 'dispositifs.unml.info';

/** The stable UID of an event of a dossier, e.g. "CMP-0A1B2C3D4E.lancement@dispositifs.unml.info". */
export function uidFor(dossierId: string, cle: string): string {
  return `${dossierId}.${cle}@${UID_DOMAIN}`;
}

export class Calendrier {
  /** Bumped on every change, so the reminder loop re-plans. */
  version = 0;

  constructor(
    private readonly dossierId: string,
    private readonly agenda: () => Agenda,
    private readonly notifier: Notifier,
  ) {}

  get(cle: string): EvenementAgenda | undefined {
    return this.agenda()[cle];
  }

  /** Plans `cle` (or moves it: same UID, higher sequence) and sends `message` with the invitation (and, with `action`, personal links). */
  async planifier(
    cle: string,
    e: { titre: string; debut: string; dureeMinutes: number; lien?: string },
    to: Recipient[],
    message: EmailMessage,
    cc: Recipient[] = [],
    action?: NotifyInput['action'],
  ): Promise<void> {
    const previous = this.agenda()[cle];
    const entry: EvenementAgenda = { ...e, sequence: previous ? previous.sequence + 1 : 0, annule: false, participants: [...to, ...cc] };
    this.agenda()[cle] = entry;
    this.version++;
    // A move says from when to when (the invitations' bodies: layout.ts creneauChange); only the payload changes.
    const deplace = previous && !previous.annule && previous.debut !== e.debut && INVITATIONS.includes(message.kind);
    const envoye = deplace ? ({ ...message, ancienDebut: previous.debut } as EmailMessage) : message;
    await this.notifier.sendEvent(to, envoye, this.evenement(cle, entry, 'REQUEST'), cc, action);
  }

  /** Cancels `cle` if planned and not cancelled yet: everyone invited gets the METHOD:CANCEL. */
  async annuler(cle: string, motif?: string): Promise<void> {
    const entry = this.agenda()[cle];
    if (!entry || entry.annule) return;
    entry.annule = true;
    entry.sequence += 1;
    this.version++;
    const message: EmailMessage = { kind: 'annulation_evenement', titre: entry.titre, debut: entry.debut, ...(motif ? { motif } : {}) };
    await this.notifier.sendEvent(entry.participants, message, this.evenement(cle, entry, 'CANCEL'));
  }

  /** Cancels every event still to come (e.g. the dossier is abandoned); `filtre` narrows by key. */
  async annulerAVenir(motif: string, filtre: (cle: string) => boolean = () => true): Promise<void> {
    for (const cle of this.aVenir(Date.now()).filter(filtre)) await this.annuler(cle, motif);
  }

  /** Keys of the planned, not cancelled events that start after `t`, soonest first. */
  aVenir(t: number): string[] {
    return Object.entries(this.agenda())
      .filter(([, e]) => !e.annule && Date.parse(e.debut) > t)
      .sort(([, a], [, b]) => Date.parse(a.debut) - Date.parse(b.debut))
      .map(([cle]) => cle);
  }

  /**
   * Sends `rappeler` before each event at each offset (ms) until `fini()`. A reminder is never sent for a
   * cancelled or past event, nor for an offset already passed when the event was (re)planned: the invitation
   * has just gone. When several offsets fall due at once, one reminder goes. A moved event (new sequence)
   * gets its reminders again.
   */
  async rappels(offsets: readonly number[], fini: () => boolean, rappeler: (cle: string, e: EvenementAgenda) => Promise<void>): Promise<void> {
    const faits = new Set<string>();
    const vus = new Set<string>();
    const alarm = new Alarm();
    const id = (cle: string, e: EvenementAgenda, avant: number) => `${cle}|${e.sequence}|${avant}`;
    while (!fini()) {
      const t = Date.now();
      const reveils: { at: number; cle: string; avant: number }[] = [];
      for (const cle of this.aVenir(t)) {
        const e = this.agenda()[cle]!;
        const debut = Date.parse(e.debut);
        if (!vus.has(`${cle}|${e.sequence}`)) {
          vus.add(`${cle}|${e.sequence}`);
          for (const avant of offsets) if (debut - avant <= t) faits.add(id(cle, e, avant));
        }
        const dus = offsets.filter((avant) => !faits.has(id(cle, e, avant)) && debut - avant <= t);
        dus.forEach((avant) => faits.add(id(cle, e, avant)));
        if (dus.length) await rappeler(cle, e);
        for (const avant of offsets) if (!faits.has(id(cle, e, avant))) reveils.push({ at: debut - avant, cle, avant });
      }
      const seen = this.version;
      const prochain = reveils.sort((a, b) => a.at - b.at)[0];
      await wakeOn(() => this.version !== seen || fini(), alarm, prochain?.at, prochain && `Rappel ${dureeCourte(prochain.avant)} avant : ${prochain.cle}`);
    }
  }

  private evenement(cle: string, e: EvenementAgenda, method: Evenement['method']): Evenement {
    return {
      uid: uidFor(this.dossierId, cle),
      sequence: e.sequence,
      method,
      debut: e.debut,
      dureeMinutes: e.dureeMinutes,
      titre: e.titre,
      ...(e.lien ? { lien: e.lien } : {}),
    };
  }
}
