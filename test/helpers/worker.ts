// The test worker: the real workflows and activities on a test environment, emails rendered for real and
// kept (nodemailer's in-memory transport), and the intervenant pool in a fresh SQLite database.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import { createActivities } from '../../activities';
import type { ActionLinks } from '../../activities/action-links';
import type { EmailKind, EmailMessage, NotifyInput } from '../../activities/email/kinds';
import { createVivierActivities } from '../../activities/vivier';
import { type CampagneActivities, createCampagneActivities } from '../../activities/campagne';
import { createSuiteDiagnosticActivities } from '../../activities/suite-diagnostic';
import { createReportingActivities } from '../../activities/reporting';
import { SqlReportingStore } from '../../db/reporting';
import { parseConfig } from '../../config';
import type { NouvelIntervenant, VivierStore } from '../../db/store';
import { ajouterAuVivierDeTest, createTestStore } from './db';
import { POOL_FIXTURES } from './pool';
import { until } from './temporal';

/** An email of one kind, its message typed for that kind. */
export type SentEmail<K extends EmailKind> = NotifyInput & { message: Extract<EmailMessage, { kind: K }> };

export interface Mailbox {
  sent: NotifyInput[];
  /** The raw MIME messages as sent (nodemailer stream transport), in order. */
  raw: string[];
  kinds(): string[];
  to(email: string): NotifyInput[];
  /** Waits for the first email of `kind` about this dossier (sent since the last clear), and returns it. */
  attendre<K extends EmailKind>(dossier: { workflowId: string }, kind: K): Promise<SentEmail<K>>;
  clear(): void;
}

/** A worker on the test environment; notify renders and "sends" through nodemailer's in-memory transport. */
export async function startWorker(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  /**
   * `avantEnvoi`: awaited before each email is sent (a test may hold one back). `campagne`: replaces some of the
   * campaigns' activities (the time-skipping server has no Schedules: a test passes recorders for them).
   */
  opts: {
    pool?: NouvelIntervenant[];
    avantEnvoi?: (i: NotifyInput) => Promise<void> | undefined;
    actionLinks?: ActionLinks;
    campagne?: Partial<CampagneActivities>;
  } = {},
): Promise<{ mailbox: Mailbox; vivier: VivierStore; reporting: SqlReportingStore; stop(): Promise<void> }> {
  const { transport, raw } = capturingTransport();
  const test = await createTestStore('sqlite');
  const { store: vivier, cleanup } = test;
  for (const intervenant of opts.pool ?? POOL_FIXTURES) await ajouterAuVivierDeTest(test, intervenant);
  // issue #14: the reporting read model the dossiers keep, in the same database.
  const reporting = new SqlReportingStore(test.db);
  const real = createActivities({
    transport,
    from: 'UNML <dispositifs@unml.info>',
    publicUrl: 'http://localhost:3000',
    unmlContactEmail: 'dispositifs@unml.info',
    // With it, the emails carry the personal links of their actions (signed for real).
    ...(opts.actionLinks ? { actionLinks: opts.actionLinks } : {}),
  });
  const sent: NotifyInput[] = [];
  const mailbox: Mailbox = {
    sent,
    raw,
    kinds: () => sent.map((m) => m.message.kind),
    to: (email) => sent.filter((m) => [...m.to, ...(m.cc ?? [])].some((r) => r.email === email)),
    attendre: <K extends EmailKind>(dossier: { workflowId: string }, kind: K) =>
      until(`a ${kind} email about ${dossier.workflowId}`, () =>
        sent.find((m): m is SentEmail<K> => m.dossier.dossierId === dossier.workflowId && m.message.kind === kind),
      ),
    clear: () => {
      sent.splice(0);
      raw.splice(0);
    },
  };
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    activities: {
      ...real,
      ...createVivierActivities({ vivier }),
      ...createCampagneActivities({ client: env.client, taskQueue }),
      // issue #14: the dossier a Diagnostic's accepted proposal leads to, started on this task queue.
      ...createSuiteDiagnosticActivities({ client: env.client, config: parseConfig({ TASK_QUEUE: taskQueue }) }),
      ...createReportingActivities({ reporting }),
      ...opts.campagne,
      async notify(i: NotifyInput) {
        await opts.avantEnvoi?.(i);
        const result = await real.notify(i);
        sent.push(i);
        return result;
      },
    },
  });
  const running = worker.run();
  return {
    mailbox,
    vivier,
    reporting,
    async stop() {
      worker.shutdown();
      await running;
      await cleanup();
    },
  };
}

/** A real nodemailer transport that sends nowhere and keeps every raw MIME message it was given, in order. */
export function capturingTransport(): { transport: ReturnType<typeof nodemailer.createTransport>; raw: string[] } {
  const raw: string[] = [];
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const sendMail = transport.sendMail.bind(transport);
  transport.sendMail = (async (mail: Parameters<typeof sendMail>[0]) => {
    const info = await sendMail(mail);
    raw.push((info as { message: Buffer }).message.toString('utf8'));
    return info;
  }) as typeof transport.sendMail;
  return { transport, raw };
}
