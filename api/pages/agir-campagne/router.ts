// The pages of a regional campaign's personal links (/agir/CAM-…/<action>?jeton=…), mounted before the dossiers'
// (api/pages/agir/router.ts), which know only dossier ids: any other id goes on to them. GET shows the form with the
// campaign's context, POST sends the Update with the link's token id (single-shot: the workflow's actionRegistrar
// refuses a second use) and shows what was recorded, or the refusal, or the form again with its field errors.
import { join } from 'node:path';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Logger } from 'pino';
import type { ActionLinks } from '../../../activities/action-links';
import { ACTIONS_LIEN, type ActionLien, type DossierRef } from '../../../activities/email/kinds';
import { REGIONS } from '../../../domain/regions';
import { getCampagne, getMlCampagne } from '../../../workflows/campagne/messages';
import { getLiensUtilises, LIEN_DEJA_UTILISE, type ContexteAction } from '../../../workflows/shared/handlers';
import type { RenvoiLienInput } from '../../../workflows/shared/renvoi-lien';
import { envoyerFichier } from '../../campagnes/fichiers';
import { classifyError } from '../../errors';
import { LIBELLES_ACTIONS_LIEN } from '../agir/renvoi';
import { alerteErreurs, sendMessage, sendPage, templateFile, type Champ } from '../render';
import {
  contexteDe,
  LIENS_CAMPAGNE_ID,
  PAGES_CAMPAGNE,
  personneDuLien,
  phraseDejaFait,
  type Cible,
  type ContexteCampagne,
  type PageCampagne,
  type Valeurs,
} from './pages';

const formTpl = templateFile<{
  titre: string;
  contexte: { libelle: string; valeur: string }[];
  explication: string[];
  document?: ReturnType<NonNullable<PageCampagne['document']>>;
  champs: Champ[];
  jeton: string;
  action: string;
  bouton: string;
  erreurGlobale?: string;
}>(__dirname, 'formulaire.hbs');
const recapTpl = templateFile<{ titre: string; lignes: { libelle: string; valeur: string }[]; suite: string }>(__dirname, 'recapitulatif.hbs');
// The same « Ce lien a expiré » page as a dossier's links.
const expireTpl = templateFile<{ action: string; jeton: string }>(join(__dirname, '..', 'agir'), 'expire.hbs');

const texteRequis = (v: unknown) => (typeof v === 'string' ? v : '');
const estActionLien = (nom: string): nom is ActionLien => (ACTIONS_LIEN as readonly string[]).includes(nom);
const CONTACT = 'Pour toute question, contactez l’UNML.';

/** A link's page, opened: its page, the id it names, and what the page knows. */
interface Ouverte {
  page: PageCampagne;
  nom: ActionLien;
  c: ContexteCampagne;
}

async function lireCible(client: Client, id: string, type: Cible['type']): Promise<Cible> {
  const handle = client.workflow.getHandle(id);
  return type === 'campagne' ? { type, state: await handle.query(getCampagne) } : { type, state: await handle.query(getMlCampagne) };
}

async function liensUtilises(client: Client, id: string): Promise<string[]> {
  try {
    return await client.workflow.getHandle(id).query(getLiensUtilises);
  } catch {
    return [];
  }
}

/** The campaign's reference of the emails about it (the fresh link's email). */
function dossierRef(cible: Cible): DossierRef {
  return cible.type === 'campagne'
    ? { dossierId: cible.state.campagneId, dispositif: 'campagne', mlNom: cible.state.nom, regionNom: REGIONS[cible.state.region] }
    : { dossierId: cible.state.dossierId, dispositif: 'campagne', mlNom: cible.state.ml.nom, regionNom: REGIONS[cible.state.region] };
}

export function campagneLiensRouter(client: Client, config: { TASK_QUEUE: string; DATA_DIR: string }, links: ActionLinks, logger: Logger): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '100kb' });

  /** Ids of a campaign (CAM-…) only; a dossier's go on to the dossiers' link pages. */
  const campagneSeulement = (req: Request, _res: Response, next: NextFunction) => {
    if (String(req.params.id ?? '').startsWith('CAM-')) next();
    else next('router');
  };

  /** The checks common to GET and POST; answers the page itself and returns undefined when it cannot go on. */
  async function ouvrir(req: Request, res: Response, jeton: string, pourNouveauLien = false): Promise<Ouverte | undefined> {
    const id = String(req.params.id);
    const nom = String(req.params.action);
    const page = estActionLien(nom) ? PAGES_CAMPAGNE[nom] : undefined;
    if (!page || !LIENS_CAMPAGNE_ID[page.cible].test(id)) {
      sendMessage(
        res,
        404,
        'Page introuvable',
        ['Cette adresse ne correspond à aucune action. Utilisez le lien reçu par courriel, sans le modifier.'],
        'alerte',
      );
      return undefined;
    }
    const verified = await links.verify(jeton, { dossierId: id, action: nom as ActionLien });
    if (!verified.ok && verified.raison === 'invalide') {
      sendMessage(
        res,
        403,
        'Ce lien n’est pas valide',
        [
          'Ce lien est incomplet, a été modifié, ou ne correspond pas à cette action ou à cette campagne.',
          'Utilisez le lien tel que vous l’avez reçu par courriel (en le copiant en entier), ou contactez l’UNML.',
        ],
        'alerte',
      );
      return undefined;
    }
    let cible: Cible;
    try {
      cible = await lireCible(client, id, page.cible);
    } catch (err) {
      if (classifyError(err)?.status === 404) {
        sendMessage(res, 404, 'Campagne introuvable', [`La démarche de progrès ${id} n’existe pas ou plus.`], 'alerte');
        return undefined;
      }
      throw err;
    }
    const personne = personneDuLien(cible, verified.claims.personne);
    const c: ContexteCampagne = { id, jeton, claims: verified.claims, cible, ...(personne ? { personne } : {}) };
    if (!personne) {
      sendMessage(
        res,
        404,
        page.titre,
        ['Nous ne vous retrouvons pas parmi les directions et les présidences des Missions Locales de cette démarche de progrès.', CONTACT],
        'alerte',
      );
      return undefined;
    }
    // Already done, or no longer possible: said so, never the form (nor, for an expired link, a fresh link).
    const fait = page.dejaFait(c);
    if (fait) {
      const rien = 'Rien d’autre n’est attendu de vous ici. Pour toute question, contactez l’UNML.';
      sendMessage(res, 200, page.titre, [phraseDejaFait(fait), ...(fait.details ?? []), rien], 'succes');
      return undefined;
    }
    const ferme = page.ferme(c);
    if (ferme) {
      sendMessage(res, 410, page.titre, [ferme, CONTACT], 'alerte');
      return undefined;
    }
    if (pourNouveauLien) return { page, nom: nom as ActionLien, c };
    if (!verified.ok) {
      sendPage(res, 410, 'Ce lien a expiré', expireTpl({ action: `/agir/${id}/${nom}/nouveau-lien`, jeton }));
      return undefined;
    }
    if ((await liensUtilises(client, id)).includes(verified.claims.jti)) {
      sendMessage(res, 200, 'Ce lien a déjà été utilisé', [
        `Merci : l’action « ${page.titre} » a déjà été enregistrée avec ce lien.`,
        'Chaque lien ne sert qu’une fois. Pour toute autre démarche, contactez l’UNML.',
      ]);
      return undefined;
    }
    return { page, nom: nom as ActionLien, c };
  }

  function formulaire(o: Ouverte, champs: Champ[], erreurGlobale?: string): string {
    const { page, nom, c } = o;
    const document = page.document?.(c);
    return formTpl({
      titre: page.titre,
      contexte: contexteDe(c),
      explication: page.explication(c),
      ...(document ? { document } : {}),
      champs,
      jeton: c.jeton,
      action: `/agir/${c.id}/${nom}`,
      bouton: page.bouton,
      ...(erreurGlobale !== undefined ? { erreurGlobale } : {}),
    });
  }

  router.get('/agir/:id/:action', campagneSeulement, async (req, res) => {
    const o = await ouvrir(req, res, texteRequis(req.query.jeton));
    if (!o) return;
    // The page's stored file (the support, the état des lieux), from the same link (never once it is used or expired, nor once done).
    const fichier = req.query.fichier === '1' ? o.page.fichier?.(o.c) : undefined;
    if (fichier) {
      res.setHeader('Cache-Control', 'private, no-store');
      await envoyerFichier(res, config, o.c.id, fichier);
      return;
    }
    sendPage(res, 200, o.page.titre, formulaire(o, o.page.champs(o.c, {})));
  });

  router.post('/agir/:id/:action', campagneSeulement, form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const o = await ouvrir(req, res, texteRequis(body.jeton));
    if (!o) return;
    const { page, c } = o;
    const valeurs: Valeurs = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const { input, erreurs } = page.versInput(valeurs, c);
    const n = Object.keys(erreurs).length;
    if (n > 0) {
      const champs = page.champs(c, valeurs).map((f) => (erreurs[f.nom] ? { ...f, erreur: erreurs[f.nom] } : f));
      sendPage(res, 400, page.titre, formulaire(o, champs, alerteErreurs(n)));
      return;
    }
    const meta: ContexteAction = { acteur: { role: 'ml', source: 'lien' }, lien: { jti: c.claims.jti } };
    try {
      await client.workflow.getHandle(c.id).executeUpdate(page.update, { args: [input, meta] });
      logger.info({ dossierId: c.id, action: page.update, via: 'lien' }, 'campaign action applied');
      sendPage(res, 200, page.titre, recapTpl({ titre: page.titre, lignes: page.recapitulatif(input, c), suite: page.suite }));
    } catch (err) {
      const known = classifyError(err);
      if (known?.status === 409 && known.body.message === LIEN_DEJA_UTILISE) {
        sendMessage(res, 200, 'Ce lien a déjà été utilisé', [known.body.message]);
      } else if (known?.status === 404) {
        sendMessage(res, 410, page.titre, ['La démarche de progrès est terminée : rien n’a été enregistré.', CONTACT], 'alerte');
      } else if (known?.status === 409 || known?.status === 400) {
        sendMessage(res, 409, 'Action impossible pour le moment', [known.body.message, 'Rien n’a été enregistré. ' + CONTACT], 'alerte');
      } else throw err;
    }
  });

  router.post('/agir/:id/:action/nouveau-lien', campagneSeulement, form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const jeton = texteRequis(body.jeton);
    const o = await ouvrir(req, res, jeton, true);
    if (!o) return;
    const { c, nom } = o;
    const input: RenvoiLienInput = {
      dossier: dossierRef(c.cible),
      destinataire: c.personne!.recipient,
      action: nom,
      actionLibelle: LIBELLES_ACTIONS_LIEN[nom],
      role: c.claims.role,
      ...(c.claims.objet !== undefined ? { objet: c.claims.objet } : {}),
      jtiExpire: c.claims.jti,
    };
    try {
      await client.workflow.start('renvoyerLienAction', { taskQueue: config.TASK_QUEUE, workflowId: `lien-${c.claims.jti}`, args: [input] });
    } catch (err) {
      // A second request for the same expired link sends nothing more.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    sendMessage(
      res,
      202,
      'Un nouveau lien vous a été envoyé',
      ['Un nouveau lien personnel vient d’être envoyé à l’adresse électronique qui avait reçu le précédent. Il peut mettre quelques minutes à arriver.'],
      'succes',
    );
  });

  return router;
}
