// Fixtures for Compagnonnage tests: a demand, staff, intervenants, the input a dossier starts with,
// and a worker whose notify activity records what it was asked to send (then renders it for real).
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import { createActivities } from '../../activities';
import type { NotifyInput } from '../../activities/email/kinds';
import type { DemandeCompagnonnage } from '../../domain/compagnonnage';
import type { Intervenant, StaffMember } from '../../domain/schemas';
import type { CompagnonnageInput, Delais } from '../../workflows/compagnonnage/state';

const DAY = 86_400_000;

export const DELAIS: Delais = {
  complementsRelance: 7 * DAY,
  complementsCaducite: 30 * DAY,
  acteRelance: 7 * DAY,
  acteCaducite: 30 * DAY,
  rappels: [1 * DAY],
  alerteAbsenceSeance: 14 * DAY,
  postBilan: 90 * DAY,
};

export function demande(overrides: Partial<DemandeCompagnonnage> = {}): DemandeCompagnonnage {
  return {
    missionLocale: { code: 'ML-ROUEN', nom: 'Mission Locale de Rouen', region: 'NOR' },
    direction: { nom: 'Claire Martin', email: 'direction@ml-rouen.fr' },
    presidence: { nom: 'Jean Dupont', email: 'presidence@ml-rouen.fr' },
    casMobilisation: 'prise_de_poste_contexte_difficile',
    sujets: ['organisation_management', 'offre_de_service'],
    description: 'Nouvelle directrice arrivée après un départ impromptu ; équipe en tension.',
    ...overrides,
  };
}

export const INTERLOCUTRICE: StaffMember = { id: 'unml.sbernard', nom: 'Sophie Bernard', email: 'sophie.bernard@unml.info' };
export const COLLEGUE: StaffMember = { id: 'unml.alefevre', nom: 'Anne Lefèvre', email: 'anne.lefevre@unml.info' };

export const DIRECTEUR_BRETAGNE: Intervenant = {
  id: 'int-0042',
  nom: 'Paul Le Gall',
  email: 'direction@ml-brest.fr',
  type: 'directeur_ml',
  region: 'BRE',
  missionLocale: 'Mission Locale de Brest',
};

export function input(dossierId: string, d: DemandeCompagnonnage = demande()): CompagnonnageInput {
  return { dossierId, demande: d, contactUnml: { nom: 'UNML', email: 'dispositifs@unml.info' }, delais: DELAIS };
}

export interface Mailbox {
  sent: NotifyInput[];
  /** The raw MIME messages as sent (nodemailer stream transport), in order. */
  raw: string[];
  kinds(): string[];
  to(email: string): NotifyInput[];
  clear(): void;
}

/** A worker on the test environment; notify renders and "sends" through nodemailer's in-memory transport. */
export async function startWorker(env: TestWorkflowEnvironment, taskQueue: string): Promise<{ mailbox: Mailbox; stop(): Promise<void> }> {
  const { transport, raw } = capturingTransport();
  const real = createActivities({
    transport,
    from: 'UNML <dispositifs@unml.info>',
    publicUrl: 'http://localhost:3000',
    unmlContactEmail: 'dispositifs@unml.info',
  });
  const sent: NotifyInput[] = [];
  const mailbox: Mailbox = {
    sent,
    raw,
    kinds: () => sent.map((m) => m.message.kind),
    to: (email) => sent.filter((m) => [...m.to, ...(m.cc ?? [])].some((r) => r.email === email)),
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
      async notify(i: NotifyInput) {
        const result = await real.notify(i);
        sent.push(i);
        return result;
      },
    },
  });
  const running = worker.run();
  return {
    mailbox,
    async stop() {
      worker.shutdown();
      await running;
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
