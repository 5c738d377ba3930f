// Duplicate and concurrent calls (issue #15, "Faults"): the same demand submitted 10 times at once with the same
// idempotency key is one dossier, every caller told the same dossierId; the same action sent twice at once is applied
// once, its email sent once. A real Temporal dev server, worker and SMTP sink (test/helpers/api-stack.ts).
import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import request from 'supertest';
import { startApiStack, type ApiStack } from './helpers/api-stack';
import { demandeApi as demande } from './helpers/compagnonnage';
import { INTERLOCUTRICE } from './helpers/fixtures';
import { expectNoStackTrace, responseRecorder } from './helpers/responses';
import { until } from './helpers/temporal';

let stack: ApiStack;
const { call, seen } = responseRecorder();

beforeAll(async () => {
  stack = await startApiStack();
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

/** The emails of one dossier so far (their Message-ID names the dossier: activities/index.ts messageIdFor), by subject. */
async function courrielsDu(dossierId: string): Promise<{ messageId: string; subject: string }[]> {
  const tous = await Promise.all(stack.mails().map((raw) => simpleParser(raw)));
  return tous.filter((m) => (m.messageId ?? '').includes(dossierId)).map((m) => ({ messageId: m.messageId ?? '', subject: m.subject ?? '' }));
}

/** How many runs the server holds for this workflow id (a second start would show as a second run). */
async function executions(dossierId: string): Promise<number> {
  const runs = new Set<string>();
  for await (const w of stack.env.client.workflow.list({ query: `WorkflowId = '${dossierId}'` })) runs.add(w.runId);
  return runs.size;
}

describe('the same demand submitted 10 times at once with the same key', () => {
  it('is one dossier: one 201, nine 200, the same dossierId for every caller, its emails sent once', async () => {
    const cle = randomUUID();
    const corps = demande();
    // Half by the Idempotency-Key header, half by the body's requestId: the same key either way.
    const reponses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call(
          i % 2 === 0
            ? request(stack.app).post('/api/demandes').set('Idempotency-Key', cle).send(corps)
            : request(stack.app)
                .post('/api/demandes')
                .send({ ...corps, requestId: cle }),
        ),
      ),
    );
    const statuts = reponses.map((r) => r.status).sort();
    expect(statuts).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(reponses.map((r) => r.body.dossierId as string));
    expect(ids.size).toBe(1);
    const [dossierId] = [...ids] as [string];
    expect(dossierId).toMatch(/^CMP-[0-9A-F]{10}$/);
    // Only a hash of the key is in the id.
    expect(dossierId).not.toContain(cle.slice(0, 8).toUpperCase());

    await until(
      'one run visible on the server',
      () => executions(dossierId),
      (n) => n >= 1,
    );
    expect(await executions(dossierId)).toBe(1);

    // The acknowledgement and the ARML's notice: each once (the same Message-ID never twice).
    const courriels = await until(
      'the demand’s emails',
      () => courrielsDu(dossierId),
      (c) => c.length >= 2,
    );
    await new Promise((r) => setTimeout(r, 1_000)); // a duplicate would come right behind
    const ids2 = (await courrielsDu(dossierId)).map((c) => c.messageId);
    expect(new Set(ids2).size).toBe(ids2.length);
    expect(ids2.length).toBe(courriels.length);
  });

  it('refuses a malformed key with a French 400, starting nothing', async () => {
    for (const cle of ['', ' ', 'x'.repeat(201), 'claire.martin@ml-rouen.fr', 'clé-accentuée', 'a b', 'a\u0000b', '\uD800']) {
      const res = await call(
        request(stack.app)
          .post('/api/demandes')
          .send({ ...demande(), requestId: cle }),
      );
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('validation');
      expect(res.body.details.map((d: { path: string }) => d.path)).toContain('requestId');
      expect(res.body.message).toMatch(/clé d’idempotence/);
    }
    // The header too (HTTP headers carry no control characters; an address or a space is refused).
    for (const cle of ['claire.martin@ml-rouen.fr', 'a b', 'y'.repeat(201)]) {
      const res = await call(request(stack.app).post('/api/demandes').set('Idempotency-Key', cle).send(demande()));
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { path: string }) => d.path)).toContain('Idempotency-Key');
    }
  });
});

describe('the same action sent twice at once', () => {
  it('accepter twice at once: applied once (the other a French 409), the ML told once', async () => {
    const cree = await call(request(stack.app).post('/api/demandes').send(demande()));
    expect(cree.status).toBe(201);
    const id = cree.body.dossierId as string;
    const accepter = () =>
      call(
        request(stack.app)
          .post(`/api/dossiers/${id}/accepter`)
          .send({ interlocutrice: { id: INTERLOCUTRICE.id } }),
      );
    const [a, b] = await Promise.all([accepter(), accepter()]);
    const statuts = [a.status, b.status].sort();
    expect(statuts).toEqual([200, 409]);
    const refus = a.status === 409 ? a : b;
    expect(refus.body.error).toBe('action_refusee');
    expect(refus.body.message).toMatch(/déjà acceptée/);

    const dossier = await call(request(stack.app).get(`/api/dossiers/${id}`));
    expect(dossier.body.etape).toBe('designation_intervenant');
    const acceptations = (dossier.body.timeline as { evenement: string }[]).filter((e) => e.evenement === 'Demande acceptée');
    expect(acceptations).toHaveLength(1);

    const acceptee = await until(
      'the acceptance email',
      async () => (await courrielsDu(id)).filter((c) => /accept/i.test(c.subject)),
      (c) => c.length >= 1,
    );
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await courrielsDu(id)).filter((c) => /accept/i.test(c.subject))).toHaveLength(acceptee.length);
    expect(acceptee).toHaveLength(1);
  });

  it('no response carried a stack trace', () => {
    expectNoStackTrace(seen, 15);
  });
});
