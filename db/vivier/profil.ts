// The profile an intervenant and an application share (domain/vivier.ts ProfilIntervenant), as the tables hold it.
import { EXPERTISE_CODES, type Expertise } from '../../domain/vivier';

export function normaliserEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The expertise tags in the order of domain/vivier.ts EXPERTISES, each once. */
export function ordreExpertises(list: Iterable<string>): Expertise[] {
  const set = new Set(list);
  return EXPERTISE_CODES.filter((e) => set.has(e));
}
