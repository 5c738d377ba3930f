// The worker's activities, built from their dependencies (temporalio samples: activities-dependency-injection).
import { ApplicationFailure } from '@temporalio/common';
import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { NotifyInput, NotifyResult, Recipient } from './email/kinds';
import { renderEmail } from './email/templates';

export interface ActivityDeps {
  transport: Transporter;
  /** The From header, e.g. "UNML Dispositifs <dispositifs@unml.info>". */
  from: string;
  publicUrl: string;
  /** Shown in every email and used as Reply-To. */
  unmlContactEmail: string;
  logger?: Pick<Logger, 'info'>;
}

const MESSAGE_ID_DOMAIN = 'dispositifs.unml.info';

/** Keeps [A-Za-z0-9_-]; any other character becomes =XX per UTF-8 byte, so distinct keys stay distinct. */
function msgIdPart(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/gu, (ch) =>
    [...Buffer.from(ch, 'utf8')].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

/** The same dossier and key always give the same Message-ID, so a retried send is recognisable. */
export function messageIdFor(dossierId: string, key: string): string {
  return `<${msgIdPart(dossierId)}.${msgIdPart(key)}@${MESSAGE_ID_DOMAIN}>`;
}

const address = (r: Recipient) => ({ name: r.nom, address: r.email });

export function createActivities(deps: ActivityDeps) {
  const { transport, from, publicUrl, unmlContactEmail, logger } = deps;
  return {
    /** Renders the French email of input.message and sends it; SMTP errors are thrown (and retried). */
    async notify(input: NotifyInput): Promise<NotifyResult> {
      const { dossier, message, key } = input;
      if (input.to.length === 0) {
        throw ApplicationFailure.nonRetryable(`Email ${message.kind} of dossier ${dossier.dossierId} has no recipient`, 'InvalidRecipients');
      }
      const email = renderEmail(input, { publicUrl, unmlContactEmail });
      const messageId = messageIdFor(dossier.dossierId, key);
      const cc = input.cc ?? [];
      const info = await transport.sendMail({
        from,
        replyTo: unmlContactEmail,
        to: input.to.map(address),
        ...(cc.length > 0 ? { cc: cc.map(address) } : {}),
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId,
        headers: { 'X-Dispositifs-Dossier': dossier.dossierId, 'X-Dispositifs-Kind': message.kind },
      });
      logger?.info(
        { dossierId: dossier.dossierId, kind: message.kind, key, messageId, to: input.to.length, cc: cc.length, response: (info as { response?: unknown }).response },
        'email sent',
      );
      return { messageId };
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
