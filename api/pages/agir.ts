// Pages reached from the personal links of emails (/agir/<dossier>/<action>?jeton=…): GET shows the form
// with the dossier's context, POST validates with the API's zod schema and sends the update with the link's
// token id (single-shot), then shows what was recorded, or the refusal, or the form again with field errors.
import express, { Router, type Request, type Response } from 'express';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { ACTIONS_LIEN, type ActionLien, type Recipient } from '../../activities/email/kinds';
import { personHash, type ActionLinkClaims, type ActionLinks } from '../../activities/action-links';
import { visioFr } from '../../activities/email/templates';
import { ROLES_DIAGNOSTIC, type RoleDiagnostic } from '../../domain/diagnostic';
import { REGIONS } from '../../domain/regions';
import type { Intervenant } from '../../domain/schemas';
import { ROLES } from '../../domain/vivier';
import type { AppuiConseilState } from '../../workflows/appui-conseil/state';
import type { DossierState } from '../../workflows/compagnonnage/state';
import type { DiagnosticState } from '../../workflows/diagnostic/state';
import { getLiensUtilises, LIEN_DEJA_UTILISE, type LienUtilise } from '../../workflows/shared/handlers';
import { LIBELLES_DISPOSITIFS, dossierIdSchema, dispositifOfDossier, type DispositifServi } from '../common';
import { actionFor } from '../dossiers/dispositifs';
import { queryDossier, type AnyDossierState } from '../dossiers/router';
import { classifyError } from '../errors';
import { isoToParisLocal, parisLocalToIso, sendMessage, sendPage, template, type Champ } from './render';
import { demanderNouveauLien } from './renvoi';

type Valeurs = Record<string, string>;
interface Contexte {
  claims: ActionLinkClaims;
  /** The link's holder, found in the dossier by the hash of their email. */
  personne?: Recipient;
  state: AnyDossierState;
}
interface PageAction {
  dispositifs: DispositifServi[];
  titre: string;
  /** The action's path in the API's action table of the dossier's dispositif. */
  apiPath: string;
  /** Its path in another dispositif's table, when it differs. */
  apiPaths?: Partial<Record<DispositifServi, string>>;
  explication(c: Contexte): string[];
  champs(c: Contexte, v: Valeurs): Champ[];
  /** Form values → the update's input (validated next with the API's schema); page-only checks as errors. */
  versInput(v: Valeurs, c: Contexte): { input: Record<string, unknown>; erreurs: Record<string, string> };
  /** The input field of a zod issue path → the form field that shows it. */
  champDe?(path: PropertyKey[]): string;
  recapitulatif(input: Record<string, unknown>, c: Contexte): { libelle: string; valeur: string }[];
}

const QUESTIONS_EVALUATION = [
  ['appreciation', 'Votre appréciation générale de l’accompagnement'],
  ['objectifs', 'Dans quelle mesure les objectifs fixés ont-ils été atteints ?'],
  ['organisation', 'L’organisation et le rythme des échanges vous ont-ils convenu ?'],
  ['suggestions', 'Vos suggestions d’amélioration'],
] as const;

const par = (c: Contexte) => c.personne?.nom ?? ({ ml: 'Mission Locale', intervenant: 'intervenant', cabinet: 'cabinet' } as const)[c.claims.role];
const texteOuVide = (v: string | undefined) => (v ?? '').trim();

/**
 * A yes-or-no answer whose "no" must say why (a reason, a comment): its radio buttons, its text field, and the
 * reading of both (`oui`; `texte`, trimmed; the field errors in French).
 */
function reponseOuiNon(o: { oui: [string, string]; non: [string, string]; texte: { nom: string; libelle: string; aide: string }; choisir: string; expliquer: string }) {
  return {
    champs: (v: Valeurs): Champ[] => [
      { nom: 'reponse', libelle: 'Votre réponse', type: 'radios', requis: true, options: [o.oui, o.non].map(([valeur, libelle]) => ({ valeur, libelle, choisi: v.reponse === valeur })) },
      { nom: o.texte.nom, libelle: o.texte.libelle, type: 'textarea', valeur: v[o.texte.nom] ?? '', aide: o.texte.aide },
    ],
    lire: (v: Valeurs): { oui: boolean; texte: string; erreurs: Record<string, string> } => {
      const erreurs: Record<string, string> = {};
      if (v.reponse !== o.oui[0] && v.reponse !== o.non[0]) erreurs.reponse = o.choisir;
      const texte = texteOuVide(v[o.texte.nom]);
      if (v.reponse === o.non[0] && !texte) erreurs[o.texte.nom] = o.expliquer;
      return { oui: v.reponse === o.oui[0], texte, erreurs };
    },
  };
}

const REPONSE_DESIGNATION = reponseOuiNon({
  oui: ['accepte', 'J’accepte cette intervention'],
  non: ['decline', 'Je décline cette intervention'],
  texte: { nom: 'motif', libelle: 'Si vous déclinez : la raison', aide: 'Obligatoire pour décliner ; elle est communiquée à l’UNML.' },
  choisir: 'Choisissez d’accepter ou de décliner l’intervention.',
  expliquer: 'Indiquez la raison pour laquelle vous déclinez.',
});
const REPONSE_SEANCE = reponseOuiNon({
  oui: ['confirme', 'Je confirme cette séance'],
  non: ['conteste', 'Je conteste cette séance'],
  texte: { nom: 'commentaire', libelle: 'Commentaire', aide: 'Obligatoire pour contester : ce qui ne correspond pas (date, durée, contenu).' },
  choisir: 'Choisissez de confirmer ou de contester la séance.',
  expliquer: 'Expliquez ce qui ne va pas dans cette séance.',
});
const REPONSE_PROGRAMME = reponseOuiNon({
  oui: ['accepte', 'Ce programme me convient'],
  non: ['modifier', 'Je souhaite des changements'],
  texte: { nom: 'commentaire', libelle: 'Commentaire', aide: 'Obligatoire pour demander des changements : qui ajouter, retirer ou remplacer.' },
  choisir: 'Choisissez de confirmer le programme ou de demander des changements.',
  expliquer: 'Dites ce que vous souhaitez changer au programme.',
});

export const PAGES: Record<ActionLien, PageAction> = {
  'signer-acte-engagement': {
    dispositifs: ['compagnonnage', 'appui_conseil'],
    titre: 'Signer l’acte d’engagement',
    apiPath: 'signer-acte-engagement',
    explication: (c) => [
      `Par cet acte d’engagement, la Mission Locale s’engage à participer activement à l’accompagnement (${LIBELLES_DISPOSITIFS[c.state.dispositif]}) jusqu’à son terme.`,
      ...(c.state.dispositif === 'compagnonnage'
        ? ['L’accompagnement représente un forfait de 24 heures, soit 2 heures par semaine pendant 3 mois ; le rythme peut être ajusté. Tout déplacement est validé au préalable par l’UNML.']
        : ['L’intervention représente 15 à 20 jours au total. Tout déplacement est exceptionnel et validé au préalable par l’UNML.']),
    ],
    champs: (c, v) => [
      { nom: 'signataire', libelle: 'Nom et fonction du ou de la signataire', type: 'text', requis: true, valeur: v.signataire ?? c.personne?.nom ?? '' },
      { nom: 'engagement', libelle: 'Au nom de la Mission Locale, je m’engage à participer activement à l’accompagnement jusqu’à son terme.', type: 'checkbox', requis: true, coche: v.engagement === 'oui' },
    ],
    versInput: (v, c) => ({
      input: { signataire: texteOuVide(v.signataire), par: par(c) },
      erreurs: v.engagement === 'oui' ? ({} as Record<string, string>) : { engagement: 'Cochez cette case pour signer l’acte d’engagement.' },
    }),
    recapitulatif: (i) => [{ libelle: 'Signataire', valeur: String(i.signataire) }],
  },

  seance: {
    dispositifs: ['compagnonnage'],
    titre: 'Enregistrer une séance tenue',
    apiPath: 'seances',
    explication: () => [
      'Chaque séance tenue alimente la fiche de suivi (date et résumé) et le décompte du forfait de 24 heures.',
      'Enregistrez la séance une fois qu’elle a eu lieu.',
    ],
    champs: (_c, v) => [
      { nom: 'date', libelle: 'Date et heure de la séance (heure de Paris)', type: 'datetime-local', requis: true, valeur: v.date ?? isoToParisLocal(new Date()) },
      { nom: 'dureeMinutes', libelle: 'Durée, en minutes', type: 'number', requis: true, min: 1, max: 1440, valeur: v.dureeMinutes ?? '120', aide: 'Par exemple 120 pour 2 heures.' },
      { nom: 'resume', libelle: 'Résumé de la séance', type: 'textarea', requis: true, valeur: v.resume ?? '', aide: 'Sujets abordés, décisions, suites à donner.' },
    ],
    versInput: (v, c) => {
      const erreurs: Record<string, string> = {};
      const date = parisLocalToIso(v.date ?? '');
      if (!date) erreurs.date = 'Indiquez la date et l’heure de la séance.';
      const duree = Number(v.dureeMinutes);
      // Who logs it (from the link): the other side then confirms it.
      const role = c.claims.role === 'ml' ? 'ml' : 'intervenant';
      return { input: { date: date ?? '', dureeMinutes: v.dureeMinutes?.trim() ? duree : Number.NaN, resume: texteOuVide(v.resume), role, par: par(c) }, erreurs };
    },
    recapitulatif: (i) => [
      { libelle: 'Date', valeur: new Date(String(i.date)).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'full', timeStyle: 'short' }) },
      { libelle: 'Durée', valeur: `${String(i.dureeMinutes)} minutes` },
      { libelle: 'Résumé', valeur: String(i.resume) },
    ],
  },

  evaluation: {
    dispositifs: ['compagnonnage', 'appui_conseil'],
    titre: 'Questionnaire d’évaluation',
    apiPath: 'evaluations',
    explication: (c) => [
      c.claims.role === 'ml'
        ? 'Votre retour, en tant que Mission Locale bénéficiaire, nous aide à améliorer le dispositif.'
        : 'Votre retour, en tant qu’intervenant, nous aide à améliorer le dispositif.',
      'Répondez aux questions qui vous parlent : au moins une réponse est nécessaire.',
    ],
    champs: (_c, v) => QUESTIONS_EVALUATION.map(([nom, libelle]) => ({ nom, libelle, type: 'textarea' as const, valeur: v[nom] ?? '' })),
    versInput: (v, c) => {
      const reponses = Object.fromEntries(QUESTIONS_EVALUATION.map(([nom, libelle]) => [libelle, texteOuVide(v[nom])]).filter(([, r]) => r));
      const repondant = c.claims.role === 'ml' ? 'ml' : 'intervenant';
      return {
        input: { repondant, reponses, par: par(c), ...(c.state.dispositif === 'appui_conseil' ? { nom: par(c) } : {}) },
        erreurs: Object.keys(reponses).length ? ({} as Record<string, string>) : { appreciation: 'Répondez à au moins une question.' },
      };
    },
    champDe: (path) => (path[0] === 'reponses' ? 'appreciation' : String(path[0])),
    recapitulatif: (i) => Object.entries(i.reponses as Record<string, string>).map(([libelle, valeur]) => ({ libelle, valeur })),
  },

  completer: {
    dispositifs: ['compagnonnage'],
    titre: 'Compléter la demande',
    apiPath: 'completer',
    explication: (c) => {
      const s = c.state as DossierState;
      return [`L’UNML a besoin des éléments suivants : ${s.complements?.aCompleter ?? '(voir le message reçu)'}`, 'La description complétée remplace la précédente ; la demande est ensuite étudiée à nouveau.'];
    },
    champs: (c, v) => [
      { nom: 'description', libelle: 'Description de la demande, complétée', type: 'textarea', requis: true, valeur: v.description ?? (c.state as DossierState).demande.description },
    ],
    versInput: (v, c) => ({ input: { description: texteOuVide(v.description), par: par(c) }, erreurs: {} }),
    recapitulatif: (i) => [{ libelle: 'Description', valeur: String(i.description) }],
  },

  'rapport-diagnostic': {
    dispositifs: ['appui_conseil'],
    titre: 'Déposer le rapport de diagnostic flash',
    apiPath: 'rapport-diagnostic',
    explication: () => ['Le rapport de diagnostic est la première partie du document de suivi : les constats du diagnostic flash, puis ses conclusions.'],
    champs: (c, v) => {
      const r = (c.state as AppuiConseilState).rapportDiagnostic;
      return [
        { nom: 'constats', libelle: 'Constats', type: 'textarea', requis: true, valeur: v.constats ?? r?.constats ?? '' },
        { nom: 'conclusions', libelle: 'Conclusions', type: 'textarea', requis: true, valeur: v.conclusions ?? r?.conclusions ?? '' },
      ];
    },
    versInput: (v, c) => ({ input: { constats: texteOuVide(v.constats), conclusions: texteOuVide(v.conclusions), par: par(c) }, erreurs: {} }),
    recapitulatif: (i) => [
      { libelle: 'Constats', valeur: String(i.constats) },
      { libelle: 'Conclusions', valeur: String(i.conclusions) },
    ],
  },

  'commenter-rapport': {
    dispositifs: ['appui_conseil', 'diagnostic'],
    titre: 'Commenter le rapport de diagnostic',
    apiPath: 'rapport-diagnostic/commentaire',
    apiPaths: { diagnostic: 'rapport-croise/commentaire' },
    explication: (c) => {
      if (c.state.dispositif === 'diagnostic') {
        const r = (c.state as DiagnosticState).rapportCroise;
        return [
          'Le binôme de diagnostiqueurs a rédigé le rapport de diagnostic. Vos remarques sont transmises au binôme et à votre interlocutrice UNML ; le rapport peut être modifié en conséquence.',
          ...(r ? [`Rapport, version ${r.version}. Constats : ${r.constats}`, `Préconisations : ${r.preconisations.join(' ; ')}`] : ['(rapport non encore déposé)']),
        ];
      }
      const r = (c.state as AppuiConseilState).rapportDiagnostic;
      return [
        'Le cabinet a déposé le rapport de diagnostic flash. Vos remarques sont transmises au cabinet et à votre interlocutrice UNML.',
        `Constats : ${r?.constats ?? '(rapport non encore déposé)'}`,
        `Conclusions : ${r?.conclusions ?? ''}`,
      ];
    },
    champs: (c, v) => [{ nom: 'commentaire', libelle: c.state.dispositif === 'diagnostic' ? 'Votre commentaire sur les constats et les préconisations' : 'Votre commentaire sur les constats et les conclusions', type: 'textarea', requis: true, valeur: v.commentaire ?? '' }],
    versInput: (v, c) => ({ input: { commentaire: texteOuVide(v.commentaire), par: par(c) }, erreurs: {} }),
    recapitulatif: (i) => [{ libelle: 'Commentaire', valeur: String(i.commentaire) }],
  },

  'repondre-designation': {
    dispositifs: ['compagnonnage', 'appui_conseil', 'diagnostic'],
    titre: 'Accepter ou décliner l’intervention',
    apiPath: 'intervenant/reponse',
    apiPaths: { appui_conseil: 'membres-reseau/reponse', diagnostic: 'diagnostiqueurs/reponse' },
    explication: (c) =>
      c.state.dispositif === 'diagnostic'
        ? [
            `L’UNML vous propose de réaliser, en tant que ${nomRoleDiagnostic(roleDiagnostiqueurDuLien(c))}, le diagnostic de ${c.state.demande.missionLocale.nom} (${REGIONS[c.state.demande.missionLocale.region]}), en binôme : analyses individuelles, mise en commun, une journée sur site, un rapport normé chacun·e puis un rapport croisé, une revue finale avec l’UNML.`,
            'Règle d’impartialité : si vous connaissez déjà la présidence ou la direction de cette Mission Locale, déclinez en l’indiquant. Si vous déclinez, l’UNML propose le rôle à quelqu’un d’autre.',
          ]
        : c.state.dispositif === 'compagnonnage'
        ? [
            `L’UNML vous propose d’accompagner la direction de ${c.state.demande.missionLocale.nom} (${REGIONS[c.state.demande.missionLocale.region]}) dans le cadre du Compagnonnage : un forfait de 24 heures, soit 2 heures par semaine pendant 3 mois, principalement à distance.`,
            'Si vous acceptez, l’acte d’engagement est adressé à la Mission Locale. Si vous déclinez, l’UNML désignera un autre intervenant : indiquez-lui la raison.',
          ]
        : [
            `L’UNML vous propose d’intervenir, en tant que membre du réseau, auprès de ${c.state.demande.missionLocale.nom} (${REGIONS[c.state.demande.missionLocale.region]}) dans le cadre de l’Appui Conseil (15 à 20 jours d’intervention au total).`,
            'Si vous déclinez, indiquez la raison : l’UNML en est informée et vous retire du dossier.',
          ],
    champs: (_c, v) => REPONSE_DESIGNATION.champs(v),
    versInput: (v, c) => {
      const { oui: accepte, texte: motif, erreurs } = REPONSE_DESIGNATION.lire(v);
      // Only the designated intervenant (a mobilised network member, Appui Conseil; a diagnostiqueur) may answer: the workflow refuses any other identity.
      const candidats = c.state.dispositif === 'compagnonnage' ? ((c.state as DossierState).intervenant ? [(c.state as DossierState).intervenant!] : []) : c.state.dispositif === 'diagnostic' ? diagnostiqueurs(c.state as DiagnosticState) : (c.state as AppuiConseilState).membresReseau;
      const intervenantId = candidats.find((m) => personHash(m.email) === c.claims.personne)?.id ?? 'autre-personne';
      return { input: { accepte, ...(!accepte && motif ? { motif } : {}), intervenantId, par: par(c) }, erreurs };
    },
    recapitulatif: (i) => [
      { libelle: 'Réponse', valeur: i.accepte ? 'Intervention acceptée' : 'Intervention déclinée' },
      ...(i.motif ? [{ libelle: 'Raison', valeur: String(i.motif) }] : []),
    ],
  },

  'confirmer-seance': {
    dispositifs: ['compagnonnage'],
    titre: 'Confirmer une séance',
    apiPath: 'seances/confirmer',
    explication: (c) => {
      const s = seanceDuLien(c);
      if (!s) return ['Cette séance est introuvable dans la fiche de suivi.'];
      return [
        `Séance ${s.numero}, enregistrée par ${s.par ?? (s.enregistreePar === 'ml' ? 'la Mission Locale' : 'l’intervenant')} :`,
        `Date : ${dateHeure(s.date)} — durée : ${dureeMinutesFr(s.dureeMinutes)}.`,
        `Résumé : ${s.resume}`,
        'Confirmez-la si elle s’est bien déroulée ainsi ; sinon, contestez-la en expliquant pourquoi : l’UNML tranchera, et elle n’est pas décomptée du forfait d’ici là.',
      ];
    },
    champs: (_c, v) => REPONSE_SEANCE.champs(v),
    versInput: (v, c) => {
      const { oui: confirme, texte: commentaire, erreurs } = REPONSE_SEANCE.lire(v);
      return { input: { numero: Number(c.claims.objet), confirme, ...(commentaire ? { commentaire } : {}), par: par(c) }, erreurs };
    },
    recapitulatif: (i) => [
      { libelle: 'Séance', valeur: `n° ${String(i.numero)}` },
      { libelle: 'Réponse', valeur: i.confirme ? 'Séance confirmée' : 'Séance contestée (transmise à l’UNML)' },
      ...(i.commentaire ? [{ libelle: 'Commentaire', valeur: String(i.commentaire) }] : []),
    ],
  },

  'repondre-visio': {
    dispositifs: ['compagnonnage', 'appui_conseil', 'diagnostic'],
    titre: 'Répondre à une invitation',
    apiPath: 'visios/reponse',
    apiPaths: { diagnostic: 'rendez-vous/reponse' },
    explication: (c) => {
      const v = visioDuLien(c);
      const nom = visioFr(c.claims.objet ?? '', c.state.dispositif).nom;
      if (!v) return [`La ${nom} n’est pas (ou plus) planifiée.`];
      return [
        `La ${nom} est prévue le ${dateHeure(v.debut)} (heure de Paris), pour ${dureeMinutesFr(v.dureeMinutes)}.`,
        'Confirmez ce créneau, ou proposez-en un autre : l’UNML en est informée et replanifie si nécessaire.',
      ];
    },
    champs: (_c, v) => [
      { nom: 'reponse', libelle: 'Votre réponse', type: 'radios', requis: true, options: [
        { valeur: 'confirme', libelle: 'Ce créneau me convient', choisi: v.reponse === 'confirme' },
        { valeur: 'autre', libelle: 'Je propose un autre créneau', choisi: v.reponse === 'autre' },
      ] },
      { nom: 'proposition', libelle: 'Créneau proposé (heure de Paris)', type: 'datetime-local', valeur: v.proposition ?? '', aide: 'Obligatoire pour proposer un autre créneau.' },
      { nom: 'commentaire', libelle: 'Commentaire', type: 'textarea', valeur: v.commentaire ?? '' },
    ],
    versInput: (v, c) => {
      const erreurs: Record<string, string> = {};
      if (v.reponse !== 'confirme' && v.reponse !== 'autre') erreurs.reponse = 'Choisissez de confirmer le créneau ou d’en proposer un autre.';
      const proposition = v.reponse === 'autre' ? parisLocalToIso(v.proposition ?? '') : undefined;
      if (v.reponse === 'autre' && !proposition) erreurs.proposition = 'Indiquez la date et l’heure que vous proposez.';
      const commentaire = texteOuVide(v.commentaire);
      // Appui Conseil and Diagnostic: several people per side, each answers for themself (the link's holder, by their email).
      const parPersonne = c.state.dispositif !== 'compagnonnage';
      if (parPersonne && !c.personne) erreurs.reponse = 'Nous ne vous retrouvons pas parmi les participants du dossier : contactez votre interlocutrice UNML.';
      return {
        input: {
          ...(c.state.dispositif === 'diagnostic' ? { evenement: c.claims.objet ?? '' } : { visio: c.claims.objet ?? '' }),
          ...(parPersonne ? { email: c.personne?.email ?? '' } : { role: c.claims.role === 'ml' ? 'ml' : 'intervenant' }),
          confirme: v.reponse === 'confirme',
          ...(proposition ? { proposition } : {}),
          ...(commentaire ? { commentaire } : {}),
          par: par(c),
        },
        erreurs,
      };
    },
    recapitulatif: (i, c) => [
      { libelle: c.state.dispositif === 'diagnostic' ? 'Rendez-vous' : 'Visio', valeur: visioFr(String(i.visio ?? i.evenement), c.state.dispositif).nom },
      { libelle: 'Réponse', valeur: i.confirme ? 'Créneau confirmé' : `Autre créneau proposé : ${dateHeure(String(i.proposition))}` },
      ...(i.commentaire ? [{ libelle: 'Commentaire', valeur: String(i.commentaire) }] : []),
    ],
  },

  analyse: {
    dispositifs: ['diagnostic'],
    titre: 'Déposer votre analyse individuelle',
    apiPath: 'analyses',
    explication: (c) => [
      // seed 000: each analyses the dossier alone, then they pool their analyses.
      `Chaque diagnostiqueur·se analyse d’abord le dossier de ${c.state.demande.missionLocale.nom} de son côté ; le binôme met ensuite ses analyses en commun (jusqu’à trois heures).`,
      `Demande de la Mission Locale : ${(c.state as DiagnosticState).demande.description}`,
    ],
    champs: (_c, v) => [
      { nom: 'synthese', libelle: 'La synthèse de votre analyse', type: 'textarea', requis: true, valeur: v.synthese ?? '', aide: 'Vos constats et vos hypothèses, à mettre en commun avec l’autre diagnostiqueur·se.' },
    ],
    versInput: (v, c) => avecRoleDiagnostiqueur(c, 'synthese', { synthese: texteOuVide(v.synthese), par: par(c) }),
    recapitulatif: (i) => [
      { libelle: 'Rôle', valeur: nomRoleDiagnostic(i.role as RoleDiagnostic) },
      { libelle: 'Synthèse', valeur: String(i.synthese) },
    ],
  },

  'valider-programme': {
    dispositifs: ['diagnostic'],
    titre: 'Le programme des rencontres de la journée sur site',
    apiPath: 'programme/reponse',
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
    dispositifs: ['diagnostic'],
    titre: 'Déposer votre rapport normé',
    apiPath: 'rapports',
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
      { nom: 'preconisations', libelle: 'Préconisations, une par ligne', type: 'textarea', requis: true, valeur: v.preconisations ?? '', aide: 'Au moins une préconisation.' },
    ],
    versInput: (v, c) =>
      avecRoleDiagnostiqueur(c, 'forces', {
        forces: texteOuVide(v.forces),
        faiblesses: texteOuVide(v.faiblesses),
        preconisations: (v.preconisations ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean),
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
    dispositifs: ['diagnostic'],
    titre: 'Répondre à une question du binôme',
    apiPath: 'precisions/reponse',
    explication: (c) => {
      const p = precisionDuLien(c);
      if (!p) return ['Cette question est introuvable dans le dossier.'];
      return [
        'Pour rédiger le rapport de diagnostic, le binôme de diagnostiqueurs vous demande des précisions. Votre réponse lui est transmise, ainsi qu’à votre interlocutrice UNML.',
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

/** The question of the binôme a link is about (its number is the link's objet). */
function precisionDuLien(c: Contexte): DiagnosticState['precisions'][number] | undefined {
  return (c.state as DiagnosticState).precisions?.find((p) => String(p.numero) === c.claims.objet);
}

/** The binôme's designated diagnostiqueurs (Diagnostic). */
const diagnostiqueurs = (s: DiagnosticState): Intervenant[] => ROLES_DIAGNOSTIC.flatMap((r) => (s.binome[r] ? [s.binome[r].intervenant] : []));
/** The link holder's role in the binôme, found by the hash of their email. */
function roleDiagnostiqueurDuLien(c: Contexte): RoleDiagnostic | undefined {
  const s = c.state as DiagnosticState;
  return ROLES_DIAGNOSTIC.find((r) => s.binome[r] && personHash(s.binome[r].intervenant.email) === c.claims.personne);
}
const nomRoleDiagnostic = (role: RoleDiagnostic | undefined): string => (role ? ROLES[role].libelle.toLowerCase() : 'diagnostiqueur·se');
/** A diagnostiqueur's own deliverable: the role comes from who holds the link, never from the form. */
function avecRoleDiagnostiqueur(c: Contexte, champ: string, input: Record<string, unknown>): { input: Record<string, unknown>; erreurs: Record<string, string> } {
  const role = roleDiagnostiqueurDuLien(c);
  if (!role) return { input, erreurs: { [champ]: 'Nous ne vous retrouvons pas dans le binôme de ce diagnostic : contactez votre interlocutrice UNML.' } };
  return { input: { ...input, role }, erreurs: {} };
}

const dateHeure = (iso: string) => new Date(iso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'full', timeStyle: 'short' });
const dureeMinutesFr = (m: number) => (m % 60 === 0 ? `${m / 60} h` : m > 60 ? `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')}` : `${m} min`);
function seanceDuLien(c: Contexte): DossierState['ficheSuivi']['seances'][number] | undefined {
  return (c.state as DossierState).ficheSuivi?.seances.find((s) => String(s.numero) === c.claims.objet);
}
function visioDuLien(c: Contexte): { debut: string; dureeMinutes: number } | undefined {
  if (c.state.dispositif === 'diagnostic') {
    const e = (c.state as DiagnosticState).agenda[c.claims.objet ?? ''];
    return e && !e.annule ? e : undefined;
  }
  const s = c.state as DossierState;
  return c.claims.objet === 'lancement' ? s.visioLancement : s.visiosBilan?.[c.claims.objet as keyof DossierState['visiosBilan']];
}

/** The people of a dossier a link may be addressed to. */
export function participants(state: AnyDossierState): Recipient[] {
  const s = state as { intervenant?: Recipient; cabinet?: { nom: string; contact: Recipient; consultants: Recipient[] }; membresReseau?: Recipient[] };
  const demande = state.demande as { direction: Recipient; presidence: Recipient };
  return [
    demande.direction,
    demande.presidence,
    ...(s.intervenant ? [s.intervenant] : []),
    ...(s.cabinet ? [s.cabinet.contact, ...s.cabinet.consultants] : []),
    ...(s.membresReseau ?? []),
    ...(state.dispositif === 'diagnostic' ? diagnostiqueurs(state as DiagnosticState) : []),
  ];
}

export function personneDuLien(state: AnyDossierState, hash: string): Recipient | undefined {
  return participants(state).find((p) => personHash(p.email) === hash);
}

const formTpl = template<{
  titre: string;
  contexte: { libelle: string; valeur: string }[];
  explication: string[];
  champs: Champ[];
  jeton: string;
  action: string;
  erreurGlobale?: string;
  nbErreurs?: number;
}>(`<h1>{{titre}}</h1>
<dl class="encadre">{{#each contexte}}<dt>{{libelle}}</dt><dd>{{valeur}}</dd>{{/each}}</dl>
{{#each explication}}<p>{{this}}</p>{{/each}}
{{#if erreurGlobale}}<div class="alerte" role="alert"><p><strong>{{erreurGlobale}}</strong></p></div>{{/if}}
<form method="post" action="{{action}}" novalidate>
<input type="hidden" name="jeton" value="{{jeton}}">
{{#each champs}}{{> champ}}{{/each}}
<p><button type="submit">Envoyer</button></p>
</form>`);

const recapTpl = template<{ titre: string; lignes: { libelle: string; valeur: string }[]; reference: string; etape: string }>(`<h1>{{titre}}</h1>
<div class="succes" role="status"><p><strong>C’est enregistré.</strong> Merci ! Le dossier {{reference}} est maintenant à l’étape « {{etape}} ».</p></div>
<h2>Ce qui a été enregistré</h2>
<dl>{{#each lignes}}<dt>{{libelle}}</dt><dd>{{valeur}}</dd>{{/each}}</dl>
<p>Vous pouvez fermer cette page. Ce lien ne sert qu’une fois.</p>`);

const expireTpl = template<{ action: string; jeton: string }>(`<h1>Ce lien a expiré</h1>
<div class="encadre"><p>Pour des raisons de sécurité, les liens reçus par courriel ne sont valables qu’un temps limité.</p>
<p>Vous pouvez recevoir un nouveau lien personnel, à la même adresse électronique que le précédent.</p></div>
<form method="post" action="{{action}}">
<input type="hidden" name="jeton" value="{{jeton}}">
<p><button type="submit">M’envoyer un nouveau lien</button></p>
</form>`);

const ETAPES_FR: Record<string, string> = {
  qualification: 'qualification',
  complements_attendus: 'compléments attendus',
  liste_attente: 'liste d’attente',
  designation_intervenant: 'désignation de l’intervenant',
  acceptation_intervenant: 'acceptation de l’intervention par l’intervenant',
  acte_engagement: 'acte d’engagement',
  cadrage: 'cadrage',
  lancement: 'lancement',
  accompagnement: 'accompagnement',
  bilan: 'bilan',
  post_bilan: 'bilan post-accompagnement',
  prise_de_contact: 'prise de contact',
  mobilisation: 'mobilisation du cabinet',
  diagnostic: 'diagnostic flash',
  plan_action: 'plan d’action',
  mise_en_oeuvre: 'mise en œuvre',
  evaluation: 'évaluation',
  designation_binome: 'désignation du binôme',
  analyses_individuelles: 'analyses individuelles',
  mise_en_commun: 'mise en commun des analyses',
  programme_rencontres: 'programme des rencontres',
  journee_sur_site: 'journée sur site',
  debriefing: 'débriefing',
  rapports_individuels: 'rapports individuels',
  rapport_croise: 'rapport croisé',
  retour_ml: 'retour de la Mission Locale',
  revue_finale: 'revue finale',
  cloture: 'clôturé',
  non_recevable: 'non recevable',
  declinee: 'déclinée',
  caduque: 'caduque',
  abandonnee: 'abandonné',
};
export const etapeFr = (e: string): string => ETAPES_FR[e] ?? e.replace(/_/g, ' ');

function contexte(state: AnyDossierState): { libelle: string; valeur: string }[] {
  const ml = state.demande.missionLocale;
  const s = state as { intervenant?: Recipient; cabinet?: { nom: string; contact: Recipient; consultants: Recipient[] }; membresReseau?: Recipient[] };
  return [
    { libelle: 'Dossier', valeur: state.dossierId },
    { libelle: 'Dispositif', valeur: LIBELLES_DISPOSITIFS[state.dispositif] },
    { libelle: 'Mission Locale', valeur: `${ml.nom} (${REGIONS[ml.region]})` },
    ...(s.intervenant ? [{ libelle: 'Intervenant', valeur: s.intervenant.nom }] : []),
    ...(s.cabinet ? [{ libelle: 'Cabinet', valeur: s.cabinet.nom }] : []),
    ...(state.dispositif === 'diagnostic' && diagnostiqueurs(state as DiagnosticState).length ? [{ libelle: 'Binôme', valeur: diagnostiqueurs(state as DiagnosticState).map((p) => p.nom).join(' et ') }] : []),
    { libelle: 'Étape', valeur: etapeFr(state.etape) },
  ];
}

async function liensUtilises(client: Client, dossierId: string): Promise<string[]> {
  try {
    return await client.workflow.getHandle(dossierId).query(getLiensUtilises);
  } catch {
    return []; // a dossier started before links existed has no such query
  }
}

const texteRequis = (v: unknown) => (typeof v === 'string' ? v : '');

export function agirRouter(client: Client, taskQueue: string, links: ActionLinks, logger: Logger): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '100kb' });

  /** The checks common to GET and POST; answers the page itself and returns undefined when it cannot go on. */
  async function ouvrir(req: Request, res: Response, jeton: string): Promise<{ page: PageAction; nom: ActionLien; id: string; c: Contexte } | undefined> {
    const parsedId = dossierIdSchema.safeParse(req.params.id);
    const nom = String(req.params.action) as ActionLien;
    const page = (ACTIONS_LIEN as readonly string[]).includes(nom) ? PAGES[nom] : undefined;
    if (!parsedId.success || !page || !page.dispositifs.includes(dispositifOfDossier(parsedId.data))) {
      sendMessage(res, 404, 'Page introuvable', ['Cette adresse ne correspond à aucune action. Utilisez le lien reçu par courriel, sans le modifier.'], 'alerte');
      return undefined;
    }
    const id = parsedId.data;
    const verified = await links.verify(jeton, { dossierId: id, action: nom });
    if (!verified.ok && verified.raison === 'invalide') {
      sendMessage(res, 403, 'Ce lien n’est pas valide', [
        'Ce lien est incomplet, a été modifié, ou ne correspond pas à cette action ou à ce dossier.',
        'Utilisez le lien tel que vous l’avez reçu par courriel (en le copiant en entier), ou contactez votre interlocutrice UNML.',
      ], 'alerte');
      return undefined;
    }
    if (!verified.ok) {
      sendPage(res, 410, 'Ce lien a expiré', expireTpl({ action: `/agir/${id}/${nom}/nouveau-lien`, jeton }));
      return undefined;
    }
    let state: AnyDossierState;
    try {
      state = await queryDossier(client, id);
    } catch (err) {
      const known = classifyError(err);
      if (known?.status === 404) {
        sendMessage(res, 404, 'Dossier introuvable', [`Le dossier ${id} n’existe pas ou plus.`], 'alerte');
        return undefined;
      }
      throw err;
    }
    if ((await liensUtilises(client, id)).includes(verified.claims.jti)) {
      sendMessage(res, 200, 'Ce lien a déjà été utilisé', [
        `Merci : l’action « ${page.titre} » a déjà été enregistrée avec ce lien pour le dossier ${id}.`,
        'Chaque lien ne sert qu’une fois. Pour toute autre démarche, contactez votre interlocutrice UNML.',
      ]);
      return undefined;
    }
    const personne = personneDuLien(state, verified.claims.personne);
    return { page, nom, id, c: { claims: verified.claims, ...(personne ? { personne } : {}), state } };
  }

  router.get('/agir/:id/:action', async (req, res) => {
    const jeton = texteRequis(req.query.jeton);
    const o = await ouvrir(req, res, jeton);
    if (!o) return;
    const { page, nom, id, c } = o;
    sendPage(res, 200, page.titre, formTpl({ titre: page.titre, contexte: contexte(c.state), explication: page.explication(c), champs: page.champs(c, {}), jeton, action: `/agir/${id}/${nom}` }));
  });

  router.post('/agir/:id/:action', form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const jeton = texteRequis(body.jeton);
    const o = await ouvrir(req, res, jeton);
    if (!o) return;
    const { page, nom, id, c } = o;
    const valeurs: Valeurs = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const { input, erreurs } = page.versInput(valeurs, c);
    const action = actionFor(id, page.apiPaths?.[c.state.dispositif] ?? page.apiPath);
    const parsed = (action.schema as z.ZodType).safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const champ = page.champDe ? page.champDe(issue.path) : String(issue.path[0] ?? '');
        erreurs[champ] ??= messageChamp(issue);
      }
    }
    const reafficher = (status: number, erreurGlobale: string) => {
      const champs = page.champs(c, valeurs).map((f) => (erreurs[f.nom] ? { ...f, erreur: erreurs[f.nom] } : f));
      sendPage(res, status, page.titre, formTpl({ titre: page.titre, contexte: contexte(c.state), explication: page.explication(c), champs, jeton, action: `/agir/${id}/${nom}`, erreurGlobale }));
    };
    if (Object.keys(erreurs).length > 0 || !parsed.success) {
      reafficher(400, `Le formulaire contient ${Object.keys(erreurs).length > 1 ? `${Object.keys(erreurs).length} erreurs` : 'une erreur'} : corrigez le ou les champs signalés ci-dessous.`);
      return;
    }
    const meta: LienUtilise = { lien: { jti: c.claims.jti } };
    try {
      const state = (await client.workflow.getHandle(id).executeUpdate(action.updateName, { args: [parsed.data, meta] })) as AnyDossierState;
      logger.info({ dossierId: id, action: page.apiPath, via: 'lien', etape: state.etape }, 'action applied');
      sendPage(res, 200, page.titre, recapTpl({ titre: page.titre, lignes: page.recapitulatif(parsed.data as Record<string, unknown>, c), reference: id, etape: etapeFr(state.etape) }));
    } catch (err) {
      const known = classifyError(err);
      if (known?.status === 409 && known.body.message === LIEN_DEJA_UTILISE) {
        sendMessage(res, 200, 'Ce lien a déjà été utilisé', [known.body.message]);
      } else if (known?.status === 409) {
        sendMessage(res, 409, 'Action impossible pour le moment', [known.body.message, 'Rien n’a été enregistré. Pour toute question, contactez votre interlocutrice UNML.'], 'alerte');
      } else throw err;
    }
  });

  router.post('/agir/:id/:action/nouveau-lien', form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const jeton = texteRequis(body.jeton);
    const parsedId = dossierIdSchema.safeParse(req.params.id);
    const nom = String(req.params.action) as ActionLien;
    if (!parsedId.success || !(ACTIONS_LIEN as readonly string[]).includes(nom)) {
      sendMessage(res, 404, 'Page introuvable', ['Cette adresse ne correspond à aucune action.'], 'alerte');
      return;
    }
    const verified = await links.verify(jeton, { dossierId: parsedId.data, action: nom });
    if (!verified.ok && verified.raison === 'invalide') {
      sendMessage(res, 403, 'Ce lien n’est pas valide', ['Impossible d’envoyer un nouveau lien à partir de ce lien. Contactez votre interlocutrice UNML.'], 'alerte');
      return;
    }
    const envoye = await demanderNouveauLien(client, taskQueue, verified.claims, (state) => personneDuLien(state, verified.claims.personne));
    if (!envoye) {
      sendMessage(res, 404, 'Envoi impossible', ['Nous ne retrouvons pas le ou la destinataire de ce lien dans le dossier. Contactez votre interlocutrice UNML.'], 'alerte');
      return;
    }
    sendMessage(res, 202, 'Un nouveau lien vous a été envoyé', ['Un nouveau lien personnel vient d’être envoyé à l’adresse électronique qui avait reçu le précédent. Il peut mettre quelques minutes à arriver.'], 'succes');
  });

  return router;
}

function messageChamp(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small' && issue.origin === 'string') return 'Ce champ est obligatoire.';
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'Indiquez un nombre.';
  if (issue.code === 'invalid_format' && issue.format === 'datetime') return 'Indiquez une date et une heure valides.';
  return issue.message;
}
