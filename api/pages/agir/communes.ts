// The pages of the links several dispositifs send; each says what differs for the dossier's dispositif.
import { personHash } from '../../../activities/action-links';
import { visioFr } from '../../../activities/email/templates';
import { REGIONS } from '../../../domain/regions';
import { laMissionLocale } from '../../../domain/schemas';
import type { AppuiConseilState } from '../../../workflows/appui-conseil/state';
import type { CompagnonnageState } from '../../../workflows/compagnonnage/state';
import type { DiagnosticState } from '../../../workflows/diagnostic/state';
import { ETAPES_FINALES_COMMUNES } from '../../../workflows/shared/state';
import type { ReponseVisio } from '../../../workflows/shared/agenda';
import { parisLocalToIso } from '../render';
import { diagnostiqueurs, nomRoleDiagnostic, roleDiagnostiqueurDuLien } from './diagnostic';
import { dateHeure, dureeMinutesFr, par, reponseOuiNon, texteOuVide, type Contexte, type Erreurs, type Pages } from './page';

const QUESTIONS_EVALUATION = [
  ['appreciation', 'Votre appréciation générale de l’accompagnement'],
  ['objectifs', 'Dans quelle mesure les objectifs fixés ont-ils été atteints ?'],
  ['organisation', 'L’organisation et le rythme des échanges vous ont-ils convenu ?'],
  ['suggestions', 'Vos suggestions d’amélioration'],
] as const;

const REPONSE_DESIGNATION = reponseOuiNon({
  oui: ['accepte', 'J’accepte cette intervention'],
  non: ['decline', 'Je décline cette intervention'],
  texte: { nom: 'motif', libelle: 'Si vous déclinez : la raison', aide: 'Obligatoire pour décliner ; elle est communiquée à l’UNML.' },
  choisir: 'Choisissez d’accepter ou de décliner l’intervention.',
  expliquer: 'Indiquez la raison pour laquelle vous déclinez.',
});

/** The dossier's Mission Locale and its région, ready for a sentence, e.g. "la Mission Locale de Rouen (Normandie)". */
const mlEtRegion = (c: Contexte) => `${laMissionLocale(c.state.demande.missionLocale.nom)} (${REGIONS[c.state.demande.missionLocale.region]})`;

/** The visio (or, Diagnostic, the rendez-vous of the agenda) a link is about, while it is planned. */
function visioDuLien(c: Contexte): { debut: string; dureeMinutes: number } | undefined {
  if (c.state.dispositif === 'diagnostic') {
    const e = (c.state as DiagnosticState).agenda[c.claims.objet ?? ''];
    return e && !e.annule ? e : undefined;
  }
  const s = c.state as CompagnonnageState;
  return c.claims.objet === 'lancement' ? s.visioLancement : s.visiosBilan?.[c.claims.objet as keyof CompagnonnageState['visiosBilan']];
}

const ETAPES_FINALES: readonly string[] = ETAPES_FINALES_COMMUNES;
/** How an ended dossier is said (this file does not import the dispositifs' list: api/pages/agir/page.ts). */
const FIN: Record<(typeof ETAPES_FINALES_COMMUNES)[number], string> = {
  cloture: 'clôturé',
  non_recevable: 'non recevable',
  declinee: 'décliné',
  caduque: 'classé sans suite',
  abandonnee: 'abandonné',
};
const email = (c: Contexte) => c.personne?.email.trim().toLowerCase();

/** The dossier ended (closed, abandoned…): when, for the pages whose action it closes. */
function termine(c: Contexte): string | undefined {
  if (!ETAPES_FINALES.includes(c.state.etape)) return undefined;
  const le = (c.state as { issue?: { le: string } }).issue?.le;
  return `Le dossier est ${FIN[c.state.etape as keyof typeof FIN]}${le ? ` depuis le ${dateHeure(le)}` : ''}`;
}

/** The holder's answer to the invitation as planned now (a reschedule asks again), if they gave it. */
function reponseVisio(c: Contexte): ReponseVisio | undefined {
  const objet = c.claims.objet ?? '';
  const sequence = c.state.agenda[objet]?.sequence;
  const par =
    c.state.dispositif === 'compagnonnage'
      ? (c.state as CompagnonnageState).reponsesVisio?.[objet as keyof CompagnonnageState['reponsesVisio']]?.[c.claims.role === 'ml' ? 'ml' : 'intervenant']
      : (c.state.dispositif === 'diagnostic'
          ? (c.state as DiagnosticState).reponsesRendezvous?.[objet as keyof NonNullable<DiagnosticState['reponsesRendezvous']>]
          : (c.state as AppuiConseilState).reponsesVisio?.[objet as keyof NonNullable<AppuiConseilState['reponsesVisio']>])?.[email(c) ?? ''];
  return par && (sequence === undefined || par.sequence === sequence) ? par : undefined;
}

export const PAGES_COMMUNES: Pages<'signer-acte-engagement' | 'evaluation' | 'commenter-rapport' | 'repondre-designation' | 'repondre-visio'> = {
  'signer-acte-engagement': {
    titre: 'Signer l’acte d’engagement',
    apiPath: 'signer-acte-engagement',
    explication: (c) => [
      'Par cet acte d’engagement, la Mission Locale s’engage à participer activement à l’accompagnement ' + `(${c.libelle}) jusqu’à son terme.`,
      ...(c.state.dispositif === 'compagnonnage'
        ? [
            'L’accompagnement représente un forfait de 24 heures, soit 2 heures par semaine pendant 3 mois ; le rythme peut être ajusté. ' +
              'Tout déplacement est validé au préalable par l’UNML.',
          ]
        : ['L’intervention représente 15 à 20 jours au total. Tout déplacement est exceptionnel et validé au préalable par l’UNML.']),
    ],
    champs: (c, v) => [
      { nom: 'signataire', libelle: 'Nom et fonction du ou de la signataire', type: 'text', requis: true, valeur: v.signataire ?? c.personne?.nom ?? '' },
      {
        nom: 'engagement',
        libelle: 'Au nom de la Mission Locale, je m’engage à participer activement à l’accompagnement jusqu’à son terme.',
        type: 'checkbox',
        requis: true,
        coche: v.engagement === 'oui',
      },
    ],
    versInput: (v, c) => ({
      input: { signataire: texteOuVide(v.signataire), par: par(c) },
      erreurs: v.engagement === 'oui' ? ({} as Erreurs) : { engagement: 'Cochez cette case pour signer l’acte d’engagement.' },
    }),
    recapitulatif: (i) => [{ libelle: 'Signataire', valeur: String(i.signataire) }],
    dejaFait: (c) => {
      const acte = (c.state as { acteEngagement?: { signataire: string; signeLe: string } }).acteEngagement;
      return acte ? { quoi: 'Acte déjà signé', le: acte.signeLe, par: acte.signataire } : undefined;
    },
    ferme: (c) => {
      const fin = termine(c);
      return fin ? `${fin} : l’acte d’engagement n’est plus à signer.` : undefined;
    },
  },

  evaluation: {
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
        input: { repondant, reponses, par: par(c), ...(c.state.dispositif !== 'compagnonnage' ? { nom: par(c) } : {}) },
        erreurs: Object.keys(reponses).length ? ({} as Erreurs) : { appreciation: 'Répondez à au moins une question.' },
      };
    },
    champDe: (path) => (path[0] === 'reponses' ? 'appreciation' : String(path[0])),
    recapitulatif: (i) => Object.entries(i.reponses as Record<string, string>).map(([libelle, valeur]) => ({ libelle, valeur })),
    dejaFait: (c) => {
      const repondant = c.claims.role === 'ml' ? 'ml' : 'intervenant';
      const le =
        c.state.dispositif === 'compagnonnage'
          ? (c.state as CompagnonnageState).evaluations[repondant]?.le
          : ((c.state as AppuiConseilState).evaluations ?? []).find((e) => e.repondant === repondant && (!c.personne || e.nom === c.personne.nom))?.le;
      return le ? { quoi: 'Vous avez déjà répondu au questionnaire', le, details: ['Merci pour votre retour.'] } : undefined;
    },
    // Closed with the dossier, or at its deadline (`questionnaires.reponsesAttenduesAvant`, when the dispositif keeps it in its state).
    ferme: (c) => {
      // A Diagnostic sends it at its closure (issue #14): open until its deadline, not closed with the dossier.
      const fin = c.state.dispositif === 'diagnostic' && c.state.etape === 'cloture' ? undefined : termine(c);
      if (fin) return `Le questionnaire est clos : ${fin.charAt(0).toLowerCase()}${fin.slice(1)}.`;
      const s = c.state as { questionnaires?: { reponsesAttenduesAvant?: string }; evaluationDateLimite?: string };
      const limite = s.questionnaires?.reponsesAttenduesAvant ?? s.evaluationDateLimite;
      return limite && Date.parse(limite) <= Date.now()
        ? `Le questionnaire est clos depuis le ${dateHeure(limite)} : les réponses ne sont plus reçues.`
        : undefined;
    },
  },

  'commenter-rapport': {
    titre: 'Commenter le rapport de diagnostic',
    apiPath: 'rapport-diagnostic/commentaire',
    explication: (c) => {
      if (c.state.dispositif === 'diagnostic') {
        const r = (c.state as DiagnosticState).rapportCroise;
        return [
          'Le binôme de diagnostiqueurs a rédigé le rapport de diagnostic. Vos remarques sont transmises au binôme et à votre interlocutrice UNML ; ' +
            'le rapport peut être modifié en conséquence.',
          ...(r
            ? [`Rapport, version ${r.version}. Constats : ${r.constats}`, `Préconisations : ${r.preconisations.join(' ; ')}`]
            : ['(rapport non encore déposé)']),
        ];
      }
      const r = (c.state as AppuiConseilState).rapportDiagnostic;
      return [
        'Le cabinet a déposé le rapport de diagnostic flash. Vos remarques sont transmises au cabinet et à votre interlocutrice UNML.',
        `Constats : ${r?.constats ?? '(rapport non encore déposé)'}`,
        `Conclusions : ${r?.conclusions ?? ''}`,
      ];
    },
    champs: (c, v) => [
      {
        nom: 'commentaire',
        libelle:
          c.state.dispositif === 'diagnostic'
            ? 'Votre commentaire sur les constats et les préconisations'
            : 'Votre commentaire sur les constats et les conclusions',
        type: 'textarea',
        requis: true,
        valeur: v.commentaire ?? '',
      },
    ],
    versInput: (v, c) => ({ input: { commentaire: texteOuVide(v.commentaire), par: par(c) }, erreurs: {} }),
    recapitulatif: (i) => [{ libelle: 'Commentaire', valeur: String(i.commentaire) }],
  },

  'repondre-designation': {
    titre: 'Accepter ou décliner l’intervention',
    apiPath: 'intervenant/reponse',
    explication: (c) =>
      c.state.dispositif === 'diagnostic'
        ? [
            `L’UNML vous propose de réaliser, en tant que ${nomRoleDiagnostic(roleDiagnostiqueurDuLien(c))}, le diagnostic de ${mlEtRegion(c)}, ` +
              'en binôme : analyses individuelles, mise en commun, une journée sur site, un rapport normé chacun·e puis un rapport croisé, ' +
              'une revue finale avec l’UNML.',
            'Règle d’impartialité : si vous connaissez déjà la présidence ou la direction de cette Mission Locale, déclinez en l’indiquant. ' +
              'Si vous déclinez, l’UNML propose le rôle à quelqu’un d’autre.',
          ]
        : c.state.dispositif === 'compagnonnage'
          ? [
              `L’UNML vous propose d’accompagner la direction de ${mlEtRegion(c)} dans le cadre du Compagnonnage : ` +
                'un forfait de 24 heures, soit 2 heures par semaine pendant 3 mois, principalement à distance.',
              'Si vous acceptez, l’acte d’engagement est adressé à la Mission Locale. ' +
                'Si vous déclinez, l’UNML désignera un autre intervenant : indiquez-lui la raison.',
            ]
          : [
              `L’UNML vous propose d’intervenir, en tant que membre du réseau, auprès de ${mlEtRegion(c)} ` +
                'dans le cadre de l’Appui Conseil (15 à 20 jours d’intervention au total).',
              'Si vous déclinez, indiquez la raison : l’UNML en est informée et vous retire du dossier.',
            ],
    champs: (_c, v) => REPONSE_DESIGNATION.champs(v),
    versInput: (v, c) => {
      const { oui: accepte, texte: motif, erreurs } = REPONSE_DESIGNATION.lire(v);
      // Only the designated intervenant (a mobilised network member, Appui Conseil; a diagnostiqueur) may answer:
      // the workflow refuses any other identity.
      const candidats =
        c.state.dispositif === 'compagnonnage'
          ? (c.state as CompagnonnageState).intervenant
            ? [(c.state as CompagnonnageState).intervenant!]
            : []
          : c.state.dispositif === 'diagnostic'
            ? diagnostiqueurs(c.state as DiagnosticState)
            : (c.state as AppuiConseilState).membresReseau;
      const intervenantId = candidats.find((m) => personHash(m.email) === c.claims.personne)?.id ?? 'autre-personne';
      return { input: { accepte, ...(!accepte && motif ? { motif } : {}), intervenantId, par: par(c) }, erreurs };
    },
    // Accepted already (a decline removes the person from the dossier: their link then finds nobody).
    dejaFait: (c) => {
      const moi = email(c);
      const est = (r: { email: string }) => r.email.trim().toLowerCase() === moi;
      if (!moi) return undefined;
      if (c.state.dispositif === 'diagnostic') {
        const d = Object.values((c.state as DiagnosticState).binome).find((x) => x && est(x.intervenant));
        return d?.accepteLe ? { quoi: 'Vous avez déjà accepté cette intervention', le: d.accepteLe } : undefined;
      }
      if (c.state.dispositif === 'appui_conseil') {
        const s = c.state as AppuiConseilState;
        const m = s.membresReseau.find(est);
        return m && s.membresAcceptes.includes(m.id) ? { quoi: 'Vous avez déjà accepté cette intervention' } : undefined;
      }
      const s = c.state as CompagnonnageState;
      const attente: readonly string[] = ['designation_intervenant', 'acceptation_intervenant'];
      return s.intervenant && est(s.intervenant) && !attente.includes(s.etape) && !ETAPES_FINALES.includes(s.etape)
        ? { quoi: 'Vous avez déjà accepté cette intervention' }
        : undefined;
    },
    recapitulatif: (i) => [
      { libelle: 'Réponse', valeur: i.accepte ? 'Intervention acceptée' : 'Intervention déclinée' },
      ...(i.motif ? [{ libelle: 'Raison', valeur: String(i.motif) }] : []),
    ],
  },

  'repondre-visio': {
    titre: 'Répondre à une invitation',
    apiPath: 'visios/reponse',
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
      {
        nom: 'reponse',
        libelle: 'Votre réponse',
        type: 'radios',
        requis: true,
        options: [
          { valeur: 'confirme', libelle: 'Ce créneau me convient', choisi: v.reponse === 'confirme' },
          { valeur: 'autre', libelle: 'Je propose un autre créneau', choisi: v.reponse === 'autre' },
        ],
      },
      {
        nom: 'proposition',
        libelle: 'Créneau proposé (heure de Paris)',
        type: 'datetime-local',
        valeur: v.proposition ?? '',
        aide: 'Obligatoire pour proposer un autre créneau.',
      },
      { nom: 'commentaire', libelle: 'Commentaire', type: 'textarea', valeur: v.commentaire ?? '' },
    ],
    versInput: (v, c) => {
      const erreurs: Erreurs = {};
      if (v.reponse !== 'confirme' && v.reponse !== 'autre') erreurs.reponse = 'Choisissez de confirmer le créneau ou d’en proposer un autre.';
      const proposition = v.reponse === 'autre' ? parisLocalToIso(v.proposition ?? '') : undefined;
      if (v.reponse === 'autre' && !proposition) erreurs.proposition = 'Indiquez la date et l’heure que vous proposez.';
      const commentaire = texteOuVide(v.commentaire);
      // Appui Conseil and Diagnostic: several people per side, each answers for themself (the link's holder, by their email).
      const parPersonne = c.state.dispositif !== 'compagnonnage';
      if (parPersonne && !c.personne) {
        erreurs.reponse = 'Nous ne vous retrouvons pas parmi les participants du dossier : contactez votre interlocutrice UNML.';
      }
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
    dejaFait: (c) => {
      const r = reponseVisio(c);
      if (!r) return undefined;
      const reponse = r.confirme
        ? 'vous avez confirmé le créneau'
        : `vous avez proposé un autre créneau${r.proposition ? ` : le ${dateHeure(r.proposition)}` : ''}`;
      return {
        quoi: 'Vous avez déjà répondu',
        le: r.le,
        details: [`Votre réponse : ${reponse}. Si le rendez-vous est replanifié, une nouvelle invitation vous sera envoyée.`],
      };
    },
    ferme: (c) => {
      const fin = termine(c);
      return fin ? `${fin} : ce rendez-vous n’a plus lieu.` : undefined;
    },
    recapitulatif: (i, c) => [
      { libelle: c.state.dispositif === 'diagnostic' ? 'Rendez-vous' : 'Visio', valeur: visioFr(String(i.visio ?? i.evenement), c.state.dispositif).nom },
      { libelle: 'Réponse', valeur: i.confirme ? 'Créneau confirmé' : `Autre créneau proposé : ${dateHeure(String(i.proposition))}` },
      ...(i.commentaire ? [{ libelle: 'Commentaire', valeur: String(i.commentaire) }] : []),
    ],
  },
};
