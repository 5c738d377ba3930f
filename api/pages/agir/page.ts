// The shape of an action link's page (one per action, in compagnonnage.ts, appui-conseil.ts, diagnostic.ts and,
// for the pages several dispositifs serve, communes.ts) and the parts those pages share. Which dispositif serves
// which page, with which of its actions, is said by its descriptor (api/dossiers/<dispositif>/index.ts).
// Like the descriptors, these files import neither api/common.ts nor the list of dispositifs (but as types).
import type { ActionLinkClaims } from '../../../activities/action-links';
import type { ActionLien, Recipient } from '../../../activities/email/kinds';
import type { PageServie } from '../../dossiers/descripteur';
import type { AnyDossierState } from '../../dossiers/router';
import type { Champ } from '../render';
import { dateHeureFr, dureeFr } from '../../../domain/format';

export type Valeurs = Record<string, string>;
export type Erreurs = Record<string, string>;
export interface Contexte {
  claims: ActionLinkClaims;
  /** The link's holder, found in the dossier by the hash of their email. */
  personne?: Recipient;
  state: AnyDossierState;
  /** The dossier's dispositif, in French. */
  libelle: string;
}
export interface PageAction {
  titre: string;
  /** The action's path in the API's action table of the dossier's dispositif (a descriptor may serve it with another). */
  apiPath: string;
  explication(c: Contexte): string[];
  champs(c: Contexte, v: Valeurs): Champ[];
  /** Form values → the update's input (validated next with the API's schema); page-only checks as errors. */
  versInput(v: Valeurs, c: Contexte): { input: Record<string, unknown>; erreurs: Erreurs };
  /** The input field of a zod issue path → the form field that shows it. */
  champDe?(path: PropertyKey[]): string;
  recapitulatif(input: Record<string, unknown>, c: Contexte): { libelle: string; valeur: string }[];
  /**
   * The action this link asks is already done (by its holder, or, for a one-time act, by anyone), read from the
   * dossier: the page says so ("Acte déjà signé le … par …", "Vous avez déjà répondu le …") instead of the form, and
   * an expired link offers no fresh one. Each dispositif's pages may declare it.
   */
  dejaFait?(c: Contexte): DejaFait | undefined;
  /** The action can no longer be done (e.g. the questionnaire is closed): why, said instead of the form. */
  ferme?(c: Contexte): string | undefined;
}

/** What was done: the sentence that says it ("Acte déjà signé"), when and by whom (optional), and details. */
export interface DejaFait {
  quoi: string;
  le?: string;
  par?: string;
  details?: string[];
}

/** "Acte déjà signé le mardi 1er décembre 2026 à 14 h 30 par Karim Haddad." */
export function phraseDejaFait(d: DejaFait): string {
  return `${d.quoi}${d.le ? ` le ${dateHeureFr(d.le)}` : ''}${d.par ? ` par ${d.par}` : ''}.`;
}
/** The pages of some actions, by action. */
export type Pages<A extends ActionLien> = Record<A, PageAction>;

/** Pages as a dispositif serves them: each with its own action path, or the one `autresChemins` gives. */
export function pagesServies(
  pages: Partial<Pages<ActionLien>>,
  autresChemins: Partial<Record<ActionLien, string>> = {},
): Partial<Record<ActionLien, PageServie>> {
  return Object.fromEntries(
    (Object.entries(pages) as [ActionLien, PageAction][]).map(([nom, page]) => [nom, { page, apiPath: autresChemins[nom] ?? page.apiPath }]),
  );
}

/** Who acts, for the timeline: the link holder's name, else their side. */
export const par = (c: Contexte) => c.personne?.nom ?? ({ ml: 'Mission Locale', intervenant: 'intervenant', cabinet: 'cabinet' } as const)[c.claims.role];
export const texteOuVide = (v: string | undefined) => (v ?? '').trim();

interface OuiNon {
  oui: [string, string];
  non: [string, string];
  texte: { nom: string; libelle: string; aide: string };
  choisir: string;
  expliquer: string;
}

/**
 * A yes-or-no answer whose "no" must say why (a reason, a comment): its radio buttons, its text field, and the
 * reading of both (`oui`; `texte`, trimmed; the field errors in French).
 */
export function reponseOuiNon(o: OuiNon) {
  return {
    champs: (v: Valeurs): Champ[] => [
      {
        nom: 'reponse',
        libelle: 'Votre réponse',
        type: 'radios',
        requis: true,
        options: [o.oui, o.non].map(([valeur, libelle]) => ({ valeur, libelle, choisi: v.reponse === valeur })),
      },
      { nom: o.texte.nom, libelle: o.texte.libelle, type: 'textarea', valeur: v[o.texte.nom] ?? '', aide: o.texte.aide },
    ],
    lire: (v: Valeurs): { oui: boolean; texte: string; erreurs: Erreurs } => {
      const erreurs: Erreurs = {};
      if (v.reponse !== o.oui[0] && v.reponse !== o.non[0]) erreurs.reponse = o.choisir;
      const texte = texteOuVide(v[o.texte.nom]);
      if (v.reponse === o.non[0] && !texte) erreurs[o.texte.nom] = o.expliquer;
      return { oui: v.reponse === o.oui[0], texte, erreurs };
    },
  };
}

/** The product's one date-and-time style (domain/format.ts), on every page. */
export const dateHeure = dateHeureFr;
export const dureeMinutesFr = dureeFr;
