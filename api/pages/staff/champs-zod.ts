// A form from a zod object schema (the API's action schemas): its fields, the reading of the posted values back
// into the schema's input, and zod's (French) issues put next to their fields. So the back office's forms are the
// API's actions, field for field, and cannot drift from them.
//   string → text input, or a textarea above 200 characters; email, url; ISO date-time → datetime-local in Paris time;
//   number → number input; boolean → checkbox; enum → select; array of enum values → checkboxes (posted values joined by
//   line breaks); array of strings → textarea, one per line;
//   object of simple fields → its fields, named `parent.child`; array of objects → repeated fieldsets, one per item,
//   its sub-fields named `objectifs[0][objectif]` (nested ones too: `actions[0][jalons][1][libelle]`), plus one empty
//   row and an « Ajouter une ligne » button (`objectifs[+]`: the page comes back with one more row, nothing sent, no
//   JavaScript); empty rows are dropped; zod's errors go to each sub-field (`objectifs.1.objectif`);
//   record of simple values (e.g. an evaluation's answers) → the same rows, of a question and its answer;
//   anything else → JSON.
import type { z } from 'zod';
import { CAS_MOBILISATION, SUJETS_EXCLUS_LIBELLES, SUJETS_TRAITES } from '../../../domain/compagnonnage';
import { CAS_MOBILISATION_DIAGNOSTIC } from '../../../domain/diagnostic';
import { isoToParisLocal, parisLocalToIso } from '../../../domain/format';
import { REGIONS } from '../../../domain/regions';
import { ROLES, TYPES_INTERVENANT } from '../../../domain/vivier';
import type { Champ } from '../render';

export type Valeurs = Record<string, string>;
export type Erreurs = Record<string, string>;

type Genre = 'texte' | 'long' | 'email' | 'url' | 'datetime' | 'nombre' | 'booleen' | 'enum' | 'cases' | 'lignes' | 'objets' | 'json';

/** One field of the form: where it goes in the input, how it is typed, and what it says. */
export interface ChampZod {
  nom: string;
  chemin: string[];
  genre: Genre;
  requis: boolean;
  /** May be left out (an unticked optional checkbox sends nothing). */
  optionnel: boolean;
  libelle: string;
  aide?: string;
  options?: string[];
  min?: number;
  max?: number;
  /** An array of objects ('objets'): the fields of one item, their `chemin` relative to it. */
  elements?: ChampZod[];
  /** A record shown as rows of a key (`question`) and its value (`reponse`), read back into an object. */
  paires?: true;
}

/** French names of the fields the action schemas share (the schema's own description, when it has one, is the help). */
const LIBELLES: Record<string, string> = {
  par: 'Au nom de (par défaut : votre nom)',
  motif: 'Motif',
  note: 'Note',
  priorite: 'Priorité',
  interlocutrice: 'Interlocutrice UNML',
  id: 'Identifiant',
  nom: 'Nom',
  email: 'Adresse électronique',
  telephone: 'Téléphone',
  aCompleter: 'Ce que la Mission Locale doit compléter',
  description: 'Description',
  direction: 'Direction',
  presidence: 'Présidence',
  sujets: 'Sujets',
  casMobilisation: 'Cas de mobilisation',
  accepte: 'Accepte',
  intervenantId: 'Identifiant de l’intervenant',
  visio: 'Visio',
  role: 'Participant',
  confirme: 'Confirmé',
  proposition: 'Date et heure proposées',
  commentaire: 'Commentaire',
  signataire: 'Signataire',
  besoin: 'Besoin',
  objectifs: 'Objectifs',
  rythme: 'Rythme',
  heuresParSemaine: 'Heures par semaine',
  semaines: 'Nombre de semaines',
  debut: 'Début (heure de Paris)',
  lien: 'Lien de la visio',
  compteRendu: 'Compte rendu',
  dureeMinutes: 'Durée (minutes)',
  remplace: 'Séance à déplacer',
  seance: 'Séance',
  date: 'Date et heure (heure de Paris)',
  resume: 'Résumé',
  numero: 'Numéro de la séance',
  retenue: 'Retenue',
  heuresSupplementaires: 'Heures supplémentaires',
  recommandations: 'Recommandations',
  pointsDeVigilance: 'Points de vigilance',
  repondant: 'Répondant',
  reponses: 'Réponses',
  impact: 'Impact',
  suites: 'Suites',
  texte: 'Texte',
  cabinet: 'Cabinet',
  constats: 'Constats',
  conclusions: 'Conclusions',
  actions: 'Actions',
  objet: 'Objet',
  ou: 'Où',
  pourquoi: 'Pourquoi',
  coutEstimeEuros: 'Coût estimé (euros)',
  approuve: 'Approuvé',
  avec: 'Avec qui',
  type: 'Type',
  region: 'Région',
  source: 'Source du choix',
  rang: 'Rang dans le classement',
  choix: 'Choix',
  synthese: 'Synthèse',
  evenement: 'Rendez-vous',
  pistes: 'Pistes',
  forces: 'Forces',
  faiblesses: 'Faiblesses',
  preconisations: 'Préconisations',
  question: 'Question',
  reponse: 'Réponse',
  divergences: 'Divergences',
  demiJournees: 'Demi-journées',
  objectif: 'Objectif',
  atteint: 'Atteint',
  intitule: 'Intitulé',
  responsable: 'Responsable',
  jalons: 'Jalons',
  libelle: 'Libellé',
};

/** French names of enum values the schemas share (others: the code, with spaces). */
const VALEURS: Record<string, string> = {
  ml: 'Mission Locale',
  intervenant: 'Intervenant',
  cabinet: 'Cabinet',
  unml: 'UNML',
  lancement: 'Visio de lancement',
  bilan_ml: 'Visio bilan avec la Mission Locale',
  bilan_intervenant: 'Visio bilan avec l’intervenant',
  bilan_collectif: 'Visio bilan collective',
  classement: 'Classement du vivier',
  manuel: 'Choix manuel',
  mise_en_commun: 'Mise en commun',
  journee_sur_site: 'Journée sur site',
  revue_finale: 'Revue finale',
  compagnonnage: 'Compagnonnage',
  appui_conseil: 'Appui Conseil',
  intervenants: 'Intervenants',
  ...REGIONS,
  ...TYPES_INTERVENANT,
  ...CAS_MOBILISATION,
  ...CAS_MOBILISATION_DIAGNOSTIC,
  ...SUJETS_TRAITES,
  ...SUJETS_EXCLUS_LIBELLES,
  ...Object.fromEntries(Object.entries(ROLES).map(([k, r]) => [k, r.libelle])),
};
export const valeurFr = (v: string): string => VALEURS[v] ?? v.replace(/_/g, ' ');

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
}
const def = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under optional/default/nullable wrappers, whether it may be left empty, and the first description met. */
function deballer(s: z.ZodType): { coeur: z.ZodType; optionnel: boolean; description?: string } {
  let coeur = s;
  let optionnel = false;
  let description = s.description;
  for (;;) {
    const d = def(coeur);
    if ((d.type === 'optional' || d.type === 'default' || d.type === 'nullable' || d.type === 'readonly') && d.innerType) {
      optionnel ||= d.type !== 'readonly';
      coeur = d.innerType;
    } else if (d.type === 'pipe' && d.in) coeur = d.in;
    else break;
    description ??= coeur.description;
  }
  return { coeur, optionnel, ...(description !== undefined ? { description } : {}) };
}

const simple = (s: z.ZodType): boolean => ['string', 'number', 'boolean', 'enum'].includes(def(deballer(s).coeur).type);

function genreDe(coeur: z.ZodType): Pick<ChampZod, 'genre' | 'options' | 'min' | 'max'> {
  const d = def(coeur);
  if (d.type === 'string') {
    const str = coeur as z.ZodString;
    if (str.format === 'datetime') return { genre: 'datetime' };
    if (str.format === 'email') return { genre: 'email' };
    if (str.format === 'url') return { genre: 'url' };
    return { genre: (str.maxLength ?? Infinity) > 200 ? 'long' : 'texte' };
  }
  if (d.type === 'number') {
    const n = coeur as z.ZodNumber;
    return { genre: 'nombre', ...(Number.isFinite(n.minValue) ? { min: n.minValue! } : {}), ...(Number.isFinite(n.maxValue) ? { max: n.maxValue! } : {}) };
  }
  if (d.type === 'boolean') return { genre: 'booleen' };
  if (d.type === 'enum') return { genre: 'enum', options: (coeur as z.ZodEnum).options.map(String) };
  if (d.type === 'array' && d.element && def(deballer(d.element).coeur).type === 'string') return { genre: 'lignes' };
  if (d.type === 'array' && d.element && def(deballer(d.element).coeur).type === 'enum')
    return { genre: 'cases', options: (deballer(d.element).coeur as z.ZodEnum).options.map(String) };
  if (d.type === 'array' && d.element && def(deballer(d.element).coeur).type === 'object') return { genre: 'objets' };
  if (d.type === 'record' && d.keyType && d.valueType && def(deballer(d.keyType).coeur).type === 'string' && simple(d.valueType)) return { genre: 'objets' };
  return { genre: 'json' };
}

/** The fields of one row of an array of objects, or of a record's row (a question, its answer). */
function elementsDe(coeur: z.ZodType): Pick<ChampZod, 'elements' | 'paires'> {
  const d = def(coeur);
  if (d.type !== 'record') return { elements: champsDuSchema(deballer(d.element!).coeur) };
  const { coeur: valeur, description } = deballer(d.valueType!);
  const reponse: ChampZod = {
    nom: 'reponse',
    chemin: ['reponse'],
    ...genreDe(valeur),
    requis: true,
    optionnel: false,
    libelle: LIBELLES.reponse!,
    ...(description ? { aide: description } : {}),
  };
  const question: ChampZod = { nom: 'question', chemin: ['question'], genre: 'texte', requis: true, optionnel: false, libelle: LIBELLES.question! };
  return { elements: [question, reponse], paires: true };
}

/** The fields of an object schema (one level of nested objects of simple fields flattened). */
export function champsDuSchema(schema: z.ZodType): ChampZod[] {
  const out: ChampZod[] = [];
  const parcourir = (s: z.ZodType, chemin: string[], parentOptionnel: boolean, parentLibelle?: string) => {
    const { coeur } = deballer(s);
    const shape = def(coeur).shape ?? {};
    for (const [cle, champ] of Object.entries(shape)) {
      const { coeur: c, optionnel, description } = deballer(champ);
      const ici = [...chemin, cle];
      const nomFr = LIBELLES[cle] ?? description ?? cle;
      const libelle = parentLibelle ? `${parentLibelle} — ${nomFr}` : nomFr;
      const aide = description && description !== nomFr && !/^ISO 8601/.test(description) ? description : undefined;
      if (def(c).type === 'object' && chemin.length === 0 && Object.values(def(c).shape ?? {}).every(simple)) {
        parcourir(c, ici, optionnel, libelle);
        continue;
      }
      const g = genreDe(c);
      out.push({
        nom: ici.join('.'),
        chemin: ici,
        ...g,
        requis: !optionnel && !parentOptionnel && g.genre !== 'booleen',
        optionnel: optionnel || parentOptionnel,
        libelle,
        ...(aide ? { aide } : {}),
        ...(g.genre === 'objets' ? elementsDe(c) : {}),
      });
    }
  };
  parcourir(schema, [], false);
  return out;
}

// --- Arrays of objects: rows of flat, bracketed names --------------------------------------------------------------

/** The name of an item's field: `objectifs[0][objectif]`, `actions[1][responsable][nom]`. */
const nomDansLigne = (base: string, i: number, chemin: string[]): string => `${base}[${i}]${chemin.map((k) => `[${k}]`).join('')}`;
/** The question of each row of a record read from the form (row k asked the k-th), to put zod's errors on their row. */
const LIGNES_DES_PAIRES = new WeakMap<object, string[]>();
/** What the « Ajouter une ligne » button of an array posts: one more row for it. */
const AJOUT = '[+]';
const MAX_LIGNES = 200;

/** The rows posted for the array named `base`, by their index, in order. */
function lignesPostees(base: string, valeurs: Valeurs): number[] {
  const debut = `${base}[`;
  const indices = new Set<number>();
  for (const cle of Object.keys(valeurs)) {
    if (!cle.startsWith(debut)) continue;
    const m = /^(\d{1,4})\]/.exec(cle.slice(debut.length));
    if (m) indices.add(Number(m[1]));
  }
  return [...indices].sort((a, b) => a - b).slice(0, MAX_LIGNES);
}

/** A row left empty: nothing typed, ticked or chosen in any of its fields (nested rows included). */
function ligneVide(base: string, i: number, valeurs: Valeurs): boolean {
  const debut = `${base}[${i}]`;
  return Object.entries(valeurs).every(([cle, v]) => !cle.startsWith(debut) || cle.endsWith(AJOUT) || v.trim() === '');
}

/** True when the form was sent by an « Ajouter une ligne » button: the page comes back with one more row, nothing is sent. */
export function ajoutDeLigne(valeurs: Valeurs): boolean {
  return Object.keys(valeurs).some((cle) => cle.endsWith(AJOUT));
}

/** How fields are named where they are: their posted value's key, their name in the page, their errors' key (zod's path). */
interface Nommage {
  source: (c: ChampZod) => string;
  page: (c: ChampZod) => string;
  erreur: (c: ChampZod) => string;
}
const A_PLAT: Nommage = { source: (c) => c.nom, page: (c) => c.nom, erreur: (c) => c.nom };

/** The naming inside row `affiche` of an array (posted as row `poste`; -1: a new row). */
function dansLigne(n: Nommage, c: ChampZod, poste: number, affiche: number): Nommage {
  return {
    source: (e) => nomDansLigne(n.source(c), poste, e.chemin),
    page: (e) => nomDansLigne(n.page(c), affiche, e.chemin),
    erreur: (e) => `${n.erreur(c)}.${affiche}.${e.chemin.join('.')}`,
  };
}

/** The form's values for a field already in the input (e.g. kept from the state), as the form shows them. */
export function valeurDeChamp(c: ChampZod, v: unknown): string {
  if (v === undefined || v === null) return '';
  if (c.genre === 'datetime' && typeof v === 'string' && !Number.isNaN(Date.parse(v))) return isoToParisLocal(new Date(v));
  if ((c.genre === 'lignes' || c.genre === 'cases') && Array.isArray(v)) return v.join('\n');
  if (c.genre === 'json') return JSON.stringify(v, null, 2);
  return String(v);
}

/**
 * The form's values of an array of objects already in the input (e.g. an intervenant's unavailability periods): one
 * key per sub-field of each row, named as the page posts them (`indisponibilites[0][debut]`), nested arrays included.
 */
export function valeursDeLignes(c: ChampZod, v: unknown, base: string = c.nom): Valeurs {
  const out: Valeurs = {};
  if (c.genre !== 'objets' || c.paires || !Array.isArray(v)) return out;
  v.forEach((item, i) => {
    for (const e of c.elements ?? []) {
      const valeur = e.chemin.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], item);
      const nom = nomDansLigne(base, i, e.chemin);
      if (e.genre === 'objets') Object.assign(out, valeursDeLignes(e, valeur, nom));
      else if (e.genre === 'booleen') out[nom] = valeur === true ? 'oui' : '';
      else out[nom] = valeurDeChamp(e, valeur);
    }
  });
  return out;
}

/** The fields as the page's `champ` partial renders them, with the posted values and the errors. */
export function champsDuFormulaire(champs: ChampZod[], valeurs: Valeurs, erreurs: Erreurs, prefixe: string): Champ[] {
  return rendre(champs, valeurs, erreurs, prefixe, A_PLAT, ajoutDeLigne(valeurs));
}

/**
 * The rows an array shows. Sent back by « Ajouter une ligne »: every row as posted, one more for the array whose button
 * it was (and an empty one wherever none is left). Otherwise (first display, errors): the filled rows, renumbered as
 * lireFormulaire sends them (so zod's paths name them), then one empty row.
 */
function lignesAffichees(base: string, valeurs: Valeurs, ajout: boolean): number[] {
  const postees = lignesPostees(base, valeurs);
  if (!ajout) return [...postees.filter((i) => !ligneVide(base, i, valeurs)), -1];
  const encore = valeurs[`${base}${AJOUT}`] !== undefined || postees.every((i) => !ligneVide(base, i, valeurs));
  return encore && postees.length < MAX_LIGNES ? [...postees, -1] : postees;
}

function rendre(champs: ChampZod[], valeurs: Valeurs, erreurs: Erreurs, prefixe: string, n: Nommage, ajout: boolean): Champ[] {
  return champs.map((c): Champ => {
    const valeur = valeurs[n.source(c)] ?? '';
    const erreur = erreurs[n.erreur(c)];
    const base = {
      nom: `${prefixe}${n.page(c)}`,
      libelle: c.libelle,
      ...(c.aide ? { aide: c.aide } : {}),
      ...(c.requis ? { requis: true } : {}),
      ...(erreur ? { erreur } : {}),
    };
    switch (c.genre) {
      case 'objets': {
        const lignes = lignesAffichees(n.source(c), valeurs, ajout).map((poste, affiche) => ({
          legende: `${c.libelle} : ligne ${affiche + 1}${poste === -1 ? ' (nouvelle)' : ''}`,
          champs: rendre(c.elements ?? [], valeurs, erreurs, prefixe, dansLigne(n, c, poste, affiche), ajout),
        }));
        const aide = [c.aide, 'Une ligne laissée vide est ignorée.'].filter(Boolean).join(' ');
        return { ...base, type: 'groupe', aide, lignes, ajouter: { nom: `${prefixe}${n.page(c)}${AJOUT}`, libelle: 'Ajouter une ligne' } };
      }
      case 'booleen':
        return { ...base, type: 'checkbox', coche: valeur === 'oui' };
      case 'cases': {
        const choisis = valeur.split('\n');
        return { ...base, type: 'cases', options: (c.options ?? []).map((o) => ({ valeur: o, libelle: valeurFr(o), choisi: choisis.includes(o) })) };
      }
      case 'enum':
        return { ...base, type: 'select', options: (c.options ?? []).map((o) => ({ valeur: o, libelle: valeurFr(o), choisi: o === valeur })) };
      case 'nombre':
        return { ...base, type: 'number', valeur, ...(c.min !== undefined ? { min: c.min } : {}), ...(c.max !== undefined ? { max: c.max } : {}) };
      case 'datetime':
        return { ...base, type: 'datetime-local', valeur };
      case 'email':
        return { ...base, type: 'email', valeur };
      case 'long':
        return { ...base, type: 'textarea', valeur };
      case 'lignes':
        return { ...base, type: 'textarea', valeur, aide: [c.aide, 'Une ligne par élément.'].filter(Boolean).join(' ') };
      case 'json':
        return { ...base, type: 'textarea', valeur, aide: [c.aide, 'Au format JSON.'].filter(Boolean).join(' ') };
      default:
        return { ...base, type: 'text', valeur };
    }
  });
}

function poser(cible: Record<string, unknown>, chemin: string[], valeur: unknown): void {
  let o = cible;
  for (const cle of chemin.slice(0, -1)) o = (o[cle] ??= {}) as Record<string, unknown>;
  o[chemin.at(-1)!] = valeur;
}

/**
 * The posted values → the schema's input (validated next by the action's own schema). An empty field is left out; a
 * value that cannot be read (a number, a date, JSON) is passed as typed so that zod says why; a malformed JSON field
 * is an error of the page.
 */
export function lireFormulaire(champs: ChampZod[], valeurs: Valeurs): { input: Record<string, unknown>; erreurs: Erreurs } {
  const erreurs: Erreurs = {};
  return { input: lire(champs, valeurs, A_PLAT, erreurs), erreurs };
}

function lire(champs: ChampZod[], valeurs: Valeurs, n: Nommage, erreurs: Erreurs): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const c of champs) {
    if (c.genre === 'objets') {
      // The filled rows, in order (empty ones dropped): row k of the input is the k-th filled row of the page.
      const base = n.source(c);
      const remplies = lignesPostees(base, valeurs).filter((i) => !ligneVide(base, i, valeurs));
      const elements = remplies.map((poste, k) => lire(c.elements ?? [], valeurs, dansLigne(n, c, poste, k), erreurs));
      if (c.paires) {
        // A record: each row's question → its answer; a row without a question, or asking one twice, says so.
        // (No prototype: a question may be any text, "constructor" or "__proto__" included.)
        const objet = Object.create(null) as Record<string, unknown>;
        const cles: string[] = [];
        elements.forEach((e, k) => {
          const q = typeof e.question === 'string' ? e.question.trim() : '';
          const cle = `${n.erreur(c)}.${k}.question`;
          if (!q) erreurs[cle] = 'Ce champ est obligatoire.';
          else if (Object.hasOwn(objet, q)) erreurs[cle] = 'Cette question figure déjà plus haut.';
          else objet[q] = e.reponse;
          cles.push(q);
        });
        LIGNES_DES_PAIRES.set(objet, cles);
        if (elements.length || !c.optionnel) poser(input, c.chemin, objet);
        continue;
      }
      // None filled: an empty array when the field is required (zod then says how many it needs), else nothing.
      if (elements.length || !c.optionnel) poser(input, c.chemin, elements);
      continue;
    }
    const brut = valeurs[n.source(c)];
    if (c.genre === 'booleen') {
      if (brut === 'oui') poser(input, c.chemin, true);
      else if (!c.optionnel) poser(input, c.chemin, false);
      continue;
    }
    const v = (brut ?? '').trim();
    if (v === '') continue;
    switch (c.genre) {
      case 'nombre': {
        const n = Number(v.replace(',', '.'));
        poser(input, c.chemin, Number.isFinite(n) ? n : v);
        break;
      }
      case 'datetime':
        poser(input, c.chemin, parisLocalToIso(v) ?? v);
        break;
      case 'cases':
        poser(
          input,
          c.chemin,
          v.split('\n').filter((l) => l !== ''),
        );
        break;
      case 'lignes':
        poser(
          input,
          c.chemin,
          v
            .split(/\r?\n/)
            .map((l) => l.trim())
            .filter((l) => l !== ''),
        );
        break;
      case 'json':
        try {
          poser(input, c.chemin, JSON.parse(v));
        } catch {
          erreurs[n.erreur(c)] = 'Ce champ attend du JSON valide (par exemple {"question": "réponse"}).';
        }
        break;
      default:
        poser(input, c.chemin, brut ?? '');
    }
  }
  return input;
}

/**
 * Where an issue goes, below `champ` (its key `cle`): in an array of objects, the sub-field of the row (`objectifs.1.objectif`),
 * down nested arrays; else the field itself. `reste`: the part of the issue's path no field shows (said in the message).
 */
function cleDErreur(champ: ChampZod, cle: string, reste: string[], valeur: unknown): { cle: string; reste: string[] } {
  if (champ.paires && reste.length > 0 && valeur && typeof valeur === 'object') {
    // A record's entry: the row that asked that question, on its answer.
    const ligne = LIGNES_DES_PAIRES.get(valeur)?.indexOf(reste[0]!) ?? -1;
    return ligne < 0 ? { cle, reste } : { cle: `${cle}.${ligne}.reponse`, reste: reste.slice(1) };
  }
  if (champ.genre !== 'objets' || reste.length === 0 || !/^\d+$/.test(reste[0]!)) return { cle, reste };
  const [ligne, ...dedans] = reste;
  const sous = (champ.elements ?? []).filter((e) => e.chemin.every((p, i) => dedans[i] === p)).sort((a, b) => b.chemin.length - a.chemin.length)[0];
  if (!sous) return { cle, reste: [`ligne ${Number(ligne) + 1}`, ...dedans] };
  const dessous = sous.chemin.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], (valeur as unknown[] | undefined)?.[Number(ligne)]);
  return cleDErreur(sous, `${cle}.${ligne}.${sous.chemin.join('.')}`, dedans.slice(sous.chemin.length), dessous);
}

/** zod's issues (in French: the app installs zod's French locale) on the fields they concern; the others together. */
export function erreursParChamp(
  champs: ChampZod[],
  issues: readonly z.core.$ZodIssue[],
  input: Record<string, unknown>,
  erreurs: Erreurs = {},
): { erreurs: Erreurs; autres: string[] } {
  const autres: string[] = [];
  const valeurA = (chemin: string[]) => chemin.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], input);
  const absent = (chemin: string[]) => valeurA(chemin) === undefined;
  for (const issue of issues) {
    const chemin = issue.path.map(String);
    // The longest field whose path starts the issue's (an array's element → the array's field, a JSON field's insides → it).
    const champ = champs.filter((c) => c.chemin.every((p, i) => chemin[i] === p)).sort((a, b) => b.chemin.length - a.chemin.length)[0];
    const vide = (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) || (issue.code === 'invalid_type' && absent(chemin));
    const aucuneLigne = champ?.genre === 'objets' && issue.code === 'too_small' && issue.origin === 'array' && issue.minimum === 1;
    const message = vide ? 'Ce champ est obligatoire.' : aucuneLigne ? 'Remplissez au moins une ligne.' : issue.message;
    if (champ) {
      const { cle, reste } = cleDErreur(champ, champ.nom, chemin.slice(champ.chemin.length), valeurA(champ.chemin));
      erreurs[cle] ??= reste.length ? `${reste.join('.')} : ${message}` : message;
    } else autres.push(chemin.length ? `${chemin.join('.')} : ${message}` : message);
  }
  return { erreurs, autres };
}
