// The Vivier pages' forms, built from the API's zod schemas (api/intervenants/schemas.ts) through staff/champs-zod.ts:
// the fields (which, their kind, options and limits) are the schema's; their French labels and help are the page's,
// because the schemas' descriptions are written for API callers ("null : retiré de la fiche"…). Reading a posted edit
// form knows it is a whole card: an emptied optional field is removed (null), an unticked box is false, no ticked
// expertise is an empty list (the schema then says why), and only what changed is sent.
import type { z } from 'zod';
import type { IntervenantFiche, MissionLocaleRef } from '../../../db/store';
import { REGIONS } from '../../../domain/regions';
import { EXPERTISES } from '../../../domain/vivier';
import { apresModification, creerIntervenantSchema, modifierIntervenantSchema, problemesDuType } from '../../intervenants/schemas';
import type { Champ } from '../render';
import {
  champsDuFormulaire,
  champsDuSchema,
  erreursParChamp,
  lireFormulaire,
  valeurDeChamp,
  type ChampZod,
  type Erreurs,
  type Valeurs,
  valeursDeLignes,
} from '../staff/champs-zod';

/** French labels and help of the card's fields (the schemas' descriptions are for API callers). */
export const LIBELLES_FICHE: Record<string, { libelle: string; aide?: string }> = {
  type: { libelle: 'Type d’intervenant', aide: 'Un changement de type est refusé tant que l’intervenant a des réservations actives.' },
  nom: { libelle: 'Prénom et nom' },
  email: { libelle: 'Adresse électronique' },
  telephone: { libelle: 'Téléphone', aide: 'Laissez vide pour le retirer de la fiche.' },
  region: { libelle: 'Région de rattachement', aide: 'L’intervenant n’intervient jamais dans sa propre région.' },
  missionLocaleCode: {
    libelle: 'Mission Locale de rattachement',
    aide: 'Obligatoire pour un·e directeur·rice de Mission Locale, dans la région indiquée. « Choisir » : aucune.',
  },
  cabinet: { libelle: 'Cabinet', aide: 'Obligatoire pour un·e consultant·e de cabinet.' },
  expertises: { libelle: 'Expertises', aide: 'Au moins une.' },
  capaciteDossiers: { libelle: 'Dossiers suivis en même temps', aide: 'De 1 à 10 ; pas moins que ses dossiers en cours.' },
  capaciteHeuresMois: { libelle: 'Heures disponibles par mois', aide: 'De 1 à 80 ; un Compagnonnage en demande environ 8.' },
  actif: { libelle: 'Actif : peut être proposé pour de nouveaux dossiers (décochez pour une pause, sans quitter le vivier)' },
  indisponibilites: {
    libelle: 'Périodes d’indisponibilité',
    aide: 'Une ligne par période, dates incluses ; videz une ligne pour la retirer.',
  },
  connaissances: {
    libelle: 'Missions Locales connues (impartialité : il n’y intervient pas)',
    aide: 'Une ligne par Mission Locale connue (son code, par exemple ML-ROUEN, et la personne) ; videz une ligne pour la retirer.',
  },
};

/** The card's lists: nothing ticked or typed is an empty list (the schema then says if one is needed). */
const LISTES = new Set(['expertises', 'indisponibilites', 'connaissances']);
/** Optional fields of the card that an emptied input removes (the schema's null). */
const EFFACABLES = new Set(['telephone', 'missionLocaleCode', 'cabinet']);

function presenter(c: ChampZod): ChampZod {
  const p = LIBELLES_FICHE[c.nom];
  if (!p) return c;
  const reste: ChampZod = { ...c };
  delete reste.aide;
  return { ...reste, libelle: p.libelle, ...(p.aide ? { aide: p.aide } : {}) };
}

const sansPar = (champs: ChampZod[]) => champs.filter((c) => c.nom !== 'par').map(presenter);
// An edit form sends the whole card: a field the card always has is required, though the schema's patch may leave it out.
const OBLIGATOIRES = new Set(['type', 'nom', 'email', 'region', 'expertises', 'capaciteDossiers', 'capaciteHeuresMois']);
export const CHAMPS_EDITION: ChampZod[] = sansPar(champsDuSchema(modifierIntervenantSchema)).map((c) =>
  OBLIGATOIRES.has(c.nom) ? { ...c, requis: true, optionnel: false } : c,
);
export const CHAMPS_CREATION: ChampZod[] = sansPar(champsDuSchema(creerIntervenantSchema));

/** The card's values as the edit form shows them. */
export function valeursDeFiche(fiche: IntervenantFiche, champs: ChampZod[] = CHAMPS_EDITION): Valeurs {
  const source = fiche as unknown as Record<string, unknown>;
  const out: Valeurs = {};
  for (const c of champs) {
    // Rows of objects (unavailability periods, MLs known): one value per sub-field of each row, as the form posts them.
    if (c.genre === 'objets') Object.assign(out, valeursDeLignes(c, source[c.nom]));
    else out[c.nom] = c.genre === 'booleen' ? (source[c.nom] === true ? 'oui' : '') : valeurDeChamp(c, source[c.nom]);
  }
  return out;
}

/** The posted body as the fields' values (several ticked boxes of one field: one per line). */
export function valeursPostees(body: unknown, champs: ChampZod[]): Valeurs {
  const b = (body ?? {}) as Record<string, unknown>;
  const out: Valeurs = {};
  for (const c of champs) {
    const v = b[c.nom];
    if (typeof v === 'string') out[c.nom] = v;
    else if (Array.isArray(v)) out[c.nom] = v.filter((x): x is string => typeof x === 'string').join('\n');
  }
  // The rows of an array of objects (`indisponibilites[0][debut]`…) and its « Ajouter une ligne » button.
  for (const [k, v] of Object.entries(b)) {
    if (typeof v === 'string' && champs.some((c) => c.genre === 'objets' && k.startsWith(`${c.nom}[`))) out[k] = v;
  }
  return out;
}

/**
 * The fields as the `champ` partial renders them: the expertises by their French names, the home ML a list of the
 * reference's Missions Locales by région (its code is what is posted, as the API takes it).
 */
export function champsAffiches(champs: ChampZod[], valeurs: Valeurs, erreurs: Erreurs, mls: MissionLocaleRef[]): Champ[] {
  const parRegion = [...mls].sort((a, b) => REGIONS[a.region].localeCompare(REGIONS[b.region], 'fr') || a.nom.localeCompare(b.nom, 'fr'));
  return champsDuFormulaire(champs, valeurs, erreurs, '').map((c): Champ => {
    if (c.nom === 'expertises' && c.options)
      return { ...c, options: c.options.map((o) => ({ ...o, libelle: EXPERTISES[o.valeur as keyof typeof EXPERTISES] ?? o.libelle })) };
    if (c.nom === 'telephone') return { ...c, type: 'tel' };
    if (c.nom === 'missionLocaleCode') {
      const choisie = valeurs.missionLocaleCode?.trim() ?? '';
      const options = parRegion.map((m) => ({ valeur: m.code, libelle: `${REGIONS[m.region]} — ${m.nom}`, choisi: m.code === choisie }));
      // A code the reference no longer has stays visible (and is refused with its reason if sent).
      if (choisie && !mls.some((m) => m.code === choisie)) options.unshift({ valeur: choisie, libelle: `${choisie} (inconnue)`, choisi: true });
      const select: Champ = { ...c, type: 'select', options };
      delete select.valeur;
      return select;
    }
    return c;
  });
}

export type Lecture<T> = { ok: true; donnees: T } | { ok: false; erreurs: Erreurs; autres: string[] };

/** zod's issues (the schema's, or the operation's checks thrown as a ZodError) next to the fields. */
export function erreursDe(champs: ChampZod[], err: z.ZodError, input: Record<string, unknown> = {}): { erreurs: Erreurs; autres: string[] } {
  return erreursParChamp(champs, err.issues, input);
}

/** A posted creation form → the body of POST /api/intervenants (validated by its schema), `par` the signed-in account. */
export function lireCreation(valeurs: Valeurs, par: string): Lecture<z.output<typeof creerIntervenantSchema>> {
  const { input, erreurs } = lireFormulaire(CHAMPS_CREATION, valeurs);
  // An unticked "actif" means inactive (the schema's default, true, is for API callers who leave it out).
  if (input.actif === undefined) input.actif = false;
  if (input.expertises === undefined) input.expertises = [];
  const parsed = creerIntervenantSchema.safeParse({ ...input, par });
  if (parsed.success && Object.keys(erreurs).length === 0) return { ok: true, donnees: parsed.data };
  const { erreurs: parChamp, autres } = parsed.success ? { erreurs, autres: [] } : erreursParChamp(CHAMPS_CREATION, parsed.error.issues, input, erreurs);
  return { ok: false, erreurs: parChamp, autres };
}

const memeValeur = (a: unknown, b: unknown): boolean => {
  const norm = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? [...(v as string[])].sort() : (v ?? null));
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
};

/**
 * A posted edit form → the body of PATCH /api/intervenants/:id (validated by its schema), with only the fields that
 * differ from the card; `rien` when nothing changed.
 */
export function lireEdition(valeurs: Valeurs, fiche: IntervenantFiche, par: string): Lecture<z.output<typeof modifierIntervenantSchema>> | { ok: 'rien' } {
  const { input, erreurs } = lireFormulaire(CHAMPS_EDITION, valeurs);
  for (const c of CHAMPS_EDITION) {
    if (input[c.nom] !== undefined || erreurs[c.nom]) continue;
    if (c.genre === 'booleen') input[c.nom] = false;
    else if (EFFACABLES.has(c.nom)) input[c.nom] = null;
    else if (LISTES.has(c.nom)) input[c.nom] = [];
    else erreurs[c.nom] = 'Ce champ est obligatoire.';
  }
  const parsed = modifierIntervenantSchema.safeParse({ ...input, par });
  if (!parsed.success || Object.keys(erreurs).length > 0) {
    const { erreurs: parChamp, autres } = parsed.success ? { erreurs, autres: [] } : erreursParChamp(CHAMPS_EDITION, parsed.error.issues, input, erreurs);
    // The kind rules too (the operation checks them once the fields are valid): every error is shown at once.
    const projete = apresModification(fiche, input as unknown as z.output<typeof modifierIntervenantSchema>);
    for (const issue of problemesDuType(projete)) parChamp[String(issue.path[0])] ??= issue.message;
    return { ok: false, erreurs: parChamp, autres };
  }
  const source = fiche as unknown as Record<string, unknown>;
  const patch: Record<string, unknown> = { par };
  for (const [k, v] of Object.entries(parsed.data)) if (k !== 'par' && v !== undefined && !memeValeur(v, source[k])) patch[k] = v;
  if (Object.keys(patch).length === 1) return { ok: 'rien' };
  return { ok: true, donnees: patch as z.output<typeof modifierIntervenantSchema> };
}
