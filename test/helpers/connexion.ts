// Signing in as staff do, on the real stack: the sign-in link read in the SMTP sink, its page's button posted.
import request from 'supertest';
import type { CompteDeTest } from './acces';
import type { ApiStack } from './api-stack';

/** The latest sign-in link emailed to `email`, read in the SMTP sink (waits up to 10 s for it). */
export async function lienDeConnexion(mails: () => string[], email: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const mail = mails()
      .map((m) => m.replace(/=\r?\n/g, '').replace(/=3D/g, '='))
      .filter((m) => m.includes(email) && m.includes('/connexion/lien?jeton='))
      .pop();
    const url = mail ? /https?:\/\/[^\s"<>]+\/connexion\/lien\?jeton=[A-Za-z0-9_-]+/.exec(mail)?.[0] : undefined;
    if (url) return url;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no sign-in link emailed to ${email}`);
}

/** A signed-in session of `c` (asked at /connexion, through the emailed link and its button), as a supertest agent. */
export async function session(stack: Pick<ApiStack, 'appSansCompte' | 'mails'>, c: CompteDeTest): Promise<ReturnType<typeof request.agent>> {
  expect((await request(stack.appSansCompte).post('/connexion').type('form').send({ email: c.compte.email })).status).toBe(200);
  const lien = new URL(await lienDeConnexion(stack.mails, c.compte.email));
  const agent = request.agent(stack.appSansCompte);
  const page = await agent.get(lien.pathname + lien.search);
  const valeur = (nom: string) => new RegExp(`name="${nom}" value="([^"]*)"`).exec(page.text)?.[1];
  const res = await agent
    .post('/connexion/lien')
    .type('form')
    .send({ jeton: valeur('jeton'), retour: '', _csrf: valeur('_csrf') });
  expect(res.status).toBe(303);
  return agent;
}
