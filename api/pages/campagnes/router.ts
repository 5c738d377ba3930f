// The regional campaigns in the back office (issue #13): UNML staff follow and drive a campaign in the browser.
// - GET  /campagnes                               the campaigns (name, région, phase, progress), like the dossiers' list;
// - GET  /campagnes/:id                           one campaign: phase and calendar, progress and blocking points, one
//                                                 row per ML, meetings, support, survey, funding pages, timeline, emails;
// - GET  /campagnes/:id/mls/:ml                   one ML in it: documents, interviews, état des lieux and its reviews,
//                                                 blocking point, projet de structure, dialogues de gestion;
// - POST /campagnes/:id/actions/<action>          the campaign's actions (api/campagnes/actions.ts CAMPAGNE_ACTIONS),
// - POST /campagnes/:id/mls/:ml/actions/<action>  an ML's (ML_ACTIONS): forms built from the API's own zod schemas
//   (api/pages/staff/champs-zod.ts), validated by the same schema and sent as the same Update with the signed-in
//   account as actor (source back_office), then 303 to the page with a French confirmation, or the form again with
//   its errors per field, or the workflow's refusal (409) next to it.
// GET for `lecture` and up, POST for `charge_mission` and up (api/acces/routes.ts); every form carries its CSRF token.
import express, { Router, type Request, type Response } from 'express';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { z } from 'zod';
import type { Logger } from 'pino';
import type { Config } from '../../../config';
import { LIBELLES_ROLES, roleSuffit, type ComptesStore } from '../../../db/comptes-store';
import { LIBELLES_PHASES } from '../../../domain/campagne';
import { dateFr, dateHeureFr, dureeFr } from '../../../domain/format';
import { REGIONS } from '../../../domain/regions';
import { getCampagne, getMlCampagne, type CampagneVue } from '../../../workflows/campagne/messages';
import { idMlCampagne, type MlCampagneState } from '../../../workflows/campagne/state';
import { PHASE, REGION } from '../../../workflows/shared/search-attributes';
import { accesDe, acteurDe, jetonCsrf } from '../../acces/middleware';
import { CAMPAGNE_ACTIONS, ML_ACTIONS } from '../../campagnes/actions';
import { anneesDeFinancement, resultatsEnqueteDeCampagne } from '../../campagnes/financement';
import { campagneIdSchema, codeMl } from '../../campagnes/schemas';
import { temporalUiLink } from '../../common';
import type { DossierAction } from '../../dossiers/actions';
import { classifyError } from '../../errors';
import { lignesCourriels, lignesTimeline, type LigneCourriel, type LigneTimeline } from '../staff/historique';
import { formulaireActionTpl } from '../staff/formulaire-action';
import { alerteErreurs, sendMessage, sendPage, templateFile, type Champ } from '../render';
import {
  ajoutDeLigne,
  champsDuFormulaire,
  champsDuSchema,
  erreursParChamp,
  lireFormulaire,
  type ChampZod,
  type Erreurs,
  type Valeurs,
} from '../staff/champs-zod';
import { actionCampagne, actionMl, PAGE_CAMPAGNE, PAGE_CAMPAGNES, PAGE_ML } from './chemins';

/** The campaign's workflow type (api/campagnes/router.ts WORKFLOW_CAMPAGNE; not imported: that module mounts the API). */
const WORKFLOW_CAMPAGNE = 'campagne';

// --- French words ------------------------------------------------------------------------------------------------

const PHASES_FR: Record<CampagneVue['phase'], string> = {
  cadrage: `cadrage`,
  etat_des_lieux: LIBELLES_PHASES.etat_des_lieux,
  analyse_transversale: LIBELLES_PHASES.analyse_transversale,
  suivi: 'suivi des projets de structure',
  cloturee: 'clôturée',
  annulee: 'annulée',
};
const phaseFr = (p: string | undefined | null): string => (p && p in PHASES_FR ? PHASES_FR[p as CampagneVue['phase']] : (p ?? '—'));
const STATUTS_FR: Record<MlCampagneState['statut'], string> = {
  en_cours: 'en cours de rédaction',
  livrable_a_valider: 'envoyé à la direction, à valider',
  a_reprendre: 'retourné par la direction, à reprendre',
  valide: 'validé par la direction',
  retiree: 'retirée de la campagne',
};
const pluriel = (n: number, mot: string) => `${n} ${mot}${n > 1 ? 's' : ''}`;
const RELANCES_FR = { relancee: 'direction relancée', escaladee: 'escaladé au consultant et à l’UNML' } as const;
const TYPES_REUNION_FR: Record<string, string> = {
  groupe_de_travail: 'Groupe de travail des directions',
  presentation_presidents: 'Présentation aux présidences',
  presentation_directeurs: 'Présentation aux directions',
  restitution: 'Restitution par territoire',
};
const CATEGORIES_FR: Record<string, string> = {
  projet: 'Projet de structure',
  bilan_activite: 'Bilan d’activité',
  diagnostic_territorial: 'Diagnostic territorial',
  evaluation: 'Évaluation',
  autre: 'Autre',
};
const AVEC_FR: Record<string, string> = { president: 'la présidence', directeur: 'la direction', adjoint: 'l’adjoint de direction' };

/** French labels of the campaign schemas' fields that champs-zod.ts does not name (by the field's name in the form). */
const LIBELLES_CHAMPS: Record<string, string> = {
  cle: 'Réunion',
  territoire: 'Territoire',
  mls: 'Missions Locales (codes)',
  lieu: 'Lieu',
  presents: 'Présents (adresses électroniques)',
  notes: 'Notes',
  ml: 'Mission Locale',
  phase: 'Phase suivante',
  bonnesPratiques: 'Bonnes pratiques',
  difficultesStructurelles: 'Difficultés structurelles',
  obstaclesExternes: 'Obstacles externes',
  reponsesAvant: 'Date limite de réponse (AAAA-MM-JJ)',
  url: 'Lien (https://…)',
  categorie: 'Catégorie',
  decision: 'Décision',
  commentaires: 'Commentaires',
  point: 'Point bloquant',
  besoinsJeunes: 'Besoins des jeunes',
  offreDeService: 'Offre de service',
  moyens: 'Moyens',
  planAction: 'Plan d’action',
  action: 'Action',
  echeance: 'Échéance (AAAA-MM-JJ)',
  besoinsNonCouverts: 'Besoins non couverts',
  valideDu: 'Valide du (AAAA-MM-JJ)',
  valideAu: 'Valide au (AAAA-MM-JJ)',
  date: 'Date (AAAA-MM-JJ, ou date et heure ISO 8601)',
};
const VALEURS_FR: Record<string, string> = {
  ...TYPES_REUNION_FR,
  ...CATEGORIES_FR,
  etat_des_lieux: `État des lieux par structure`,
  analyse_transversale: 'Analyse transversale et préconisations',
  suivi: 'Suivi des projets de structure',
  president: 'Présidence',
  directeur: 'Direction',
  adjoint: 'Adjoint de direction',
  valider: 'Valider',
  retourner: 'Retourner avec des commentaires',
};

// --- Which actions are "now" -------------------------------------------------------------------------------------
// The forms shown open at each phase (the others are folded under « Autres actions »: the workflow would refuse them
// with its reason). Kept small and by hand: the workflows own the rules, this only orders the page.
const ACTIONS_PAR_PHASE: Record<CampagneVue['phase'], readonly string[]> = {
  cadrage: ['entretien-contextuel', 'reunion', 'annulation-reunion', 'presence', 'support', 'accuse-support', 'enquete', 'enquete/reponse', 'phase'],
  etat_des_lieux: ['reunion', 'annulation-reunion', 'presence', 'enquete/reponse', 'retrait-ml', 'phase'],
  analyse_transversale: ['reunion', 'annulation-reunion', 'presence', 'analyse', 'enquete/reponse', 'phase'],
  suivi: ['reunion', 'annulation-reunion', 'presence', 'retrait-ml', 'cloture'],
  cloturee: [],
  annulee: [],
};
// An ML's actions by the status of its état des lieux (the blocking point's two forms by whether there is one).
const ACTIONS_PAR_STATUT: Record<MlCampagneState['statut'], readonly string[]> = {
  en_cours: ['document', 'entretien', 'etat-des-lieux'],
  livrable_a_valider: ['revue', 'document', 'entretien'],
  a_reprendre: ['etat-des-lieux', 'document', 'entretien'],
  valide: ['projet-de-structure', 'document', 'entretien'],
  retiree: [],
};

// --- Forms ---------------------------------------------------------------------------------------------------------

const actionTpl = formulaireActionTpl;
const listeTpl = templateFile<ModeleListe>(__dirname, 'campagnes.hbs');
const campagneTpl = templateFile<ModeleCampagne>(__dirname, 'campagne.hbs');
const mlTpl = templateFile<ModeleMl>(__dirname, 'ml.hbs');
const historiqueTpl = templateFile<{ timeline: LigneTimeline[]; courriels: LigneCourriel[] }>(__dirname, 'historique.hbs');

const ancreDe = (path: string) => `a-${path.replace(/[^a-z0-9]+/gi, '-')}`;
const prefixeDe = (path: string) => `${ancreDe(path)}__`;

/** A file sent in base64 is no field for a person: those actions offer their link (url) only; a file goes through the API. */
const sansFichier = (c: ChampZod) => c.chemin[0] !== 'fichier';
const aUnFichier = (a: DossierAction) => Boolean(a.bodyLimit);

/** Day fields (AAAA-MM-JJ, or a date-or-instant union the builder would take for JSON) and codes: one-line text inputs. */
const EN_LIGNE = new Set(['date', 'reponsesAvant', 'echeance', 'valideDu', 'valideAu', 'ml']);

/** The campaign's French label of a field; the schema's description (shown as label by the builder) becomes its help. */
function nommer(c: ChampZod): ChampZod {
  const cle = c.chemin.at(-1)!;
  const mien = LIBELLES_CHAMPS[cle];
  const elements = c.elements ? { elements: c.elements.map(nommer) } : {};
  const genre = EN_LIGNE.has(cle) && (c.genre === 'json' || c.genre === 'long') ? { genre: 'texte' as const } : {};
  if (!mien) return { ...c, ...elements, ...genre };
  // `date`'s builder label is the generic « Date et heure »: no help from it.
  const description = c.libelle !== cle && cle !== 'date' ? c.libelle : undefined;
  const aide = c.aide ?? description;
  const nomme: ChampZod = { ...c, libelle: mien, ...elements, ...genre };
  if (aide) nomme.aide = aide;
  else delete nomme.aide;
  return nomme;
}

const champsParAction = new Map<DossierAction<unknown>, ChampZod[]>();
function champsDe(a: DossierAction<unknown>): ChampZod[] {
  let c = champsParAction.get(a);
  if (!c) {
    c = champsDuSchema(a.schema).filter(sansFichier).map(nommer);
    if (aUnFichier(a))
      c = c.map((k) =>
        k.nom === 'url'
          ? {
              ...k,
              requis: true,
              aide: 'Le lien du document. Un fichier se dépose par l’API (champ « fichier » en base64, voir /docs) : ce formulaire n’en envoie pas.',
            }
          : k,
      );
    champsParAction.set(a, c);
  }
  return c;
}

/** The rendered fields, their enum values in French. */
const enFrancais = (champs: Champ[]): Champ[] =>
  champs.map((c) => ({
    ...c,
    ...(c.options ? { options: c.options.map((o) => ({ ...o, libelle: VALEURS_FR[o.valeur] ?? o.libelle })) } : {}),
    ...(c.lignes ? { lignes: c.lignes.map((l) => ({ ...l, champs: enFrancais(l.champs) })) } : {}),
  }));

/** What a form shows when it comes back: its values, its errors, its alert. */
interface Retour {
  path: string;
  valeurs: Valeurs;
  erreurs: Erreurs;
  alerte?: string;
  autres?: string[];
}

/** What a page knows that a schema does not: choices for some fields (the campaign's MLs, its meetings), helps. */
interface Contexte {
  choix?: Record<string, { valeur: string; libelle: string }[]>;
  aides?: Record<string, string>;
}

function formulaire(url: string, a: DossierAction<unknown>, csrf: string, contexte: Contexte, retour?: Retour): string {
  const mien = retour?.path === a.path ? retour : undefined;
  const prefixe = prefixeDe(a.path);
  const champs = enFrancais(champsDuFormulaire(champsDe(a), mien?.valeurs ?? {}, mien?.erreurs ?? {}, prefixe)).map((c): Champ => {
    const cle = c.nom.slice(prefixe.length);
    const choix = contexte.choix?.[cle];
    const aide = contexte.aides?.[cle];
    const avecAide = aide ? { ...c, aide: [c.aide, aide].filter(Boolean).join(' ') } : c;
    if (!choix?.length || (c.type !== 'text' && c.type !== 'textarea')) return avecAide;
    const { valeur, ...reste } = avecAide;
    return { ...reste, type: 'select', options: choix.map((o) => ({ ...o, choisi: o.valeur === valeur })) };
  });
  return actionTpl({
    action: `${url}#${ancreDe(a.path)}`,
    ancre: ancreDe(a.path),
    resume: a.summary,
    chemin: a.path,
    csrf,
    champs,
    bouton: 'Enregistrer',
    ...(mien?.alerte ? { alerte: mien.alerte } : {}),
    ...(mien?.autres?.length ? { autres: mien.autres } : {}),
  });
}

/** The action forms of a page: those of now open, the others folded; none for `lecture` or once it is over. */
function blocActions(
  actions: readonly DossierAction<unknown>[],
  maintenant: (a: DossierAction<unknown>) => boolean,
  url: (a: DossierAction<unknown>) => string,
  csrf: string,
  contexte: Contexte,
  retour?: Retour,
): { actions: string[]; autres: string[]; autresOuvert: boolean } {
  const ouvertes = actions.filter(maintenant);
  const autres = actions.filter((a) => !maintenant(a));
  return {
    actions: ouvertes.map((a) => formulaire(url(a), a, csrf, contexte, retour)),
    autres: autres.map((a) => formulaire(url(a), a, csrf, contexte, retour)),
    autresOuvert: autres.some((a) => a.path === retour?.path),
  };
}

/** The campaign's choices: its MLs still in it (by name), its meetings (by title); the survey's question codes. */
function contexteCampagne(vue: CampagneVue): Contexte {
  const reunions = Object.entries(vue.reunions).filter(([, r]) => !r.annulee);
  return {
    choix: {
      ml: vue.mls.filter((m) => !m.retrait).map((m) => ({ valeur: m.code, libelle: `${m.nom} (${m.code})` })),
      cle: reunions.map(([cle, r]) => ({ valeur: cle, libelle: `${r.titre} — ${dateHeureFr(r.debut)}` })),
    },
    aides: {
      presents: 'Une adresse par ligne, parmi les invités de la réunion.',
      ...(vue.enquete
        ? {
            reponses:
              `Une ligne par question : son code (${vue.enquete.questions.map((q) => `${q.code} : ${q.libelle}`).join(' ; ')}), ` +
              'la case cochée si la direction y est favorable.',
          }
        : {}),
    },
  };
}

// --- Shared blocks -------------------------------------------------------------------------------------------------

interface Ligne {
  libelle: string;
  valeur: string;
  retard?: boolean;
}
const echeanceLigne = (e: CampagneVue['prochaineEcheance']): Ligne => ({
  libelle: 'Prochaine échéance',
  valeur: e ? `${e.quoi} — ${dateHeureFr(e.le)}` : 'aucune',
  ...(e && Date.parse(e.le) < Date.now() ? { retard: true } : {}),
});

// --- Page models ---------------------------------------------------------------------------------------------------

interface ModeleListe {
  lignes: { id: string; nom: string; region: string; phase: string; progression: string; bloquants: number; statut?: string; creeeLe: string }[];
  erreurs: string[];
}

interface ModeleCampagne {
  id: string;
  nom: string;
  confirmation?: string;
  alerte?: { titre: string; messages: string[] };
  resume: Ligne[];
  calendrier: { phase: string; du: string; au: string; courante: boolean }[];
  progression: string;
  manquantes: string[];
  bloquants: { nom: string; point: string }[];
  cloture?: string;
  mls: {
    code: string;
    nom: string;
    territoire: string;
    statut: string;
    relance?: string;
    pointBloquant?: string;
    retrait?: string;
    lien: string;
  }[];
  entretiens: { date: string; avec: string; par?: string; notes?: string }[];
  reunions: { cle: string; type: string; titre: string; le: string; duree: string; lieu?: string; invites: number; etat: string; compteRendu?: string }[];
  support?: { nom: string; lien: string; le: string; accuses: string[]; manquent: string[] };
  enquete?: { lancee: string; repondants: string; questions: string[] };
  analyse?: { titre: string; elements: string[] }[];
  financement: { annees: { annee: number; lien: string }[]; indicateurs: string };
  liens: { json: string; temporal: string };
  lectureSeule: boolean;
  role: string;
  termine: boolean;
  actions: string[];
  autres: string[];
  autresOuvert: boolean;
  /** The timeline and the emails sent (historique.hbs), rendered. */
  historique: string;
}

interface ModeleMl {
  id: string;
  ml: string;
  nom: string;
  campagne: string;
  confirmation?: string;
  alerte?: { titre: string; messages: string[] };
  pasCommence?: string;
  resume: Ligne[];
  pointBloquant?: string;
  documents: { numero: number; categorie: string; nom: string; lien: string; le: string; par?: string }[];
  entretiens: { avec: string; date: string; par?: string; compteRendu?: string }[];
  livrable?: { version: number; nom: string; lien: string; le: string; synthese: string };
  revues: { version: number; decision: string; le: string; par?: string; commentaires?: string }[];
  projet?: { lignes: Ligne[]; plan: string[] };
  projetsPrecedents: number;
  dialogues: { annee: number; le: string; revue: string; axe3: string; motif: string; lien: string; json: string }[];
  liens: { json: string; temporal: string; campagne: string };
  lectureSeule: boolean;
  role: string;
  termine: boolean;
  actions: string[];
  autres: string[];
  autresOuvert: boolean;
  historique: string;
}

export interface CampagnesPagesDeps {
  client: Client;
  config: Config;
  logger: Logger;
  comptes: Pick<ComptesStore, 'getCompte'>;
}

const urlCampagne = (id: string) => `/campagnes/${id}`;
const urlMl = (id: string, ml: string) => `/campagnes/${id}/mls/${encodeURIComponent(ml)}`;

export function campagnesPagesRouter({ client, config, logger, comptes }: CampagnesPagesDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '200kb' });

  const estInconnue = (err: unknown): boolean => {
    for (let e: unknown = err, n = 0; e instanceof Error && n < 10; e = e.cause, n++) if (e instanceof WorkflowNotFoundError) return true;
    return false;
  };

  /** The campaign, or a 404 page (undefined). */
  async function lireCampagne(res: Response, id: string, status = 404): Promise<CampagneVue | undefined> {
    try {
      return await client.workflow.getHandle(id).query(getCampagne);
    } catch (err) {
      if (!estInconnue(err)) throw err;
      sendMessage(res, status, 'Campagne introuvable', [`La campagne ${id} n’existe pas.`, 'La liste des campagnes : /campagnes.'], 'alerte');
      return undefined;
    }
  }

  const idDe = (req: Request, res: Response): string | undefined => {
    const parsed = campagneIdSchema.safeParse(req.params.id);
    if (!parsed.success) sendMessage(res, 404, 'Campagne introuvable', ['Cette adresse ne correspond à aucune campagne (CAM-XXXXXXXXXX).'], 'alerte');
    return parsed.success ? parsed.data : undefined;
  };
  const mlDe = (req: Request, res: Response): string | undefined => {
    const parsed = codeMl.safeParse(req.params.ml);
    if (!parsed.success) sendMessage(res, 404, 'Mission Locale introuvable', ['Cette adresse ne correspond à aucune Mission Locale.'], 'alerte');
    return parsed.success ? parsed.data : undefined;
  };

  const peutAgir = (res: Response) => {
    const acces = accesDe(res);
    return acces ? roleSuffit(acces.role, 'charge_mission') : false;
  };
  const roleFr = (res: Response) => {
    const acces = accesDe(res);
    return acces ? LIBELLES_ROLES[acces.role] : '—';
  };

  // --- The list ------------------------------------------------------------------------------------------------------
  router.get(PAGE_CAMPAGNES, async (_req, res) => {
    const lignes: ModeleListe['lignes'] = [];
    const erreurs: string[] = [];
    // The same visibility query as GET /api/campagnes (name from the memo, région and phase from search attributes).
    for await (const info of client.workflow.list({ query: `WorkflowType = '${WORKFLOW_CAMPAGNE}'`, pageSize: 200 })) {
      const nom = typeof info.memo?.nom === 'string' ? info.memo.nom : info.workflowId;
      const region = info.typedSearchAttributes.get(REGION);
      const ligne: ModeleListe['lignes'][number] = {
        id: info.workflowId,
        nom,
        region: region ? (REGIONS[region as keyof typeof REGIONS] ?? region) : '—',
        phase: phaseFr(info.typedSearchAttributes.get(PHASE)),
        progression: '—',
        bloquants: 0,
        ...(info.status.name !== 'RUNNING' ? { statut: info.status.name === 'COMPLETED' ? 'terminée' : info.status.name.toLowerCase() } : {}),
        creeeLe: info.startTime.toISOString(),
      };
      lignes.push(ligne);
      if (lignes.length >= 200) break;
    }
    lignes.sort((a, b) => b.creeeLe.localeCompare(a.creeeLe));
    // The progress is in each campaign's state, not in its search attributes: one query per campaign. Acceptable for
    // the few campaigns UNML runs at a time (a région or two a year); a `Progression` search attribute would spare it.
    await Promise.all(
      lignes.map(async (l) => {
        try {
          const vue = await client.workflow.getHandle(l.id).query(getCampagne);
          l.progression = vue.etatsDesLieux.length ? vue.progression.texte : 'états des lieux pas encore commencés';
          l.bloquants = vue.progression.bloquants.length;
          l.phase = phaseFr(vue.phase);
        } catch (err) {
          logger.warn({ campagneId: l.id, err }, 'campaign not readable for the list');
          erreurs.push(`La campagne ${l.id} n’a pas pu être lue.`);
        }
      }),
    );
    sendPage(res, 200, 'Campagnes régionales', listeTpl({ lignes: lignes.map((l) => ({ ...l, creeeLe: dateFr(l.creeeLe) })), erreurs }));
  });

  // --- One campaign -------------------------------------------------------------------------------------------------
  async function pageCampagne(
    res: Response,
    id: string,
    status: number,
    opts: { retour?: Retour; confirmation?: string; alerte?: ModeleCampagne['alerte'] } = {},
  ): Promise<void> {
    const vue = await lireCampagne(res, id);
    if (!vue) return;
    const csrf = jetonCsrf(res) ?? '';
    const termine = vue.phase === 'cloturee' || vue.phase === 'annulee';
    const agit = peutAgir(res) && !termine;
    const nomMl = new Map(vue.mls.map((m) => [m.code, m.nom]));
    const etats = new Map(vue.etatsDesLieux.map((e) => [e.ml, e]));
    const maintenant = (a: DossierAction<unknown>) => ACTIONS_PAR_PHASE[vue.phase].includes(a.path);
    const bloc = agit
      ? blocActions(
          CAMPAGNE_ACTIONS as readonly DossierAction<unknown>[],
          maintenant,
          (a) => actionCampagne(a.path).replace(':id', id),
          csrf,
          contexteCampagne(vue),
          opts.retour,
        )
      : { actions: [], autres: [], autresOuvert: false };
    const enquete = vue.enquete ? resultatsEnqueteDeCampagne(vue) : undefined;
    const financeurs = vue.financeurs.map((f) => `${f.nom} (${f.contact.nom}, ${f.contact.email})`).join(' ; ');
    const modele: ModeleCampagne = {
      id,
      nom: vue.nom,
      ...(opts.confirmation ? { confirmation: opts.confirmation } : {}),
      ...(opts.alerte ? { alerte: opts.alerte } : {}),
      resume: [
        { libelle: 'Référence', valeur: id },
        { libelle: 'Région', valeur: REGIONS[vue.region] ?? vue.region },
        { libelle: 'Phase', valeur: phaseFr(vue.phase) },
        ...(vue.issue ? [{ libelle: 'Issue', valeur: `${vue.issue.motif} (le ${dateHeureFr(vue.issue.le)})` }] : []),
        {
          libelle: 'Consultant neutre',
          valeur: `${vue.consultant.nom}${vue.consultant.cabinet ? `, ${vue.consultant.cabinet}` : ''} (${vue.consultant.email})`,
        },
        { libelle: 'Financeurs', valeur: financeurs || '—' },
        { libelle: 'Responsable UNML', valeur: `${vue.contactUnml.nom} (${vue.contactUnml.email})` },
        echeanceLigne(vue.prochaineEcheance),
      ],
      calendrier: (['cadrage', 'etat_des_lieux', 'analyse_transversale'] as const).map((p) => ({
        phase: LIBELLES_PHASES[p],
        du: dateFr(vue.calendrier[p].debut),
        au: dateFr(vue.calendrier[p].fin),
        courante: vue.phase === p,
      })),
      progression: vue.etatsDesLieux.length ? vue.progression.texte : `Les états des lieux commencent avec la phase « ${LIBELLES_PHASES.etat_des_lieux} ».`,
      manquantes: vue.etatsDesLieux.length ? vue.progression.manquantes : [],
      bloquants: vue.progression.bloquants,
      ...(vue.clotureEtatDesLieux
        ? {
            cloture:
              `État des lieux clos le ${dateFr(vue.clotureEtatDesLieux.le)} : ${vue.clotureEtatDesLieux.motif}` +
              (vue.clotureEtatDesLieux.manquantes.length ? ` (manquantes : ${vue.clotureEtatDesLieux.manquantes.join(', ')})` : ''),
          }
        : {}),
      mls: vue.mls.map((m) => {
        const e = etats.get(m.code);
        return {
          code: m.code,
          nom: m.nom,
          territoire: m.territoire,
          statut: m.retrait ? STATUTS_FR.retiree : e ? STATUTS_FR[e.statut] : 'pas commencé',
          ...(e?.relance ? { relance: RELANCES_FR[e.relance] } : {}),
          ...(e?.pointBloquant ? { pointBloquant: e.pointBloquant } : {}),
          ...(m.retrait ? { retrait: `${m.retrait.motif} (le ${dateFr(m.retrait.le)})` } : {}),
          lien: urlMl(id, m.code),
        };
      }),
      entretiens: vue.entretiensContextuels.map((e) => ({
        date: dateFr(e.date),
        avec: e.avec,
        ...(e.par ? { par: e.par } : {}),
        ...(e.notes ? { notes: e.notes } : {}),
      })),
      reunions: Object.entries(vue.reunions)
        .sort(([, a], [, b]) => a.debut.localeCompare(b.debut))
        .map(([cle, r]) => ({
          cle,
          type: `${TYPES_REUNION_FR[r.type] ?? r.type}${r.territoire ? ` — ${r.territoire}` : ''}`,
          titre: r.titre,
          le: dateHeureFr(r.debut),
          duree: dureeFr(r.dureeMinutes),
          ...(r.lieu || r.lien ? { lieu: [r.lieu, r.lien].filter(Boolean).join(' · ') } : {}),
          invites: r.invites.length,
          etat: r.annulee
            ? 'annulée'
            : r.tenue
              ? `tenue le ${dateFr(r.tenue.le)} : ${pluriel(r.tenue.presents.length, 'présent')} sur ${pluriel(r.invites.length, 'invité')}`
              : 'planifiée',
          ...(r.tenue?.compteRendu ? { compteRendu: r.tenue.compteRendu } : {}),
        })),
      ...(vue.support
        ? {
            support: {
              nom: vue.support.nom,
              lien: vue.support.url ?? `/api/campagnes/${id}/support`,
              le: dateFr(vue.support.diffuseLe),
              accuses: vue.support.accuses.map((a) => `${nomMl.get(a.ml) ?? a.ml} (le ${dateFr(a.le)}${a.par ? `, ${a.par}` : ''})`),
              manquent: vue.mls.filter((m) => !m.retrait && !vue.support!.accuses.some((a) => a.ml === m.code)).map((m) => m.nom),
            },
          }
        : {}),
      ...(enquete
        ? {
            enquete: {
              lancee: enquete.lanceeLe ? `Lancée le ${dateFr(enquete.lanceeLe)}.` : 'Pas encore lancée.',
              repondants: `${enquete.repondants} direction${enquete.repondants > 1 ? 's ont' : ' a'} répondu sur ${enquete.interroges}.`,
              questions: enquete.questions.map((q) => q.texte),
            },
          }
        : {}),
      ...(vue.analyse
        ? {
            analyse: [
              { titre: 'Bonnes pratiques', elements: vue.analyse.bonnesPratiques },
              { titre: 'Difficultés structurelles', elements: vue.analyse.difficultesStructurelles },
              { titre: 'Obstacles externes', elements: vue.analyse.obstaclesExternes },
              { titre: 'Préconisations', elements: vue.analyse.preconisations },
            ],
          }
        : {}),
      financement: {
        annees: anneesDeFinancement(vue).map((annee) => ({ annee, lien: `/campagnes/${id}/financement/${annee}` })),
        indicateurs: `Les indicateurs d’une année s’envoient par l’API (PUT /api/campagnes/${id}/indicateurs/<année>, en JSON ou en CSV).`,
      },
      liens: { json: `/api/campagnes/${id}`, temporal: temporalUiLink(config.TEMPORAL_UI_URL, config.TEMPORAL_NAMESPACE, id) },
      lectureSeule: !peutAgir(res),
      role: roleFr(res),
      termine,
      ...bloc,
      historique: historiqueTpl({ timeline: lignesTimeline(vue.timeline), courriels: lignesCourriels(vue.courriels) }),
    };
    sendPage(res, status, `Campagne ${vue.nom}`, campagneTpl(modele));
  }

  // --- One ML -------------------------------------------------------------------------------------------------------
  async function pageMl(
    res: Response,
    id: string,
    ml: string,
    status: number,
    opts: { retour?: Retour; confirmation?: string; alerte?: ModeleMl['alerte'] } = {},
  ): Promise<void> {
    const vue = await lireCampagne(res, id);
    if (!vue) return;
    const dansCampagne = vue.mls.find((m) => m.code === ml);
    if (!dansCampagne) {
      sendMessage(res, 404, 'Mission Locale introuvable', [`La Mission Locale ${ml} ne fait pas partie de la campagne ${id}.`], 'alerte');
      return;
    }
    let etat: MlCampagneState | undefined;
    try {
      etat = await client.workflow.getHandle(idMlCampagne(id, ml)).query(getMlCampagne);
    } catch (err) {
      if (!estInconnue(err)) throw err;
    }
    const csrf = jetonCsrf(res) ?? '';
    const termine = !etat || Boolean(etat.fin) || etat.statut === 'retiree';
    const agit = peutAgir(res) && !termine;
    const maintenant = (a: DossierAction<unknown>) => {
      if (!etat) return false;
      if (a.path === 'point-bloquant') return !etat.pointBloquant;
      if (a.path === 'levee-point-bloquant') return Boolean(etat.pointBloquant);
      return ACTIONS_PAR_STATUT[etat.statut].includes(a.path);
    };
    const bloc = agit
      ? blocActions(
          ML_ACTIONS as readonly DossierAction<unknown>[],
          maintenant,
          (a) => actionMl(a.path).replace(':id', id).replace(':ml', encodeURIComponent(ml)),
          csrf,
          {},
          opts.retour,
        )
      : { actions: [], autres: [], autresOuvert: false };
    const api = `/api/campagnes/${id}/mls/${encodeURIComponent(ml)}`;
    const p = etat?.projetDeStructure;
    const modele: ModeleMl = {
      id,
      ml,
      nom: dansCampagne.nom,
      campagne: vue.nom,
      ...(opts.confirmation ? { confirmation: opts.confirmation } : {}),
      ...(opts.alerte ? { alerte: opts.alerte } : {}),
      ...(!etat
        ? {
            pasCommence:
              `L’état des lieux de ${dansCampagne.nom} n’a pas commencé (campagne en phase « ${phaseFr(vue.phase)} ») : ` + 'ses actions viendront avec lui.',
          }
        : {}),
      resume: [
        { libelle: 'Mission Locale', valeur: `${dansCampagne.nom} (${ml})` },
        { libelle: 'Territoire', valeur: dansCampagne.territoire },
        { libelle: 'Direction', valeur: `${dansCampagne.direction.nom} (${dansCampagne.direction.email})` },
        { libelle: 'Présidence', valeur: `${dansCampagne.presidence.nom} (${dansCampagne.presidence.email})` },
        ...(dansCampagne.adjoint ? [{ libelle: 'Adjoint de direction', valeur: `${dansCampagne.adjoint.nom} (${dansCampagne.adjoint.email})` }] : []),
        { libelle: 'État des lieux', valeur: etat ? STATUTS_FR[etat.statut] : 'pas commencé' },
        ...(etat?.relance ? [{ libelle: 'Relance', valeur: RELANCES_FR[etat.relance] }] : []),
        ...((etat?.retrait ?? dansCampagne.retrait)
          ? [{ libelle: 'Retrait', valeur: `${(etat?.retrait ?? dansCampagne.retrait)!.motif} (le ${dateFr((etat?.retrait ?? dansCampagne.retrait)!.le)})` }]
          : []),
        ...(etat?.fin ? [{ libelle: 'Fin', valeur: `${etat.fin.motif} (le ${dateFr(etat.fin.le)})` }] : []),
        ...(etat ? [echeanceLigne(etat.prochaineEcheance)] : []),
      ],
      ...(etat?.pointBloquant ? { pointBloquant: `${etat.pointBloquant.point} (signalé le ${dateFr(etat.pointBloquant.le)})` } : {}),
      documents: (etat?.documents ?? []).map((d) => ({
        numero: d.numero,
        categorie: CATEGORIES_FR[d.categorie] ?? d.categorie,
        nom: d.nom,
        lien: d.url ?? `${api}/documents/${d.numero}`,
        le: dateFr(d.deposeLe),
        ...(d.par ? { par: d.par } : {}),
      })),
      entretiens: (etat?.entretiens ?? []).map((e) => ({
        avec: AVEC_FR[e.avec] ?? e.avec,
        date: dateFr(e.date),
        ...(e.par ? { par: e.par } : {}),
        ...(e.compteRendu ? { compteRendu: e.compteRendu } : {}),
      })),
      ...(etat?.livrable
        ? {
            livrable: {
              version: etat.livrable.version,
              nom: etat.livrable.nom,
              lien: etat.livrable.url ?? `${api}/etat-des-lieux`,
              le: dateFr(etat.livrable.deposeLe),
              synthese: etat.livrable.synthese,
            },
          }
        : {}),
      revues: [...(etat?.revues ?? [])].reverse().map((r) => ({
        version: r.version,
        decision: r.decision === 'valide' ? 'validé' : 'retourné, à reprendre',
        le: dateFr(r.le),
        ...(r.par ? { par: r.par } : {}),
        ...(r.commentaires ? { commentaires: r.commentaires } : {}),
      })),
      ...(p
        ? {
            projet: {
              lignes: [
                { libelle: 'Valide', valeur: `du ${dateFr(p.valideDu)} au ${dateFr(p.valideAu)}` },
                { libelle: 'Besoins des jeunes', valeur: p.besoinsJeunes },
                { libelle: 'Offre de service', valeur: p.offreDeService },
                { libelle: 'Moyens', valeur: p.moyens },
                { libelle: 'Besoins non couverts', valeur: p.besoinsNonCouverts },
                ...(p.alerteLe ? [{ libelle: 'Expiration proche', valeur: `signalée le ${dateFr(p.alerteLe)}`, retard: true }] : []),
                ...(p.expireLe ? [{ libelle: 'Expiré', valeur: `le ${dateFr(p.expireLe)}`, retard: true }] : []),
              ],
              plan: p.planAction.map((a) => `${a.action}${a.echeance ? ` (échéance : ${dateFr(a.echeance)})` : ''}`),
            },
          }
        : {}),
      projetsPrecedents: etat?.projetsPrecedents.length ?? 0,
      dialogues: (etat?.dialogues ?? []).map((d) => ({
        annee: d.annee,
        le: dateFr(d.le),
        revue: d.revuePlanAction,
        axe3: Object.entries(d.axe3.valeurs)
          .map(([k, v]) => `${k} : ${v}`)
          .join(', '),
        motif: d.axe3.motif,
        lien: `/campagnes/${id}/financement/${d.annee}/${encodeURIComponent(ml)}`,
        json: `${api}/dialogues/${d.annee}`,
      })),
      liens: {
        json: api,
        temporal: temporalUiLink(config.TEMPORAL_UI_URL, config.TEMPORAL_NAMESPACE, idMlCampagne(id, ml)),
        campagne: urlCampagne(id),
      },
      lectureSeule: !peutAgir(res),
      role: roleFr(res),
      termine,
      ...bloc,
      historique: historiqueTpl({ timeline: lignesTimeline(etat?.timeline ?? []), courriels: lignesCourriels(etat?.courriels) }),
    };
    sendPage(res, status, `${dansCampagne.nom} — campagne ${vue.nom}`, mlTpl(modele));
  }

  const confirmationDe = (actions: readonly DossierAction<unknown>[], fait: unknown): string | undefined => {
    const a = typeof fait === 'string' ? actions.find((x) => x.path === fait) : undefined;
    return a ? `Action enregistrée : ${a.summary}.` : undefined;
  };

  router.get(PAGE_CAMPAGNE, async (req, res) => {
    const id = idDe(req, res);
    if (!id) return;
    const confirmation = confirmationDe(CAMPAGNE_ACTIONS as readonly DossierAction<unknown>[], req.query.fait);
    await pageCampagne(res, id, 200, confirmation ? { confirmation } : {});
  });

  router.get(PAGE_ML, async (req, res) => {
    const id = idDe(req, res);
    const ml = id ? mlDe(req, res) : undefined;
    if (!id || !ml) return;
    const confirmation = confirmationDe(ML_ACTIONS as readonly DossierAction<unknown>[], req.query.fait);
    await pageMl(res, id, ml, 200, confirmation ? { confirmation } : {});
  });

  /**
   * A posted form: its values read back into the schema's input, validated by the action's own schema, then the same
   * Update as the API with the signed-in account as actor; `page` shows it again (errors, refusal), `apres` is the
   * page to go back to (303) with its confirmation.
   */
  async function traiter(
    req: Request,
    res: Response,
    a: DossierAction<unknown>,
    handle: WorkflowHandle,
    page: (status: number, opts: { retour?: Retour; alerte?: { titre: string; messages: string[] } }) => Promise<void>,
    apres: string,
    log: Record<string, unknown>,
  ): Promise<void> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const prefixe = prefixeDe(a.path);
    const valeurs: Valeurs = Object.fromEntries(
      Object.entries(body)
        .filter((e): e is [string, string | string[]] => (typeof e[1] === 'string' || Array.isArray(e[1])) && e[0].startsWith(prefixe))
        .map(([k, v]) => [k.slice(prefixe.length), Array.isArray(v) ? v.map(String).join('\n') : v]),
    );
    if (ajoutDeLigne(valeurs)) {
      await page(200, { retour: { path: a.path, valeurs, erreurs: {} } });
      return;
    }
    const champs = champsDe(a);
    const { input, erreurs } = lireFormulaire(champs, valeurs);
    const acces = accesDe(res);
    if (input.par === undefined && acces && champs.some((c) => c.nom === 'par')) input.par = acces.compte.nom;
    const parsed = a.schema.safeParse(input);
    if (!parsed.success || Object.keys(erreurs).length > 0) {
      // A file-or-link refusal names `fichier`, which these forms do not show: it goes to the link.
      const issues = parsed.success
        ? []
        : parsed.error.issues.map((i) =>
            aUnFichier(a) && i.path[0] === 'fichier' ? ({ ...i, path: ['url'], message: 'Indiquez le lien du document (https://…).' } as z.core.$ZodIssue) : i,
          );
      const { erreurs: parChamp, autres } = parsed.success ? { erreurs, autres: [] } : erreursParChamp(champs, issues, input, erreurs);
      const n = Object.keys(parChamp).length + autres.length;
      await page(400, { retour: { path: a.path, valeurs, erreurs: parChamp, alerte: alerteErreurs(Math.max(n, 1)), autres } });
      return;
    }
    try {
      const acteur = acteurDe(res);
      await a.execute(handle, parsed.data, { dossierId: handle.workflowId, config, comptes, ...(acteur ? { acteur } : {}) });
      logger.info({ ...log, action: a.path, via: 'back_office' }, 'campagne action applied');
      res.redirect(303, `${apres}?fait=${encodeURIComponent(a.path)}#t-actions`);
    } catch (err) {
      const inconnue = estInconnue(err);
      const known = inconnue ? undefined : classifyError(err);
      if (inconnue || (known && known.status < 500)) {
        const message = inconnue ? 'Ce suivi est terminé (ou pas encore commencé) : l’action n’est pas possible.' : known!.body.message;
        const titre = inconnue || known!.status === 409 ? `Action refusée : ${a.summary}` : `Action impossible : ${a.summary}`;
        await page(inconnue ? 409 : known!.status, {
          alerte: { titre, messages: [message, 'Rien n’a été enregistré ; le formulaire garde ce que vous aviez saisi.'] },
          retour: { path: a.path, valeurs, erreurs: {}, alerte: message },
        });
        return;
      }
      throw err;
    }
  }

  for (const a of CAMPAGNE_ACTIONS as readonly DossierAction<unknown>[]) {
    router.post(actionCampagne(a.path), form, async (req, res) => {
      const id = idDe(req, res);
      if (!id) return;
      await traiter(req, res, a, client.workflow.getHandle(id), (status, opts) => pageCampagne(res, id, status, opts), urlCampagne(id), { campagneId: id });
    });
  }

  for (const a of ML_ACTIONS as readonly DossierAction<unknown>[]) {
    router.post(actionMl(a.path), form, async (req, res) => {
      const id = idDe(req, res);
      const ml = id ? mlDe(req, res) : undefined;
      if (!id || !ml) return;
      await traiter(req, res, a, client.workflow.getHandle(idMlCampagne(id, ml)), (status, opts) => pageMl(res, id, ml, status, opts), urlMl(id, ml), {
        campagneId: id,
        ml,
      });
    });
  }

  return router;
}
