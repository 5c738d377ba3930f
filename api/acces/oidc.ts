// Optional single sign-on with OpenID Connect (issue #12), with openid-client, when OIDC_ISSUER, OIDC_CLIENT_ID and
// OIDC_CLIENT_SECRET are set. The authorization code flow with PKCE, state and nonce:
//  - GET /connexion/oidc?retour=…: keeps the PKCE verifier, state, nonce and `retour` in a short-lived signed,
//    httpOnly cookie, and sends the browser to the provider;
//  - GET /connexion/oidc/retour: the provider sends it back here with a code, checked against that cookie (a state
//    or a code not from this browser's flow is refused) and exchanged for the ID token. The person's account is the
//    existing, active staff account whose email is the provider's *verified* email (`email_verified` true): no
//    account is ever created. Unknown, inactive or unverified: a page says why, and to contact an admin. Success
//    opens the same server-side session as an emailed link (connexion.ts's ouvrirSessionNavigateur).
// Without the three settings, both routes answer a page saying this sign-in is not configured.
import type { Request, Response, Router } from 'express';
import { Router as nouveauRouter } from 'express';
import * as client from 'openid-client';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import type { ComptesStore } from '../../db/comptes-store';
import { sendMessage } from '../pages/render';
import { ACCUEIL, journaliserConnexion, ouvrirSessionNavigateur, retourSur } from './connexion';
import { type ConfigOidc, reglagesOidc } from './oidc-config';

/** The cookie of a flow under way (signed; its value: verifier, state, nonce, retour). */
export const COOKIE_OIDC = 'dsp_oidc';
/** How long a person has to sign in at the provider. */
const DUREE_FLUX_MS = 10 * 60_000;
export const CHEMIN_RETOUR_OIDC = '/connexion/oidc/retour';

export interface OidcDeps {
  comptes: ComptesStore;
  config: Pick<Config, 'PUBLIC_URL' | 'SESSION_IDLE_TIMEOUT' | 'SESSION_MAX_AGE' | 'UNML_CONTACT_EMAIL'> & ConfigOidc;
  logger: Logger;
  cookiesSecurises: boolean;
  /** Development and tests: an `http:` issuer is allowed (a provider on this machine). Never in production. */
  developpement: boolean;
}

interface Flux {
  verifier: string;
  state: string;
  nonce: string;
  retour?: string;
}

function lireFlux(req: Request): Flux | undefined {
  const brut = (req.signedCookies as Record<string, unknown> | undefined)?.[COOKIE_OIDC];
  if (typeof brut !== 'string') return undefined;
  try {
    const f = JSON.parse(brut) as Partial<Flux>;
    if (typeof f.verifier !== 'string' || typeof f.state !== 'string' || typeof f.nonce !== 'string') return undefined;
    const retour = retourSur(f.retour);
    return { verifier: f.verifier, state: f.state, nonce: f.nonce, ...(retour ? { retour } : {}) };
  } catch {
    return undefined;
  }
}

/** Why this person may not sign in (the page says it, in French), or their account id. */
export type IssueOidc = { compteId: string } | { refus: 'non_verifiee' | 'inconnu' | 'inactif'; email?: string; compteId?: string };

/** Matches the provider's claims to a staff account: the verified email of an existing, active account. */
export async function compteDesClaims(comptes: ComptesStore, claims: { email?: unknown; email_verified?: unknown }): Promise<IssueOidc> {
  const email = typeof claims.email === 'string' && claims.email.trim() !== '' ? claims.email.trim() : undefined;
  if (!email || claims.email_verified !== true) return { refus: 'non_verifiee', ...(email ? { email } : {}) };
  const compte = await comptes.compteParEmail(email);
  if (!compte) return { refus: 'inconnu', email };
  if (!compte.actif) return { refus: 'inactif', email, compteId: compte.id };
  return { compteId: compte.id };
}

export function oidcRouter(deps: OidcDeps): Router {
  const { comptes, config, logger } = deps;
  const router = nouveauRouter();
  const reglages = reglagesOidc(config);
  const base = config.PUBLIC_URL.replace(/\/+$/, '');
  const redirectUri = `${base}${CHEMIN_RETOUR_OIDC}`;
  const contact = config.UNML_CONTACT_EMAIL;
  const cookieFlux = { httpOnly: true, sameSite: 'lax' as const, secure: deps.cookiesSecurises, signed: true, path: '/connexion/oidc' };

  if (reglages && reglages.issuer.startsWith('http:') && !deps.developpement) {
    throw new Error('OIDC_ISSUER must be an https URL outside development');
  }

  // The provider's metadata, read once (again after a failure: a provider down at start does not stay down here).
  let decouverte: Promise<client.Configuration> | undefined;
  const configurationOidc = (): Promise<client.Configuration> => {
    if (!reglages) return Promise.reject(new Error('OpenID Connect is not configured'));
    decouverte ??= client
      .discovery(
        new URL(reglages.issuer),
        reglages.clientId,
        undefined,
        client.ClientSecretBasic(reglages.clientSecret),
        reglages.issuer.startsWith('http:') ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        decouverte = undefined;
        throw err;
      });
    return decouverte;
  };

  const nonConfiguree = (res: Response) =>
    sendMessage(
      res,
      404,
      'Connexion par le compte de l’organisation indisponible',
      ['La connexion avec le compte de l’organisation n’est pas activée sur ce site.', 'Connectez-vous avec votre adresse e-mail : /connexion'],
      'alerte',
    );
  const injoignable = (res: Response, err: unknown) => {
    logger.error({ err }, 'OpenID Connect provider unreachable');
    sendMessage(
      res,
      503,
      'Fournisseur d’identité injoignable',
      [
        'Le service de connexion de l’organisation ne répond pas pour le moment : réessayez dans quelques minutes.',
        'Vous pouvez aussi recevoir un lien de connexion par e-mail : /connexion',
      ],
      'alerte',
    );
  };
  const recommencer = (retour?: string) => `/connexion${retour ? `?retour=${encodeURIComponent(retour)}` : ''}`;

  router.get('/connexion/oidc', async (req, res) => {
    if (!reglages) {
      nonConfiguree(res);
      return;
    }
    let configuration: client.Configuration;
    try {
      configuration = await configurationOidc();
    } catch (err) {
      injoignable(res, err);
      return;
    }
    const retour = retourSur(req.query.retour);
    const flux: Flux = { verifier: client.randomPKCECodeVerifier(), state: client.randomState(), nonce: client.randomNonce(), ...(retour ? { retour } : {}) };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(flux.verifier),
      code_challenge_method: 'S256',
      state: flux.state,
      nonce: flux.nonce,
    });
    res.cookie(COOKIE_OIDC, JSON.stringify(flux), { ...cookieFlux, maxAge: DUREE_FLUX_MS });
    res.set('Cache-Control', 'no-store').redirect(303, url.href);
  });

  router.get(CHEMIN_RETOUR_OIDC, async (req, res) => {
    if (!reglages) {
      nonConfiguree(res);
      return;
    }
    const flux = lireFlux(req);
    // The flow's cookie serves once, whatever happens.
    res.clearCookie(COOKIE_OIDC, { path: cookieFlux.path });
    if (!flux) {
      sendMessage(
        res,
        400,
        'Connexion expirée',
        [
          'Cette connexion avec le compte de l’organisation n’a pas été commencée dans ce navigateur, ou a pris plus de 10 minutes.',
          `Recommencez depuis la page de connexion : ${recommencer()}`,
        ],
        'alerte',
      );
      return;
    }
    let configuration: client.Configuration;
    try {
      configuration = await configurationOidc();
    } catch (err) {
      injoignable(res, err);
      return;
    }
    let claims: { email?: unknown; email_verified?: unknown; sub: string };
    try {
      const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
      const tokens = await client.authorizationCodeGrant(configuration, new URL(`${redirectUri}${query}`), {
        pkceCodeVerifier: flux.verifier,
        expectedState: flux.state,
        expectedNonce: flux.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims()!;
      claims = idToken;
      // Many providers give the email only from the userinfo endpoint (for the ID token's subject).
      if ((idToken.email === undefined || idToken.email_verified === undefined) && configuration.serverMetadata().userinfo_endpoint) {
        claims = { ...idToken, ...(await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub)) };
      }
    } catch (err) {
      const refusParLaPersonne = err instanceof client.AuthorizationResponseError && err.error === 'access_denied';
      logger.warn({ err: err instanceof Error ? { name: err.name, message: err.message } : String(err) }, 'OpenID Connect sign-in refused');
      sendMessage(
        res,
        400,
        'Connexion refusée',
        [
          refusParLaPersonne
            ? 'La connexion a été annulée sur la page du compte de l’organisation.'
            : 'La réponse du service de connexion de l’organisation n’a pas pu être vérifiée (lien modifié, réutilisé ou trop ancien) : ' +
              'vous n’êtes pas connecté·e.',
          `Recommencez depuis la page de connexion : ${recommencer(flux.retour)}`,
        ],
        'alerte',
      );
      return;
    }

    const issue = await compteDesClaims(comptes, claims);
    if ('refus' in issue) {
      logger.info({ refus: issue.refus }, 'OpenID Connect sign-in: no account');
      const quoi = ({ non_verifiee: 'email_non_verifiee', inconnu: 'compte_inconnu', inactif: 'compte_inactif' } as const)[issue.refus];
      await journaliserConnexion(deps, { ...(issue.compteId ? { compteId: issue.compteId } : {}), moyen: 'oidc', issue: quoi });
      const qui = issue.email ? ` (${issue.email})` : '';
      const raison = {
        non_verifiee: issue.email
          ? `Le compte de l’organisation n’indique pas que l’adresse e-mail${qui} est vérifiée : elle ne peut pas servir à vous connecter.`
          : 'Le compte de l’organisation ne donne pas d’adresse e-mail : elle est nécessaire pour retrouver votre compte UNML.',
        inconnu: `Aucun compte de l’espace UNML n’a l’adresse e-mail${qui} de votre compte de l’organisation : aucun compte n’est créé automatiquement.`,
        inactif: `Le compte de l’espace UNML de l’adresse e-mail${qui} est désactivé.`,
      }[issue.refus];
      sendMessage(
        res,
        403,
        'Connexion impossible',
        [raison, `Contactez un·e administrateur·rice de l’UNML (${contact}) pour qu’il ou elle crée, active ou corrige votre compte.`],
        'alerte',
      );
      return;
    }
    await ouvrirSessionNavigateur(deps, req, res, issue.compteId);
    await journaliserConnexion(deps, { compteId: issue.compteId, moyen: 'oidc', issue: 'reussie' });
    logger.info({ compte: issue.compteId, via: 'oidc' }, 'signed in');
    res.redirect(303, flux.retour ?? ACCUEIL);
  });

  return router;
}
