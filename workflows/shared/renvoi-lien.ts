// A fresh action link, asked from the page of an expired one: a short workflow (one per expired token id,
// so a double click sends one email) that sends it through the notify activity, with its retries.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ActionLien, DossierRef, Recipient, RoleLien } from '../../activities/email/kinds';
import { TypeEchec } from '../../domain/erreurs';

const { notify } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', nonRetryableErrorTypes: [TypeEchec.InvalidRecipients] },
});

export interface RenvoiLienInput {
  dossier: DossierRef;
  destinataire: Recipient;
  action: ActionLien;
  actionLibelle: string;
  role: RoleLien;
  /** The expired link's objet (a session number, a visio), carried over. */
  objet?: string;
  /** The expired token's id: makes the Message-ID unique and stable. */
  jtiExpire: string;
}

export async function renvoyerLienAction(input: RenvoiLienInput): Promise<void> {
  await notify({
    dossier: input.dossier,
    key: `nouveau-lien-${input.jtiExpire}`,
    to: [input.destinataire],
    message: { kind: 'nouveau_lien', actionLibelle: input.actionLibelle },
    action: { nom: input.action, role: input.role, ...(input.objet !== undefined ? { objet: input.objet } : {}) },
  });
}
