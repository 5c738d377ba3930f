// Passwordless sign-in pages (issue #12), French, server-rendered, usable without JavaScript:
//  - GET/POST /connexion: the person gives their email; an active account gets a single-use link by email; the
//    answer is the same page whether the address is known or not (nothing tells who has an account);
//  - GET /connexion/lien?jeton=…: a page whose button signs in (a GET never uses the link: mail scanners open
//    links); a used, expired or unknown link says so and offers a new one. The button's form carries a pre-session
//    CSRF token bound to a cookie set by that GET (no one can sign a browser into someone else's account);
//  - POST /deconnexion: ends the session (the access middleware checks its CSRF token).
// At most SIGNIN_LINKS_PER_ADDRESS links are emailed to one address per SIGNIN_LINKS_WINDOW (beyond, none is sent;
// the page says the same). Each sign-in, sign-out and refused link adds a line to the account's sign-in audit
// (journaliserConnexion: which account, when, how, the outcome; never a secret), shown on its Administration page.
import { randomBytes } from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config } from '../../config';
import type { ComptesStore, EtatLien, IssueConnexion, LigneConnexion } from '../../db/comptes-store';
import { delaiFr } from '../../domain/format';
import { alerteErreurs, sendMessage, sendPage, templateFile, type Champ } from '../pages/render';
import type { EnvoyerLienConnexion } from './courriel';
import { accesDe, CHAMP_CSRF, COOKIE_SESSION, dureesSession } from './middleware';
import { oidcConfigure } from './oidc-config';
import { memesJetons, signer } from './secret';

/** The pre-session cookie of the confirmation page (its value's HMAC is the form's CSRF token). */
export const COOKIE_PRE = 'dsp_pre';
/** Where a signed-in person lands without a `retour`. */
export const ACCUEIL = '/staff';

export interface ConnexionDeps {
  comptes: ComptesStore;
  config: Pick<
    Config,
    'PUBLIC_URL' | 'SIGNIN_LINK_TTL' | 'SIGNIN_LINKS_PER_ADDRESS' | 'SIGNIN_LINKS_WINDOW' | 'SESSION_IDLE_TIMEOUT' | 'SESSION_MAX_AGE' | 'UNML_CONTACT_EMAIL'
  > &
    Partial<Pick<Config, 'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_CLIENT_SECRET'>>;
  secret: string;
  logger: Logger;
  /** Sends the link; undefined when the API has no SMTP transport (the link is then not sent, and an error logged). */
  envoyer: EnvoyerLienConnexion | undefined;
  /** Secure cookies (everywhere but development and tests). */
  cookiesSecurises: boolean;
}

type Modele = {
  champs: Champ[];
  validite: string;
  erreurGlobale?: string;
  message?: { classe: string; texte: string };
  connecte?: { nom: string; csrf: string };
  /** The address that starts OpenID Connect sign-in, when configured (OIDC_*). */
  oidc?: string;
};
const formulaireTpl = templateFile<Modele>(__dirname, 'connexion-formulaire.hbs');
const envoyeeTpl = templateFile<{ validite: string; retour?: string; contact: string }>(__dirname, 'connexion-envoyee.hbs');
const lienTpl = templateFile<{ nom: string; jeton: string; retour: string; csrf: string }>(__dirname, 'connexion-lien.hbs');
const invalideTpl = templateFile<{ titre: string; raison: string; validite: string; retour?: string }>(__dirname, 'connexion-lien-invalide.hbs');

/** A path of this site to go back to after sign-in (never another site: no `//host`, no scheme). */
export function retourSur(valeur: unknown): string | undefined {
  if (typeof valeur !== 'string' || valeur.length > 500) return undefined;
  if (!valeur.startsWith('/') || valeur.startsWith('//') || valeur.startsWith('/\\') || /[\u0000-\u001f\\]/.test(valeur)) return undefined;
  if (valeur.startsWith('/connexion') || valeur.startsWith('/deconnexion')) return undefined;
  return valeur;
}

const emailSchema = z.object({
  email: z
    .string({ message: 'Saisissez votre adresse e-mail.' })
    .trim()
    .min(1, 'Saisissez votre adresse e-mail.')
    .email('Adresse e-mail invalide : vérifiez-la (ex. prenom.nom@unml.info).'),
});

const MESSAGES_LIEN: Record<Exclude<EtatLien['etat'], 'valide'>, { status: number; titre: string; raison: string }> = {
  utilise: { status: 410, titre: 'Lien déjà utilisé', raison: 'Ce lien de connexion a déjà servi : il ne peut pas servir une seconde fois.' },
  expire: { status: 410, titre: 'Lien expiré', raison: 'Ce lien de connexion a expiré.' },
  inconnu: { status: 404, titre: 'Lien inconnu', raison: 'Ce lien de connexion n’est pas reconnu : il est peut-être incomplet (copiez-le en entier).' },
};

const ISSUES_LIEN: Record<Exclude<EtatLien['etat'], 'valide'>, IssueConnexion> = { utilise: 'lien_utilise', expire: 'lien_expire', inconnu: 'lien_inconnu' };

/** Adds a line to the sign-in audit; its failure is logged and never stops the sign-in (or sign-out) itself. */
export async function journaliserConnexion(deps: { comptes: ComptesStore; logger: Logger }, ligne: Omit<LigneConnexion, 'le'>): Promise<void> {
  try {
    await deps.comptes.journaliserConnexion(ligne);
  } catch (err) {
    deps.logger.error({ err, compte: ligne.compteId, moyen: ligne.moyen, issue: ligne.issue }, 'the sign-in audit line could not be written');
  }
}

/**
 * Signs this browser in to an active account (an emailed link used, or OpenID Connect): a server-side session and its
 * signed, httpOnly cookie. A session already open in this browser ends: one person per browser.
 */
export async function ouvrirSessionNavigateur(
  deps: Pick<ConnexionDeps, 'comptes' | 'cookiesSecurises'> & { config: Pick<Config, 'SESSION_IDLE_TIMEOUT' | 'SESSION_MAX_AGE'> },
  req: Request,
  res: Response,
  compteId: string,
): Promise<void> {
  const ancienne = (req.signedCookies as Record<string, unknown> | undefined)?.[COOKIE_SESSION];
  if (typeof ancienne === 'string' && ancienne) await deps.comptes.fermerSession(ancienne);
  const session = await deps.comptes.ouvrirSession(compteId, dureesSession(deps.config));
  res.cookie(COOKIE_SESSION, session.jeton, {
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.cookiesSecurises,
    signed: true,
    path: '/',
    maxAge: deps.config.SESSION_MAX_AGE,
  });
}

export function connexionRouter(deps: ConnexionDeps): Router {
  const { comptes, config, secret, logger } = deps;
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '10kb' });
  const validite = delaiFr(config.SIGNIN_LINK_TTL);
  const cookie = (maxAgeMs: number) => ({ httpOnly: true, sameSite: 'lax' as const, secure: deps.cookiesSecurises, signed: true, path: '/', maxAge: maxAgeMs });

  const champEmail = (valeur = '', erreur?: string, retour?: string): Champ[] => [
    {
      nom: 'email',
      libelle: 'Adresse e-mail professionnelle',
      type: 'email',
      requis: true,
      valeur,
      aide: 'Celle de votre compte UNML, par exemple prenom.nom@unml.info.',
      ...(erreur ? { erreur } : {}),
    },
    ...(retour ? [{ nom: 'retour', libelle: '', type: 'hidden' as const, valeur: retour }] : []),
  ];

  const formulaire = (req: Request, res: Response, status: number, modele: Omit<Modele, 'validite' | 'connecte' | 'oidc'>, retour?: string) => {
    const a = accesDe(res);
    const connecte = a?.via === 'session' && a.csrf ? { nom: a.compte.nom, csrf: a.csrf } : undefined;
    const oidc = oidcConfigure(config) ? `/connexion/oidc${retour ? `?retour=${encodeURIComponent(retour)}` : ''}` : undefined;
    sendPage(res, status, 'Connexion', formulaireTpl({ ...modele, validite, ...(connecte ? { connecte } : {}), ...(oidc ? { oidc } : {}) }));
  };

  /** The page of a refused link; with `journal`, also its audit line (the account's, when the link was one). */
  const lienInvalide = async (res: Response, refus: Exclude<EtatLien, { etat: 'valide' }>, retour: string | undefined, journal = true) => {
    if (journal) {
      const compteId = 'compteId' in refus ? refus.compteId : undefined;
      await journaliserConnexion(deps, { ...(compteId ? { compteId } : {}), moyen: 'lien', issue: ISSUES_LIEN[refus.etat] });
    }
    const etat = refus.etat;
    const m = MESSAGES_LIEN[etat];
    sendPage(res, m.status, m.titre, invalideTpl({ titre: m.titre, raison: m.raison, validite, ...(retour ? { retour: encodeURIComponent(retour) } : {}) }));
  };

  router.get('/connexion', (req, res) => {
    const retour = retourSur(req.query.retour);
    const fin = req.query.fin === '1' ? { classe: 'succes', texte: 'Vous êtes déconnecté·e.' } : undefined;
    const demande = retour ? { classe: 'encadre', texte: 'Connectez-vous pour accéder à cette page.' } : undefined;
    const message = fin ?? demande;
    formulaire(req, res, 200, { champs: champEmail('', undefined, retour), ...(message ? { message } : {}) }, retour);
  });

  router.post('/connexion', form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const retour = retourSur(body.retour);
    const parsed = emailSchema.safeParse(body);
    if (!parsed.success) {
      const erreur = parsed.error.issues[0]?.message ?? 'Adresse e-mail invalide.';
      const champs = champEmail(typeof body.email === 'string' ? body.email : '', erreur, retour);
      formulaire(req, res, 400, { champs, erreurGlobale: alerteErreurs(1) }, retour);
      return;
    }
    // The same answer, at about the same time, whether the address has an account or not, and whether its link was
    // sent or held back by the per-address limit: the email goes in the background.
    const compte = await comptes.compteParEmail(parsed.data.email);
    if (compte?.actif) {
      void (async () => {
        try {
          const lien = await comptes.creerLienConnexionLimite(compte.id, config.SIGNIN_LINK_TTL, {
            max: config.SIGNIN_LINKS_PER_ADDRESS,
            fenetreMs: config.SIGNIN_LINKS_WINDOW,
          });
          if (!lien) {
            logger.warn({ compte: compte.id }, 'sign-in link not sent: too many links asked for this address lately (SIGNIN_LINKS_PER_ADDRESS)');
            return;
          }
          const { jeton } = lien;
          const suite = retour ? `&retour=${encodeURIComponent(retour)}` : '';
          const url = `${config.PUBLIC_URL.replace(/\/+$/, '')}/connexion/lien?jeton=${encodeURIComponent(jeton)}${suite}`;
          if (!deps.envoyer) throw new Error('no SMTP transport (SMTP_URL) for the API: sign-in links cannot be sent');
          await deps.envoyer({ a: { nom: compte.nom, email: compte.email }, url, validite });
          logger.info({ compte: compte.id }, 'sign-in link sent');
        } catch (err) {
          logger.error({ err, compte: compte.id }, 'sign-in link could not be sent');
        }
      })();
    }
    sendPage(
      res,
      200,
      'Vérifiez votre messagerie',
      envoyeeTpl({ validite, contact: config.UNML_CONTACT_EMAIL, ...(retour ? { retour: encodeURIComponent(retour) } : {}) }),
    );
  });

  router.get('/connexion/lien', async (req, res) => {
    const jeton = typeof req.query.jeton === 'string' ? req.query.jeton : '';
    const retour = retourSur(req.query.retour);
    const etat = jeton ? await comptes.etatLienConnexion(jeton) : ({ etat: 'inconnu' } as const);
    if (etat.etat !== 'valide') {
      // Opening a used or expired link goes to its account's audit; an unknown one has no account (and GETs have no rate limit).
      await lienInvalide(res, etat, retour, etat.etat !== 'inconnu');
      return;
    }
    const pre = randomBytes(24).toString('base64url');
    res.cookie(COOKIE_PRE, pre, cookie(30 * 60_000));
    sendPage(res, 200, 'Confirmer la connexion', lienTpl({ nom: etat.compte.nom, jeton, retour: retour ?? '', csrf: signer(secret, 'pre-session', pre) }));
  });

  router.post('/connexion/lien', form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const jeton = typeof body.jeton === 'string' ? body.jeton : '';
    const retour = retourSur(body.retour);
    const pre = (req.signedCookies as Record<string, unknown> | undefined)?.[COOKIE_PRE];
    if (typeof pre !== 'string' || !memesJetons(body[CHAMP_CSRF], signer(secret, 'pre-session', pre))) {
      // A link already used, expired or unknown says so (pressed again after signing in); a good one is not used.
      const etat = jeton ? await comptes.etatLienConnexion(jeton) : ({ etat: 'inconnu' } as const);
      if (etat.etat !== 'valide') {
        await lienInvalide(res, etat, retour);
        return;
      }
      const url = `/connexion/lien?jeton=${encodeURIComponent(jeton)}${retour ? `&retour=${encodeURIComponent(retour)}` : ''}`;
      sendMessage(res, 403, 'Formulaire expiré', [
        'La confirmation n’a pas pu être vérifiée (page ouverte trop longtemps, ou dans un autre navigateur). Rouvrez le lien reçu par e-mail : ' + url,
      ]);
      return;
    }
    const etat = await comptes.utiliserLienConnexion(jeton);
    if (etat.etat !== 'valide') {
      await lienInvalide(res, etat, retour);
      return;
    }
    res.clearCookie(COOKIE_PRE, { path: '/' });
    await ouvrirSessionNavigateur(deps, req, res, etat.compte.id);
    await journaliserConnexion(deps, { compteId: etat.compte.id, moyen: 'lien', issue: 'reussie' });
    logger.info({ compte: etat.compte.id }, 'signed in');
    res.redirect(303, retour ?? ACCUEIL);
  });

  router.post('/deconnexion', async (req, res) => {
    const jeton = (req.signedCookies as Record<string, unknown> | undefined)?.[COOKIE_SESSION];
    if (typeof jeton === 'string' && jeton) await comptes.fermerSession(jeton);
    const a = accesDe(res);
    if (a?.via === 'session') await journaliserConnexion(deps, { compteId: a.compte.id, moyen: 'deconnexion', issue: 'reussie' });
    res.clearCookie(COOKIE_SESSION, { path: '/' });
    res.redirect(303, '/connexion?fin=1');
  });

  return router;
}
