// Who a dossier waits for now, as a code (the AttenteDe search attribute): roles only, never a person.
// Each dispositif's etapes.ts says it per step (ATTENTE_DE, beside its French ATTENDUS); a step not named
// (an ended dossier) waits for nobody.

export const ATTENTES = ['unml', 'ml', 'intervenant', 'cabinet'] as const;
export type AttenteDe = (typeof ATTENTES)[number];

/** Each code in French, "from whom" in the back office's lists. */
export const LIBELLES_ATTENTE: Record<AttenteDe, string> = {
  unml: 'l’UNML',
  ml: 'la Mission Locale',
  intervenant: 'l’intervenant',
  cabinet: 'le cabinet',
};
