// The public demand forms ("formulaire dédié"), one per dispositif: /demande/compagnonnage,
// /demande/appui-conseil and /demande/diagnostic. They say what the dispositif is for and what it does not cover before submission,
// validate with the API's schema, answer an out-of-scope demand at once (with the reason and the dispositif to
// ask instead), and a hidden idempotency key makes a double submission create one dossier.
// Their footer links to the "Je candidate" form of the intervenant pool (candidater.ts).
import { randomUUID } from 'node:crypto';
import express, { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Config } from '../../config';
import { CAS_MOBILISATION_APPUI, HORS_CHAMP_APPUI, SUJETS_APPUI } from '../../domain/appui-conseil';
import { CAS_MOBILISATION, SUJETS_EXCLUS_LIBELLES, SUJETS_TRAITES } from '../../domain/compagnonnage';
import { CAS_MOBILISATION_DIAGNOSTIC, DEMANDEURS_DIAGNOSTIC, HORS_CHAMP_DIAGNOSTIC, THEMES_DIAGNOSTIC } from '../../domain/diagnostic';
import { REGIONS } from '../../domain/regions';
import { NOMS_DISPOSITIFS } from '../../domain/schemas';
import { createDemandeBodySchema, type CreateDemandeBody } from '../demandes/schemas';
import { horsChamp } from '../demandes/recevabilite';
import { creerDossier } from '../demandes/router';
import { alerteErreurs, sendMessage, sendPage, templateFile, type Champ } from './render';

type Libelles = Readonly<Record<string, string>>;
type Dispositif = CreateDemandeBody['dispositif'];
type Slug = 'compagnonnage' | 'appui-conseil' | 'diagnostic';
interface FormulaireDispositif {
  dispositif: Dispositif;
  slug: Slug;
  nom: string;
  /** "d’Appui Conseil", "de l’Appui Conseil", "l’Appui Conseil" (domain/schemas.ts NOMS_DISPOSITIFS). */
  de: string;
  du: string;
  le: string;
  /** One line for the /demande index. */
  accroche: string;
  presentation: string[];
  /** When to ask ("Quand le demander"), shown before the form. */
  cas: Libelles;
  /** The demand's single-choice field, as the API's schema names it: the mobilisation case, or who asks (Diagnostic). */
  choix: { champ: 'casMobilisation' | 'demandeur'; libelle: string; options: Libelles };
  /** The topics field: its label, the topics the dispositif treats, and the out-of-scope ones it accepts so its recevabilité can answer. */
  sujets: { titre: string; libelle: string; traites: Libelles; horsChamp: Libelles };
  /** What the dispositif does not cover, shown before the form. */
  horsChamp: Libelles;
}

const HORS_CHAMP_APPUI_LIBELLES: Libelles = Object.fromEntries(Object.entries(HORS_CHAMP_APPUI).map(([k, v]) => [k, v.libelle]));

const formes = (d: Dispositif) => ({ de: NOMS_DISPOSITIFS[d].de, du: NOMS_DISPOSITIFS[d].du, le: NOMS_DISPOSITIFS[d].le });

const FORMULAIRES: Record<Slug, FormulaireDispositif> = {
  compagnonnage: {
    dispositif: 'compagnonnage',
    slug: 'compagnonnage',
    ...formes('compagnonnage'),
    nom: 'Compagnonnage',
    accroche: 'accompagnement entre pairs d’une direction de Mission Locale.',
    presentation: [
      'Le Compagnonnage est un accompagnement entre pairs : la direction d’une Mission Locale est accompagnée par la direction ' +
        'd’une Mission Locale d’une autre région, pour prévenir les difficultés.',
      'Il est volontaire, gratuit et se déroule principalement à distance : un forfait de 24 heures, soit 2 heures par semaine ' +
        'pendant 3 mois (rythme ajustable). Le nombre d’interventions étant limité, l’UNML donne la priorité aux demandes ' +
        'selon les ressources disponibles.',
    ],
    cas: CAS_MOBILISATION,
    choix: { champ: 'casMobilisation', libelle: 'Votre situation (cas de mobilisation)', options: CAS_MOBILISATION },
    sujets: { titre: 'Les sujets traités', libelle: 'Les sujets que vous souhaitez traiter', traites: SUJETS_TRAITES, horsChamp: SUJETS_EXCLUS_LIBELLES },
    horsChamp: SUJETS_EXCLUS_LIBELLES,
  },
  'appui-conseil': {
    dispositif: 'appui_conseil',
    slug: 'appui-conseil',
    ...formes('appui_conseil'),
    nom: 'Appui Conseil',
    accroche: 'pour une Mission Locale en situation particulièrement délicate.',
    presentation: [
      'L’Appui Conseil s’adresse aux Missions Locales qui traversent une situation particulièrement délicate : ' +
        'un ou plusieurs dysfonctionnements importants qui entravent leur fonctionnement.',
      'Il est volontaire et gratuit : un cabinet et, le cas échéant, un membre du réseau d’une autre région interviennent ' +
        '15 à 20 jours au total (diagnostic flash, plan d’action, mise en œuvre).',
    ],
    cas: CAS_MOBILISATION_APPUI,
    choix: { champ: 'casMobilisation', libelle: 'Votre situation (cas de mobilisation)', options: CAS_MOBILISATION_APPUI },
    sujets: { titre: 'Les sujets traités', libelle: 'Les sujets que vous souhaitez traiter', traites: SUJETS_APPUI, horsChamp: HORS_CHAMP_APPUI_LIBELLES },
    horsChamp: HORS_CHAMP_APPUI_LIBELLES,
  },
  diagnostic: {
    dispositif: 'diagnostic',
    slug: 'diagnostic',
    ...formes('diagnostic'),
    nom: 'Diagnostic',
    accroche: 'un regard extérieur sur la Mission Locale, par un binôme de diagnostiqueurs.',
    presentation: [
      'Le Diagnostic apporte à une Mission Locale un regard extérieur sur son fonctionnement. Sa présidence ou sa direction ' +
        'en fait la demande, en indiquant une ou plusieurs thématiques sur lesquelles elle souhaite ce regard.',
      'Il est réalisé par un binôme de diagnostiqueurs : un·e consultant·e d’un cabinet externe (méthode, formalisation) ' +
        'et un·e directeur·rice de Mission Locale d’une autre région (cœur de métier). Pour garantir l’impartialité, ' +
        'aucun·e ne vient de votre région ni ne connaît déjà votre présidence ou votre direction.',
      'Chacun·e analyse d’abord votre dossier, puis ils mettent leurs analyses en commun et conviennent avec votre direction ' +
        'des personnes à rencontrer (direction, présidence, selon le cas cadres, conseiller·ère·s, partenaires). ' +
        'Après une journée sur site, chacun·e remplit un rapport normé et ils croisent leurs analyses ; vous avez votre mot ' +
        'à dire sur leurs constats et le rapport peut être modifié. Une revue finale avec l’UNML conclut le diagnostic.',
      'Il est volontaire et gratuit.',
    ],
    cas: CAS_MOBILISATION_DIAGNOSTIC,
    choix: { champ: 'demandeur', libelle: 'Qui fait la demande', options: DEMANDEURS_DIAGNOSTIC },
    sujets: {
      titre: 'Les thématiques possibles',
      libelle: 'Les thématiques sur lesquelles vous souhaitez un regard extérieur',
      traites: THEMES_DIAGNOSTIC,
      horsChamp: {},
    },
    horsChamp: HORS_CHAMP_DIAGNOSTIC,
  },
};

const SLUG_DE: Record<Dispositif, Slug> = { compagnonnage: 'compagnonnage', appui_conseil: 'appui-conseil', diagnostic: 'diagnostic' };
const formulaireDe = (slug: string): FormulaireDispositif | undefined => (Object.hasOwn(FORMULAIRES, slug) ? FORMULAIRES[slug as Slug] : undefined);
const LISTE_FORMULAIRES = Object.values(FORMULAIRES)
  .map((f) => `/demande/${f.slug}`)
  .join(', ');

type Valeurs = Record<string, string | string[]>;
const un = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
const plusieurs = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);

/** An ML identifier from its name, e.g. "Mission Locale de Rouen" → "ML-MISSION-LOCALE-DE-ROUEN" (no personal data). */
export function codeMissionLocale(nom: string): string {
  const slug = nom
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `ML-${slug}`.slice(0, 40).replace(/-+$/, '') || 'ML';
}

function champs(f: FormulaireDispositif, v: Valeurs, erreurs: Record<string, string>): Champ[] {
  const sujets = plusieurs(v.sujets);
  const list: Champ[] = [
    { nom: 'requestId', libelle: '', type: 'hidden', valeur: un(v.requestId) || randomUUID() },
    { nom: 'mlNom', libelle: 'Nom de la Mission Locale', type: 'text', requis: true, valeur: un(v.mlNom) },
    {
      nom: 'region',
      libelle: 'Région',
      type: 'select',
      requis: true,
      options: Object.entries(REGIONS).map(([code, nom]) => ({ valeur: code, libelle: nom, choisi: un(v.region) === code })),
    },
    { nom: 'directionNom', libelle: 'Direction : prénom et nom', type: 'text', requis: true, valeur: un(v.directionNom) },
    {
      nom: 'directionEmail',
      libelle: 'Direction : adresse électronique',
      type: 'email',
      requis: true,
      valeur: un(v.directionEmail),
      aide: 'Les messages de l’UNML sur cette demande y seront envoyés.',
    },
    { nom: 'presidenceNom', libelle: 'Présidence : prénom et nom', type: 'text', requis: true, valeur: un(v.presidenceNom) },
    { nom: 'presidenceEmail', libelle: 'Présidence : adresse électronique', type: 'email', requis: true, valeur: un(v.presidenceEmail) },
    {
      nom: f.choix.champ,
      libelle: f.choix.libelle,
      type: 'radios',
      requis: true,
      options: Object.entries(f.choix.options).map(([valeur, libelle]) => ({ valeur, libelle, choisi: un(v[f.choix.champ]) === valeur })),
    },
    {
      nom: 'sujets',
      libelle: f.sujets.libelle,
      type: 'cases',
      requis: true,
      ...(Object.keys(f.sujets.horsChamp).length > 0
        ? { aide: `Les derniers sujets de la liste ne relèvent pas ${f.du} : ils sont indiqués pour que vous sachiez d’emblée vers quoi vous orienter.` }
        : {}),
      options: [
        ...Object.entries(f.sujets.traites).map(([valeur, libelle]) => ({ valeur, libelle, choisi: sujets.includes(valeur) })),
        ...Object.entries(f.sujets.horsChamp).map(([valeur, libelle]) => ({
          valeur,
          libelle: `${libelle} (ne relève pas ${f.du})`,
          choisi: sujets.includes(valeur),
        })),
      ],
    },
    { nom: 'description', libelle: 'Décrivez votre situation et votre besoin', type: 'textarea', requis: true, valeur: un(v.description) },
  ];
  return list.map((c) => (erreurs[c.nom] ? { ...c, erreur: erreurs[c.nom] } : c));
}

const formTpl = templateFile<{
  f: FormulaireDispositif;
  cas: string[];
  sujetsTraites: string[];
  horsChamp: string[];
  champs: Champ[];
  alerte?: { titre: string; motifs: string[]; redirection?: { nom: string; de: string; url: string } };
  erreurGlobale?: string;
}>(__dirname, 'demande-formulaire.hbs');
const confirmationTpl = templateFile<{ de: string; reference: string; email: string; deja: boolean }>(__dirname, 'demande-confirmation.hbs');

const CHAMP_DE: Record<string, string> = {
  'missionLocale.nom': 'mlNom',
  'missionLocale.region': 'region',
  'missionLocale.code': 'mlNom',
  'direction.nom': 'directionNom',
  'direction.email': 'directionEmail',
  'presidence.nom': 'presidenceNom',
  'presidence.email': 'presidenceEmail',
};

function messageChamp(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_format' && issue.format === 'email') return 'Indiquez une adresse électronique valide (ex. prenom.nom@ml-exemple.fr).';
  if (issue.code === 'too_small') return issue.origin === 'array' ? 'Choisissez au moins un sujet.' : 'Ce champ est obligatoire.';
  if (issue.code === 'invalid_value') return 'Choisissez une des options proposées.';
  if (issue.code === 'invalid_type') return 'Ce champ est obligatoire.';
  return issue.message;
}

function page(f: FormulaireDispositif, model: Omit<Parameters<typeof formTpl>[0], 'f' | 'cas' | 'sujetsTraites' | 'horsChamp'>): string {
  return formTpl({ f, cas: Object.values(f.cas), sujetsTraites: Object.values(f.sujets.traites), horsChamp: Object.values(f.horsChamp), ...model });
}

export function demandeRouter(client: Client, config: Config, logger: Logger): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '50kb' });

  router.get('/demande', (_req, res) => {
    sendMessage(
      res,
      200,
      'Faire une demande',
      Object.values(FORMULAIRES).map((f) => `${f.nom} : /demande/${f.slug} — ${f.accroche}`),
    );
  });

  router.get('/demande/:dispositif', (req, res) => {
    const f = formulaireDe(String(req.params.dispositif));
    if (!f) {
      sendMessage(res, 404, 'Formulaire introuvable', [`Les formulaires disponibles : ${LISTE_FORMULAIRES}.`], 'alerte');
      return;
    }
    sendPage(res, 200, `Demande ${f.de}`, page(f, { champs: champs(f, {}, {}) }));
  });

  router.post('/demande/:dispositif', form, async (req, res) => {
    const f = formulaireDe(String(req.params.dispositif));
    if (!f) {
      sendMessage(res, 404, 'Formulaire introuvable', [`Les formulaires disponibles : ${LISTE_FORMULAIRES}.`], 'alerte');
      return;
    }
    const v = (req.body ?? {}) as Valeurs;
    const body = {
      dispositif: f.dispositif,
      requestId: un(v.requestId) || undefined,
      missionLocale: { code: codeMissionLocale(un(v.mlNom)), nom: un(v.mlNom), region: un(v.region) },
      direction: { nom: un(v.directionNom), email: un(v.directionEmail) },
      presidence: { nom: un(v.presidenceNom), email: un(v.presidenceEmail) },
      [f.choix.champ]: un(v[f.choix.champ]),
      sujets: plusieurs(v.sujets),
      description: un(v.description),
    };
    const parsed = createDemandeBodySchema.safeParse(body);
    if (!parsed.success) {
      const erreurs: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String).join('.');
        erreurs[CHAMP_DE[path] ?? String(issue.path[0])] ??= messageChamp(issue);
      }
      const n = Object.keys(erreurs).length;
      sendPage(res, 400, `Demande ${f.de}`, page(f, { champs: champs(f, v, erreurs), erreurGlobale: alerteErreurs(n) }));
      return;
    }
    // Out of scope: said at once, with the dispositif to ask instead; nothing is recorded.
    const hors = horsChamp(f.dispositif, parsed.data.sujets);
    if (hors) {
      const autre = hors.redirection ? FORMULAIRES[SLUG_DE[hors.redirection]] : undefined;
      sendPage(
        res,
        422,
        `Demande ${f.de}`,
        page(f, {
          champs: champs(f, v, {}),
          alerte: {
            titre: `Cette demande ne relève pas ${f.du}`,
            motifs: hors.motifs,
            ...(autre ? { redirection: { nom: autre.nom, de: autre.de, url: `/demande/${autre.slug}` } } : {}),
          },
        }),
      );
      return;
    }
    const { status, answer } = await creerDossier(client, config, logger, parsed.data, parsed.data.requestId);
    const confirmation = confirmationTpl({ de: f.de, reference: answer.dossierId, email: parsed.data.direction.email, deja: status === 200 });
    sendPage(res, status, 'Demande enregistrée', confirmation);
  });

  return router;
}
