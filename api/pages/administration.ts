// The back office's Administration (admins: the staff accounts — list, create, change name and roles, deactivate,
// reactivate) and "Mes jetons" (everyone signed in: create a personal API token, shown once, list, revoke). French,
// server-rendered, usable without JavaScript; the rules are the store's (db/comptes.ts: an address has one account,
// the last active admin stays) and /api/jetons' (api/comptes/operations.ts), validated by the API's zod schemas.
import express, { type Request, type Response, Router } from 'express';
import type { z } from 'zod';
import {
  type Compte,
  CompteErreur,
  type ComptesStore,
  type IssueConnexion,
  LIBELLES_ROLES,
  type LigneConnexion,
  type MoyenConnexion,
  ROLES_COMPTE,
  type RoleCompte,
  roleSuffit,
} from '../../db/comptes-store';
import { dateHeureCourteFr } from '../../domain/format';
import { accesDe, type AccesCompte } from '../acces/middleware';
import { creerMonJeton, revoquerMonJeton } from '../comptes/operations';
import {
  compteParamsSchema,
  JETON_DUREE_MAX_JOURS,
  jetonParamsSchema,
  modificationCompteSchema,
  nouveauCompteSchema,
  nouveauJetonSchema,
} from '../comptes/schemas';
import { ApiError } from '../errors';
import { alerteErreurs, type Champ, sendMessage, sendPage, templateFile } from './render';

const DESCRIPTIONS_ROLES: Record<RoleCompte, string> = {
  admin: 'Administration : les comptes, en plus de tout le reste',
  charge_mission: 'Chargé·e de mission : lit et fait avancer les dossiers, peut en être l’interlocutrice',
  lecture: 'Lecture seule : lit les dossiers, les chiffres et l’interface Temporal',
};

type Erreurs = Record<string, string>;

interface LigneCompte {
  id: string;
  nom: string;
  email: string;
  roles: string;
  actif: boolean;
  creeLe: string;
  creePar: string;
  modifieLe: string;
  modifiePar: string;
}

const listeTpl = templateFile<{ comptes: LigneCompte[]; message?: string }>(__dirname, 'administration-comptes.hbs');
const nouveauTpl = templateFile<{ champs: Champ[]; csrf: string; erreurGlobale?: string }>(__dirname, 'administration-compte-nouveau.hbs');
/** A line of « Dernières connexions » (the sign-in audit), in French. */
interface LigneJournal {
  le: string;
  moyen: string;
  issue: string;
  refus: boolean;
}
/** How many lines of the sign-in audit an account's page shows. */
const CONNEXIONS_AFFICHEES = 20;
const MOYENS: Record<MoyenConnexion, string> = {
  lien: 'Lien reçu par e-mail',
  oidc: 'Compte de l’organisation (OpenID Connect)',
  deconnexion: 'Déconnexion',
};
const ISSUES: Record<IssueConnexion, string> = {
  reussie: 'Réussie',
  lien_expire: 'Refusée : lien expiré',
  lien_utilise: 'Refusée : lien déjà utilisé',
  lien_inconnu: 'Refusée : lien inconnu',
  compte_inconnu: 'Refusée : aucun compte à cette adresse',
  compte_inactif: 'Refusée : compte désactivé',
  email_non_verifiee: 'Refusée : adresse e-mail non vérifiée',
};
const ligneJournal = (l: LigneConnexion): LigneJournal => ({
  le: dateHeureCourteFr(l.le),
  moyen: MOYENS[l.moyen] ?? l.moyen,
  issue: ISSUES[l.issue] ?? l.issue,
  refus: l.issue !== 'reussie',
});

const compteTpl = templateFile<LigneCompte & { compte: Compte; champs: Champ[]; csrf: string; message?: string; refus?: string; connexions: LigneJournal[] }>(
  __dirname,
  'administration-compte.hbs',
);
interface LigneJeton {
  id: string;
  nom: string;
  role: string;
  creeLe: string;
  expireLe: string;
  dernierUsage: string;
  etat: string;
  revocable: boolean;
}
const jetonsTpl = templateFile<{ champs: Champ[]; jetons: LigneJeton[]; csrf: string; message?: string; erreurGlobale?: string }>(__dirname, 'mes-jetons.hbs');
const jetonCreeTpl = templateFile<{ fiche: { nom: string }; role: string; expireLe: string; jeton: string; exemple: string }>(__dirname, 'mes-jetons-cree.hbs');

const libellesRoles = (roles: readonly RoleCompte[]) => roles.map((r) => LIBELLES_ROLES[r]).join(', ') || '—';

/** Who created or changed an account: a name for an account, else what the store recorded ("systeme", "demo"…). */
function auteur(par: string, noms: Map<string, string>): string {
  return noms.get(par) ?? ({ systeme: 'le système (premier compte)', demo: 'les données de démonstration' } as Record<string, string>)[par] ?? par;
}

function ligneCompte(c: Compte, noms: Map<string, string>): LigneCompte {
  return {
    id: c.id,
    nom: c.nom,
    email: c.email,
    roles: libellesRoles(c.roles),
    actif: c.actif,
    creeLe: dateHeureCourteFr(c.creeLe),
    creePar: auteur(c.creePar, noms),
    modifieLe: dateHeureCourteFr(c.modifieLe),
    modifiePar: auteur(c.modifiePar, noms),
  };
}

/** A form's value as text (a JSON body may send anything). */
const texte = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
/** The checked boxes of a group: one value or several. */
const coches = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v !== '' ? [v] : [];

/** zod's issues, one message per field (its first). */
function erreursDe(err: z.core.$ZodError): Erreurs {
  const out: Erreurs = {};
  for (const issue of err.issues) {
    const champ = String(issue.path[0] ?? '_');
    out[champ] ??= issue.message;
  }
  return out;
}

const champRoles = (choisis: readonly string[], erreur?: string): Champ => ({
  nom: 'roles',
  libelle: 'Rôles',
  type: 'cases',
  requis: true,
  aide: 'Au moins un. Chaque rôle comprend ceux qui le suivent.',
  options: ROLES_COMPTE.map((r) => ({ valeur: r, libelle: DESCRIPTIONS_ROLES[r], choisi: choisis.includes(r) })),
  ...(erreur ? { erreur } : {}),
});

function signe(res: Response): AccesCompte {
  const a = accesDe(res);
  if (!a) throw new ApiError(401, 'non_authentifie', 'Connexion requise.');
  return a;
}

export function administrationRouter(comptes: ComptesStore, now: () => Date = () => new Date()): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '20kb' });
  const corps = (req: Request) => (req.body ?? {}) as Record<string, unknown>;
  const csrf = (res: Response) => accesDe(res)?.csrf ?? '';
  const noms = async () => new Map((await comptes.listComptes()).map((c) => [c.id, c.nom]));

  // --- Administration: the accounts ----------------------------------------------------------------

  router.get('/administration', async (req, res) => {
    const tous = await comptes.listComptes();
    const n = new Map(tous.map((c) => [c.id, c.nom]));
    const cree = typeof req.query.cree === 'string' ? tous.find((c) => c.id === req.query.cree) : undefined;
    const message = cree ? `Compte créé : ${cree.nom} (${cree.email}). La personne se connecte sur /connexion avec cette adresse.` : undefined;
    sendPage(res, 200, 'Administration', listeTpl({ comptes: tous.map((c) => ligneCompte(c, n)), ...(message ? { message } : {}) }));
  });

  const nouveau = (res: Response, status: number, valeurs: { nom?: string; email?: string; roles?: string[] }, erreurs: Erreurs = {}) => {
    const champs: Champ[] = [
      { nom: 'nom', libelle: 'Nom et prénom', type: 'text', requis: true, valeur: valeurs.nom ?? '', ...(erreurs.nom ? { erreur: erreurs.nom } : {}) },
      {
        nom: 'email',
        libelle: 'Adresse e-mail professionnelle',
        type: 'email',
        requis: true,
        valeur: valeurs.email ?? '',
        aide: 'Celle où la personne reçoit ses liens de connexion.',
        ...(erreurs.email ? { erreur: erreurs.email } : {}),
      },
      champRoles(valeurs.roles ?? [], erreurs.roles),
    ];
    const n = Object.keys(erreurs).length;
    sendPage(res, status, 'Créer un compte', nouveauTpl({ champs, csrf: csrf(res), ...(n ? { erreurGlobale: alerteErreurs(n) } : {}) }));
  };

  router.get('/administration/comptes/nouveau', (_req, res) => {
    nouveau(res, 200, { roles: ['charge_mission'] });
  });

  router.post('/administration/comptes/nouveau', form, async (req, res) => {
    const b = corps(req);
    const valeurs = { nom: texte(b.nom), email: texte(b.email), roles: coches(b.roles) };
    const parsed = nouveauCompteSchema.safeParse(valeurs);
    if (!parsed.success) {
      nouveau(res, 400, valeurs, erreursDe(parsed.error));
      return;
    }
    try {
      const compte = await comptes.creerCompte(parsed.data, signe(res).compte.id);
      res.redirect(303, `/administration?cree=${encodeURIComponent(compte.id)}`);
    } catch (err) {
      if (!(err instanceof CompteErreur) || err.code !== 'conflit') throw err;
      nouveau(res, 409, valeurs, { email: err.message });
    }
  });

  const MESSAGES_FAIT: Record<string, string> = {
    modifie: 'Modifications enregistrées.',
    desactive: 'Compte désactivé : ses sessions sont terminées et ses jetons ne servent plus.',
    reactive: 'Compte réactivé : la personne peut de nouveau se connecter.',
  };

  const pageCompte = async (
    res: Response,
    status: number,
    compte: Compte,
    options: { valeurs?: { nom: string; roles: string[] }; erreurs?: Erreurs; message?: string; refus?: string } = {},
  ) => {
    const erreurs = options.erreurs ?? {};
    const valeurs = options.valeurs ?? { nom: compte.nom, roles: compte.roles };
    const champs: Champ[] = [
      { nom: 'nom', libelle: 'Nom et prénom', type: 'text', requis: true, valeur: valeurs.nom, ...(erreurs.nom ? { erreur: erreurs.nom } : {}) },
      champRoles(valeurs.roles, erreurs.roles),
    ];
    const n = Object.keys(erreurs).length;
    const refus = options.refus ?? (n ? alerteErreurs(n) : undefined);
    sendPage(
      res,
      status,
      `Compte de ${compte.nom}`,
      compteTpl({
        ...ligneCompte(compte, await noms()),
        compte,
        champs,
        csrf: csrf(res),
        connexions: (await comptes.dernieresConnexions(compte.id, CONNEXIONS_AFFICHEES)).map(ligneJournal),
        ...(options.message ? { message: options.message } : {}),
        ...(refus ? { refus } : {}),
      }),
    );
  };

  /** The account of the URL, or a 404 page (undefined). */
  const compteDeUrl = async (req: Request, res: Response): Promise<Compte | undefined> => {
    const parsed = compteParamsSchema.safeParse(req.params);
    const compte = parsed.success ? await comptes.getCompte(parsed.data.id) : undefined;
    if (!compte) sendMessage(res, 404, 'Compte introuvable', ['Aucun compte UNML ne correspond à cette adresse.', 'Retour : /administration'], 'alerte');
    return compte;
  };

  router.get('/administration/comptes/:id', async (req, res) => {
    const compte = await compteDeUrl(req, res);
    if (!compte) return;
    const fait = typeof req.query.fait === 'string' ? MESSAGES_FAIT[req.query.fait] : undefined;
    await pageCompte(res, 200, compte, fait ? { message: fait } : {});
  });

  router.post('/administration/comptes/:id', form, async (req, res) => {
    const compte = await compteDeUrl(req, res);
    if (!compte) return;
    const b = corps(req);
    const valeurs = { nom: texte(b.nom), roles: coches(b.roles) };
    const parsed = modificationCompteSchema.safeParse(valeurs);
    if (!parsed.success) {
      await pageCompte(res, 400, compte, { valeurs, erreurs: erreursDe(parsed.error) });
      return;
    }
    try {
      await comptes.modifierCompte(compte.id, parsed.data, signe(res).compte.id);
      res.redirect(303, `/administration/comptes/${compte.id}?fait=modifie`);
    } catch (err) {
      if (!(err instanceof CompteErreur) || err.code !== 'conflit') throw err;
      await pageCompte(res, 409, compte, { valeurs, erreurs: { roles: err.message }, refus: err.message });
    }
  });

  for (const [chemin, actif, fait] of [
    ['desactiver', false, 'desactive'],
    ['reactiver', true, 'reactive'],
  ] as const) {
    router.post(`/administration/comptes/:id/${chemin}`, form, async (req, res) => {
      const compte = await compteDeUrl(req, res);
      if (!compte) return;
      try {
        await comptes.modifierCompte(compte.id, { actif }, signe(res).compte.id);
        res.redirect(303, `/administration/comptes/${compte.id}?fait=${fait}`);
      } catch (err) {
        if (!(err instanceof CompteErreur) || err.code !== 'conflit') throw err;
        await pageCompte(res, 409, compte, { refus: err.message });
      }
    });
  }

  // --- Mes jetons ----------------------------------------------------------------------------------

  const pageJetons = async (
    res: Response,
    status: number,
    options: { valeurs?: { nom: string; role: string; dureeJours: string }; erreurs?: Erreurs; message?: string } = {},
  ) => {
    const a = signe(res);
    const max = a.role;
    const erreurs = options.erreurs ?? {};
    const valeurs = options.valeurs ?? { nom: '', role: max, dureeJours: '90' };
    const champs: Champ[] = [
      {
        nom: 'nom',
        libelle: 'Nom du jeton',
        type: 'text',
        requis: true,
        valeur: valeurs.nom,
        aide: 'À quoi il sert, par exemple « Export mensuel des chiffres ».',
        ...(erreurs.nom ? { erreur: erreurs.nom } : {}),
      },
      {
        nom: 'role',
        libelle: 'Rôle du jeton',
        type: 'select',
        requis: true,
        aide: 'Au plus le vôtre : donnez-lui le plus petit qui suffit.',
        options: ROLES_COMPTE.filter((r) => roleSuffit(max, r)).map((r) => ({ valeur: r, libelle: DESCRIPTIONS_ROLES[r], choisi: valeurs.role === r })),
        ...(erreurs.role ? { erreur: erreurs.role } : {}),
      },
      {
        nom: 'dureeJours',
        libelle: 'Durée de validité, en jours',
        type: 'number',
        requis: true,
        min: 1,
        max: JETON_DUREE_MAX_JOURS,
        valeur: valeurs.dureeJours,
        aide: `De 1 à ${JETON_DUREE_MAX_JOURS} jours.`,
        ...(erreurs.dureeJours ? { erreur: erreurs.dureeJours } : {}),
      },
    ];
    const maintenant = now().toISOString();
    const jetons: LigneJeton[] = (await comptes.jetons(a.compte.id)).map((j) => ({
      id: j.id,
      nom: j.nom,
      role: LIBELLES_ROLES[j.role],
      creeLe: dateHeureCourteFr(j.creeLe),
      expireLe: dateHeureCourteFr(j.expireLe),
      dernierUsage: j.dernierUsageLe ? dateHeureCourteFr(j.dernierUsageLe) : 'jamais',
      etat: j.revoqueLe ? `révoqué le ${dateHeureCourteFr(j.revoqueLe)}` : j.expireLe <= maintenant ? 'expiré' : 'actif',
      revocable: !j.revoqueLe && j.expireLe > maintenant,
    }));
    const n = Object.keys(erreurs).length;
    const erreurGlobale = n ? (erreurs._ ?? alerteErreurs(n)) : undefined;
    sendPage(
      res,
      status,
      'Mes jetons d’API',
      jetonsTpl({ champs, jetons, csrf: csrf(res), ...(options.message ? { message: options.message } : {}), ...(erreurGlobale ? { erreurGlobale } : {}) }),
    );
  };

  router.get('/mes-jetons', async (req, res) => {
    const revoque = typeof req.query.revoque === 'string' ? await comptes.getJeton(req.query.revoque) : undefined;
    const message = revoque && revoque.compteId === signe(res).compte.id ? `Jeton « ${revoque.nom} » révoqué : il ne sert plus.` : undefined;
    await pageJetons(res, 200, message ? { message } : {});
  });

  router.post('/mes-jetons', form, async (req, res) => {
    const a = signe(res);
    const b = corps(req);
    const valeurs = { nom: texte(b.nom), role: texte(b.role), dureeJours: texte(b.dureeJours).trim() };
    const duree = valeurs.dureeJours === '' ? Number.NaN : Number(valeurs.dureeJours);
    const parsed = nouveauJetonSchema.safeParse({
      nom: valeurs.nom,
      ...(valeurs.role ? { role: valeurs.role } : {}),
      dureeJours: Number.isNaN(duree) ? valeurs.dureeJours : duree,
    });
    if (!parsed.success) {
      const erreurs = erreursDe(parsed.error);
      if (erreurs.dureeJours && Number.isNaN(duree)) erreurs.dureeJours = `Un nombre entier de jours, de 1 à ${JETON_DUREE_MAX_JOURS}.`;
      if (erreurs.role) erreurs.role = 'Choisissez un rôle dans la liste.';
      await pageJetons(res, 400, { valeurs, erreurs });
      return;
    }
    try {
      const { jeton, fiche } = await creerMonJeton(comptes, a, parsed.data, now());
      const exemple = `${req.protocol}://${req.get('host') ?? 'localhost'}/api/moi`;
      sendPage(res, 201, 'Jeton créé', jetonCreeTpl({ fiche, role: LIBELLES_ROLES[fiche.role], expireLe: dateHeureCourteFr(fiche.expireLe), jeton, exemple }));
    } catch (err) {
      if (!(err instanceof CompteErreur) || err.code === 'introuvable') throw err;
      // Above one's role ('interdit') or an expiry already past ('conflit'): said on the field, not as a denied access.
      const champ = err.code === 'interdit' ? 'role' : 'dureeJours';
      await pageJetons(res, 400, { valeurs, erreurs: { [champ]: err.message } });
    }
  });

  router.post('/mes-jetons/:id/revoquer', form, async (req, res) => {
    const a = signe(res);
    const parsed = jetonParamsSchema.safeParse(req.params);
    try {
      if (!parsed.success) throw new CompteErreur('introuvable', 'Jeton inconnu.');
      const fiche = await revoquerMonJeton(comptes, a, parsed.data.id);
      res.redirect(303, `/mes-jetons?revoque=${encodeURIComponent(fiche.id)}`);
    } catch (err) {
      if (!(err instanceof CompteErreur) || err.code !== 'introuvable') throw err;
      sendMessage(res, 404, 'Jeton introuvable', [`${err.message} Retour : /mes-jetons`], 'alerte');
    }
  });

  return router;
}
