// /agir/<dossier>/documents?jeton=…: the Compagnonnage's documents page of a participant's link (agir/documents.ts):
// GET lists the documents (each downloaded at /agir/<dossier>/documents/<n°>?jeton=…) with a form to share one more;
// POST (multipart/form-data, so without JavaScript) checks and stores the file like an Appui Conseil deliverable, then
// sends the deposerDocument update as the link's holder (role and source `lien`). The link is not consumed.
import { Router, type Request, type Response } from 'express';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { ActionLinks, ActionLinkClaims } from '../../../activities/action-links';
import type { Recipient } from '../../../activities/email/kinds';
import type { Config } from '../../../config';
import { tailleFr } from '../../../domain/format';
import * as M from '../../../workflows/compagnonnage/messages';
import { ETAPES_DOCUMENTS, ETAPES_FINALES, type CompagnonnageState } from '../../../workflows/compagnonnage/state';
import type { ContexteAction } from '../../../workflows/shared/handlers';
import { dossierIdSchema } from '../../common';
import { documentDe, envoyerDocument } from '../../documents/router';
import { documentParamsSchema } from '../../documents/schemas';
import { limiteFormulaire } from '../../documents/fichiers';
import { fichiersDe, formulaireMultipart } from '../../documents/multipart';
import { dispositifApiOf } from '../../dossiers/dispositifs';
import { queryDossier } from '../../dossiers/router';
import { classifyError } from '../../errors';
import { partageFerme, lireDepot, vueDocuments } from '../documents-echanges';
import { alerteErreurs, sendMessage, sendPage, templateFile } from '../render';
import { contexteDuDossier, personneDuLien } from './dossier';
import { EXPLICATION } from './documents';

const pageTpl = templateFile<{ titre: string; contexte: { libelle: string; valeur: string }[]; explication: string[]; bloc: string }>(
  __dirname,
  'documents.hbs',
);
const expireTpl = templateFile<{ action: string; jeton: string }>(__dirname, 'expire.hbs');

const TITRE = 'Documents de l’accompagnement';
const texte = (v: unknown) => (typeof v === 'string' ? v : '');

interface Ouvert {
  id: string;
  jeton: string;
  claims: ActionLinkClaims;
  personne?: Recipient;
  state: CompagnonnageState;
}

export function documentsLienRouter(client: Client, config: Config, links: ActionLinks, logger: Logger): Router {
  const router = Router();

  /** The link's checks (signature, dossier, expiry); answers the page itself and returns undefined when it cannot go on. */
  async function ouvrir(req: Request, res: Response, jeton: string, expireOk = false): Promise<Ouvert | undefined> {
    const parsed = dossierIdSchema.safeParse(req.params.id);
    if (!parsed.success || dispositifApiOf(parsed.data).dispositif !== 'compagnonnage') {
      sendMessage(
        res,
        404,
        'Page introuvable',
        ['Cette adresse ne correspond à aucune action. Utilisez le lien reçu par courriel, sans le modifier.'],
        'alerte',
      );
      return undefined;
    }
    const id = parsed.data;
    const verified = await links.verify(jeton, { dossierId: id, action: 'documents' });
    if (!verified.ok && verified.raison === 'invalide') {
      sendMessage(
        res,
        403,
        'Ce lien n’est pas valide',
        [
          'Ce lien est incomplet, a été modifié, ou ne correspond pas à ce dossier.',
          'Utilisez le lien tel que vous l’avez reçu par courriel (en le copiant en entier), ou contactez votre interlocutrice UNML.',
        ],
        'alerte',
      );
      return undefined;
    }
    if (!verified.ok && !expireOk) {
      sendPage(res, 410, 'Ce lien a expiré', expireTpl({ action: `/agir/${id}/documents/nouveau-lien`, jeton }));
      return undefined;
    }
    let state: CompagnonnageState;
    try {
      state = (await queryDossier(client, id)) as CompagnonnageState;
    } catch (err) {
      if (classifyError(err)?.status === 404) {
        sendMessage(res, 404, 'Dossier introuvable', [`Le dossier ${id} n’existe pas ou plus.`], 'alerte');
        return undefined;
      }
      throw err;
    }
    const personne = personneDuLien(state, verified.claims.personne);
    if (!personne) {
      sendMessage(
        res,
        403,
        'Ce lien n’est plus valable',
        ['Vous ne participez plus à ce dossier. Pour toute question, contactez votre interlocutrice UNML.'],
        'alerte',
      );
      return undefined;
    }
    return { id, jeton, claims: verified.claims, personne, state };
  }

  function page(
    res: Response,
    status: number,
    o: Ouvert,
    opts: { valeurs?: Record<string, string>; erreurs?: Record<string, string>; confirmation?: string } = {},
  ) {
    const termine = (ETAPES_FINALES as readonly string[]).includes(o.state.etape);
    const ferme = partageFerme(o.state, ETAPES_DOCUMENTS, termine);
    const n = Object.keys(opts.erreurs ?? {}).length;
    const jeton = encodeURIComponent(o.jeton);
    const bloc = vueDocuments({
      ancre: 'documents',
      state: o.state,
      lien: (numero) => `/agir/${o.id}/documents/${numero}?jeton=${jeton}`,
      ...(opts.confirmation ? { confirmation: opts.confirmation } : {}),
      ...(ferme ? { ferme } : {}),
      ...(ferme
        ? {}
        : {
            formulaire: {
              action: `/agir/${o.id}/documents`,
              caches: [{ nom: 'jeton', valeur: o.jeton }],
              maxOctets: config.LIVRABLES_MAX_BYTES,
              ...(opts.valeurs ? { valeurs: opts.valeurs } : {}),
              ...(opts.erreurs ? { erreurs: opts.erreurs } : {}),
              ...(n > 0 ? { alerte: alerteErreurs(n) } : {}),
            },
          }),
    });
    const explication = [EXPLICATION, 'Ce lien vous est personnel : il sert jusqu’à son expiration, merci de ne pas le transférer.'];
    sendPage(res, status, TITRE, pageTpl({ titre: TITRE, contexte: contexteDuDossier(o.state), explication, bloc }));
  }

  router.get('/agir/:id/documents', async (req, res) => {
    const o = await ouvrir(req, res, texte(req.query.jeton));
    if (!o) return;
    const depose = Number(req.query.depose);
    const doc = Number.isInteger(depose) ? o.state.documents?.find((d) => d.numero === depose) : undefined;
    page(res, 200, o, doc ? { confirmation: `Document n° ${doc.numero} « ${doc.titre} » partagé : l’autre direction et l’UNML en sont prévenues.` } : {});
  });

  router.get('/agir/:id/documents/:numero', async (req, res) => {
    const o = await ouvrir(req, res, texte(req.query.jeton));
    if (!o) return;
    const numero = documentParamsSchema.safeParse(req.params);
    const doc = numero.success ? o.state.documents?.find((d) => d.numero === numero.data.numero) : undefined;
    if (!numero.success || !doc) {
      sendMessage(res, 404, 'Document introuvable', ['Ce document n’existe pas dans ce dossier.'], 'alerte');
      return;
    }
    await envoyerDocument(res, config.DATA_DIR, o.id, documentDe(o.state, doc.numero));
  });

  const multipart = formulaireMultipart(limiteFormulaire(config), (_req, res) =>
    sendMessage(
      res,
      413,
      'Fichier trop volumineux',
      [
        `Un document ne peut dépasser ${tailleFr(config.LIVRABLES_MAX_BYTES)} : rien n’a été partagé.`,
        'Revenez à la page précédente pour choisir un fichier plus léger (PDF compressé, images allégées) ou le partager en plusieurs parties.',
      ],
      'alerte',
    ),
  );

  router.post('/agir/:id/documents', multipart, async (req, res) => {
    const champs = (req.body ?? {}) as Record<string, string>;
    const o = await ouvrir(req, res, texte(champs.jeton));
    if (!o) return;
    const valeurs = { titre: champs.titre ?? '', note: champs.note ?? '' };
    const termine = (ETAPES_FINALES as readonly string[]).includes(o.state.etape);
    const ferme = partageFerme(o.state, ETAPES_DOCUMENTS, termine);
    if (ferme) {
      sendMessage(res, 409, 'Partage impossible', [ferme, 'Rien n’a été enregistré. Pour toute question, contactez votre interlocutrice UNML.'], 'alerte');
      return;
    }
    const role = o.claims.role === 'ml' || o.claims.role === 'intervenant' ? o.claims.role : undefined;
    if (!role) {
      sendMessage(res, 403, 'Ce lien n’est pas valide', ['Ce lien ne permet pas de partager de document.'], 'alerte');
      return;
    }
    const { input, erreurs } = await lireDepot(champs, fichiersDe(res).fichier, {
      config,
      dossierId: o.id,
      role,
      ...(o.personne ? { par: o.personne.nom } : {}),
    });
    if (!input) {
      page(res, Object.values(erreurs).some((e) => e?.includes('ne peut dépasser')) ? 413 : 400, o, { valeurs, erreurs: erreurs as Record<string, string> });
      return;
    }
    // The link's holder acts; no token id: this link is not single-shot.
    const meta: ContexteAction = { acteur: { role, source: 'lien' } };
    try {
      const state = await client.workflow.getHandle(o.id).executeUpdate(M.deposerDocument, { args: [input, meta] as never });
      const doc = state.documents?.at(-1);
      logger.info({ dossierId: o.id, action: 'documents', via: 'lien', etape: state.etape }, 'action applied');
      res.redirect(303, `/agir/${o.id}/documents?jeton=${encodeURIComponent(o.jeton)}${doc ? `&depose=${doc.numero}` : ''}#documents`);
    } catch (err) {
      const known = classifyError(err);
      if (known?.status === 409) {
        sendMessage(
          res,
          409,
          'Partage impossible',
          [known.body.message, 'Rien n’a été enregistré. Pour toute question, contactez votre interlocutrice UNML.'],
          'alerte',
        );
        return;
      }
      throw err;
    }
  });

  return router;
}
