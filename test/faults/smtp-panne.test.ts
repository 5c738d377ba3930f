// Fault: the SMTP relay down (issue #15, `npm run test:faults`). Demands of each dispositif are filed while nothing
// listens on the worker's SMTP port (connections refused): the email activities fail and are retried with backoff
// (workflows/shared/notify.ts: 10 s, then ×2). The relay comes back on the same port: every email is delivered, each
// exactly once (its Message-ID is deterministic, so a resend would show as a second file with the same id), no
// activity is left failing, and every dossier goes on to its next step. Real time: about a minute.
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import request from 'supertest';
import { startSmtpSink, type SmtpSink } from '../../activities/email/sink';
import { startApiStack, type ApiStack } from '../helpers/api-stack';
import { demandeApi as demandeAppui } from '../helpers/appui-conseil';
import { demandeApi as demandeCompagnonnage } from '../helpers/compagnonnage';
import { demandeApi as demandeDiagnostic } from '../helpers/diagnostic';
import { INTERLOCUTRICE } from '../helpers/fixtures';
import { until } from '../helpers/temporal';

/** A free port on loopback, closed again: until the relay listens on it, every connection is refused. */
const portLibre = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

let stack: ApiStack;
let relais: SmtpSink | undefined;
let port: number;
const mailDir = mkdtempSync(join(tmpdir(), 'faults-smtp-'));

/** Every email the relay received: its Message-ID and subject. */
async function recus(): Promise<{ messageId: string; subject: string }[]> {
  const fichiers = readdirSync(mailDir).filter((f) => f.endsWith('.eml'));
  return Promise.all(
    fichiers.map(async (f) => {
      const m = await simpleParser(readFileSync(join(mailDir, f), 'utf8'));
      return { messageId: m.messageId ?? '', subject: m.subject ?? '' };
    }),
  );
}

beforeAll(async () => {
  port = await portLibre();
  stack = await startApiStack({ SMTP_URL: `smtp://127.0.0.1:${port}` });
}, 180_000);
afterAll(async () => {
  await relais?.close();
  await stack?.stop();
  rmSync(mailDir, { recursive: true, force: true });
});

describe('the SMTP relay down, then back', () => {
  const dossiers: string[] = [];

  it('files demands during the outage at once; their emails fail and are retried; once back, each is delivered exactly once', async () => {
    for (const demande of [demandeCompagnonnage(), demandeCompagnonnage(), demandeAppui(), demandeDiagnostic()]) {
      const debut = Date.now();
      const res = await request(stack.app).post('/api/demandes').send(demande);
      expect(res.status).toBe(201);
      expect(Date.now() - debut).toBeLessThan(5_000); // the demand does not wait for its emails
      dossiers.push(res.body.dossierId as string);
    }

    // The outage is real: each dossier's email activity has failed twice (10 s apart) and waits for its third attempt (20 s later).
    await until(
      'every dossier retrying an email',
      async () => {
        const enAttente = await Promise.all(dossiers.map(async (id) => (await stack.env.client.workflow.getHandle(id).describe()).raw.pendingActivities ?? []));
        return enAttente.every((activites) => activites.some((a) => (a.attempt ?? 0) >= 3 && a.lastFailure)) ? true : undefined;
      },
      undefined,
      60_000,
    );
    expect(await recus()).toEqual([]);

    // The relay is back on the same port.
    relais = await startSmtpSink({ port, dir: mailDir, log: () => undefined });

    // Every dossier's emails go out (the next attempt is at most 20 s later), and no activity is left pending.
    await until(
      'every dossier with its emails sent and no pending activity',
      async () => {
        const sujets = (await recus()).map((m) => m.subject);
        if (!dossiers.every((id) => sujets.some((s) => s.includes(id)))) return undefined;
        const enAttente = await Promise.all(dossiers.map(async (id) => (await stack.env.client.workflow.getHandle(id).describe()).raw.pendingActivities ?? []));
        return enAttente.every((a) => a.length === 0) ? true : undefined;
      },
      undefined,
      90_000,
    );
    // A little longer, for a late duplicate to show.
    await new Promise((r) => setTimeout(r, 3_000));
    const mails = await recus();
    const ids = mails.map((m) => m.messageId);
    expect(ids.every((id) => id.length > 0)).toBe(true);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    // Every dossier got its acknowledgement to the direction.
    for (const id of dossiers) expect(mails.filter((m) => m.subject.includes(id)).length).toBeGreaterThanOrEqual(1);
  }, 180_000);

  it('leaves no dossier stuck: each takes its next step at once once the relay is back', async () => {
    const [cmp1, cmp2, apc, dgn] = dossiers as [string, string, string, string];
    for (const id of [cmp1, cmp2, dgn]) {
      const res = await request(stack.app).post(`/api/dossiers/${id}/accepter`).send({ interlocutrice: INTERLOCUTRICE });
      expect(`${id}: ${res.status}`).toBe(`${id}: 200`);
    }
    const res = await request(stack.app)
      .post(`/api/dossiers/${apc}/prise-de-contact`)
      .send({ besoin: 'Sécuriser les financements.', interlocutrice: INTERLOCUTRICE });
    expect(res.status).toBe(200);
    expect(res.body.etape).toBe('mobilisation');
    // Their new emails are delivered too, still once each.
    await until('the acceptance emails', async () => ((await recus()).filter((m) => m.subject.includes(cmp2)).length >= 2 ? true : undefined));
    const ids = (await recus()).map((m) => m.messageId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  }, 120_000);
});
