// What a Diagnostic led to (issue #14): the demand its accepted proposal makes for the ML, pure and deterministic
// (imported by the workflow, its page and the activity that starts the dossier).
import { CAS_MOBILISATION_APPUI, HORS_CHAMP_APPUI, SUJETS_APPUI } from './appui-conseil';
import { CAS_MOBILISATION, SUJETS_EXCLUS_LIBELLES, SUJETS_TRAITES } from './compagnonnage';
import type { AccompagnementPropose } from './diagnostic';

/**
 * The mobilisation cases and the topics a demand of the proposed dispositif names, with their labels: every topic its
 * form offers, out-of-scope ones included, so that its recevabilité applies as to any demand.
 */
export const CHOIX_SUITE: Record<AccompagnementPropose, { cas: Record<string, string>; sujets: Record<string, string> }> = {
  appui_conseil: {
    cas: CAS_MOBILISATION_APPUI,
    sujets: { ...SUJETS_APPUI, ...Object.fromEntries(Object.entries(HORS_CHAMP_APPUI).map(([k, v]) => [k, v.libelle])) },
  },
  compagnonnage: { cas: CAS_MOBILISATION, sujets: { ...SUJETS_TRAITES, ...SUJETS_EXCLUS_LIBELLES } },
};

/** Why the direction's choice of case and topics cannot make a demand of `dispositif`; undefined when it can. */
export function refusChoixSuite(dispositif: AccompagnementPropose, casMobilisation: string | undefined, sujets: string[] | undefined): string | undefined {
  const choix = CHOIX_SUITE[dispositif];
  if (!casMobilisation || !(casMobilisation in choix.cas))
    return `Choisissez la situation de la Mission Locale parmi : ${Object.values(choix.cas).join(' ; ')}.`;
  if (!sujets?.length) return 'Cochez au moins un sujet sur lequel porterait l’accompagnement.';
  const inconnus = sujets.filter((s) => !(s in choix.sujets));
  if (inconnus.length) return `Sujets inconnus : ${inconnus.join(', ')}.`;
  return undefined;
}

/** The new demand's text: the diagnostic it follows from, its conclusions, and what the direction adds (5000 characters at most). */
export function descriptionSuite(
  diagnosticId: string,
  conclusions: string,
  accompagnement: string,
  preconisations: readonly string[] = [],
  complement?: string,
): string {
  const texte = [
    `Demande issue du diagnostic ${diagnosticId}, dont la revue finale a proposé cet accompagnement (${accompagnement}).`,
    `Conclusions du diagnostic : ${conclusions}`,
    ...(preconisations.length ? [`Préconisations du rapport : ${preconisations.join(' ; ')}`] : []),
    ...(complement ? [`Précisions de la direction : ${complement}`] : []),
  ].join('\n\n');
  return texte.length > 5000 ? `${texte.slice(0, 4999)}…` : texte;
}
