// The worker's activities, built from their dependencies (temporalio samples: activities-dependency-injection).
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { TypeEchec } from '../domain/erreurs';
import type { ActionLinks } from './action-links';
import { buildIcs } from './calendar/ics';
import type { VivierStore } from '../db/store';
import { createVivierActivities, type VivierActivities } from './vivier';
import { createCampagneActivities, type CampagneActivities } from './campagne';
import { createSuiteDiagnosticActivities, type SuiteDiagnosticActivities } from './suite-diagnostic';
import { createReportingActivities, type ReportingActivities } from './reporting';
import type { SqlReportingStore } from '../db/reporting';
import { createPurgeActivities, type PurgeActivities } from './purge';
import type { SqlRetentionStore } from '../db/retention';
import { createExportActivities, type ExportActivities } from './exports'; // Scheduled exports (issue #14)
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { NotifyInput, NotifyResult, Recipient, RoleLien } from './email/kinds';
import { renderEmail, type RenderedEmail } from './email/templates';

export interface ActivityDeps {
  transport: Transporter;
  /** The From header, e.g. "UNML Dispositifs <dispositifs@unml.info>". */
  from: string;
  publicUrl: string;
  /** Shown in every email and used as Reply-To. */
  unmlContactEmail: string;
  /** Signs the personal links of emails that carry an action; without it, those emails go out without a link. */
  actionLinks?: ActionLinks;
  logger?: Pick<Logger, 'info'>;
}

const MESSAGE_ID_DOMAIN = 'dispositifs.unml.info';

/** Keeps [A-Za-z0-9_-]; any other character becomes =XX per UTF-8 byte, so distinct keys stay distinct. */
function msgIdPart(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/gu, (ch) => [...Buffer.from(ch, 'utf8')].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}

/** The same dossier and key always give the same Message-ID, so a retried send is recognisable. */
export function messageIdFor(dossierId: string, key: string): string {
  return `<${msgIdPart(dossierId)}.${msgIdPart(key)}@${MESSAGE_ID_DOMAIN}>`;
}

const address = (r: Recipient) => ({ name: r.nom, address: r.email });
const cle = (r: Recipient) => r.email.trim().toLowerCase();

/**
 * The addressees, each once (by email, case aside): one person holding two roles on a dossier (a cabinet's contact who
 * is also its consultant) gets one email; their link takes the first role given for them (null: no link), and serves
 * for both, the pages finding the person by their email.
 */
export function destinataires(input: Pick<NotifyInput, 'to' | 'action'>): { to: Recipient[]; roles: (RoleLien | null)[] } {
  const roles = input.action?.role;
  const vus = new Map<string, number>();
  const to: Recipient[] = [];
  const leursRoles: (RoleLien | null)[] = [];
  for (const [i, r] of input.to.entries()) {
    const role = roles === undefined ? null : Array.isArray(roles) ? (i < roles.length ? roles[i]! : roles[0]!) : roles;
    const deja = vus.get(cle(r));
    if (deja === undefined) {
      vus.set(cle(r), to.length);
      to.push(r);
      leursRoles.push(role);
    } else if (leursRoles[deja] === null) leursRoles[deja] = role;
  }
  return { to, roles: leursRoles };
}

/** The people in copy, each once, without the addressees (they already get the email). */
export function enCopie(cc: Recipient[], to: Recipient[]): Recipient[] {
  const vus = new Set(to.map(cle));
  return cc.filter((r) => !vus.has(cle(r)) && (vus.add(cle(r)), true));
}

/**
 * The activities as the worker runs them: mail settings from the configuration, the pool's store and the rest given;
 * `client` (on the worker's namespace): the campaigns' Schedules and queries, their runs on TASK_QUEUE.
 */
export function activitiesFromConfig(
  config: Config,
  deps: Pick<ActivityDeps, 'transport' | 'actionLinks' | 'logger'> & {
    vivier: VivierStore;
    client: Client;
    retention: SqlRetentionStore;
    mailDir?: string;
    reporting: SqlReportingStore;
    db?: Kysely<Database>;
  },
): WorkerActivities {
  const { vivier, client, retention, mailDir, reporting, db, ...mail } = deps;
  return {
    ...createActivities({ ...mail, from: config.MAIL_FROM, publicUrl: config.PUBLIC_URL, unmlContactEmail: config.UNML_CONTACT_EMAIL }),
    ...createVivierActivities({ vivier }),
    ...createCampagneActivities({ client, taskQueue: config.TASK_QUEUE }),
    // The dossier a Diagnostic's accepted proposal leads to, started like a demand (issue #14).
    ...createSuiteDiagnosticActivities({ client, config, ...(deps.logger ? { logger: deps.logger as Logger } : {}) }),
    // The retention purge (issue #15): ended dossiers' personal data, refused applications, the dev sink's old emails.
    ...createPurgeActivities({
      retention,
      client,
      dataDir: config.DATA_DIR,
      ...(mailDir ? { mailDir } : {}),
      dossiersMois: config.RETENTION_DOSSIERS_MOIS,
      candidaturesMois: config.RETENTION_CANDIDATURES_MOIS,
      ...(deps.logger ? { logger: deps.logger } : {}),
    }),
    // The reporting read model the dossiers keep (issue #14).
    ...createReportingActivities({ reporting }),
    // Scheduled exports (issue #14): build the file into DATA_DIR/exports/, email its signed link; on the pool's database.
    ...(db ? createExportActivities({ db, vivier, config, transport: mail.transport, ...(deps.logger ? { logger: deps.logger } : {}) }) : {}),
  };
}

export function createActivities(deps: ActivityDeps) {
  const { transport, from, publicUrl, unmlContactEmail, actionLinks, logger } = deps;
  return {
    /** Renders the French email of input.message and sends it; SMTP errors are thrown (and retried). */
    async notify(input: NotifyInput): Promise<NotifyResult> {
      const { dossier, message, key } = input;
      if (input.to.length === 0) {
        throw ApplicationFailure.nonRetryable(`Email ${message.kind} of dossier ${dossier.dossierId} has no recipient`, TypeEchec.InvalidRecipients);
      }
      const cc = input.cc ?? [];
      const { to, roles } = destinataires(input);
      const copies = enCopie(cc, to);
      // A scheduled event goes as an iCalendar invitation (clients show accept/decline) or cancellation.
      const e = input.evenement;
      const icalEvent = e
        ? {
            method: e.method,
            filename: e.method === 'CANCEL' ? 'annulation.ics' : 'invitation.ics',
            content: buildIcs(e, { organisateur: { nom: 'UNML', email: unmlContactEmail }, participants: [...to, ...copies] }),
          }
        : undefined;
      const send = async (to: Recipient[], copies: Recipient[], email: RenderedEmail, sendKey: string): Promise<string> => {
        const messageId = messageIdFor(dossier.dossierId, sendKey);
        const info = await transport.sendMail({
          from,
          replyTo: unmlContactEmail,
          to: to.map(address),
          ...(copies.length > 0 ? { cc: copies.map(address) } : {}),
          subject: email.subject,
          text: email.text,
          html: email.html,
          ...(icalEvent ? { icalEvent } : {}),
          messageId,
          headers: { 'X-Dispositifs-Dossier': dossier.dossierId, 'X-Dispositifs-Kind': message.kind },
        });
        logger?.info(
          {
            dossierId: dossier.dossierId,
            kind: message.kind,
            key: sendKey,
            messageId,
            to: to.length,
            cc: copies.length,
            response: (info as { response?: unknown }).response,
          },
          'email sent',
        );
        return messageId;
      };
      const aQui = to.map((r) => r.nom).join(', ');
      if (!input.action || !actionLinks) {
        const email = renderEmail(input, { publicUrl, unmlContactEmail });
        // No action asked, or nobody in copy: one email, the copies in Cc, as before.
        if (!email.actionAttendue || copies.length === 0) return { messageId: await send(to, copies, email, key), sujet: email.subject };
        // An action only the addressees can do: the people in copy get their own copy, saying whose action it is.
        const messageId = await send(to, [], email, key);
        await send(copies, [], renderEmail(input, { publicUrl, unmlContactEmail, enCopieDe: aQui }), `${key}.copie`);
        return { messageId, sujet: email.subject };
      }
      // One email per recipient, each with a personal link (never in copy of someone else's); the copies
      // get one email without a link. A retry re-signs, with the same Message-IDs. A person listed twice (two roles
      // on the dossier) gets one email and one link.
      const { nom, objet } = input.action;
      const ids: string[] = [];
      let sujet = '';
      for (const [i, r] of to.entries()) {
        const role = roles[i];
        const lienAction = role
          ? await actionLinks.signUrl({ dossierId: dossier.dossierId, action: nom, email: r.email, role, ...(objet !== undefined ? { objet } : {}) })
          : undefined;
        const email = renderEmail(input, { publicUrl, unmlContactEmail, ...(lienAction ? { lienAction } : {}) });
        sujet = email.subject;
        ids.push(await send([r], [], email, to.length > 1 ? `${key}.${i + 1}` : key));
      }
      if (copies.length > 0) await send(copies, [], renderEmail(input, { publicUrl, unmlContactEmail, enCopieDe: aQui }), `${key}.copie`);
      return { messageId: ids[0]!, sujet };
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;

/** Everything the worker runs: the emails, the pool (activities/vivier.ts), the campaigns' Schedules (activities/campagne.ts). */
// The scheduled exports' activities are optional: the time-skipping test workers run no Schedule (issue #14).
export type WorkerActivities = Activities &
  VivierActivities &
  CampagneActivities &
  SuiteDiagnosticActivities &
  PurgeActivities &
  ReportingActivities &
  Partial<ExportActivities>;
