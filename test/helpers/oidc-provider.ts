// A real OpenID Connect provider for tests (oidc-provider, in this process, on a free port of 127.0.0.1), with one
// confidential client for the app and its development interactions: a person "signs in" there by posting the id of
// one of the test's users (no password), then consents. `suivre` drives the browser's side with plain HTTP requests:
// it follows redirects across the app and the provider with a cookie jar of its own, as a browser would.
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Account } from 'oidc-provider';

export interface UtilisateurOidc {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface FournisseurOidc {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The provider's users, by id (what the login form takes): change them between tests. */
  utilisateurs: Map<string, UtilisateurOidc>;
  stop(): Promise<void>;
}

const ecouter = (server: Server) =>
  new Promise<number>((ok, echec) => {
    server.once('error', echec);
    server.listen(0, '127.0.0.1', () => ok((server.address() as AddressInfo).port));
  });

/** Starts the provider; its client may send people back to `redirectUri` only. */
export async function demarrerFournisseurOidc(redirectUri: string): Promise<FournisseurOidc> {
  const server = createServer();
  const port = await ecouter(server);
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'dispositifs-test';
  const clientSecret = 'secret-du-client-de-test-0123456789abcdef';
  const utilisateurs = new Map<string, UtilisateurOidc>();
  // Its warnings that a development-only store and interactions are in use: they are, on purpose.
  const avertir = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes('quick start development-only')) avertir(...args);
  };
  let provider: Provider;
  try {
    provider = new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [redirectUri],
          response_types: ['code'],
          grant_types: ['authorization_code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      findAccount: (_ctx: unknown, id: string): Account | undefined => {
        const u = utilisateurs.get(id);
        return u ? { accountId: id, claims: () => ({ sub: id, ...u }) } : undefined;
      },
      features: { devInteractions: { enabled: true } },
      pkce: { required: () => true },
      cookies: { keys: ['cle-des-cookies-du-fournisseur-de-test'] },
      // Its own signing key and lifetimes (else the provider warns that its development defaults are in use).
      jwks: { keys: [{ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
      ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
    });
  } catch (err) {
    server.close();
    throw err;
  } finally {
    console.warn = avertir;
  }
  // oidc-provider logs each handled error itself: the tests look at what the app shows.
  provider.on('server_error', () => undefined);
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    utilisateurs,
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** A browser's cookies, by host, with their paths. */
export class Navigateur {
  private readonly cookies = new Map<string, Map<string, { valeur: string; chemin: string }>>();

  private garder(url: URL, reponse: Response): void {
    const jar = this.cookies.get(url.host) ?? new Map<string, { valeur: string; chemin: string }>();
    this.cookies.set(url.host, jar);
    for (const ligne of reponse.headers.getSetCookie()) {
      const [paire, ...attributs] = ligne.split(';').map((s) => s.trim());
      const egal = paire!.indexOf('=');
      const nom = paire!.slice(0, egal);
      const valeur = paire!.slice(egal + 1);
      const attr = (n: string) => attributs.find((a) => a.toLowerCase().startsWith(`${n}=`))?.slice(n.length + 1);
      const chemin = attr('path') ?? '/';
      const expire = attr('expires');
      const efface = attr('max-age') === '0' || valeur === '' || (expire !== undefined && Date.parse(expire) <= Date.now());
      const cle = `${nom};${chemin}`;
      if (efface) jar.delete(cle);
      else jar.set(cle, { valeur, chemin });
    }
  }

  /** The cookie header for this URL. */
  entete(url: URL): string {
    const jar = this.cookies.get(url.host);
    if (!jar) return '';
    return [...jar.entries()]
      .filter(([, c]) => url.pathname === c.chemin || url.pathname.startsWith(c.chemin.endsWith('/') ? c.chemin : `${c.chemin}/`))
      .map(([cle, c]) => `${cle.slice(0, cle.indexOf(';'))}=${c.valeur}`)
      .join('; ');
  }

  /** One request, its cookies kept; no redirect followed. */
  async requete(url: URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: 'text/html' };
    const cookie = this.entete(url);
    if (cookie) headers.cookie = cookie;
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const reponse = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      redirect: 'manual',
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    this.garder(url, reponse);
    return reponse;
  }

  /** GETs `url` and follows redirects (at most 20) until a page: the last response and its URL. */
  async suivre(depart: URL | string, init: { method?: string; form?: Record<string, string> } = {}): Promise<{ url: URL; reponse: Response }> {
    let url = new URL(depart);
    let reponse = await this.requete(url, init);
    for (let i = 0; i < 20 && reponse.status >= 300 && reponse.status < 400 && reponse.headers.get('location'); i++) {
      await reponse.body?.cancel();
      url = new URL(reponse.headers.get('location')!, url);
      reponse = await this.requete(url);
    }
    return { url, reponse };
  }
}

/**
 * Signs in at the provider as `utilisateur` from wherever `depart` leads (the app's "Se connecter avec le compte de
 * l'organisation" link): the login form, then consent. Returns the page the app shows at the end and its URL.
 * `avantRetour` may change the provider's redirect back to the app (e.g. tamper with its state).
 */
export async function connexionOidc(
  navigateur: Navigateur,
  depart: string,
  utilisateur: string,
  avantRetour: (url: URL) => URL = (u) => u,
): Promise<{ url: URL; reponse: Response }> {
  let { url, reponse } = await navigateur.suivre(depart);
  for (let etape = 0; etape < 3 && /\/interaction\/[^/]+$/.test(url.pathname); etape++) {
    const html = await reponse.text();
    const prompt: Record<string, string> = html.includes('name="login"') ? { prompt: 'login', login: utilisateur, password: 'x' } : { prompt: 'consent' };
    const envoi = await navigateur.requete(url, { method: 'POST', form: prompt });
    // Follow the provider's redirects, but stop before the app's callback, to let the test change it.
    let suivant = new URL(envoi.headers.get('location')!, url);
    await envoi.body?.cancel();
    let r = await navigateur.requete(suivant);
    while (r.status >= 300 && r.status < 400 && new URL(r.headers.get('location')!, suivant).host === suivant.host) {
      await r.body?.cancel();
      suivant = new URL(r.headers.get('location')!, suivant);
      r = await navigateur.requete(suivant);
    }
    if (r.status >= 300 && r.status < 400) {
      await r.body?.cancel();
      return navigateur.suivre(avantRetour(new URL(r.headers.get('location')!, suivant)));
    }
    url = suivant;
    reponse = r;
  }
  return { url, reponse };
}
