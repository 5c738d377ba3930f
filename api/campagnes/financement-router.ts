// A campaign's indicators, funding and survey over HTTP (issue #13; seed 004, seed 002), from its workflow's state
// (`getCampagne`); the computation is pure (financement.ts, domain/financement.ts):
// - PUT  /api/campagnes/:id/indicateurs/:annee  the axes 1–2 values of a funding year, as JSON or as a CSV file
//   (Content-Type: text/csv; columns code_ml;nom_ml;i1;…, domain/financement-csv.ts): every error at once, by path or
//   by line and column, and nothing recorded; then the campaign's `enregistrerIndicateurs` Update (refused: 409).
// - GET  /api/campagnes/:id/financement/:annee  the computation as JSON, or CSV (?format=csv or Accept: text/csv).
// - GET  /campagnes/:id/financement/:annee[/:ml]  the printable French pages, for the campaign and for one ML.
// - GET  /api/campagnes/:id/enquete             the survey of the directors: per question, the share in favour.
import express, { Router, type Request, type Response } from 'express';
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { financementCsv, lireValeursCsv } from '../../domain/financement-csv';
import { enregistrerIndicateurs, getCampagne, type CampagneVue, type IndicateursInput } from '../../workflows/campagne/messages';
import { accesDe } from '../acces/middleware';
import { contexteDe } from '../dossiers/contexte';
import { ApiError, classifyError, type ErrorBody } from '../errors';
import { sendMessage, sendPage, templateFile } from '../pages/render';
import {
  campagneAnneeMlParamsSchema,
  campagneAnneeParamsSchema,
  campagneParamsSchema,
  financementDeCampagne,
  financementQuerySchema,
  indicateursBodySchema,
  modeleFinancementCampagne,
  modeleFinancementMl,
  resultatsEnqueteDeCampagne,
  verifierValeurs,
  type ErreurValeur,
  type ModeleFinancementCampagne,
  type ModeleFinancementMl,
} from './financement';

export interface FinancementCampagneDeps {
  client: Client;
}

/** A CSV of indicators: a line per ML, a dozen columns; 1 Mo is far above any région's file. */
export const LIMITE_CSV_INDICATEURS = '1mb';
const TYPES_CSV = ['text/csv', 'application/csv'];

const pageCampagneTpl = templateFile<ModeleFinancementCampagne>(__dirname, 'financement-campagne.hbs');
const pageMlTpl = templateFile<ModeleFinancementMl>(__dirname, 'financement-ml.hbs');

const estInconnue = (err: unknown): boolean => {
  for (let e: unknown = err, n = 0; e instanceof Error && n < 10; e = e.cause, n++) if (e instanceof WorkflowNotFoundError) return true;
  return false;
};

/** The campaign as its workflow answers it; 404 for an unknown reference. */
async function campagne(client: Client, id: string): Promise<CampagneVue> {
  try {
    return await client.workflow.getHandle(id).query(getCampagne);
  } catch (err) {
    if (estInconnue(err)) throw new ApiError(404, 'not_found', `Campagne inconnue : ${id}. Vérifiez l’identifiant (CAM-XXXXXXXXXX).`);
    throw err;
  }
}

/** 400 with every error of the values sent: `erreurs` as they are (CSV: line and column), `details` by path for forms. */
function refuserValeurs(res: Response, erreurs: ErreurValeur[], csv: boolean): void {
  const ou = (e: ErreurValeur) => (e.ligne !== undefined ? `ligne ${e.ligne}${e.colonne ? `, colonne ${e.colonne}` : ''}` : (e.chemin ?? '(racine)'));
  const resume = erreurs
    .slice(0, 3)
    .map((e) => `${ou(e)} : ${e.message}`)
    .join(' ; ');
  const n = erreurs.length;
  const body: ErrorBody & { erreurs: ErreurValeur[] } = {
    error: csv ? 'csv_invalide' : 'validation',
    message:
      `${csv ? 'Le fichier CSV' : 'La requête'} contient ${n > 1 ? `${n} erreurs` : 'une erreur'}, rien n’est enregistré : ` +
      `${resume}${n > 3 ? ' ; …' : ''}`,
    details: erreurs.map((e) => ({ path: ou(e), message: e.message })),
    erreurs,
  };
  res.status(400).json(body);
}

/** The HTML answer of an error on a page: the API's status and French message, in the layout. */
function pageErreur(res: Response, err: unknown): boolean {
  const connue = classifyError(err);
  if (!connue || connue.status >= 500) return false;
  const titres: Record<number, string> = { 400: 'Adresse invalide', 404: 'Introuvable', 409: 'Financement pas encore calculable' };
  const details = Array.isArray(connue.body.details) ? connue.body.details.map((d) => d.message) : [];
  const paragraphes = connue.status === 409 && details.length ? [connue.body.message.replace(/ :.*$/s, ' :'), ...details] : [connue.body.message];
  sendMessage(res, connue.status === 400 ? 404 : connue.status, titres[connue.status] ?? 'Erreur', paragraphes, 'alerte');
  return true;
}

export function financementCampagneRouter({ client }: FinancementCampagneDeps): Router {
  const router = Router();
  const csvTexte = express.text({ type: TYPES_CSV, limit: LIMITE_CSV_INDICATEURS, defaultCharset: 'utf-8' });

  router.put('/api/campagnes/:id/indicateurs/:annee', csvTexte, async (req: Request, res: Response) => {
    const { id, annee } = campagneAnneeParamsSchema.parse(req.params);
    const estCsv = Boolean(req.is(TYPES_CSV));
    if (!estCsv && !req.is('application/json')) {
      throw new ApiError(
        415,
        'type_non_supporte',
        'Envoyez les valeurs en JSON (Content-Type: application/json, { "mls": [{ "code": …, "valeurs": { "i1": … } }] }) ' +
          'ou en CSV (Content-Type: text/csv, colonnes code_ml;nom_ml;i1;…).',
      );
    }
    const vue = await campagne(client, id);
    let mls: IndicateursInput['mls'];
    let par: string | undefined;
    if (estCsv) {
      const lecture = lireValeursCsv(typeof req.body === 'string' ? req.body : '', vue.financement.axes);
      if (!lecture.ok) {
        refuserValeurs(res, lecture.erreurs, true);
        return;
      }
      // The file's lines are its MLs, in order, after the header (line 1).
      const erreurs = verifierValeurs(vue, lecture.mls, (i) => i + 2);
      if (erreurs.length) {
        refuserValeurs(res, erreurs, true);
        return;
      }
      mls = lecture.mls.map((m) => ({ code: m.code, valeurs: { ...m.valeurs } }));
      par = typeof req.query.par === 'string' && req.query.par.trim() ? req.query.par.trim().slice(0, 200) : undefined;
    } else {
      const body = indicateursBodySchema.parse(req.body ?? {});
      const erreurs = verifierValeurs(vue, body.mls);
      if (erreurs.length) {
        refuserValeurs(res, erreurs, false);
        return;
      }
      mls = body.mls;
      par = body.par;
    }
    par ??= accesDe(res)?.compte.nom;
    const input: IndicateursInput = { annee, mls, ...(par ? { par } : {}) };
    let apres: CampagneVue;
    try {
      apres = await client.workflow.getHandle(id).executeUpdate(enregistrerIndicateurs, { args: [input, contexteDe(res)] as never });
    } catch (err) {
      if (estInconnue(err)) throw new ApiError(409, 'action_refusee', `La campagne ${id} est terminée : ses indicateurs ne peuvent plus changer.`);
      throw err;
    }
    const enregistre = apres.indicateurs.filter((i) => i.annee === annee).at(-1);
    let financement: { calculable: boolean; lien: string; raisons?: string[] } = { calculable: true, lien: `/api/campagnes/${id}/financement/${annee}` };
    try {
      financementDeCampagne(apres, annee);
    } catch (err) {
      const connue = classifyError(err);
      const raisons = connue && Array.isArray(connue.body.details) ? connue.body.details.map((d) => d.message) : [connue?.body.message ?? String(err)];
      financement = { ...financement, calculable: false, raisons };
    }
    res.json({ campagneId: id, annee, enregistreLe: enregistre?.le, mls: (enregistre?.mls ?? mls).map((m) => m.code), financement });
  });

  router.get('/api/campagnes/:id/financement/:annee', async (req, res) => {
    const { id, annee } = campagneAnneeParamsSchema.parse(req.params);
    const { format } = financementQuerySchema.parse(req.query);
    const f = financementDeCampagne(await campagne(client, id), annee);
    res.vary('Accept');
    if (format === 'csv' || (format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv')) {
      // The id is CAM-[0-9A-F] and the year 4 digits (validated): the quoted filename needs no escaping.
      res.type('text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename="financement-${id}-${annee}.csv"`).send(financementCsv(f));
      return;
    }
    res.json(f);
  });

  router.get('/api/campagnes/:id/enquete', async (req, res) => {
    const { id } = campagneParamsSchema.parse(req.params);
    res.json(resultatsEnqueteDeCampagne(await campagne(client, id)));
  });

  router.get('/campagnes/:id/financement/:annee', async (req, res) => {
    try {
      const { id, annee } = campagneAnneeParamsSchema.parse(req.params);
      const vue = await campagne(client, id);
      const modele = modeleFinancementCampagne(vue, annee, financementDeCampagne(vue, annee));
      sendPage(res, 200, modele.titre, pageCampagneTpl(modele));
    } catch (err) {
      if (!pageErreur(res, err)) throw err;
    }
  });

  router.get('/campagnes/:id/financement/:annee/:ml', async (req, res) => {
    try {
      const { id, annee, ml } = campagneAnneeMlParamsSchema.parse(req.params);
      const vue = await campagne(client, id);
      const modele = modeleFinancementMl(vue, annee, financementDeCampagne(vue, annee), ml);
      if (!modele) {
        const retiree = vue.mls.find((m) => m.code === ml && m.retrait);
        sendMessage(
          res,
          404,
          'Mission Locale introuvable',
          [
            retiree
              ? `${retiree.nom} s’est retirée de la campagne (${retiree.retrait!.motif}) : elle n’a pas de financement ${annee}.`
              : `La Mission Locale ${ml} ne fait pas partie de la campagne ${id}.`,
          ],
          'alerte',
        );
        return;
      }
      sendPage(res, 200, modele.titre, pageMlTpl(modele));
    } catch (err) {
      if (!pageErreur(res, err)) throw err;
    }
  });

  return router;
}
