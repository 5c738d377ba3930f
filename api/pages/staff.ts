// The back office's lists of dossiers (issue #12 §4), for signed-in UNML staff (role `lecture` and up,
// api/acces/routes.ts):
// - /staff (and /unml; ?vue=mes-dossiers): « Mes dossiers », those whose interlocutrice is the signed-in account, overdue first then by
//   next deadline, with what each waits for and from whom;
// - /staff?vue=a-traiter: « À traiter », those waiting for a UNML action (AttenteDe = unml);
// - /staff?vue=tous: « Tous les dossiers », filtered by dispositif, région, step, interlocutrice, Mission Locale, who it
//   waits for, overdue; paginated (« Page suivante »). The layout's navigation links the three (render.ts SECTIONS).
// Each page is one visibility call (api/dossiers/liste.ts): every row comes from the dossier's search attributes,
// never from a per-row getDossier query.
// For `charge_mission` and up, one form wraps each list (POST /staff/lot, api/dossiers/lot.ts): a labelled checkbox per row,
// and two actions on the dossiers checked: hand them over to another interlocutrice, or send their pending reminder
// again; the result page says, dossier by dossier, « fait » or the workflow's reason (one refused does not stop the others).
import express, { Router, type Response } from 'express';
import type { Client } from '@temporalio/client';
import type { Config } from '../../config';
import { roleSuffit, type ComptesStore } from '../../db/comptes-store';
import type { VivierStore } from '../../db/store';
import { REGIONS } from '../../domain/regions';
import { LIBELLES_ATTENTE } from '../../workflows/shared/attente';
import type { Logger } from 'pino';
import { interlocutricesPossibles } from '../comptes/interlocutrice';
import { accesDe, acteurDe, jetonCsrf } from '../acces/middleware';
import { LIBELLES_DISPOSITIFS, temporalUiLink, type DispositifServi } from '../common';
import { toutesEtapesFr } from '../dossiers/dispositifs';
import { pageDossiers, parEcheance, type PageDossiers } from '../dossiers/liste';
import { listDossiersQuerySchema, type DossierSummary, type ListDossiersQuery } from '../dossiers/schemas';
import { ACTIONS_LOT, executerLot, lotRequeteSchema, type LotReponse } from '../dossiers/lot';
import { ApiError, classifyError } from '../errors';
import { sendPage, templateFile, type Champ } from './render';
import { dateHeureCourteFr } from '../../domain/format';

type Vue = 'mes' | 'a-traiter' | 'tous';

interface Ligne {
  id: string;
  json: string;
  document: string;
  temporal: string;
  dispositif: string;
  ml: string;
  region: string;
  etape: string;
  echeance?: { le: string; iso: string; enRetard: boolean };
  attenteDe?: string;
  attendu?: string;
  interlocutrice: string;
  statut: string;
  /** Checked in the batch form (sent back with an error). */
  coche?: boolean;
}

/** The batch form under a list (charge_mission and up): its CSRF token, the list to come back to, its fields. */
interface FormulaireLot {
  csrf: string;
  retour: string;
  interlocutrice: Champ;
  note: Champ;
  erreurs?: string[];
}

interface Modele {
  titre: string;
  intro: string;
  filtres?: Champ[];
  lignes: Ligne[];
  nbRetard: number;
  tri: string;
  pageSuivante?: string;
  premierePage?: string;
  erreur?: string;
  lot?: FormulaireLot;
}

const staffTpl = templateFile<Modele>(__dirname, 'staff-dossiers.hbs');
const lotTpl = templateFile<{
  titre: string;
  resume: string;
  lignes: { id: string; fait: boolean; erreur: boolean; message?: string }[];
  retour: string;
}>(__dirname, 'staff-lot.hbs');

const TITRES: Record<Vue, { titre: string; vue?: string }> = {
  mes: { titre: 'Mes dossiers' },
  'a-traiter': { titre: 'À traiter', vue: 'a-traiter' },
  tous: { titre: 'Tous les dossiers', vue: 'tous' },
};
const vueDe = (v: unknown): Vue => (v === 'a-traiter' ? 'a-traiter' : v === 'tous' ? 'tous' : 'mes');

/** The filters « Tous les dossiers » takes from its form (empty selects mean "all"). */
const FILTRES = ['dispositif', 'region', 'etape', 'interlocutrice', 'missionLocale', 'attenteDe', 'enRetard', 'limit'] as const;
type NomFiltre = (typeof FILTRES)[number];

/** A page's size: « Mes dossiers » in one page as far as possible (sorted within it), the others 50 a page. */
const TAILLE: Record<Vue, number> = { mes: 200, 'a-traiter': 50, tous: 50 };

export interface StaffDeps {
  client: Client;
  config: Config;
  vivier: Pick<VivierStore, 'missionsLocales'>;
  /** Names the interlocutrices (their accounts); without it, their ids. */
  comptes?: Pick<ComptesStore, 'listComptes' | 'getCompte'> | undefined;
  /** Logs the batches (POST /staff/lot); none: silent. */
  logger?: Logger | undefined;
}

/** What a batch form sent back keeps: the dossiers checked, the values, the errors. */
interface RetourLot {
  coches: Set<string>;
  interlocutrice?: string;
  note?: string;
  erreurs: { interlocutrice?: string; note?: string; dossiers?: string; autres?: string[] };
  /** The page's status: 400 (the form), 409 (the account refused)… */
  status: number;
}

/** A list's own URL, to come back to after a batch (only a /staff list; anything else: « Mes dossiers »). */
const retourSur = (v: unknown): string => (typeof v === 'string' && /^\/staff(\?[A-Za-z0-9_%.~=&+-]*)?$/.test(v) ? v : '/staff');

export function staffRouter({ client, config, vivier, comptes, logger }: StaffDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '100kb' });

  function ligne(d: DossierSummary, noms: ReadonlyMap<string, string>): Ligne {
    const dispositif = d.dispositif as DispositifServi | null;
    const region = d.region as keyof typeof REGIONS | null;
    return {
      id: d.dossierId,
      json: `/api/dossiers/${d.dossierId}`,
      document: `/api/dossiers/${d.dossierId}/document-suivi.html`,
      temporal: temporalUiLink(config.TEMPORAL_UI_URL, config.TEMPORAL_NAMESPACE, d.dossierId),
      dispositif: dispositif ? (LIBELLES_DISPOSITIFS[dispositif] ?? dispositif) : '—',
      ml: d.missionLocaleNom ?? d.missionLocale ?? '—',
      region: region ? (REGIONS[region] ?? region) : '—',
      etape: d.etapeLibelle ?? '—',
      ...(d.prochaineEcheance ? { echeance: { le: dateHeureCourteFr(d.prochaineEcheance), iso: d.prochaineEcheance, enRetard: d.enRetard } } : {}),
      ...(d.attenteDeLibelle ? { attenteDe: d.attenteDeLibelle } : {}),
      ...(d.attendu ? { attendu: d.attendu } : {}),
      interlocutrice: d.interlocutrice ? (noms.get(d.interlocutrice) ?? d.interlocutrice) : '—',
      statut: d.status,
    };
  }

  async function page(vue: Vue, raw: Record<string, unknown>, res: Response, retourLot?: RetourLot): Promise<void> {
    const acces = accesDe(res);
    const texte = (k: string) => (typeof raw[k] === 'string' && raw[k] !== '' ? raw[k] : undefined);
    let erreur: string | undefined;
    let filtresInvalides = false;
    let filtres: Omit<ListDossiersQuery, 'limit' | 'page'> = {};
    let taille = TAILLE[vue];
    if (vue === 'tous') {
      const q = Object.fromEntries(FILTRES.map((k) => [k, texte(k)]).filter(([, v]) => v !== undefined));
      const parsed = listDossiersQuerySchema.safeParse(q);
      if (parsed.success) {
        const { limit, ...f } = parsed.data;
        filtres = f;
        if (texte('limit') !== undefined) taille = limit;
      } else {
        filtresInvalides = true;
        erreur = 'Filtre inconnu : tous les dossiers sont affichés.';
      }
    }
    if (vue === 'mes') filtres = acces ? { interlocutrice: acces.compte.id } : { interlocutrice: '__personne__' };
    if (vue === 'a-traiter') filtres = { attenteDe: 'unml' };
    const jeton = texte('page');
    const pageValide = jeton && /^[A-Za-z0-9_-]{1,4000}$/.test(jeton) ? jeton : undefined;
    let resultat: PageDossiers;
    try {
      resultat = await pageDossiers(client, vivier, { ...filtres, ...(pageValide ? { page: pageValide } : {}), limit: taille });
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 'page_inconnue')) throw err;
      erreur = err.message;
      resultat = await pageDossiers(client, vivier, { ...filtres, limit: taille });
    }
    if (jeton && !pageValide) erreur = 'Page inconnue ou expirée : reprenez la liste depuis la première page.';
    // Overdue first, then by next deadline, within the page when the store cannot sort (the dev server's SQLite).
    const items = vue === 'tous' && resultat.tri === 'prochaineEcheance' ? resultat.items : [...resultat.items].sort(parEcheance);
    const listeComptes = comptes ? await comptes.listComptes() : [];
    const noms = new Map(listeComptes.map((c) => [c.id, c.nom]));
    const lignes = items.map((d) => ({ ...ligne(d, noms), ...(retourLot?.coches.has(d.dossierId) ? { coche: true } : {}) }));

    const params = (extra: Record<string, string>) => {
      const p = new URLSearchParams();
      if (TITRES[vue].vue) p.set('vue', TITRES[vue].vue);
      if (vue === 'tous') for (const k of FILTRES) if (texte(k) !== undefined && !filtresInvalides) p.set(k, String(texte(k)));
      for (const [k, v] of Object.entries(extra)) p.set(k, v);
      const s = p.toString();
      return `/staff${s ? `?${s}` : ''}`;
    };
    const choix = (nom: NomFiltre, libelle: string, options: [string, string][]): Champ => ({
      nom,
      libelle,
      type: 'select',
      options: options.map(([valeur, l]) => ({ valeur, libelle: l, choisi: texte(nom) === valeur && !filtresInvalides })),
    });
    const champs: Champ[] | undefined =
      vue === 'tous'
        ? [
            choix('dispositif', 'Dispositif', Object.entries(LIBELLES_DISPOSITIFS)),
            choix('region', 'Région', Object.entries(REGIONS)),
            choix('etape', 'Étape', toutesEtapesFr()),
            choix(
              'interlocutrice',
              'Interlocutrice',
              listeComptes.filter((c) => c.actif && c.roles.some((r) => r === 'charge_mission' || r === 'admin')).map((c) => [c.id, c.nom]),
            ),
            choix(
              'missionLocale',
              'Mission Locale',
              (await vivier.missionsLocales()).map((m) => [m.code, m.nom]),
            ),
            choix('attenteDe', 'En attente de', Object.entries(LIBELLES_ATTENTE)),
            choix('enRetard', 'Échéance', [
              ['true', 'En retard'],
              ['false', 'Pas en retard'],
            ]),
          ]
        : undefined;
    const intro: Record<Vue, string> = {
      mes: 'Les dossiers dont vous êtes l’interlocutrice : en retard d’abord, puis par prochaine échéance.',
      'a-traiter': 'Les dossiers qui attendent une action de l’UNML : en retard d’abord, puis par prochaine échéance.',
      tous: 'Tous les dossiers, filtrés selon vos choix.',
    };
    const tri =
      resultat.tri === 'prochaineEcheance'
        ? 'Triés par prochaine échéance.'
        : vue === 'tous'
          ? 'Les plus récents d’abord (le stockage de visibilité ne sait pas trier par échéance).'
          : 'Triés par échéance au sein de chaque page (le stockage de visibilité ne sait pas trier par échéance).';
    const modele: Modele = {
      titre: TITRES[vue].titre,
      intro: intro[vue],
      ...(champs ? { filtres: champs } : {}),
      lignes,
      nbRetard: lignes.filter((l) => l.echeance?.enRetard).length,
      tri,
      ...(resultat.pageSuivante ? { pageSuivante: params({ page: resultat.pageSuivante }) } : {}),
      ...(pageValide ? { premierePage: params({}) } : {}),
      ...(erreur ? { erreur } : {}),
      ...(acces && roleSuffit(acces.role, 'charge_mission') && lignes.length ? { lot: await formulaireLot(res, params({}), retourLot) } : {}),
    };
    sendPage(res, retourLot?.status ?? 200, TITRES[vue].titre, staffTpl(modele));
  }

  /** The batch form of a list: the active charge_mission accounts to hand over to, what was sent back and its errors. */
  async function formulaireLot(res: Response, retour: string, r?: RetourLot): Promise<FormulaireLot> {
    const possibles = comptes ? await interlocutricesPossibles(comptes) : [];
    const e = r?.erreurs;
    return {
      csrf: jetonCsrf(res) ?? '',
      retour,
      interlocutrice: {
        // Not « interlocutrice »: the filter of « Tous les dossiers » has that name (and its id) on the same page.
        nom: 'nouvelleInterlocutrice',
        libelle: 'Nouvelle interlocutrice',
        type: 'select',
        options: possibles.map((c) => ({ valeur: c.id, libelle: c.nom, choisi: c.id === r?.interlocutrice })),
        ...(e?.interlocutrice ? { erreur: e.interlocutrice } : {}),
      },
      note: {
        nom: 'notePassation',
        libelle: 'Note de passation (facultative)',
        type: 'textarea',
        aide: 'Jointe à l’e-mail envoyé à la nouvelle interlocutrice.',
        valeur: r?.note ?? '',
        ...(e?.note ? { erreur: e.note } : {}),
      },
      ...(e && (e.dossiers || e.autres?.length) ? { erreurs: [...(e.dossiers ? [e.dossiers] : []), ...(e.autres ?? [])] } : {}),
    };
  }

  router.get(['/staff', '/unml'], (req, res) => page(vueDe(req.query.vue), req.query as Record<string, unknown>, res));

  // The batch: checked, each dossier through its own action; errors of the form itself send the list back with them.
  router.post('/staff/lot', form, async (req, res) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const liste = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []);
    const coches = liste(b.dossiers);
    const texte = (k: string) => (typeof b[k] === 'string' && (b[k] as string).trim() !== '' ? (b[k] as string) : undefined);
    const retour = retourSur(b.retour);
    const action = texte('action');
    const acces = accesDe(res);
    const requete = {
      action,
      dossiers: coches,
      ...(action === 'interlocutrice'
        ? { interlocutrice: texte('nouvelleInterlocutrice') ? { id: texte('nouvelleInterlocutrice') } : undefined, note: texte('notePassation') }
        : {}),
      ...(acces ? { par: acces.compte.nom } : {}),
    };
    const renvoyer = async (erreurs: RetourLot['erreurs'], status = 400) => {
      const url = new URL(retour, 'http://x');
      const query = Object.fromEntries(url.searchParams);
      const r: RetourLot = { coches: new Set(coches), erreurs, status };
      if (texte('nouvelleInterlocutrice')) r.interlocutrice = texte('nouvelleInterlocutrice')!;
      if (texte('notePassation')) r.note = texte('notePassation')!;
      await page(vueDe(query.vue), query, res, r);
    };
    const parsed = lotRequeteSchema.safeParse(requete);
    if (!parsed.success) {
      const erreurs: RetourLot['erreurs'] = {};
      for (const issue of parsed.error.issues) {
        const champ = String(issue.path[0] ?? '');
        if (champ === 'dossiers') erreurs.dossiers ??= coches.length ? 'Un dossier coché est inconnu : rechargez la liste.' : 'Cochez au moins un dossier.';
        else if (champ === 'interlocutrice') erreurs.interlocutrice = 'Choisissez la nouvelle interlocutrice.';
        else if (champ === 'action') (erreurs.autres ??= []).push('Choisissez l’action : passer les dossiers, ou renvoyer leur relance.');
        else if (champ === 'note') erreurs.note = `La note de passation ${issue.message} (2000 caractères au plus).`;
      }
      await renvoyer(erreurs);
      return;
    }
    if (!comptes) throw new Error('the staff accounts are needed for a batch');
    let reponse: LotReponse;
    try {
      reponse = await executerLot({ client, config, comptes, logger: logger ?? silencieux }, parsed.data, acteurDe(res));
    } catch (err) {
      const known = classifyError(err);
      if (known && known.status < 500) {
        await renvoyer({ interlocutrice: known.body.message }, known.status);
        return;
      }
      throw err;
    }
    const { libelle } = ACTIONS_LOT[reponse.action];
    const n = reponse.resultats.length;
    const resume =
      `${n} dossier${n > 1 ? 's' : ''} : ${reponse.faits} fait${reponse.faits > 1 ? 's' : ''}` +
      (reponse.refuses ? `, ${reponse.refuses} refusé${reponse.refuses > 1 ? 's' : ''} (la raison est donnée pour chacun).` : '.');
    const lignes = reponse.resultats.map((r) => ({
      id: r.dossierId,
      fait: r.statut === 'fait',
      erreur: r.statut === 'erreur',
      ...(r.message ? { message: r.message } : {}),
    }));
    sendPage(res, 200, libelle, lotTpl({ titre: libelle, resume, lignes, retour }));
  });

  return router;
}

/** A logger that says nothing (the pages router is given none in some tests). */
const silencieux = { info: () => undefined, error: () => undefined } as unknown as Logger;
