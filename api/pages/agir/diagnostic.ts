// The pages of the links only a Diagnostic sends: each diagnostiqueur's analysis and rapport normé, the ML's
// answer to the programme of meetings and to the binôme's questions; and who the binôme is, for every page.
import { personHash } from '../../../activities/action-links';
import { ACCOMPAGNEMENTS_PROPOSABLES, ROLES_DIAGNOSTIC, type RoleDiagnostic } from '../../../domain/diagnostic';
import { dateHeureFr } from '../../../domain/format';
import { CHOIX_SUITE } from '../../../domain/suite-diagnostic';
import { laMissionLocale, type Intervenant } from '../../../domain/schemas';
import { ROLES } from '../../../domain/vivier';
import type { DiagnosticState } from '../../../workflows/diagnostic/state';
import { par, reponseOuiNon, texteOuVide, type Contexte, type Erreurs, type PageAction, type Pages } from './page';

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

/** The accompaniment the final review proposed, as the link's page reads it (issue #14). */
const suiteDe = (c: Contexte) => (c.state as DiagnosticState).suite;
const CHAMP_SUJET = 'sujet_';

export const PAGES_DIAGNOSTIC: Pages<'analyse' | 'valider-programme' | 'rapport-individuel' | 'repondre-precisions' | 'suite-diagnostic'> = {
  'suite-diagnostic': {
    titre: 'L’accompagnement proposé à l’issue du diagnostic',
    apiPath: 'suite/reponse',
    dejaFait: (c) => {
      const r = suiteDe(c)?.reponse;
      if (!r) return undefined;
      const s = c.state as DiagnosticState;
      const details = s.aConduitA
        ? [`Le dossier ${s.aConduitA} est ouvert, issu de ce diagnostic : l’UNML l’examine et revient vers vous.`]
        : s.suite?.nonRecevable?.length
          ? ['La demande n’a pas pu être déposée :', ...s.suite.nonRecevable]
          : [];
      return {
        quoi: r.accepte ? 'L’accompagnement proposé a déjà été accepté' : 'L’accompagnement proposé a déjà été décliné',
        le: r.le,
        ...(r.par ? { par: r.par } : {}),
        details,
      };
    },
    ferme: (c) => {
      const s = suiteDe(c);
      if (!s) return 'Aucun accompagnement n’a été proposé à l’issue de ce diagnostic.';
      if (s.expireeLe || Date.now() > Date.parse(s.jusquAu)) return `La proposition d’accompagnement n’est plus ouverte depuis le ${dateHeureFr(s.jusquAu)}.`;
      return undefined;
    },
    explication: (c) => {
      const s = c.state as DiagnosticState;
      const nom = s.suite ? ACCOMPAGNEMENTS_PROPOSABLES[s.suite.dispositif] : '';
      return [
        `À l’issue de la revue finale du diagnostic de ${laMissionLocale(s.demande.missionLocale.nom)}, l’UNML propose un accompagnement : ${nom}.`,
        ...(s.conclusion ? [`Conclusions du diagnostic : ${s.conclusion.conclusions}`] : []),
        `Si vous l’acceptez, la demande est déposée pour vous, avec les coordonnées de la Mission Locale et les conclusions du diagnostic ` +
          `(${s.dossierId}) : dites seulement la situation de la Mission Locale et les sujets de l’accompagnement. Elle suit les mêmes règles ` +
          'qu’une demande faite avec le formulaire en ligne.',
        ...(s.suite ? [`Vous pouvez répondre jusqu’au ${dateHeureFr(s.suite.jusquAu)}.`] : []),
      ];
    },
    champs: (c, v) => {
      const s = suiteDe(c);
      const choix = s ? CHOIX_SUITE[s.dispositif] : { cas: {}, sujets: {} };
      return [
        {
          nom: 'reponse',
          libelle: 'Votre réponse',
          type: 'radios',
          requis: true,
          options: [
            { valeur: 'accepte', libelle: 'J’accepte l’accompagnement proposé', choisi: v.reponse === 'accepte' },
            { valeur: 'decline', libelle: 'Je décline l’accompagnement proposé', choisi: v.reponse === 'decline' },
          ],
        },
        {
          nom: 'casMobilisation',
          libelle: 'Si vous acceptez : la situation de la Mission Locale',
          type: 'select',
          options: Object.entries(choix.cas).map(([valeur, libelle]) => ({ valeur, libelle, choisi: v.casMobilisation === valeur })),
        },
        ...Object.entries(choix.sujets).map(([code, libelle]): ReturnType<PageAction['champs']>[number] => ({
          nom: `${CHAMP_SUJET}${code}`,
          libelle: `Sujet : ${libelle}`,
          type: 'checkbox',
          coche: v[`${CHAMP_SUJET}${code}`] === 'oui',
        })),
        {
          nom: 'complement',
          libelle: 'Si vous acceptez : ce que vous souhaitez ajouter à la demande',
          type: 'textarea',
          valeur: v.complement ?? '',
          aide: 'Facultatif : la demande reprend déjà les conclusions et les préconisations du diagnostic.',
        },
        { nom: 'motif', libelle: 'Si vous déclinez : pourquoi', type: 'textarea', valeur: v.motif ?? '', aide: 'Facultatif.' },
      ];
    },
    versInput: (v, c) => {
      const erreurs: Erreurs = {};
      if (v.reponse !== 'accepte' && v.reponse !== 'decline') erreurs.reponse = 'Choisissez d’accepter ou de décliner l’accompagnement proposé.';
      const accepte = v.reponse === 'accepte';
      const sujets = Object.keys(v)
        .filter((k) => k.startsWith(CHAMP_SUJET) && v[k] === 'oui')
        .map((k) => k.slice(CHAMP_SUJET.length));
      if (accepte && !v.casMobilisation) erreurs.casMobilisation = 'Choisissez la situation de la Mission Locale.';
      if (accepte && sujets.length === 0) erreurs.reponse ??= 'Cochez au moins un sujet de l’accompagnement.';
      const complement = texteOuVide(v.complement);
      const motif = texteOuVide(v.motif);
      const input = accepte
        ? { accepte, casMobilisation: v.casMobilisation ?? '', sujets, ...(complement ? { complement } : {}), par: par(c) }
        : { accepte, ...(motif ? { motif } : {}), par: par(c) };
      return { input, erreurs };
    },
    recapitulatif: (i, c) => {
      const s = suiteDe(c);
      const choix = s ? CHOIX_SUITE[s.dispositif] : { cas: {} as Record<string, string>, sujets: {} as Record<string, string> };
      if (!i.accepte) return [{ libelle: 'Réponse', valeur: 'Accompagnement décliné' }, ...(i.motif ? [{ libelle: 'Motif', valeur: String(i.motif) }] : [])];
      return [
        { libelle: 'Réponse', valeur: `Accompagnement accepté${s ? ` : ${ACCOMPAGNEMENTS_PROPOSABLES[s.dispositif]}` : ''}` },
        { libelle: 'Situation', valeur: choix.cas[String(i.casMobilisation)] ?? String(i.casMobilisation) },
        { libelle: 'Sujets', valeur: (i.sujets as string[]).map((k) => choix.sujets[k] ?? k).join(' ; ') },
      ];
    },
  },

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
