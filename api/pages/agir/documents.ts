// The page of the link the Compagnonnage's "document partagé" emails carry (seed 003: the two directions exchange tools
// and documents): /agir/<dossier>/documents lists the dossier's documents with their downloads, and shares one more.
// Unlike the other links it is not single-shot: it serves until it expires. Its router is documents-router.ts (mounted
// before the generic one); this page is declared in the Compagnonnage's descriptor so that an expired link gets a fresh one.
import { ETAPES_FINALES, type CompagnonnageState } from '../../../workflows/compagnonnage/state';
import { par, texteOuVide, type PageAction } from './page';

/** What the page says first. */
export const EXPLICATION =
  'Les outils et documents que la Mission Locale et l’intervenant s’échangent pendant l’accompagnement : ' +
  'téléchargez ceux qui vous ont été partagés, partagez les vôtres.';

export const PAGE_DOCUMENTS: PageAction = {
  titre: 'Documents de l’accompagnement',
  apiPath: 'documents',
  explication: () => [EXPLICATION],
  champs: (_c, v) => [
    { nom: 'titre', libelle: 'Titre du document', type: 'text', requis: true, valeur: v.titre ?? '' },
    { nom: 'note', libelle: 'Un mot pour l’autre direction (facultatif)', type: 'textarea', valeur: v.note ?? '' },
  ],
  versInput: (v, c) => ({ input: { titre: texteOuVide(v.titre), note: texteOuVide(v.note), par: par(c) }, erreurs: {} }),
  recapitulatif: (i) => [{ libelle: 'Titre', valeur: String(i.titre) }],
  ferme: (c) =>
    (ETAPES_FINALES as readonly string[]).includes((c.state as CompagnonnageState).etape)
      ? 'Le dossier est terminé : plus aucun document ne peut être partagé.'
      : undefined,
};
