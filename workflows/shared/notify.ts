// Emails leave a workflow only through the notify activity, with a timeout and a retry policy.
import { CancellationScope, condition, log } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { DossierRef, EmailMessage, Evenement, NotifyInput, NotifyResult, Recipient } from '../../activities/email/kinds';
import { TypeEchec } from '../../domain/erreurs';
import { activitiesAbandoningOnCancel } from './abandon-on-cancel';
import type { CourrielEnvoye } from './state';

/** The journal of a workflow's emails: each one sent is listed in its state (staff only: the back office shows them). */
export function journalDesCourriels(state: () => { courriels?: CourrielEnvoye[] }): (envoi: NotifyInput, resultat: NotifyResult | undefined) => void {
  return (envoi, resultat) => {
    (state().courriels ??= []).push({
      at: new Date().toISOString(),
      kind: envoi.message.kind,
      ...(resultat?.sujet ? { sujet: resultat.sujet } : {}),
      a: envoi.to.map((r) => r.nom),
      cc: (envoi.cc ?? []).map((r) => r.nom),
      ...(envoi.action ? { lien: envoi.action.nom } : {}),
      ...(envoi.evenement ? { calendrier: envoi.evenement.method === 'CANCEL' ? 'annulation' : 'invitation' } : {}),
    });
  };
}

/** An email in flight when its dossier is abandoned goes out anyway. */
const emails = activitiesAbandoningOnCancel<Activities>(
  {
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', nonRetryableErrorTypes: [TypeEchec.InvalidRecipients] },
  },
  'notify-abandon-on-cancel',
);

/** The activity's summary in the Temporal UI: the email's kind and the link it carries (codes only). */
function resume(input: NotifyInput): string {
  const evenement = input.evenement ? ` (${input.evenement.method === 'CANCEL' ? 'annulation' : 'invitation'})` : '';
  return `Email ${input.message.kind}${evenement}${input.action ? ` – lien ${input.action.nom}` : ''}`;
}
const notify: Activities['notify'] = (input) => emails(resume(input)).notify(input);

/**
 * Sends the emails of one dossier; each send gets a key unique in the dossier, hence a stable Message-ID.
 *
 * With an outbox (`avecFile`), emails go out one after the other in the order they were asked for, and those asked
 * for inside `differer()` are not awaited: a staff or participant action answers as soon as the state has changed,
 * its emails following (the workflow waits for the outbox to empty before it ends). An email that fails for good is
 * logged and the next one goes; the action it followed stays recorded.
 */
export class Notifier {
  private sent = 0;
  private readonly file: { input: NotifyInput; fait: (err?: unknown) => void }[] = [];
  private envoiEnCours = false;
  private differe = 0;

  constructor(
    private readonly dossier: () => DossierRef,
    private readonly avecFile = false,
    /** Told of each email once sent (state only: the dossier's list of emails sent). */
    private readonly journal?: (input: NotifyInput, resultat: NotifyResult | undefined) => void,
  ) {}

  /**
   * The activity's own promise, awaited by the callers exactly as before the journal existed (no extra await: the
   * order in which concurrent branches resume, hence the commands of running dossiers, stays the same).
   */
  private envoyer(input: NotifyInput): Promise<NotifyResult> {
    const envoi = notify(input);
    const journal = this.journal;
    if (journal)
      envoi.then(
        (r) => journal(input, r),
        () => undefined,
      );
    return envoi;
  }

  /** With `action`, each `to` recipient gets a personal link to the page of that action (activities/action-links.ts). */
  async send(to: Recipient[], message: EmailMessage, cc: Recipient[] = [], action?: NotifyInput['action']): Promise<void> {
    this.sent += 1;
    const input: NotifyInput = { dossier: this.dossier(), key: `${this.sent}-${message.kind}`, to, cc, message, ...(action ? { action } : {}) };
    // Without an outbox, exactly as dossiers started before it do (the order of their commands is in their histories).
    if (!this.avecFile) await this.envoyer(input);
    else await this.enFile(input);
  }

  /** Sends `message` with a calendar event attached as an iCalendar invitation or cancellation (workflows/shared/agenda.ts). */
  async sendEvent(to: Recipient[], message: EmailMessage, evenement: Evenement, cc: Recipient[] = [], action?: NotifyInput['action']): Promise<void> {
    this.sent += 1;
    const input: NotifyInput = { dossier: this.dossier(), key: `${this.sent}-${message.kind}`, to, cc, message, evenement, ...(action ? { action } : {}) };
    if (!this.avecFile) await this.envoyer(input);
    else await this.enFile(input);
  }

  /** Runs `fn`; with an outbox, the emails it asks for go out after it, without being awaited. */
  async differer<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.avecFile) return fn();
    this.differe += 1;
    try {
      return await fn();
    } finally {
      this.differe -= 1;
    }
  }

  /** Resolves once every email of the outbox has gone. */
  async vider(): Promise<void> {
    if (!this.avecFile) return;
    await condition(() => this.file.length === 0 && !this.envoiEnCours);
  }

  private enFile(input: NotifyInput): Promise<void> {
    const envoye = new Promise<void>((resolve, reject) => this.file.push({ input, fait: (err) => (err === undefined ? resolve() : reject(err)) }));
    if (!this.envoiEnCours) void this.viderLaFile();
    if (this.differe > 0) {
      envoye.catch(() => undefined); // logged by viderLaFile
      return Promise.resolve();
    }
    return envoye;
  }

  /** Sends the outbox in order, out of any cancellation (an abandon's own emails go out too). */
  private async viderLaFile(): Promise<void> {
    this.envoiEnCours = true;
    try {
      await CancellationScope.nonCancellable(async () => {
        for (let suivant = this.file.shift(); suivant; suivant = this.file.shift()) {
          try {
            await this.envoyer(suivant.input);
            suivant.fait();
          } catch (err) {
            log.error('Email not sent', { kind: suivant.input.message.kind, key: suivant.input.key, error: (err as Error).message });
            suivant.fait(err ?? new Error('email not sent'));
          }
        }
      });
    } finally {
      this.envoiEnCours = false;
    }
  }
}
