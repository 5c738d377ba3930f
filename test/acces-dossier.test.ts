// The signed-in account reaches the dossier (issue #12), on the real stack (Temporal dev server, worker, SMTP sink):
// a person signs in with the link the API emails through nodemailer (read in the sink, also shown at /dev/mail), acts
// on a dossier from that session (back office) and with a token (API); each update carries UNML, the source and the
// account's id (the kit hands it to the dossier as the input's acteur; DossierBase.record writes it to the timeline
// when an action passes its input as `par`), never the email. Without a credential, or with `lecture`, refused.
import request from 'supertest';
import { startApiStack, type ApiStack } from './helpers/api-stack';
import { lienDeConnexion } from './helpers/connexion';
import { compteDeTest } from './helpers/acces';
import { demandeApi as demande } from './helpers/compagnonnage';
import { INTERLOCUTRICE } from './helpers/fixtures';
import { dechiffrer } from './helpers/codec';

let stack: ApiStack;

beforeAll(async () => {
  stack = await startApiStack();
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

const lienRecu = (email: string) => lienDeConnexion(stack.mails, email);

/** The second argument of every update the dossier accepted, from its history. */
async function contextesDesUpdates(id: string): Promise<unknown[]> {
  const history = await stack.env.client.workflow.getHandle(id).fetchHistory();
  const contextes: unknown[] = [];
  for (const e of history.events ?? []) {
    // The history's payloads are encrypted (issue #15): decrypted as the worker does.
    const chiffres = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads;
    const args = chiffres ? await dechiffrer(chiffres) : undefined;
    if (args && args[1]?.data) contextes.push(JSON.parse(Buffer.from(args[1].data).toString('utf8')) as unknown);
  }
  return contextes;
}

it('records the signed-in account in the dossier, from the back office and from the API, never its email', async () => {
  const app = stack.appSansCompte;
  const cree = await request(app).post('/api/demandes').send(demande());
  expect(cree.status).toBe(201);
  const id = cree.body.dossierId as string;

  // Without a credential, or only reading: refused before the dossier hears of it.
  expect((await request(app).post(`/api/dossiers/${id}/accepter`).send({ interlocutrice: INTERLOCUTRICE })).status).toBe(401);
  const lecteur = await compteDeTest(stack.comptes, 'lecture');
  const lu = await request(app).post(`/api/dossiers/${id}/accepter`).set('Authorization', `Bearer ${lecteur.jeton}`).send({ interlocutrice: INTERLOCUTRICE });
  expect(lu.status).toBe(403);
  expect((await request(app).get(`/api/dossiers/${id}`).set('Authorization', `Bearer ${lecteur.jeton}`)).status).toBe(200);

  // Sign in through the real email.
  const charge = await compteDeTest(stack.comptes, 'charge_mission');
  expect((await request(app).post('/connexion').type('form').send({ email: charge.compte.email })).status).toBe(200);
  const url = new URL(await lienRecu(charge.compte.email));
  const agent = request.agent(app);
  const page = await agent.get(url.pathname + url.search);
  expect(page.status).toBe(200);
  const valeur = (nom: string) => new RegExp(`name="${nom}" value="([^"]*)"`).exec(page.text)?.[1];
  const connexion = await agent
    .post('/connexion/lien')
    .type('form')
    .send({ jeton: valeur('jeton'), retour: '', _csrf: valeur('_csrf') });
  expect(connexion.status).toBe(303);
  const { csrf } = (await agent.get('/api/moi')).body as { csrf: string };

  const accepte = await agent.post(`/api/dossiers/${id}/accepter`).set('X-CSRF-Token', csrf).send({ interlocutrice: INTERLOCUTRICE });
  expect(accepte.status).toBe(200);
  const acceptee = (accepte.body.timeline as { evenement: string }[]).find((e) => e.evenement === 'Demande acceptée');
  expect(acceptee).toMatchObject({ acteur: expect.stringMatching(/^unml/), source: 'back_office', compte: charge.compte.id });
  expect(JSON.stringify(accepte.body.timeline)).not.toContain(charge.compte.email);

  const abandon = await request(app)
    .post(`/api/dossiers/${id}/abandon`)
    .set('Authorization', `Bearer ${stack.jetonAdmin}`)
    .send({ motif: 'Test de traçabilité des comptes' });
  expect(abandon.status).toBe(200);

  // Each update carries who acted as its second argument (the kit hands it to the dossier as the input's acteur).
  const contextes = await contextesDesUpdates(id);
  expect(contextes).toEqual([
    { acteur: { role: 'unml', source: 'back_office', compte: charge.compte.id } },
    { acteur: { role: 'unml', source: 'api', compte: stack.compteAdmin.id } },
  ]);

  // The dev sink's page lists the sign-in email too.
  const dev = await request(app).get('/dev/mail');
  expect(dev.status).toBe(200);
  expect(dev.text).toContain('Votre lien de connexion');
}, 120_000);
