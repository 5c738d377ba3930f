// The right of access (issue #15, GDPR art. 15): where one email address appears in a dossier's or campaign's state.
// Pure: walks any JSON value and returns each object holding the address (a contact, an intervenant, an email sent…),
// with its path, so staff see what is held and in which role.

export interface Occurrence {
  /** Where in the state, e.g. "demande.direction" or "courriels[3]". */
  chemin: string;
  /** The object that holds the address (or the string itself at the top). */
  valeur: unknown;
}

/** An address as the product compares them: trimmed, lower-cased. */
export function normaliserEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Every object of `donnee` one of whose strings contains `email` (case aside), outermost first, each once. */
export function occurrencesEmail(donnee: unknown, email: string): Occurrence[] {
  const cible = normaliserEmail(email);
  if (!cible) return [];
  const out: Occurrence[] = [];
  const contient = (s: string) => s.toLowerCase().includes(cible);
  const parcourir = (v: unknown, chemin: string, parent: { chemin: string; valeur: unknown } | undefined): void => {
    if (typeof v === 'string') {
      if (contient(v)) {
        const o = parent ?? { chemin, valeur: v };
        if (!out.some((x) => x.chemin === o.chemin)) out.push({ chemin: o.chemin, valeur: o.valeur });
      }
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((x, i) => parcourir(x, `${chemin}[${i}]`, typeof x === 'object' && x !== null ? undefined : (parent ?? { chemin, valeur: v })));
      return;
    }
    if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        const sous = chemin ? `${chemin}.${k}` : k;
        // A list of strings (addressees…) belongs to the object that holds it.
        parcourir(x, sous, typeof x === 'object' && x !== null && !Array.isArray(x) ? undefined : { chemin, valeur: v });
      }
    }
  };
  parcourir(donnee, '', undefined);
  return out;
}
