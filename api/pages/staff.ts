// The back office's lists of dossiers (issue #12 §4), for signed-in UNML staff (role `lecture` and up,
// api/acces/routes.ts):
// - /staff (and /unml; ?vue=mes-dossiers): « Mes dossiers », those whose interlocutrice is the signed-in account, overdue first then by
//   next deadline, with what each waits for and from whom;
// - /staff?vue=a-traiter: « À traiter », those waiting for a UNML action (AttenteDe = unml);
// - /staff?vue=tous: « Tous les dossiers », filtered by dispositif, région, step, interlocutrice, Mission Locale, who it
//   waits for, overdue; paginated (« Page suivante »). The layout's navigation links the three (render.ts SECTIONS).
// Each page is one visibility call (api/dossiers/liste.ts): every row comes from the dossier's search attributes,
// never from a per-row getDossier query.
import { Router, type Request, type Response } from 'express';
import type { Client } from '@temporalio/client';
import type { Config } from '../../config';
import type { ComptesStore } from '../../db/comptes-store';
import type { VivierStore } from '../../db/store';
import { REGIONS } from '../../domain/regions';
import { LIBELLES_ATTENTE } from '../../workflows/shared/attente';
import { accesDe } from '../acces/middleware';
import { LIBELLES_DISPOSITIFS, temporalUiLink, type DispositifServi } from '../common';
import { toutesEtapesFr } from '../dossiers/dispositifs';
import { pageDossiers, parEcheance, type PageDossiers } from '../dossiers/liste';
import { listDossiersQuerySchema, type DossierSummary, type ListDossiersQuery } from '../dossiers/schemas';
import { ApiError } from '../errors';
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
}

const staffTpl = templateFile<Modele>(__dirname, 'staff-dossiers.hbs');

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
  comptes?: Pick<ComptesStore, 'listComptes'> | undefined;
}

export function staffRouter({ client, config, vivier, comptes }: StaffDeps): Router {
  const router = Router();

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

  async function page(vue: Vue, req: Request, res: Response): Promise<void> {
    const acces = accesDe(res);
    const raw = req.query as Record<string, unknown>;
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
    const lignes = items.map((d) => ligne(d, noms));

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
    };
    sendPage(res, 200, TITRES[vue].titre, staffTpl(modele));
  }

  router.get(['/staff', '/unml'], (req, res) => page(vueDe(req.query.vue), req, res));

  return router;
}
