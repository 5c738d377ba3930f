// The copy of an intervenant's pool record that a dossier keeps: a pure mapper, shared by the activities, the
// API and the tests without one importing the other.
import type { Intervenant } from '../domain/schemas';
import type { IntervenantFiche } from './store';

/** The pool's card of an intervenant as a dossier keeps it (contact, kind, région). */
export function intervenantDeFiche(f: IntervenantFiche): Intervenant {
  return { id: f.id, nom: f.nom, email: f.email, type: f.type, region: f.region, ...(f.missionLocaleCode ? { missionLocale: f.missionLocaleCode } : {}) };
}
