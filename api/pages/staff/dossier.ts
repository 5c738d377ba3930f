// /staff/dossiers/:id: the back office's page of one dossier (issue #12), for every dispositif through its descriptor:
// the summary (step, interlocutrice, next deadline, what it waits for and from whom), its documents, the actions
// possible now as forms built from the API's own zod schemas (api/pages/staff/champs-zod.ts) and sent through the
// same `execute` as the API, the staff-only notes, the agenda and the timeline (who, role, when, source).
// GET for `lecture` and up; POST for `charge_mission` and up (api/acces/routes.ts), each form with its CSRF token.
import express, { Router, type Request, type Response } from 'express';
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Logger } from 'pino';
import type { Config } from '../../../config';
import { LIBELLES_ROLES, roleSuffit, type ComptesStore } from '../../../db/comptes-store';
import type { VivierStore } from '../../../db/store';
import { dateHeureFr, dureeFr } from '../../../domain/format';
import { REGIONS } from '../../../domain/regions';
import type { NoteInterne } from '../../../workflows/shared/state';
import { accesDe, acteurDe, jetonCsrf } from '../../acces/middleware';
import { interlocutricesPossibles } from '../../comptes/interlocutrice';
import { dossierIdSchema, temporalUiLink } from '../../common';
import { ACCOMPAGNEMENTS_PROPOSABLES } from '../../../domain/diagnostic';
import type { DiagnosticState } from '../../../workflows/diagnostic/state';
import type { DossierAction } from '../../dossiers/actions';
import { ajouterNoteInterne, contexteDe } from '../../dossiers/contexte';
import type { DispositifApi } from '../../dossiers/descripteur';
import { dispositifApiOf } from '../../dossiers/dispositifs';
import { queryDossier, type AnyDossierState } from '../../dossiers/router';
import { classifyError } from '../../errors';
import { lignesCourriels, lignesTimeline, type LigneCourriel, type LigneTimeline } from './historique';
import { formulaireActionTpl } from './formulaire-action';
import { alerteErreurs, sendMessage, sendPage, templateFile, type Champ } from '../render';
import { ajoutDeLigne, champsDuFormulaire, champsDuSchema, erreursParChamp, lireFormulaire, type ChampZod, type Erreurs, type Valeurs } from './champs-zod';
import { blocDesignation, estAutre, type RetourDesignation } from './designation';
import { blocDocuments, confirmationDocument, routeDocuments, type RetourDocuments } from './documents'; // Compagnonnage: documents échangés

interface Ligne {
  libelle: string;
  valeur: string;
  retard?: boolean;
  /** The value as a link (another dossier's page). */
  lien?: string;
}

interface Modele {
  id: string;
  confirmation?: string;
  alerte?: { titre: string; messages: string[] };
  resume: Ligne[];
  liens: { document: string; json: string; temporal: string };
  livrables: { numero: number; nom: string; lien: string; le: string; par?: string }[];
  lectureSeule: boolean;
  role: string;
  termine: boolean;
  actions: string[];
  /** At a designation step: the pool's ranking with its confirm buttons (designation.ts). */
  designation?: string;
  autres: string[];
  autresOuvert: boolean;
  notes: { le: string; qui?: string; texte: string }[];
  noteForm?: { action: string; champs: Champ[] };
  csrf: string;
  agenda: { le: string; titre: string; annule: boolean; duree: string; participants: string }[];
  courriels: LigneCourriel[];
  timeline: LigneTimeline[];
  /** Compagnonnage: the "Documents échangés" block (staff/documents.ts), rendered. */
  documentsEchanges?: string;
}

const pageTpl = templateFile<Modele>(__dirname, 'dossier.hbs');
const actionTpl = formulaireActionTpl;

const ETAPES_FINALES = ['cloture', 'non_recevable', 'declinee', 'caduque', 'abandonnee'];

/** The name of a form's field for one action (several forms on a page: their ids must differ). */
const ancreDe = (path: string) => `a-${path.replace(/[^a-z0-9]+/gi, '-')}`;
const prefixeDe = (path: string) => `${ancreDe(path)}__`;

type Choix = NonNullable<Champ['options']>[number];

type SuiteDiagnostic = NonNullable<DiagnosticState['suite']>;

/** "Issu du diagnostic DGN-…", "A conduit à CMP-…", or the proposal still awaiting the direction's answer. */
function lignesSuite(s: { issuDe?: string; aConduitA?: string; suite?: SuiteDiagnostic }): Ligne[] {
  const lignes: Ligne[] = [];
  if (s.issuDe) lignes.push({ libelle: 'Issu du diagnostic', valeur: s.issuDe, lien: `/staff/dossiers/${s.issuDe}` });
  if (s.aConduitA) lignes.push({ libelle: 'A conduit à', valeur: s.aConduitA, lien: `/staff/dossiers/${s.aConduitA}` });
  else if (s.suite) {
    const nom = ACCOMPAGNEMENTS_PROPOSABLES[s.suite.dispositif];
    const r = s.suite.reponse;
    const valeur = s.suite.expireeLe
      ? `${nom} proposé, sans réponse de la direction (délai passé le ${dateHeureFr(s.suite.jusquAu)})`
      : !r
        ? `${nom} proposé, en attente de la réponse de la direction (jusqu’au ${dateHeureFr(s.suite.jusquAu)})`
        : r.accepte
          ? `${nom} accepté${s.suite.nonRecevable?.length ? ` mais demande non recevable : ${s.suite.nonRecevable.join(' ')}` : ''}`
          : `${nom} décliné par la direction${r.motif ? ` : ${r.motif}` : ''}`;
    lignes.push({ libelle: 'Accompagnement proposé', valeur });
  }
  return lignes;
}

/** The interlocutrice of a form (accept, hand over): a choice among the accounts that may be one, not an identifier to type. */
function choixInterlocutrice(c: Champ, interlocutrices: Choix[]): Champ {
  const { valeur, ...reste } = c;
  return { ...reste, libelle: 'Interlocutrice UNML', type: 'select', options: interlocutrices.map((o) => ({ ...o, choisi: o.valeur === valeur })) };
}

/** What a form shows when it comes back: its values, its errors, its alert. */
interface Retour {
  path: string;
  valeurs: Valeurs;
  erreurs: Erreurs;
  alerte?: string;
  autres?: string[];
}

export function dossierStaffRouter(
  client: Client,
  config: Config,
  logger: Logger,
  comptes: Pick<ComptesStore, 'getCompte' | 'listComptes'>,
  vivier: VivierStore,
): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '200kb' });

  const champsParAction = new Map<DossierAction, ChampZod[]>();
  const champsDe = (a: DossierAction) => {
    let c = champsParAction.get(a);
    if (!c) champsParAction.set(a, (c = champsDuSchema(a.schema)));
    return c;
  };

  function formulaireAction(id: string, a: DossierAction, csrf: string, interlocutrices: Choix[], retour?: Retour): string {
    const champs = champsDe(a);
    const mien = retour?.path === a.path ? retour : undefined;
    const prefixe = prefixeDe(a.path);
    return actionTpl({
      action: `/staff/dossiers/${id}/action#${ancreDe(a.path)}`,
      ancre: ancreDe(a.path),
      resume: a.summary,
      chemin: a.path,
      csrf,
      champs: champsDuFormulaire(champs, mien?.valeurs ?? {}, mien?.erreurs ?? {}, prefixe).map((c) =>
        c.nom === `${prefixe}interlocutrice.id` ? choixInterlocutrice(c, interlocutrices) : c,
      ),
      bouton: 'Enregistrer',
      ...(mien?.alerte ? { alerte: mien.alerte } : {}),
      ...(mien?.autres?.length ? { autres: mien.autres } : {}),
    });
  }

  /** The page of a dossier, as `res`'s account sees it (with a form sent back, a refusal or a confirmation). */
  async function page(
    res: Response,
    id: string,
    status: number,
    opts: {
      retour?: Retour;
      confirmation?: string;
      alerte?: Modele['alerte'];
      note?: { valeur: string; erreur?: string };
      designation?: RetourDesignation;
      documents?: RetourDocuments;
      documentConfirme?: string;
    } = {},
  ): Promise<void> {
    let state: AnyDossierState;
    try {
      state = await queryDossier(client, id);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError || classifyError(err)?.status === 404) {
        sendMessage(res, 404, 'Dossier introuvable', [`Le dossier ${id} n’existe pas.`], 'alerte');
        return;
      }
      throw err;
    }
    const api: DispositifApi = dispositifApiOf(id);
    const acces = accesDe(res);
    const peutAgir = acces ? roleSuffit(acces.role, 'charge_mission') : false;
    const csrf = jetonCsrf(res) ?? '';
    const termine = ETAPES_FINALES.includes(state.etape);
    const nomEtape = api.etapes[state.etape] ?? state.etape;
    const ml = state.demande.missionLocale;
    const e = state.prochaineEcheance;
    const attendu = api.attendus[state.etape];
    const interlocutrice = (state as { interlocutrice?: { nom: string; email: string } }).interlocutrice;
    const resume: Ligne[] = [
      { libelle: 'Référence', valeur: id },
      { libelle: 'Dispositif', valeur: api.libelle },
      { libelle: 'Mission Locale', valeur: `${ml.nom} (${ml.code})` },
      { libelle: 'Région', valeur: REGIONS[ml.region] ?? ml.region },
      { libelle: 'Étape', valeur: nomEtape },
      ...(state.issue ? [{ libelle: 'Issue', valeur: `${state.issue.motif} (le ${dateHeureFr(state.issue.le)})` }] : []),
      { libelle: 'Interlocutrice UNML', valeur: interlocutrice ? `${interlocutrice.nom} (${interlocutrice.email})` : 'aucune pour l’instant' },
      {
        libelle: 'Prochaine échéance',
        valeur: e ? `${e.quoi} — ${dateHeureFr(e.le)}` : 'aucune',
        ...(e && Date.parse(e.le) < Date.now() ? { retard: true } : {}),
      },
      ...(attendu && !termine ? [{ libelle: 'En attente de', valeur: attendu }] : []),
      { libelle: 'Déposée le', valeur: dateHeureFr((state as { creeLe?: string }).creeLe ?? state.timeline[0]?.at ?? '') },
      // What a Diagnostic led to, and where a dossier came from (issue #14): each links the other's page.
      ...lignesSuite(state as { issuDe?: string; aConduitA?: string; suite?: SuiteDiagnostic }),
    ];
    // The actions of the current step first; the others (other steps) folded, the workflow refusing them with its reason.
    const etapes = api.etapesDesActions ?? {};
    const maintenant = (a: DossierAction) => !etapes[a.path] || etapes[a.path]!.includes(state.etape);
    const retour = opts.retour;
    const agit = peutAgir && !termine;
    const interlocutrices: Choix[] = agit ? (await interlocutricesPossibles(comptes)).map((c) => ({ valeur: c.id, libelle: `${c.nom} (${c.email})` })) : [];
    const formulaire = (a: DossierAction) => formulaireAction(id, a, csrf, interlocutrices, retour);
    // Actions that carry a file in base64 (deliverables, documents) have no use as a form: the page's file blocks do it.
    const enFormulaire = api.actions.filter((a) => !a.bodyLimit);
    const actions = agit ? enFormulaire.filter(maintenant).map(formulaire) : [];
    const designation = agit ? await blocDesignation(api, client.workflow.getHandle(id), vivier, csrf, opts.designation) : undefined;
    const autresActions = agit ? enFormulaire.filter((a) => !maintenant(a)) : [];
    const livrables = ((state as { livrables?: { numero: number; nom: string; ajouteLe: string; par?: string }[] }).livrables ?? []).map((l) => ({
      numero: l.numero,
      nom: l.nom,
      lien: `/api/dossiers/${id}/livrables/${l.numero}`,
      le: dateHeureFr(l.ajouteLe),
      ...(l.par ? { par: l.par } : {}),
    }));
    const notes: NoteInterne[] = state.notesInternes ?? [];
    const modele: Modele = {
      id,
      ...(opts.confirmation ? { confirmation: opts.confirmation } : {}),
      ...(opts.alerte ? { alerte: opts.alerte } : {}),
      resume,
      liens: {
        document: `/api/dossiers/${id}/document-suivi.html`,
        json: `/api/dossiers/${id}`,
        temporal: temporalUiLink(config.TEMPORAL_UI_URL, config.TEMPORAL_NAMESPACE, id),
      },
      livrables,
      lectureSeule: !peutAgir,
      role: acces ? LIBELLES_ROLES[acces.role] : '—',
      termine,
      actions,
      ...(designation ? { designation } : {}),
      autres: autresActions.map(formulaire),
      autresOuvert: autresActions.some((a) => a.path === retour?.path),
      notes: [...notes].reverse().map((n) => ({
        le: dateHeureFr(n.at),
        ...(n.par || n.compte ? { qui: [n.par, n.compte ? `(${n.compte})` : ''].filter(Boolean).join(' ') } : {}),
        texte: n.texte,
      })),
      ...(peutAgir
        ? {
            noteForm: {
              action: `/staff/dossiers/${id}/notes#note`,
              champs: [
                {
                  nom: 'texte',
                  libelle: 'Nouvelle note',
                  type: 'textarea',
                  requis: true,
                  valeur: opts.note?.valeur ?? '',
                  ...(opts.note?.erreur ? { erreur: opts.note.erreur } : {}),
                },
              ],
            },
          }
        : {}),
      csrf,
      agenda: Object.values(state.agenda)
        .sort((a, b) => a.debut.localeCompare(b.debut))
        .map((r) => ({
          le: dateHeureFr(r.debut),
          titre: r.titre,
          annule: r.annule,
          duree: dureeFr(r.dureeMinutes),
          participants: r.participants.map((p) => p.nom).join(', '),
        })),
      timeline: lignesTimeline(state.timeline),
      courriels: lignesCourriels(state.courriels),
    };
    // --- Compagnonnage: documents échangés (staff/documents.ts) ---
    const documentsEchanges = blocDocuments(state, {
      id,
      peutAgir,
      csrf,
      maxOctets: config.LIVRABLES_MAX_BYTES,
      ...(opts.documents ? { retour: opts.documents } : {}),
      ...(opts.documentConfirme ? { confirmation: opts.documentConfirme } : {}),
    });
    if (documentsEchanges) modele.documentsEchanges = documentsEchanges;
    // --- end documents échangés ---
    sendPage(res, status, `Dossier ${id}`, pageTpl(modele));
  }

  const idDe = (req: Request, res: Response): string | undefined => {
    const parsed = dossierIdSchema.safeParse(req.params.id);
    if (!parsed.success) sendMessage(res, 404, 'Dossier introuvable', ['Cette adresse ne correspond à aucun dossier.'], 'alerte');
    return parsed.success ? parsed.data : undefined;
  };

  router.get('/staff/dossiers/:id', async (req, res) => {
    const id = idDe(req, res);
    if (!id) return;
    const api = dispositifApiOf(id);
    const fait = typeof req.query.fait === 'string' ? api.actions.find((a) => a.path === req.query.fait) : undefined;
    const designe = typeof req.query.designe === 'string' ? ((await vivier.getIntervenant(req.query.designe))?.nom ?? req.query.designe) : undefined;
    const confirmation = fait
      ? `Action enregistrée : ${fait.summary}.`
      : req.query.note === 'ajoutee'
        ? 'Note interne ajoutée.'
        : designe
          ? `${designe} est désigné·e : il lui est demandé d’accepter l’intervention.`
          : undefined;
    if (req.query.document !== undefined) {
      // Compagnonnage: a document shared from this page (staff/documents.ts); the confirmation is said in its block.
      await page(res, id, 200, { documentConfirme: `${confirmationDocument(await queryDossier(client, id), req.query.document) ?? ''}` });
      return;
    }
    await page(res, id, 200, confirmation ? { confirmation } : {});
  });

  router.post('/staff/dossiers/:id/action', form, async (req, res) => {
    const id = idDe(req, res);
    if (!id) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const api = dispositifApiOf(id);
    const action = api.actions.find((a) => a.path === body._action);
    if (!action) {
      await page(res, id, 400, { alerte: { titre: 'Action inconnue', messages: [`Les actions d’un dossier ${api.libelle} sont celles de cette page.`] } });
      return;
    }
    const prefixe = prefixeDe(action.path);
    const valeurs: Valeurs = Object.fromEntries(
      Object.entries(body)
        .filter((e): e is [string, string | string[]] => (typeof e[1] === 'string' || Array.isArray(e[1])) && e[0].startsWith(prefixe))
        // Several checkboxes of one field: their values, one per line.
        .map(([k, v]) => [k.slice(prefixe.length), Array.isArray(v) ? v.map(String).join('\n') : v]),
    );
    const champs = champsDe(action);
    // (s6) « Ajouter une ligne » of an array of objects: the form comes back with one more row, every value kept, nothing sent.
    if (ajoutDeLigne(valeurs)) {
      await page(res, id, 200, { retour: { path: action.path, valeurs, erreurs: {} } });
      return;
    }
    const { input, erreurs } = lireFormulaire(champs, valeurs);
    // Who acts, by name, when the form does not say (the account id comes with the actor).
    const acces = accesDe(res);
    if (input.par === undefined && acces && champs.some((c) => c.nom === 'par')) input.par = acces.compte.nom;
    const parsed = action.schema.safeParse(input);
    if (!parsed.success || Object.keys(erreurs).length > 0) {
      const { erreurs: parChamp, autres } = parsed.success ? { erreurs, autres: [] } : erreursParChamp(champs, parsed.error.issues, input, erreurs);
      const n = Object.keys(parChamp).length + autres.length;
      await page(res, id, 400, { retour: { path: action.path, valeurs, erreurs: parChamp, alerte: alerteErreurs(Math.max(n, 1)), autres } });
      return;
    }
    const handle = client.workflow.getHandle(id);
    try {
      const acteur = acteurDe(res);
      const state = (await action.execute(handle, input, { dossierId: id, config, comptes, ...(acteur ? { acteur } : {}) })) as AnyDossierState;
      logger.info({ dossierId: id, action: action.path, via: 'back_office', etape: state.etape }, 'action applied');
      res.redirect(303, `/staff/dossiers/${id}?fait=${encodeURIComponent(action.path)}`);
    } catch (err) {
      const known = classifyError(err);
      if (known && known.status < 500) {
        const titre = known.status === 409 ? `Action refusée : ${action.summary}` : `Action impossible : ${action.summary}`;
        await page(res, id, known.status, {
          alerte: { titre, messages: [known.body.message, 'Rien n’a été enregistré ; le formulaire garde ce que vous aviez saisi.'] },
          retour: { path: action.path, valeurs, erreurs: {}, alerte: known.body.message },
        });
        return;
      }
      throw err;
    }
  });

  router.post('/staff/dossiers/:id/notes', form, async (req, res) => {
    const id = idDe(req, res);
    if (!id) return;
    const texte = typeof (req.body as Record<string, unknown> | undefined)?.texte === 'string' ? String((req.body as Record<string, unknown>).texte) : '';
    const erreur = !texte.trim() ? 'Ce champ est obligatoire.' : texte.trim().length > 5000 ? `5000 caractères au plus (${texte.trim().length}).` : undefined;
    if (erreur) {
      await page(res, id, 400, { note: { valeur: texte, erreur } });
      return;
    }
    try {
      await ajouterNoteInterne(client, id, texte, res);
      logger.info({ dossierId: id, via: 'back_office' }, 'note interne added');
      res.redirect(303, `/staff/dossiers/${id}?note=ajoutee#note`);
    } catch (err) {
      const known = classifyError(err);
      if (known && known.status < 500) {
        await page(res, id, known.status, { note: { valeur: texte, erreur: known.body.message } });
        return;
      }
      throw err;
    }
  });

  // A candidate confirmed from the ranking, or chosen by hand with a motif: the API's own confirmation (api/candidats).
  router.post('/staff/dossiers/:id/candidats/:intervenantId/confirmation', form, async (req, res) => {
    const id = idDe(req, res);
    if (!id) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const texte = (k: string) => (typeof body[k] === 'string' ? String(body[k]).trim() : '');
    const autre = estAutre(String(req.params.intervenantId));
    const intervenantId = autre ? texte('intervenantId') : String(req.params.intervenantId);
    const motif = texte('motif');
    const retourDe = (alerte: string): RetourDesignation => ({
      intervenantId: autre ? String(req.params.intervenantId) : intervenantId,
      motif,
      alerte,
      ...(autre ? { autreId: intervenantId } : {}),
    });
    if (!intervenantId) {
      await page(res, id, 400, { designation: retourDe('Indiquez l’identifiant de l’intervenant à désigner.') });
      return;
    }
    const api = dispositifApiOf(id);
    const role = typeof req.query.role === 'string' ? req.query.role : undefined;
    const acces = accesDe(res);
    try {
      await api.designation.confirmer(
        client.workflow.getHandle(id),
        vivier,
        intervenantId,
        { ...(motif ? { motif } : {}), ...(role ? { role } : {}), ...(acces ? { par: acces.compte.nom } : {}) },
        contexteDe(res),
      );
      logger.info({ dossierId: id, via: 'back_office' }, 'intervenant designated');
      res.redirect(303, `/staff/dossiers/${id}?designe=${encodeURIComponent(intervenantId)}`);
    } catch (err) {
      const known = classifyError(err);
      if (known && known.status < 500) {
        await page(res, id, known.status, {
          alerte: { titre: 'Désignation refusée', messages: [known.body.message, 'Rien n’a été enregistré.'] },
          designation: retourDe(known.body.message),
        });
        return;
      }
      throw err;
    }
  });
  // --- Compagnonnage: documents échangés (staff/documents.ts): a multipart form, its CSRF token in its action ---
  const documents = routeDocuments(client, config, logger, page);
  router.post('/staff/dossiers/:id/documents', documents.multipart, async (req, res) => {
    const id = idDe(req, res);
    if (!id) return;
    if (dispositifApiOf(id).dispositif !== 'compagnonnage') {
      sendMessage(res, 404, 'Page introuvable', ['Les documents échangés ne concernent que les dossiers de Compagnonnage.'], 'alerte');
      return;
    }
    await documents.handler(res, id, (req.body ?? {}) as Record<string, string>);
  });
  // --- end documents échangés ---

  return router;
}
