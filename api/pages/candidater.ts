// The public "Je candidate" form (/candidater): anyone who wants to join UNML's pool of experts applies here.
// It says what UNML asks of intervenants (seeds 000, 001, 003), validates with the API's schema and the same
// check of ML codes (POST /api/candidatures), shows each error next to its field with the values kept, and
// answers with the application's reference. A second pending application from the same email is the same one.
import express, { Router } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { MissionLocaleRef, VivierStore } from '../../db/store';
import { REGIONS, type RegionCode } from '../../domain/regions';
import { EXPERTISES, TYPES_INTERVENANT } from '../../domain/vivier';
import { nouvelleCandidature } from '../candidatures/router';
import { candidatureBodySchema } from '../candidatures/schemas';
import { CAPACITE_DOSSIERS_MAX, CAPACITE_HEURES_MAX, verifierReferentiel } from '../intervenants/schemas';
import { alerteErreurs, sendPage, templateFile, type Champ } from './render';

const TITRE = 'Je candidate — rejoindre le vivier d’experts de l’UNML';
/** Rows offered for declared acquaintances (more can be declared to UNML later). */
export const NB_CONNAISSANCES = 3;

type Valeurs = Record<string, string | string[]>;
const un = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
const plusieurs = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);
const nombre = (v: string | string[] | undefined): number | undefined => (un(v) === '' ? undefined : Number(un(v).replace(',', '.')));

/** A select of Missions Locales grouped by région (optgroups), the chosen région's group first. */
interface SelectMl {
  nom: string;
  libelle: string;
  aide?: string;
  requis?: boolean;
  erreur?: string;
  groupes: { libelle: string; options: { valeur: string; libelle: string; choisi: boolean }[] }[];
}
type Bloc = { champ: Champ } | { selectMl: SelectMl } | { connaissances: { erreur?: string; rangees: { ml: SelectMl; personne: Champ }[] } };

function groupesMl(mls: MissionLocaleRef[], region: string, choisie: string): SelectMl['groupes'] {
  const regions = (Object.keys(REGIONS) as RegionCode[]).filter((r) => mls.some((m) => m.region === r));
  if (regions.includes(region as RegionCode)) regions.sort((a, b) => Number(b === region) - Number(a === region));
  return regions.map((r) => ({
    libelle: REGIONS[r],
    options: mls
      .filter((m) => m.region === r)
      .sort((a, b) => a.nom.localeCompare(b.nom, 'fr'))
      .map((m) => ({ valeur: m.code, libelle: m.nom, choisi: m.code === choisie })),
  }));
}

function blocs(mls: MissionLocaleRef[], v: Valeurs, erreurs: Record<string, string>): Bloc[] {
  const region = un(v.region);
  const expertises = plusieurs(v.expertises);
  const avecErreur = (c: Champ): Champ => (erreurs[c.nom] ? { ...c, erreur: erreurs[c.nom] } : c);
  const selectMl = (s: SelectMl): SelectMl => (erreurs[s.nom] ? { ...s, erreur: erreurs[s.nom] } : s);
  const champ = (c: Champ): Bloc => ({ champ: avecErreur(c) });
  return [
    champ({
      nom: 'type',
      libelle: 'Vous êtes',
      type: 'radios',
      requis: true,
      options: Object.entries(TYPES_INTERVENANT).map(([valeur, libelle]) => ({ valeur, libelle, choisi: un(v.type) === valeur })),
    }),
    champ({ nom: 'nom', libelle: 'Prénom et nom', type: 'text', requis: true, valeur: un(v.nom) }),
    champ({
      nom: 'email',
      libelle: 'Adresse électronique',
      type: 'email',
      requis: true,
      valeur: un(v.email),
      aide: 'L’UNML vous répondra à cette adresse, puis vous y sollicitera.',
    }),
    champ({ nom: 'telephone', libelle: 'Téléphone', type: 'tel', valeur: un(v.telephone) }),
    champ({
      nom: 'region',
      libelle: 'Votre région',
      type: 'select',
      requis: true,
      aide: 'Celle de votre Mission Locale ou de votre activité : vous n’interviendrez jamais dans votre propre région.',
      options: Object.entries(REGIONS).map(([valeur, libelle]) => ({ valeur, libelle, choisi: region === valeur })),
    }),
    {
      selectMl: selectMl({
        nom: 'missionLocaleCode',
        libelle: 'Votre Mission Locale',
        aide: 'Obligatoire pour une direction de Mission Locale ; pour un·e expert·e du réseau, si vous êtes rattaché·e à une Mission Locale.',
        groupes: groupesMl(mls, region, un(v.missionLocaleCode)),
      }),
    },
    champ({ nom: 'cabinet', libelle: 'Votre cabinet', type: 'text', valeur: un(v.cabinet), aide: 'Obligatoire pour un·e consultant·e de cabinet.' }),
    champ({
      nom: 'expertises',
      libelle: 'Vos expertises',
      type: 'cases',
      requis: true,
      aide: 'Les sujets sur lesquels vous pouvez accompagner une Mission Locale.',
      options: Object.entries(EXPERTISES).map(([valeur, libelle]) => ({ valeur, libelle, choisi: expertises.includes(valeur) })),
    }),
    champ({
      nom: 'capaciteDossiers',
      libelle: 'Combien de dossiers pouvez-vous suivre en même temps ?',
      type: 'number',
      requis: true,
      min: 1,
      max: CAPACITE_DOSSIERS_MAX,
      valeur: un(v.capaciteDossiers),
      aide: `Un nombre entier, de 1 à ${CAPACITE_DOSSIERS_MAX}.`,
    }),
    champ({
      nom: 'capaciteHeuresMois',
      libelle: 'Combien d’heures par mois pouvez-vous y consacrer ?',
      type: 'number',
      requis: true,
      min: 1,
      max: CAPACITE_HEURES_MAX,
      valeur: un(v.capaciteHeuresMois),
      aide: `Un nombre entier, de 1 à ${CAPACITE_HEURES_MAX}. À titre indicatif, un Compagnonnage représente environ 8 heures par mois.`,
    }),
    {
      connaissances: {
        ...(erreurs.connaissances ? { erreur: erreurs.connaissances } : {}),
        rangees: Array.from({ length: NB_CONNAISSANCES }, (_, i) => {
          const n = i + 1;
          return {
            ml: selectMl({ nom: `connaissanceMl${n}`, libelle: `Mission Locale ${n}`, groupes: groupesMl(mls, '', un(v[`connaissanceMl${n}`])) }),
            personne: avecErreur({
              nom: `connaissancePersonne${n}`,
              libelle: `Qui y connaissez-vous ? (Mission Locale ${n})`,
              type: 'text',
              valeur: un(v[`connaissancePersonne${n}`]),
              aide: 'Par exemple « la présidente », « le directeur » ou un nom.',
            }),
          };
        }),
      },
    },
    champ({ nom: 'motivation', libelle: 'Votre motivation et votre expérience', type: 'textarea', requis: true, valeur: un(v.motivation) }),
    champ({
      nom: 'consentement',
      libelle: 'J’accepte que l’UNML conserve ces informations pour étudier ma candidature et, si elle est retenue, me solliciter pour des interventions.',
      type: 'checkbox',
      requis: true,
      coche: un(v.consentement) === 'oui',
    }),
  ];
}

const formTpl = templateFile<{ titre: string; blocs: Bloc[]; nbConnaissances: number; erreurGlobale?: string }>(__dirname, 'candidater-formulaire.hbs');
const confirmationTpl = templateFile<{ reference: string; email: string; deja: boolean }>(__dirname, 'candidater-confirmation.hbs');

/** A French sentence for a field's problem, as a person filling the form reads it. */
function messageChamp(champ: string, issue: z.core.$ZodIssue, saisi: string): string {
  if (champ === 'consentement') return 'Cochez cette case pour que l’UNML puisse étudier votre candidature.';
  if (issue.code === 'invalid_format' && issue.format === 'email') return 'Indiquez une adresse électronique valide (ex. prenom.nom@ml-exemple.fr).';
  if (champ === 'expertises' && issue.code === 'too_small') return 'Choisissez au moins une expertise.';
  if (issue.code === 'invalid_type') {
    return saisi === '' ? 'Ce champ est obligatoire.' : issue.expected === 'number' ? 'Indiquez un nombre entier.' : 'Choisissez une des options proposées.';
  }
  if (issue.code === 'invalid_value') return 'Choisissez une des options proposées.';
  if (issue.code === 'too_small' && issue.origin === 'string') return 'Ce champ est obligatoire.';
  if (issue.code === 'custom' && issue.message.startsWith('Mission Locale inconnue')) return 'Choisissez une Mission Locale de la liste.';
  if (issue.code === 'custom' && champ === 'cabinet') return 'Indiquez le nom de votre cabinet : il est demandé aux consultant·es.';
  if (issue.code === 'custom' && champ === 'missionLocaleCode' && issue.message.startsWith('obligatoire')) {
    return 'Choisissez votre Mission Locale : elle est demandée aux directions de Mission Locale.';
  }
  const m = issue.message.replace(/ \(voir GET [^)]*\)$/, '');
  return `${m.charAt(0).toUpperCase()}${m.slice(1)}${/[.!?]$/.test(m) ? '' : '.'}`;
}

export function candidaterRouter(vivier: VivierStore, logger: Logger): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '50kb' });

  const afficher = async (res: express.Response, status: number, v: Valeurs, erreurs: Record<string, string>) => {
    const n = Object.keys(erreurs).length;
    const erreurGlobale = n > 0 ? alerteErreurs(n) : undefined;
    const contenu = formTpl({
      titre: TITRE,
      blocs: blocs(await vivier.missionsLocales(), v, erreurs),
      nbConnaissances: NB_CONNAISSANCES,
      ...(erreurGlobale ? { erreurGlobale } : {}),
    });
    sendPage(res, status, 'Je candidate', contenu);
  };

  router.get('/candidater', async (req, res) => {
    // ?region=NOR preselects the région (its Missions Locales come first in the list).
    const region = typeof req.query.region === 'string' && Object.hasOwn(REGIONS, req.query.region) ? req.query.region : '';
    await afficher(res, 200, region ? { region } : {}, {});
  });

  router.post('/candidater', form, async (req, res) => {
    const v = (req.body ?? {}) as Valeurs;
    // Acquaintance rows with an ML chosen; `rangee[i]` is the form row (1-based) of connaissances[i].
    const rangee: number[] = [];
    const connaissances: { missionLocaleCode: string; personne?: string }[] = [];
    for (let n = 1; n <= NB_CONNAISSANCES; n++) {
      const code = un(v[`connaissanceMl${n}`]);
      const personne = un(v[`connaissancePersonne${n}`]);
      if (!code) continue;
      rangee.push(n);
      connaissances.push({ missionLocaleCode: code, ...(personne ? { personne } : {}) });
    }
    const type = un(v.type);
    const body = {
      type: type || undefined,
      nom: un(v.nom),
      email: un(v.email),
      ...(un(v.telephone) ? { telephone: un(v.telephone) } : {}),
      region: un(v.region) || undefined,
      ...(un(v.missionLocaleCode) ? { missionLocaleCode: un(v.missionLocaleCode) } : {}),
      // The firm is a cabinet consultant's only (the field stays filled on a re-display, but is not kept for others).
      ...(un(v.cabinet) && type === 'consultant_cabinet' ? { cabinet: un(v.cabinet) } : {}),
      expertises: plusieurs(v.expertises),
      capaciteDossiers: nombre(v.capaciteDossiers),
      capaciteHeuresMois: nombre(v.capaciteHeuresMois),
      connaissances,
      motivation: un(v.motivation),
      consentement: un(v.consentement) === 'oui',
    };

    const parsed = candidatureBodySchema.safeParse(body);
    const issues: z.core.$ZodIssue[] = parsed.success ? [] : [...parsed.error.issues];
    // The references (ML codes, the home ML's région) as the API checks them, where zod found nothing already.
    const signales = new Set(issues.map((i) => i.path.join('.')));
    const references = await verifierReferentiel(vivier, {
      ...(body.region && Object.hasOwn(REGIONS, body.region) ? { region: body.region as RegionCode } : {}),
      ...(body.missionLocaleCode ? { missionLocaleCode: body.missionLocaleCode } : {}),
      connaissances,
    });
    issues.push(...references.filter((i) => !signales.has(i.path.join('.'))));
    if (!parsed.success || issues.length > 0) {
      const erreurs: Record<string, string> = {};
      for (const issue of issues) {
        const [racine, index, sous] = issue.path;
        let champ = String(racine ?? '');
        if (racine === 'connaissances' && typeof index === 'number') {
          champ = sous === 'personne' ? `connaissancePersonne${rangee[index]}` : `connaissanceMl${rangee[index]}`;
        }
        erreurs[champ] ??= messageChamp(champ, issue, plusieurs(v[champ]).join('').trim());
      }
      await afficher(res, 400, v, erreurs);
      return;
    }
    const { candidature, doublon } = await vivier.deposerCandidature(nouvelleCandidature(parsed.data));
    logger.info({ candidatureId: candidature.id, doublon }, 'candidature received from the form');
    sendPage(res, doublon ? 200 : 201, 'Candidature enregistrée', confirmationTpl({ reference: candidature.id, email: parsed.data.email, deja: doublon }));
  });

  return router;
}
