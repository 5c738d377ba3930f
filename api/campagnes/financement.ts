// A campaign's funding and survey as the API and the back office show them (issue #13; seed 004, seed 002): pure
// functions of the campaign as its workflow answers it (`getCampagne` → CampagneVue), unit-tested without Temporal
// (test/campagne-financement.test.ts). The computation itself is domain/financement.ts; the CSV, domain/financement-csv.ts.
// - financementDeCampagne(vue, année): the funding of a year, over the MLs still in the campaign, their axes 1–2
//   values of that year (the activity of year n-1) merged with axe 3 as each dialogue de gestion settled it.
// - verifierValeurs: the values sent for a year (JSON or CSV), against the campaign's MLs and indicators.
// - the page models of the printable French pages (financement-campagne.hbs, financement-ml.hbs).
import { z } from 'zod';
import '../openapi';
import { resultatsEnquete, type ResultatQuestion } from '../../domain/campagne';
import { calculerFinancement, FinancementInvalide, type AllocationMl, type Financement, type ValeursMl } from '../../domain/financement';
import { dateFr, eurosFr, nombreFr } from '../../domain/format';
import { CAMPAGNE_ID_PATTERN, type MlDansCampagne } from '../../workflows/campagne/state';
import type { CampagneVue } from '../../workflows/campagne/messages';
import { ApiError } from '../errors';

// --- Parameters and bodies ------------------------------------------------------------------------------------

export const campagneIdSchema = z
  .string()
  .regex(CAMPAGNE_ID_PATTERN, 'identifiant de campagne attendu au format CAM-XXXXXXXXXX, X étant 10 caractères hexadécimaux majuscules')
  .openapi({ example: 'CAM-3F9A0C1B2D' });
export const anneeSchema = z.coerce
  .number({ error: 'l’année est un nombre (par exemple 2027)' })
  .int('l’année est un nombre entier (par exemple 2027)')
  .min(2000, 'année attendue entre 2000 et 2100')
  .max(2100, 'année attendue entre 2000 et 2100')
  .describe('L’année de financement (ses indicateurs des axes 1–2 sont l’activité de l’année précédente)')
  .openapi({ example: 2027 });
export const codeMlSchema = z
  .string()
  .regex(/^[A-Za-z0-9-]{2,40}$/, 'code de Mission Locale attendu : lettres, chiffres et tirets, de 2 à 40 (par exemple ML-COLMAR)')
  .openapi({ example: 'ML-COLMAR' });

export const campagneParamsSchema = z.object({ id: campagneIdSchema.openapi({ param: { name: 'id', in: 'path' } }) });
export const campagneAnneeParamsSchema = campagneParamsSchema.extend({ annee: anneeSchema.openapi({ param: { name: 'annee', in: 'path' } }) });
export const campagneAnneeMlParamsSchema = campagneAnneeParamsSchema.extend({ ml: codeMlSchema.openapi({ param: { name: 'ml', in: 'path' } }) });

const valeurSchema = z
  .number({ error: 'une valeur d’indicateur est un nombre entier positif ou nul' })
  .int('une valeur d’indicateur est un nombre entier positif ou nul')
  .nonnegative('une valeur d’indicateur est un nombre entier positif ou nul')
  .max(Number.MAX_SAFE_INTEGER);

/** PUT /api/campagnes/:id/indicateurs/:annee as JSON: one entry per ML, indicator code → value (axes 1–2). */
export const indicateursBodySchema = z
  .object({
    par: z.string().trim().min(1).max(200).optional().describe('Qui envoie les valeurs (par défaut : le compte de la requête), pour l’historique'),
    mls: z
      .array(
        z.object({
          code: codeMlSchema.describe('Le code de la Mission Locale (une Mission Locale de la campagne)'),
          valeurs: z.record(z.string().regex(/^[a-z0-9_]{1,40}$/, 'code d’indicateur attendu (par exemple i1)'), valeurSchema).describe('Code → valeur'),
        }),
      )
      .min(1, 'au moins une Mission Locale')
      .max(500),
  })
  .openapi('IndicateursCampagne', {
    example: { mls: [{ code: 'ML-COLMAR', valeurs: { i1: 1250, i2: 480, i3: 1630, i4: 610, i5: 140, i6: 75, i7: 22 } }] },
  });
export type IndicateursBody = z.output<typeof indicateursBodySchema>;

export const financementQuerySchema = z.object({
  format: z.enum(['json', 'csv']).optional().describe('csv : le calcul en CSV (« ; », virgule décimale) ; json par défaut (ou selon l’en-tête Accept)'),
});

// --- Errors -----------------------------------------------------------------------------------------------------

/**
 * The funding of a year cannot be shown: no indicators recorded for that year (404, `financement_inconnu`), or some
 * are missing or axe 3 is settled for some MLs only (409, `financement_incomplet`, each reason in `details`).
 */
export class FinancementIndisponible extends ApiError {
  constructor(status: 404 | 409, message: string, details?: { path: string; message: string }[]) {
    super(status, status === 404 ? 'financement_inconnu' : 'financement_incomplet', message, details);
    this.name = 'FinancementIndisponible';
  }
}

/** One error of values sent (JSON: its path; CSV: its line and column). */
export interface ErreurValeur {
  /** CSV: the line in the file (1 = the header). */
  ligne?: number;
  colonne?: string;
  /** JSON: where in the body (mls.0.valeurs.i8). */
  chemin?: string;
  message: string;
}

// --- The campaign's MLs and years --------------------------------------------------------------------------------

/** The MLs still in the campaign (those that left it are out of its funding and its survey). */
export const mlsPresentes = (vue: Pick<CampagneVue, 'mls'>): MlDansCampagne[] => vue.mls.filter((m) => !m.retrait);

/** The funding years with axes 1–2 indicators recorded, in order. */
export function anneesDeFinancement(vue: Pick<CampagneVue, 'indicateurs'>): number[] {
  return [...new Set(vue.indicateurs.map((i) => i.annee))].sort((a, b) => a - b);
}

/** One ML's values of a funding year: axes 1–2 as last recorded for the year, merged with axe 3 as its dialogues de gestion of that year settled it. */
export function valeursDe(vue: Pick<CampagneVue, 'indicateurs' | 'axe3'>, annee: number, ml: string): Record<string, number> {
  const axes12 =
    vue.indicateurs
      .filter((i) => i.annee === annee)
      .at(-1)
      ?.mls.find((v) => v.code === ml)?.valeurs ?? {};
  const axe3 = vue.axe3.filter((a) => a.annee === annee && a.ml === ml).reduce<Record<string, number>>((acc, a) => ({ ...acc, ...a.valeurs }), {});
  return { ...axes12, ...axe3 };
}

const listeFr = (xs: readonly (string | number)[]): string =>
  xs.length <= 1 ? xs.map(String).join('') : `${xs.slice(0, -1).join(', ')} et ${String(xs.at(-1))}`;

/**
 * The funding of `annee`: the rule of the campaign (`financement`), over the MLs still in it, each with the axes 1–2
 * values recorded for that year (the last recording of the year) and axe 3 as its dialogue de gestion of that year
 * settled it (the last one, when settled twice). Throws FinancementIndisponible: 404 without indicators for the year,
 * 409 when the rule cannot compute them (a value missing, axe 3 settled for some MLs only…), every reason said.
 */
export function financementDeCampagne(vue: Pick<CampagneVue, 'campagneId' | 'mls' | 'financement' | 'indicateurs' | 'axe3'>, annee: number): Financement {
  const enregistrement = vue.indicateurs.filter((i) => i.annee === annee).at(-1);
  if (!enregistrement) {
    const annees = anneesDeFinancement(vue);
    throw new FinancementIndisponible(
      404,
      `Aucun indicateur n’est enregistré pour l’année ${annee} dans la campagne ${vue.campagneId} : ` +
        (annees.length
          ? `les années enregistrées sont ${listeFr(annees)}.`
          : `envoyez-les d’abord (PUT /api/campagnes/${vue.campagneId}/indicateurs/${annee}, en JSON ou en CSV).`),
    );
  }
  const mls: ValeursMl[] = mlsPresentes(vue).map((ml) => ({ code: ml.code, nom: ml.nom, valeurs: valeursDe(vue, annee, ml.code) }));
  try {
    return calculerFinancement(vue.financement, mls);
  } catch (err) {
    if (err instanceof FinancementInvalide) {
      throw new FinancementIndisponible(
        409,
        `Le financement ${annee} de la campagne ${vue.campagneId} ne peut pas encore être calculé (${err.erreurs.length} ` +
          `raison${err.erreurs.length > 1 ? 's' : ''}) : ${err.erreurs
            .slice(0, 3)
            .map((e) => e.message)
            .join(' ')}${err.erreurs.length > 3 ? ' …' : ''}`,
        err.erreurs.map((e) => ({ path: e.chemin, message: e.message })),
      );
    }
    throw err;
  }
}

/**
 * Every reason the values sent for a year cannot be recorded: an ML that is not (or no longer) in the campaign, an
 * indicator the campaign does not have, a value for an indicator of a variable axis (axe 3 is settled in the dialogue
 * de gestion, not sent here). `ligne(i)`: the CSV line of the i-th ML (JSON: none, the path is said instead).
 */
export function verifierValeurs(
  vue: Pick<CampagneVue, 'mls' | 'financement'>,
  mls: readonly { code: string; valeurs: Readonly<Record<string, number>> }[],
  ligne?: (i: number) => number,
): ErreurValeur[] {
  const erreurs: ErreurValeur[] = [];
  const ou = (i: number, colonne: string, chemin: string) => (ligne ? { ligne: ligne(i), colonne } : { chemin });
  const presentes = new Map(mlsPresentes(vue).map((m) => [m.code, m]));
  const retirees = new Map(vue.mls.filter((m) => m.retrait).map((m) => [m.code, m]));
  const axeDe = new Map(vue.financement.axes.flatMap((a) => a.indicateurs.map((ind) => [ind.code, a] as const)));
  const codes = [...axeDe.keys()];
  const vus = new Map<string, number>();
  for (const [i, ml] of mls.entries()) {
    const deja = vus.get(ml.code);
    if (deja !== undefined)
      erreurs.push({
        ...ou(i, 'code_ml', `mls.${i}.code`),
        message: `La Mission Locale ${ml.code} est déjà ${ligne ? `à la ligne ${ligne(deja)}` : `en position ${deja + 1}`}.`,
      });
    vus.set(ml.code, i);
    if (!presentes.has(ml.code)) {
      const retiree = retirees.get(ml.code);
      erreurs.push({
        ...ou(i, 'code_ml', `mls.${i}.code`),
        message: retiree
          ? `${retiree.nom} (${ml.code}) s’est retirée de la campagne (${retiree.retrait!.motif}) : elle n’a plus de financement à calculer.`
          : `La Mission Locale ${ml.code} ne fait pas partie de la campagne (ses Missions Locales : ${listeFr([...presentes.keys()])}).`,
      });
    }
    for (const code of Object.keys(ml.valeurs)) {
      const axe = axeDe.get(code);
      if (!axe)
        erreurs.push({ ...ou(i, code, `mls.${i}.valeurs.${code}`), message: `L’indicateur ${code} n’existe pas dans cette campagne (${codes.join(', ')}).` });
      else if (axe.nature === 'variable')
        erreurs.push({
          ...ou(i, code, `mls.${i}.valeurs.${code}`),
          message:
            `L’indicateur ${code} est celui de l’${axe.code} (variable) : il est réglé dans le dialogue de gestion de chaque Mission Locale, ` +
            'pas envoyé ici.',
        });
    }
  }
  return erreurs;
}

// --- The survey ----------------------------------------------------------------------------------------------------

export interface ResultatsEnqueteCampagne {
  campagneId: string;
  lanceeLe?: string;
  /** The directors asked: the MLs still in the campaign. */
  interroges: number;
  /** How many of them answered. */
  repondants: number;
  questions: ResultatQuestion[];
}

/** Seed 002's survey: per question, the share in favour among the MLs still in the campaign (a withdrawn ML's answer no longer counts). */
export function resultatsEnqueteDeCampagne(vue: Pick<CampagneVue, 'campagneId' | 'mls' | 'enquete'>): ResultatsEnqueteCampagne {
  if (!vue.enquete) throw new ApiError(404, 'not_found', `La campagne ${vue.campagneId} n’a pas d’enquête auprès des directions.`);
  const presentes = new Set(mlsPresentes(vue).map((m) => m.code));
  // One answer per ML: its last.
  const parMl = new Map(vue.enquete.reponses.filter((r) => presentes.has(r.ml)).map((r) => [r.ml, r.reponses]));
  return {
    campagneId: vue.campagneId,
    ...(vue.enquete.lanceeLe ? { lanceeLe: vue.enquete.lanceeLe } : {}),
    interroges: presentes.size,
    repondants: parMl.size,
    questions: resultatsEnquete(vue.enquete.questions, [...parMl.values()], presentes.size),
  };
}

// --- The printable pages --------------------------------------------------------------------------------------------

/** An amount in cents as the pages say it: "12 345,67 €". */
export const centimesFr = (c: number): string => eurosFr(c / 100);
const pourcentFr = (pourDixMille: number): string => `${nombreFr(pourDixMille / 100)} %`;

export interface ModeleFinancementCampagne {
  titre: string;
  campagneId: string;
  nom: string;
  annee: number;
  provisoire: boolean;
  enveloppe: string;
  avanceTotale: string;
  avancePart: string;
  axes: { code: string; libelle: string; part: string; nature: string; montant: string; provisoire: boolean; explication: string; indicateurs: string }[];
  /** The columns of the table of MLs (one per axis). */
  colonnes: { code: string }[];
  mls: {
    code: string;
    nom: string;
    lien: string;
    axes: { montant: string; provisoire: boolean }[];
    total: string;
    avance: string;
    solde: string;
    explication: string[];
  }[];
  totaux: { axes: string[]; total: string; avance: string };
  arrondis: string;
  liens: { json: string; csv: string };
  autresAnnees: { annee: number; lien: string }[];
  retirees: { nom: string; motif: string; le: string }[];
}

const soldeFr = (m: AllocationMl): string => (m.solde === undefined ? 'provisoire' : m.solde < 0 ? `${centimesFr(m.solde)} (trop-perçu)` : centimesFr(m.solde));

/** The printable page of a campaign's funding for a year. */
export function modeleFinancementCampagne(vue: CampagneVue, annee: number, f: Financement): ModeleFinancementCampagne {
  const base = `/campagnes/${vue.campagneId}/financement`;
  return {
    titre: `Financement ${annee} — ${vue.nom}`,
    campagneId: vue.campagneId,
    nom: vue.nom,
    annee,
    provisoire: f.provisoire,
    enveloppe: centimesFr(f.enveloppe),
    avanceTotale: centimesFr(f.avanceTotale),
    avancePart: pourcentFr(vue.financement.avancePourDixMille),
    axes: vue.financement.axes.map((axe) => {
      const calcul = f.axes.find((a) => a.axe === axe.code)!;
      return {
        code: axe.code,
        libelle: axe.libelle,
        part: pourcentFr(axe.partPourDixMille),
        nature: axe.nature === 'fixe' ? 'part fixe (indicateurs de l’année précédente)' : 'part variable (réglée dans le dialogue de gestion)',
        montant: centimesFr(calcul.montant),
        provisoire: calcul.provisoire,
        explication: calcul.explication,
        indicateurs: axe.indicateurs.map((i) => `${i.code} ${i.libelle}${i.poids !== undefined ? ` (poids ${i.poids})` : ''}`).join(' ; '),
      };
    }),
    colonnes: f.axes.map((a) => ({ code: a.axe })),
    mls: f.mls.map((m) => ({
      code: m.code,
      nom: m.nom,
      lien: `${base}/${annee}/${encodeURIComponent(m.code)}`,
      axes: m.axes.map((a) => ({ montant: centimesFr(a.montant), provisoire: a.provisoire })),
      total: centimesFr(m.total),
      avance: centimesFr(m.avance),
      solde: soldeFr(m),
      explication: m.explication,
    })),
    totaux: { axes: f.axes.map((a) => centimesFr(a.montant)), total: centimesFr(f.enveloppe), avance: centimesFr(f.avanceTotale) },
    arrondis: f.arrondis,
    liens: { json: `/api/campagnes/${vue.campagneId}/financement/${annee}`, csv: `/api/campagnes/${vue.campagneId}/financement/${annee}?format=csv` },
    autresAnnees: anneesDeFinancement(vue)
      .filter((a) => a !== annee)
      .map((a) => ({ annee: a, lien: `${base}/${a}` })),
    retirees: vue.mls.filter((m) => m.retrait).map((m) => ({ nom: m.nom, motif: m.retrait!.motif, le: dateFr(m.retrait!.le) })),
  };
}

export interface ModeleFinancementMl {
  titre: string;
  campagneId: string;
  nomCampagne: string;
  annee: number;
  code: string;
  nom: string;
  territoire: string;
  provisoire: boolean;
  total: string;
  avance: string;
  solde: string;
  axes: {
    code: string;
    libelle: string;
    montant: string;
    provisoire: boolean;
    parts: { indicateur: string; libelle: string; valeur: string; montant: string; explication: string }[];
    /** Axe 3: the dialogue de gestion's argued reason. */
    motif?: string;
  }[];
  explication: string[];
  arrondis: string;
  retour: string;
}

/** The printable page of one ML's funding for a year: its indicators' parts, each explained. Undefined: not among the MLs funded. */
export function modeleFinancementMl(vue: CampagneVue, annee: number, f: Financement, code: string): ModeleFinancementMl | undefined {
  const m = f.mls.find((x) => x.code === code);
  if (!m) return undefined;
  const ml = vue.mls.find((x) => x.code === code);
  const libelles = new Map(vue.financement.axes.flatMap((a) => a.indicateurs.map((i) => [i.code, i.libelle] as const)));
  const valeurs = valeursDe(vue, annee, code);
  const motifAxe3 = vue.axe3.filter((a) => a.annee === annee && a.ml === code).at(-1)?.motif;
  return {
    titre: `Financement ${annee} — ${m.nom}`,
    campagneId: vue.campagneId,
    nomCampagne: vue.nom,
    annee,
    code: m.code,
    nom: m.nom,
    territoire: ml?.territoire ?? '',
    provisoire: f.provisoire,
    total: centimesFr(m.total),
    avance: centimesFr(m.avance),
    solde: soldeFr(m),
    axes: m.axes.map((a) => {
      const axe = vue.financement.axes.find((x) => x.code === a.axe)!;
      return {
        code: a.axe,
        libelle: axe.libelle,
        montant: centimesFr(a.montant),
        provisoire: a.provisoire,
        parts: a.parts.map((p) => ({
          indicateur: p.indicateur,
          libelle: libelles.get(p.indicateur) ?? axe.libelle,
          valeur: valeurs[p.indicateur] === undefined ? '—' : nombreFr(valeurs[p.indicateur]!),
          montant: centimesFr(p.montant),
          explication: p.explication,
        })),
        ...(axe.nature === 'variable' && motifAxe3 ? { motif: motifAxe3 } : {}),
      };
    }),
    explication: m.explication,
    arrondis: f.arrondis,
    retour: `/campagnes/${vue.campagneId}/financement/${annee}`,
  };
}
