// Pages reached from the personal links of emails (/agir/<dossier>/<action>?jeton=…): GET shows the form
// with the dossier's context, POST validates with the API's zod schema and sends the update with the link's
// token id (single-shot), then shows what was recorded, or the refusal, or the form again with field errors.
// Which page each link opens, and with which action, is said by the dossier's dispositif (its descriptor's `pages`,
// api/dossiers/<dispositif>/index.ts); the pages are in this folder; the form, the confirmation and the expired link's page are .hbs files here.
import express, { Router, type Request, type Response } from 'express';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { ActionLinks } from '../../../activities/action-links';
import { ACTIONS_LIEN, type ActionLien } from '../../../activities/email/kinds';
import { getLiensUtilises, LIEN_DEJA_UTILISE, type ContexteAction } from '../../../workflows/shared/handlers';
import { dossierIdSchema } from '../../common';
import type { PageServie } from '../../dossiers/descripteur';
import { actionFor, dispositifApiOf, etapeFr } from '../../dossiers/dispositifs';
import { queryDossier, type AnyDossierState } from '../../dossiers/router';
import { classifyError } from '../../errors';
import { alerteErreurs, sendMessage, sendPage, templateFile, type Champ } from '../render';
import { contexteDuDossier, personneDuLien } from './dossier';
import { phraseDejaFait, type Contexte, type PageAction, type Valeurs } from './page';
import { demanderNouveauLien } from './renvoi';

const formTpl = templateFile<{
  titre: string;
  contexte: { libelle: string; valeur: string }[];
  explication: string[];
  champs: Champ[];
  jeton: string;
  action: string;
  erreurGlobale?: string;
  nbErreurs?: number;
}>(__dirname, 'formulaire.hbs');
const recapTpl = templateFile<{ titre: string; lignes: { libelle: string; valeur: string }[]; reference: string; etape: string }>(
  __dirname,
  'recapitulatif.hbs',
);
const expireTpl = templateFile<{ action: string; jeton: string }>(__dirname, 'expire.hbs');

async function liensUtilises(client: Client, dossierId: string): Promise<string[]> {
  try {
    return await client.workflow.getHandle(dossierId).query(getLiensUtilises);
  } catch {
    return []; // a dossier started before links existed has no such query
  }
}

/** A link's page, opened: its action, its dossier, and what the page knows of both. */
interface Ouverte {
  page: PageAction;
  /** The action it sends, in the table of the dossier's dispositif. */
  apiPath: string;
  nom: ActionLien;
  id: string;
  c: Contexte;
}

const texteRequis = (v: unknown) => (typeof v === 'string' ? v : '');
const estActionLien = (nom: string): nom is ActionLien => (ACTIONS_LIEN as readonly string[]).includes(nom);

export function agirRouter(client: Client, taskQueue: string, links: ActionLinks, logger: Logger): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '100kb' });

  /** The checks common to GET and POST; answers the page itself and returns undefined when it cannot go on. */
  async function ouvrir(req: Request, res: Response, jeton: string): Promise<Ouverte | undefined> {
    const parsedId = dossierIdSchema.safeParse(req.params.id);
    const nom = String(req.params.action) as ActionLien;
    const api = parsedId.success ? dispositifApiOf(parsedId.data) : undefined;
    const servie: PageServie | undefined = api && estActionLien(nom) ? api.pages[nom] : undefined;
    if (!parsedId.success || !api || !servie) {
      const introuvable = 'Cette adresse ne correspond à aucune action. Utilisez le lien reçu par courriel, sans le modifier.';
      sendMessage(res, 404, 'Page introuvable', [introuvable], 'alerte');
      return undefined;
    }
    const id = parsedId.data;
    const { page, apiPath } = servie;
    const verified = await links.verify(jeton, { dossierId: id, action: nom });
    if (!verified.ok && verified.raison === 'invalide') {
      sendMessage(
        res,
        403,
        'Ce lien n’est pas valide',
        [
          'Ce lien est incomplet, a été modifié, ou ne correspond pas à cette action ou à ce dossier.',
          'Utilisez le lien tel que vous l’avez reçu par courriel (en le copiant en entier), ou contactez votre interlocutrice UNML.',
        ],
        'alerte',
      );
      return undefined;
    }
    let state: AnyDossierState;
    try {
      state = await queryDossier(client, id);
    } catch (err) {
      const known = classifyError(err);
      if (known?.status === 404) {
        sendMessage(res, 404, 'Dossier introuvable', [`Le dossier ${id} n’existe pas ou plus.`], 'alerte');
        return undefined;
      }
      throw err;
    }
    const personne = personneDuLien(state, verified.claims.personne);
    const c: Contexte = { claims: verified.claims, ...(personne ? { personne } : {}), state, libelle: api.libelle };
    // Already done, or no longer possible: said so, never the form (nor, for an expired link, a fresh link).
    if (dejaFaitOuFerme(res, page, c)) return undefined;
    if (!verified.ok) {
      sendPage(res, 410, 'Ce lien a expiré', expireTpl({ action: `/agir/${id}/${nom}/nouveau-lien`, jeton }));
      return undefined;
    }
    if ((await liensUtilises(client, id)).includes(verified.claims.jti)) {
      sendMessage(res, 200, 'Ce lien a déjà été utilisé', [
        `Merci : l’action « ${page.titre} » a déjà été enregistrée avec ce lien pour le dossier ${id}.`,
        'Chaque lien ne sert qu’une fois. Pour toute autre démarche, contactez votre interlocutrice UNML.',
      ]);
      return undefined;
    }
    return { page, apiPath, nom, id, c };
  }

  /** The form of an action's page, with the values and errors of a refused submission. */
  function formulaire(o: Ouverte, jeton: string, champs: Champ[], erreurGlobale?: string): string {
    const { page, nom, id, c } = o;
    return formTpl({
      titre: page.titre,
      contexte: contexteDuDossier(c.state),
      explication: page.explication(c),
      champs,
      jeton,
      action: `/agir/${id}/${nom}`,
      ...(erreurGlobale !== undefined ? { erreurGlobale } : {}),
    });
  }

  router.get('/agir/:id/:action', async (req, res) => {
    const jeton = texteRequis(req.query.jeton);
    const o = await ouvrir(req, res, jeton);
    if (!o) return;
    sendPage(res, 200, o.page.titre, formulaire(o, jeton, o.page.champs(o.c, {})));
  });

  router.post('/agir/:id/:action', form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const jeton = texteRequis(body.jeton);
    const o = await ouvrir(req, res, jeton);
    if (!o) return;
    const { page, apiPath, id, c } = o;
    const valeurs: Valeurs = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const { input, erreurs } = page.versInput(valeurs, c);
    const action = actionFor(id, apiPath);
    const parsed = (action.schema as z.ZodType).safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const champ = page.champDe ? page.champDe(issue.path) : String(issue.path[0] ?? '');
        erreurs[champ] ??= messageChamp(issue);
      }
    }
    if (Object.keys(erreurs).length > 0 || !parsed.success) {
      const n = Object.keys(erreurs).length;
      const champs = page.champs(c, valeurs).map((f) => (erreurs[f.nom] ? { ...f, erreur: erreurs[f.nom] } : f));
      sendPage(res, 400, page.titre, formulaire(o, jeton, champs, alerteErreurs(n)));
      return;
    }
    const meta: ContexteAction = { lien: { jti: c.claims.jti }, acteur: { role: c.claims.role, source: 'lien' } };
    try {
      const state = (await client.workflow.getHandle(id).executeUpdate(action.updateName, { args: [parsed.data, meta] })) as AnyDossierState;
      logger.info({ dossierId: id, action: apiPath, via: 'lien', etape: state.etape }, 'action applied');
      const lignes = page.recapitulatif(parsed.data as Record<string, unknown>, c);
      sendPage(res, 200, page.titre, recapTpl({ titre: page.titre, lignes, reference: id, etape: etapeFr(state.dispositif, state.etape) }));
    } catch (err) {
      const known = classifyError(err);
      if (known?.status === 409 && known.body.message === LIEN_DEJA_UTILISE) {
        sendMessage(res, 200, 'Ce lien a déjà été utilisé', [known.body.message]);
      } else if (known?.status === 409) {
        const rien = 'Rien n’a été enregistré. Pour toute question, contactez votre interlocutrice UNML.';
        sendMessage(res, 409, 'Action impossible pour le moment', [known.body.message, rien], 'alerte');
      } else throw err;
    }
  });

  router.post('/agir/:id/:action/nouveau-lien', form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const jeton = texteRequis(body.jeton);
    const parsedId = dossierIdSchema.safeParse(req.params.id);
    const nom = String(req.params.action);
    if (!parsedId.success || !estActionLien(nom)) {
      sendMessage(res, 404, 'Page introuvable', ['Cette adresse ne correspond à aucune action.'], 'alerte');
      return;
    }
    const verified = await links.verify(jeton, { dossierId: parsedId.data, action: nom });
    if (!verified.ok && verified.raison === 'invalide') {
      const impossible = 'Impossible d’envoyer un nouveau lien à partir de ce lien. Contactez votre interlocutrice UNML.';
      sendMessage(res, 403, 'Ce lien n’est pas valide', [impossible], 'alerte');
      return;
    }
    const api = dispositifApiOf(parsedId.data);
    const servie = api?.pages[nom];
    if (api && servie) {
      // Done meanwhile, or closed: no fresh link for an action that cannot be done any more.
      const state = await queryDossier(client, parsedId.data);
      const personne = personneDuLien(state, verified.claims.personne);
      if (dejaFaitOuFerme(res, servie.page, { claims: verified.claims, ...(personne ? { personne } : {}), state, libelle: api.libelle })) return;
    }
    const envoye = await demanderNouveauLien(client, taskQueue, verified.claims, (state) => personneDuLien(state, verified.claims.personne));
    if (!envoye) {
      const introuvable = 'Nous ne retrouvons pas le ou la destinataire de ce lien dans le dossier. Contactez votre interlocutrice UNML.';
      sendMessage(res, 404, 'Envoi impossible', [introuvable], 'alerte');
      return;
    }
    sendMessage(
      res,
      202,
      'Un nouveau lien vous a été envoyé',
      ['Un nouveau lien personnel vient d’être envoyé à l’adresse électronique qui avait reçu le précédent. ' + 'Il peut mettre quelques minutes à arriver.'],
      'succes',
    );
  });

  return router;
}

/** Answers the page of an action already done (200) or no longer possible (410), and returns true; false otherwise. */
function dejaFaitOuFerme(res: Response, page: PageAction, c: Contexte): boolean {
  const fait = page.dejaFait?.(c);
  if (fait) {
    sendMessage(
      res,
      200,
      page.titre,
      [phraseDejaFait(fait), ...(fait.details ?? []), 'Rien d’autre n’est attendu de vous ici. Pour toute question, contactez votre interlocutrice UNML.'],
      'succes',
    );
    return true;
  }
  const ferme = page.ferme?.(c);
  if (ferme) {
    sendMessage(res, 410, page.titre, [ferme, 'Pour toute question, contactez votre interlocutrice UNML.'], 'alerte');
    return true;
  }
  return false;
}

function messageChamp(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small' && issue.origin === 'string') return 'Ce champ est obligatoire.';
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'Indiquez un nombre.';
  if (issue.code === 'invalid_format' && issue.format === 'datetime') return 'Indiquez une date et une heure valides.';
  return issue.message;
}
