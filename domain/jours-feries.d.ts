// Types of @socialgouv/jours-feries (pure JS, no types shipped): holiday name → local midnight of that day.
declare module '@socialgouv/jours-feries' {
  function getJoursFeries(year: number, options?: { alsace?: boolean }): Record<string, Date>;
  export = getJoursFeries;
}
