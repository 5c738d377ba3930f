// One French locale for every validation error of the product (issue #17 §3): zod's own French locale, with the
// messages people meet most rewritten to say what to send, and the allowed values listed where a choice is wrong.
// Installed once by the API (api/app.ts) and by the configuration; pure otherwise.
import { z } from 'zod';

const NATURES: Record<string, string> = {
  string: 'un texte',
  number: 'un nombre',
  int: 'un nombre entier',
  boolean: 'vrai ou faux (true ou false)',
  array: 'une liste',
  object: 'un objet',
  date: 'une date',
};

const nature = (t: string): string => NATURES[t] ?? t;
const valeurs = (values: readonly unknown[]): string => values.map((v) => `« ${String(v)} »`).join(', ');

/** What each kind of issue says; undefined: zod's French locale. */
function messageFr(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `champ obligatoire : indiquez ${nature(issue.expected)}` : `indiquez ${nature(issue.expected)}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `la seule valeur possible est ${valeurs(issue.values)}` : `choisissez parmi ${valeurs(issue.values)}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'ne doit pas être vide' : `au moins ${issue.minimum} caractères`;
      if (issue.origin === 'array' || issue.origin === 'set') return `au moins ${issue.minimum} élément${Number(issue.minimum) > 1 ? 's' : ''}`;
      return `${issue.inclusive === false ? 'strictement supérieur à' : 'au moins'} ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `au plus ${issue.maximum} caractères`;
      if (issue.origin === 'array' || issue.origin === 'set') return `au plus ${issue.maximum} éléments`;
      return `${issue.inclusive === false ? 'strictement inférieur à' : 'au plus'} ${issue.maximum}`;
    case 'invalid_format':
      if (issue.format === 'email') return 'adresse électronique invalide (attendu : nom@domaine.fr)';
      if (issue.format === 'datetime') return 'date et heure invalides';
      if (issue.format === 'date') return 'date invalide (attendu : AAAA-MM-JJ)';
      if (issue.format === 'url') return 'adresse web invalide (attendu : https://…)';
      if (issue.format === 'uuid') return 'identifiant invalide (attendu : un UUID)';
      return undefined;
    case 'unrecognized_keys': {
      const s = issue.keys.length > 1 ? 's' : '';
      return `champ${s} inconnu${s} : ${issue.keys.join(', ')} (retirez-le${s})`;
    }
    case 'not_multiple_of':
      return `un multiple de ${String(issue.divisor)}`;
    default:
      return undefined;
  }
}

/** Sets the product's French validation messages (idempotent). */
export function installerErreursFr(): void {
  z.config(z.locales.fr());
  z.config({ customError: (issue) => messageFr(issue) });
}
