// Emails leave a workflow only through the notify activity, with a timeout and a retry policy.
import type { Activities } from '../../activities';
import type { DossierRef, EmailMessage, Evenement, NotifyInput, Recipient } from '../../activities/email/kinds';
import { TypeEchec } from '../../domain/erreurs';
import { activitiesAbandoningOnCancel } from './abandon-on-cancel';

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

/** Sends the emails of one dossier; each send gets a key unique in the dossier, hence a stable Message-ID. */
export class Notifier {
  private sent = 0;
  constructor(private readonly dossier: () => DossierRef) {}

  /** With `action`, each `to` recipient gets a personal link to the page of that action (activities/action-links.ts). */
  async send(to: Recipient[], message: EmailMessage, cc: Recipient[] = [], action?: NotifyInput['action']): Promise<void> {
    this.sent += 1;
    await notify({ dossier: this.dossier(), key: `${this.sent}-${message.kind}`, to, cc, message, ...(action ? { action } : {}) });
  }

  /** Sends `message` with a calendar event attached as an iCalendar invitation or cancellation (workflows/shared/agenda.ts). */
  async sendEvent(to: Recipient[], message: EmailMessage, evenement: Evenement, cc: Recipient[] = [], action?: NotifyInput['action']): Promise<void> {
    this.sent += 1;
    await notify({ dossier: this.dossier(), key: `${this.sent}-${message.kind}`, to, cc, message, evenement, ...(action ? { action } : {}) });
  }
}
