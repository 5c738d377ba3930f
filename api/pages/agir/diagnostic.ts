// The pages of the links only a Diagnostic sends: each diagnostiqueur's analysis and rapport normé, the ML's
// answer to the programme of meetings and to the binôme's questions; and who the binôme is, for every page.
import { personHash } from '../../../activities/action-links';
import { ROLES_DIAGNOSTIC, type RoleDiagnostic } from '../../../domain/diagnostic';
import { laMissionLocale, type Intervenant } from '../../../domain/schemas';
import { ROLES } from '../../../domain/vivier';
import type { DiagnosticState } from '../../../workflows/diagnostic/state';
import { par, reponseOuiNon, texteOuVide, type Contexte, type Erreurs, type Pages } from './page';

/** The binôme's designated diagnostiqueurs. */
export const diagnostiqueurs = (s: DiagnosticState): Intervenant[] => ROLES_DIAGNOSTIC.flatMap((r) => (s.binome[r] ? [s.binome[r].intervenant] : []));

/** The link holder's role in the binôme, found by the hash of their email. */
export function roleDiagnostiqueurDuLien(c: Contexte): RoleDiagnostic | undefined {
  const s = c.state as DiagnosticState;
  return ROLES_DIAGNOSTIC.find((r) => s.binome[r] && personHash(s.binome[r].intervenant.email) === c.claims.personne);
}

export const nomRoleDiagnostic = (role: RoleDiagnostic | undefined): string => (role ? ROLES[role].libelle.toLowerCase() : 'diagnostiqueur·se');

/** A diagnostiqueur's own deliverable: the role comes from who holds the link, never from the form. */
function avecRoleDiagnostiqueur(c: Contexte, champ: string, input: Record<string, unknown>): { input: Record<string, unknown>; erreurs: Erreurs } {
  const role = roleDiagnostiqueurDuLien(c);
  if (!role) return { input, erreurs: { [champ]: 'Nous ne vous retrouvons pas dans le binôme de ce diagnostic : contactez votre interlocutrice UNML.' } };
  return { input: { ...input, role }, erreurs: {} };
}

/** The question of the binôme a link is about (its number is the link's objet). */
function precisionDuLien(c: Contexte): DiagnosticState['precisions'][number] | undefined {
  return (c.state as DiagnosticState).precisions?.find((p) => String(p.numero) === c.claims.objet);
}

const REPONSE_PROGRAMME = reponseOuiNon({
  oui: ['accepte', 'Ce programme me convient'],
  non: ['modifier', 'Je souhaite des changements'],
  texte: { nom: 'commentaire', libelle: 'Commentaire', aide: 'Obligatoire pour demander des changements : qui ajouter, retirer ou remplacer.' },
  choisir: 'Choisissez de confirmer le programme ou de demander des changements.',
  expliquer: 'Dites ce que vous souhaitez changer au programme.',
});

export const PAGES_DIAGNOSTIC: Pages<'analyse' | 'valider-programme' | 'rapport-individuel' | 'repondre-precisions'> = {
  analyse: {
    titre: 'Déposer votre analyse individuelle',
    apiPath: 'analyses',
    dejaFait: (c) => {
      const role = roleDiagnostiqueurDuLien(c);
      const a = role ? (c.state as DiagnosticState).analyses[role] : undefined;
      return a ? { quoi: 'Votre analyse individuelle est déjà déposée', le: a.le, ...(a.par ? { par: a.par } : {}) } : undefined;
    },
    explication: (c) => [
      // seed 000: each analyses the dossier alone, then they pool their analyses.
      `Chaque diagnostiqueur·se analyse d’abord le dossier de ${laMissionLocale(c.state.demande.missionLocale.nom)} de son côté ; ` +
        'le binôme met ensuite ses analyses en commun (jusqu’à trois heures).',
      `Demande de la Mission Locale : ${(c.state as DiagnosticState).demande.description}`,
    ],
    champs: (_c, v) => [
      {
        nom: 'synthese',
        libelle: 'La synthèse de votre analyse',
        type: 'textarea',
        requis: true,
        valeur: v.synthese ?? '',
        aide: 'Vos constats et vos hypothèses, à mettre en commun avec l’autre diagnostiqueur·se.',
      },
    ],
    versInput: (v, c) => avecRoleDiagnostiqueur(c, 'synthese', { synthese: texteOuVide(v.synthese), par: par(c) }),
    recapitulatif: (i) => [
      { libelle: 'Rôle', valeur: nomRoleDiagnostic(i.role as RoleDiagnostic) },
      { libelle: 'Synthèse', valeur: String(i.synthese) },
    ],
  },

  'valider-programme': {
    titre: 'Le programme des rencontres de la journée sur site',
    apiPath: 'programme/reponse',
    dejaFait: (c) => {
      const v = (c.state as DiagnosticState).programme?.validation;
      if (!v) return undefined;
      return { quoi: v.accepte ? 'Programme déjà validé' : 'Changements du programme déjà demandés', le: v.le, ...(v.par ? { par: v.par } : {}) };
    },
    explication: (c) => {
      const p = (c.state as DiagnosticState).programme;
      return [
        'Pour la journée sur site, le binôme de diagnostiqueurs souhaite rencontrer :',
        ...(p?.rencontres.map((r) => `– ${r}`) ?? ['(aucun programme proposé pour le moment)']),
        'Confirmez ce programme, ou dites ce que vous souhaitez y changer : le binôme en proposera un autre.',
      ];
    },
    champs: (_c, v) => REPONSE_PROGRAMME.champs(v),
    versInput: (v, c) => {
      const { oui: accepte, texte: commentaire, erreurs } = REPONSE_PROGRAMME.lire(v);
      return { input: { accepte, ...(commentaire ? { commentaire } : {}), par: par(c) }, erreurs };
    },
    recapitulatif: (i) => [
      { libelle: 'Réponse', valeur: i.accepte ? 'Programme confirmé' : 'Changements demandés' },
      ...(i.commentaire ? [{ libelle: 'Commentaire', valeur: String(i.commentaire) }] : []),
    ],
  },

  'rapport-individuel': {
    titre: 'Déposer votre rapport normé',
    apiPath: 'rapports',
    dejaFait: (c) => {
      const role = roleDiagnostiqueurDuLien(c);
      const r = role ? (c.state as DiagnosticState).rapports[role] : undefined;
      return r ? { quoi: 'Votre rapport normé est déjà déposé', le: r.le, ...(r.par ? { par: r.par } : {}) } : undefined;
    },
    explication: (c) => {
      const pistes = (c.state as DiagnosticState).debriefing?.pistes ?? [];
      return [
        'Chaque diagnostiqueur·se remplit seul·e son rapport normé ; le binôme croise ensuite les deux rapports pour rédiger le rapport de diagnostic.',
        ...(pistes.length ? [`Pistes retenues au débriefing : ${pistes.join(' ; ')}`] : []),
      ];
    },
    champs: (_c, v) => [
      { nom: 'forces', libelle: 'Forces de la Mission Locale', type: 'textarea', requis: true, valeur: v.forces ?? '' },
      { nom: 'faiblesses', libelle: 'Faiblesses et points de vigilance', type: 'textarea', requis: true, valeur: v.faiblesses ?? '' },
      {
        nom: 'preconisations',
        libelle: 'Préconisations, une par ligne',
        type: 'textarea',
        requis: true,
        valeur: v.preconisations ?? '',
        aide: 'Au moins une préconisation.',
      },
    ],
    versInput: (v, c) =>
      avecRoleDiagnostiqueur(c, 'forces', {
        forces: texteOuVide(v.forces),
        faiblesses: texteOuVide(v.faiblesses),
        preconisations: (v.preconisations ?? '')
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean),
        par: par(c),
      }),
    champDe: (path) => String(path[0]),
    recapitulatif: (i) => [
      { libelle: 'Rôle', valeur: nomRoleDiagnostic(i.role as RoleDiagnostic) },
      { libelle: 'Forces', valeur: String(i.forces) },
      { libelle: 'Faiblesses', valeur: String(i.faiblesses) },
      { libelle: 'Préconisations', valeur: (i.preconisations as string[]).join(' ; ') },
    ],
  },

  'repondre-precisions': {
    titre: 'Répondre à une question du binôme',
    apiPath: 'precisions/reponse',
    dejaFait: (c) => {
      const r = precisionDuLien(c)?.reponse;
      return r ? { quoi: 'Cette question a déjà reçu sa réponse', le: r.le, ...(r.par ? { par: r.par } : {}), details: [r.texte] } : undefined;
    },
    explication: (c) => {
      const p = precisionDuLien(c);
      if (!p) return ['Cette question est introuvable dans le dossier.'];
      return [
        'Pour rédiger le rapport de diagnostic, le binôme de diagnostiqueurs vous demande des précisions. ' +
          'Votre réponse lui est transmise, ainsi qu’à votre interlocutrice UNML.',
        `Question ${p.numero} : ${p.question}`,
      ];
    },
    champs: (_c, v) => [{ nom: 'reponse', libelle: 'Votre réponse', type: 'textarea', requis: true, valeur: v.reponse ?? '' }],
    versInput: (v, c) => ({ input: { numero: Number(c.claims.objet), reponse: texteOuVide(v.reponse), par: par(c) }, erreurs: {} }),
    recapitulatif: (i, c) => [
      { libelle: 'Question', valeur: precisionDuLien(c)?.question ?? `n° ${String(i.numero)}` },
      { libelle: 'Réponse', valeur: String(i.reponse) },
    ],
  },
};
