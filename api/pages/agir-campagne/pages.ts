// The pages of a regional campaign's personal links (issue #13): a Mission Locale's direction or présidence
// acknowledges the démarche's support, its director reviews the état des lieux of the structure, and answers the
// survey of the directors (seed 002). Each page reads the campaign's (or the ML's child's) state, says what is
// already done or no longer possible, and turns the form into the Update's input (router.ts sends it).
import type { ActionLinkClaims } from '../../../activities/action-links';
import { personHash } from '../../../activities/action-links';
import type { ActionLien, Recipient } from '../../../activities/email/kinds';
import { dateHeureFr, tailleFr } from '../../../domain/format';
import { REGIONS } from '../../../domain/regions';
import type { CampagneVue } from '../../../workflows/campagne/messages';
import type { FichierRef, MlCampagneState, MlParticipante } from '../../../workflows/campagne/state';
import type { Champ } from '../render';

export type Valeurs = Record<string, string>;
export type Erreurs = Record<string, string>;

/** The ids a link may name: a campaign's (CAM- and 10 hex chars), one of its MLs' children (`<campagneId>-<code ML>`). */
export const LIENS_CAMPAGNE_ID: Record<'campagne' | 'ml', RegExp> = {
  campagne: /^CAM-[0-9A-F]{10}$/,
  ml: /^CAM-[0-9A-F]{10}-[A-Za-z0-9-]{2,40}$/,
};

/** What a link is about: the campaign itself (CAM-…) or one of its Missions Locales (CAM-…-<code ML>). */
export type Cible = { type: 'campagne'; state: CampagneVue } | { type: 'ml'; state: MlCampagneState };

/** The link's holder, found by the hash of their email among the MLs' directions, présidences and deputies. */
export interface PersonneCampagne {
  recipient: Recipient;
  ml: { code: string; nom: string };
  qualite: 'direction' | 'présidence' | 'direction adjointe';
}

export interface ContexteCampagne {
  id: string;
  /** The link's token, for the page's own links (the deliverable's file). */
  jeton: string;
  claims: ActionLinkClaims;
  personne?: PersonneCampagne;
  cible: Cible;
}

export interface DejaFait {
  quoi: string;
  le?: string;
  par?: string;
  details?: string[];
}

/** The deliverable a page shows above its form. */
export interface DocumentMontre {
  titre: string;
  lignes: { libelle: string; valeur: string }[];
  url?: string;
  lienLibelle?: string;
  commentaires: string[];
}

export interface PageCampagne {
  titre: string;
  /** Which workflow the link's id names. */
  cible: Cible['type'];
  /** The Update's name (workflows/campagne/messages.ts). */
  update: string;
  bouton: string;
  explication(c: ContexteCampagne): string[];
  document?(c: ContexteCampagne): DocumentMontre | undefined;
  /** The stored file the page offers to download, when it has one (no link instead). */
  fichier?(c: ContexteCampagne): { nom: string; fichier?: FichierRef } | undefined;
  champs(c: ContexteCampagne, v: Valeurs): Champ[];
  versInput(v: Valeurs, c: ContexteCampagne): { input: Record<string, unknown>; erreurs: Erreurs };
  recapitulatif(input: Record<string, unknown>, c: ContexteCampagne): { libelle: string; valeur: string }[];
  /** After it is recorded: what comes next. */
  suite: string;
  dejaFait(c: ContexteCampagne): DejaFait | undefined;
  ferme(c: ContexteCampagne): string | undefined;
}

export const phraseDejaFait = (d: DejaFait): string => `${d.quoi}${d.le ? ` le ${dateHeureFr(d.le)}` : ''}${d.par ? ` par ${d.par}` : ''}.`;

/** The people of an ML a campaign link may be addressed to. */
function gensDe(ml: MlParticipante): { recipient: Recipient; qualite: PersonneCampagne['qualite'] }[] {
  return [
    { recipient: ml.direction, qualite: 'direction' },
    { recipient: ml.presidence, qualite: 'présidence' },
    ...(ml.adjoint ? [{ recipient: ml.adjoint, qualite: 'direction adjointe' as const }] : []),
  ];
}

export function personneDuLien(cible: Cible, hash: string): PersonneCampagne | undefined {
  const mls: MlParticipante[] = cible.type === 'campagne' ? cible.state.mls : [cible.state.ml];
  for (const ml of mls) {
    const g = gensDe(ml).find((x) => personHash(x.recipient.email) === hash);
    if (g) return { ...g, ml: { code: ml.code, nom: ml.nom } };
  }
  return undefined;
}

/** The top of a campaign link's page. */
export function contexteDe(c: ContexteCampagne): { libelle: string; valeur: string }[] {
  const { cible } = c;
  const campagne =
    cible.type === 'campagne'
      ? { nom: cible.state.nom, region: cible.state.region, ref: cible.state.campagneId }
      : { nom: cible.state.nomCampagne, region: cible.state.region, ref: cible.state.dossierId };
  return [
    { libelle: 'Démarche de progrès', valeur: campagne.nom },
    { libelle: 'Référence', valeur: campagne.ref },
    { libelle: 'Région', valeur: REGIONS[campagne.region] },
    ...(c.personne ? [{ libelle: 'Mission Locale', valeur: c.personne.ml.nom }] : []),
    ...(c.personne ? [{ libelle: 'Vous', valeur: `${c.personne.recipient.nom} (${c.personne.qualite})` }] : []),
  ];
}

const par = (c: ContexteCampagne): string => c.personne?.recipient.nom ?? 'Mission Locale';
const texte = (v: string | undefined): string => (v ?? '').trim();

/** The campaign ended, or the holder's ML left it: why the page's action is no longer possible. */
function campagneFermee(c: ContexteCampagne): string | undefined {
  if (c.cible.type === 'campagne') {
    const s = c.cible.state;
    if (s.phase === 'cloturee' || s.phase === 'annulee') {
      return `La démarche de progrès est ${s.phase === 'cloturee' ? 'close' : 'annulée'}${s.issue ? ` depuis le ${dateHeureFr(s.issue.le)}` : ''}.`;
    }
    const ml = c.personne ? s.mls.find((m) => m.code === c.personne!.ml.code) : undefined;
    if (ml?.retrait) return `Votre Mission Locale s’est retirée de la démarche de progrès le ${dateHeureFr(ml.retrait.le)}.`;
    return undefined;
  }
  const s = c.cible.state;
  if (s.fin) return `La démarche de progrès est terminée depuis le ${dateHeureFr(s.fin.le)} : ${s.fin.motif}`;
  if (s.retrait) return `Votre Mission Locale s’est retirée de la démarche de progrès le ${dateHeureFr(s.retrait.le)}.`;
  return undefined;
}

const MAX_COMMENTAIRES = 10_000;

/** A page's stored file (the support, the état des lieux), served by the same link's page (router.ts: `fichier=1`). */
const urlFichier = (c: ContexteCampagne): string => `/agir/${encodeURIComponent(c.id)}/${c.claims.action}?jeton=${encodeURIComponent(c.jeton)}&fichier=1`;

export const PAGES_CAMPAGNE: Partial<Record<ActionLien, PageCampagne>> = {
  'support-demarche': {
    titre: 'Le support de la démarche de progrès',
    cible: 'campagne',
    update: 'accuserSupport',
    bouton: 'Enregistrer',
    explication: () => [
      'Le support présente la démarche de progrès : sa méthodologie, son calendrier et les engagements de chacun (maîtrise de la ' +
        'communication, participation aux entretiens, relecture de l’état des lieux de votre structure).',
      'Un seul accusé de réception par Mission Locale suffit : la direction ou la présidence.',
    ],
    document: (c) => {
      const support = c.cible.type === 'campagne' ? c.cible.state.support : undefined;
      if (!support) return undefined;
      return {
        titre: 'Le support',
        lignes: [
          { libelle: 'Nom', valeur: support.nom },
          { libelle: 'Diffusé le', valeur: dateHeureFr(support.diffuseLe) },
        ],
        ...(support.url && /^https?:\/\//i.test(support.url)
          ? { url: support.url, lienLibelle: `Consulter « ${support.nom} »` }
          : support.fichier
            ? { url: urlFichier(c), lienLibelle: `Télécharger « ${support.nom} » (${tailleFr(support.fichier.tailleOctets)})` }
            : {}),
        commentaires: [],
      };
    },
    fichier: (c) => {
      const support = c.cible.type === 'campagne' ? c.cible.state.support : undefined;
      return support?.fichier && !support.url ? { nom: support.nom, fichier: support.fichier } : undefined;
    },
    champs: (_c, v) => [
      {
        nom: 'pris_connaissance',
        libelle: 'J’ai pris connaissance du support et des engagements',
        type: 'checkbox',
        requis: true,
        coche: v.pris_connaissance === 'oui',
      },
    ],
    versInput: (v, c) => ({
      input: { ml: c.personne?.ml.code ?? '', par: par(c) },
      erreurs: v.pris_connaissance === 'oui' ? ({} as Erreurs) : { pris_connaissance: 'Cochez cette case pour accuser réception du support.' },
    }),
    recapitulatif: (_i, c) => [
      { libelle: 'Mission Locale', valeur: c.personne?.ml.nom ?? '' },
      { libelle: 'Accusé de réception', valeur: 'Support et engagements pris en connaissance' },
    ],
    suite: 'L’UNML et les financeurs sont informés que votre Mission Locale a pris connaissance du support.',
    dejaFait: (c) => {
      if (c.cible.type !== 'campagne' || !c.personne) return undefined;
      const accuse = c.cible.state.support?.accuses.find((a) => a.ml === c.personne!.ml.code);
      return accuse
        ? { quoi: `Le support a déjà été pris en connaissance pour ${c.personne.ml.nom}`, le: accuse.le, ...(accuse.par ? { par: accuse.par } : {}) }
        : undefined;
    },
    ferme: (c) =>
      campagneFermee(c) ?? (c.cible.type === 'campagne' && !c.cible.state.support ? 'Le support de la démarche n’est pas encore diffusé.' : undefined),
  },

  'valider-etat-des-lieux': {
    titre: 'Valider l’état des lieux de votre structure',
    cible: 'ml',
    update: 'reviserEtatDesLieux',
    bouton: 'Envoyer ma réponse',
    explication: (c) => [
      `Le consultant a formalisé l’état des lieux de ${c.personne?.ml.nom ?? 'votre Mission Locale'} : il décrit les conditions d’exercice de la ` +
        'structure à partir de l’analyse du binôme présidence-direction, sans évaluer ses résultats.',
      'Validez-le, ou retournez-le au consultant avec vos commentaires : il le reprendra et vous adressera une nouvelle version. ' +
        'Un point bloquant, s’il y en a un, est à dire dans vos commentaires : il est signalé à l’UNML.',
    ],
    document: (c) => {
      if (c.cible.type !== 'ml' || !c.cible.state.livrable) return undefined;
      const l = c.cible.state.livrable;
      return {
        titre: `L’état des lieux (version ${l.version})`,
        lignes: [
          { libelle: 'Nom', valeur: l.nom },
          { libelle: 'Déposé le', valeur: dateHeureFr(l.deposeLe) },
          { libelle: 'Synthèse', valeur: l.synthese },
        ],
        ...(l.url && /^https?:\/\//i.test(l.url)
          ? { url: l.url, lienLibelle: `Lire « ${l.nom} »` }
          : l.fichier
            ? { url: urlFichier(c), lienLibelle: `Télécharger « ${l.nom} » (${tailleFr(l.fichier.tailleOctets)})` }
            : {}),
        commentaires: c.cible.state.revues
          .filter((r) => r.decision === 'a_reprendre' && r.commentaires)
          .map((r) => `Version ${r.version}, le ${dateHeureFr(r.le)} : ${r.commentaires}`),
      };
    },
    fichier: (c) => {
      const l = c.cible.type === 'ml' ? c.cible.state.livrable : undefined;
      return l?.fichier && !l.url ? { nom: l.nom, fichier: l.fichier } : undefined;
    },
    champs: (_c, v) => [
      {
        nom: 'decision',
        libelle: 'Votre réponse',
        type: 'radios',
        requis: true,
        options: [
          { valeur: 'valider', libelle: 'Je valide l’état des lieux', choisi: v.decision === 'valider' },
          { valeur: 'retourner', libelle: 'Je le retourne au consultant avec mes commentaires', choisi: v.decision === 'retourner' },
        ],
      },
      {
        nom: 'commentaires',
        libelle: 'Vos commentaires',
        type: 'textarea',
        valeur: v.commentaires ?? '',
        aide: 'Obligatoires pour retourner l’état des lieux ; ils sont transmis au consultant et à l’UNML.',
      },
    ],
    versInput: (v, c) => {
      const erreurs: Erreurs = {};
      if (v.decision !== 'valider' && v.decision !== 'retourner') erreurs.decision = 'Choisissez de valider l’état des lieux ou de le retourner au consultant.';
      const commentaires = texte(v.commentaires);
      if (v.decision === 'retourner' && !commentaires) erreurs.commentaires = 'Indiquez vos commentaires pour retourner l’état des lieux au consultant.';
      if (commentaires.length > MAX_COMMENTAIRES) erreurs.commentaires = `Vos commentaires dépassent ${MAX_COMMENTAIRES} caractères : raccourcissez-les.`;
      return { input: { decision: v.decision === 'retourner' ? 'retourner' : 'valider', ...(commentaires ? { commentaires } : {}), par: par(c) }, erreurs };
    },
    recapitulatif: (i) => [
      { libelle: 'Votre réponse', valeur: i.decision === 'valider' ? 'État des lieux validé' : 'État des lieux retourné au consultant' },
      ...(i.commentaires ? [{ libelle: 'Vos commentaires', valeur: String(i.commentaires) }] : []),
    ],
    suite: 'Le consultant et l’UNML en sont informés.',
    dejaFait: (c) => {
      if (c.cible.type !== 'ml') return undefined;
      const s = c.cible.state;
      const revue = s.livrable ? [...s.revues].reverse().find((r) => r.version === s.livrable!.version) : undefined;
      if (!revue) return undefined;
      return revue.decision === 'valide'
        ? { quoi: `L’état des lieux (version ${revue.version}) est déjà validé`, le: revue.le, ...(revue.par ? { par: revue.par } : {}) }
        : {
            quoi: `L’état des lieux (version ${revue.version}) a déjà été retourné au consultant`,
            le: revue.le,
            ...(revue.par ? { par: revue.par } : {}),
            details: ['Le consultant le reprend : la nouvelle version vous sera adressée par courriel, avec un nouveau lien.'],
          };
    },
    ferme: (c) =>
      campagneFermee(c) ?? (c.cible.type === 'ml' && !c.cible.state.livrable ? 'L’état des lieux de votre structure n’est pas encore déposé.' : undefined),
  },

  enquete: {
    titre: 'Enquête auprès des directions',
    cible: 'campagne',
    update: 'repondreEnquete',
    bouton: 'Envoyer mes réponses',
    explication: (c) => [
      'Les directions des Missions Locales de la région sont interrogées sur les activités qu’elles souhaiteraient mutualiser. ' +
        `Vous répondez pour ${c.personne?.ml.nom ?? 'votre Mission Locale'} : oui ou non à chaque question.`,
      'Les résultats (la part de réponses favorables à chaque question) sont présentés à l’UNML et aux financeurs.',
    ],
    champs: (c, v) =>
      questions(c).map((q, i) => ({
        nom: `q${i}`,
        libelle: q.libelle,
        type: 'radios' as const,
        requis: true,
        options: [
          { valeur: 'oui', libelle: 'Oui', choisi: v[`q${i}`] === 'oui' },
          { valeur: 'non', libelle: 'Non', choisi: v[`q${i}`] === 'non' },
        ],
      })),
    versInput: (v, c) => {
      const erreurs: Erreurs = {};
      const reponses: Record<string, boolean> = {};
      questions(c).forEach((q, i) => {
        const r = v[`q${i}`];
        if (r === 'oui' || r === 'non') reponses[q.code] = r === 'oui';
        else erreurs[`q${i}`] = 'Répondez par oui ou par non.';
      });
      return { input: { ml: c.personne?.ml.code ?? '', reponses, par: par(c) }, erreurs };
    },
    recapitulatif: (i, c) => questions(c).map((q) => ({ libelle: q.libelle, valeur: (i.reponses as Record<string, boolean>)[q.code] ? 'Oui' : 'Non' })),
    suite: 'Vos réponses comptent dans les résultats de l’enquête.',
    dejaFait: (c) => {
      if (c.cible.type !== 'campagne' || !c.personne) return undefined;
      const r = c.cible.state.enquete?.reponses.find((x) => x.ml === c.personne!.ml.code);
      return r ? { quoi: `${c.personne.ml.nom} a déjà répondu à l’enquête`, le: r.le, details: ['Une seule réponse par Mission Locale.'] } : undefined;
    },
    ferme: (c) => campagneFermee(c) ?? (c.cible.type === 'campagne' && !c.cible.state.enquete?.lanceeLe ? 'L’enquête n’est pas ouverte.' : undefined),
  },
};

function questions(c: ContexteCampagne): { code: string; libelle: string }[] {
  return c.cible.type === 'campagne' ? (c.cible.state.enquete?.questions ?? []) : [];
}
