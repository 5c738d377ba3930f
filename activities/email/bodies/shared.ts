// The bodies of the emails several dispositifs send, or their shared steps send: the demand's intake and decision,
// the ARML notice, the pool's proposals, designation, visios and events, the acte d'engagement, evaluation,
// abandon, closure and fresh links. A kind sent by one dispositif only has its body in that dispositif's file.
import { CAS_MOBILISATION_APPUI, HORS_CHAMP_APPUI, SUJETS_APPUI } from '../../../domain/appui-conseil';
import { CAS_MOBILISATION, SUJETS_EXCLUS_LIBELLES, SUJETS_TRAITES } from '../../../domain/compagnonnage';
import { DEMANDEURS_DIAGNOSTIC, THEMES_DIAGNOSTIC } from '../../../domain/diagnostic';
import { dateFr, dateHeureFr, dureeFr } from '../../../domain/format';
import { NOMS_DISPOSITIFS } from '../../../domain/schemas';
import type { DossierRef, RendezvousDiagnostic, VisioKind } from '../kinds';
import { creneauChange, dateLimite, INVITATION_JOINTE, lienDossier, liste, p, rendezVous, titreInvitation, type Bodies, type BodyContext } from '../layout';
import { VISIOS_APPUI_CONSEIL } from './appui-conseil';
import { RENDEZVOUS_DIAGNOSTIC } from './diagnostic';

const VISIOS: Record<VisioKind, { nom: string; objet: string }> = {
  lancement: {
    nom: 'visio de lancement',
    objet: 'Elle réunit la Mission Locale, l’intervenant et l’UNML pour lancer l’accompagnement : besoin, objectifs et rythme des échanges.',
  },
  bilan_ml: {
    nom: 'visio bilan avec la Mission Locale',
    objet: 'Elle permet de revenir sur le document de suivi au regard des objectifs fixés.',
  },
  bilan_intervenant: {
    nom: 'visio bilan avec l’intervenant',
    objet: 'Elle permet de revenir sur le déroulement de l’accompagnement et sur le document de suivi.',
  },
  bilan_collectif: {
    nom: 'visio bilan collective',
    objet: 'Elle réunit la Mission Locale, l’intervenant et l’UNML pour dresser ensemble le bilan de l’accompagnement.',
  },
  post_bilan: {
    nom: 'visio de bilan post-accompagnement',
    objet: 'Trois mois après la fin de l’accompagnement, elle permet de mesurer ses effets à moyen terme.',
  },
};
/** A visio's (or a Diagnostic meeting's) French name and purpose in a dispositif (an unknown kind: a plain "visio"). */
export function visioFr(visio: string, dispositif: DossierRef['dispositif']): { nom: string; objet: string } {
  if (dispositif === 'diagnostic') return RENDEZVOUS_DIAGNOSTIC[visio as RendezvousDiagnostic] ?? { nom: 'réunion', objet: '' };
  const v = visio as VisioKind;
  return (dispositif === 'appui_conseil' ? VISIOS_APPUI_CONSEIL[v] : undefined) ?? VISIOS[v] ?? { nom: 'visio', objet: '' };
}

type Labels = Readonly<Record<string, string>>;

/** The French labels of the keys a demand form sends, per dispositif (a Diagnostic names who asks, not a case). */
const LIBELLES_DEMANDE: Record<DossierRef['dispositif'], { cas: Labels[]; sujets: Labels[] }> = {
  compagnonnage: { cas: [CAS_MOBILISATION], sujets: [SUJETS_TRAITES, SUJETS_EXCLUS_LIBELLES] },
  appui_conseil: {
    cas: [CAS_MOBILISATION_APPUI],
    sujets: [SUJETS_APPUI, Object.fromEntries(Object.entries(HORS_CHAMP_APPUI).map(([k, v]) => [k, v.libelle]))],
  },
  diagnostic: { cas: [], sujets: [THEMES_DIAGNOSTIC] },
  // A regional campaign has no demand form.
  campagne: { cas: [], sujets: [] },
};

/**
 * What an event or a link is about, after "le", "du" or bare: "(le|du) dossier de Compagnonnage de la Mission Locale de
 * Rouen", or a regional campaign's "(la|de la) démarche de progrès « … »" (its ML's: "… de la Mission Locale de Colmar").
 */
function leDossier(c: BodyContext): { le: string; du: string; nu: string } {
  const nu =
    c.campagne === 'campagne'
      ? `démarche de progrès « ${c.dossier.mlNom} »`
      : c.campagne === 'ml'
        ? `démarche de progrès de ${c.laMl}`
        : `dossier ${c.de} de ${c.laMl}`;
  return c.campagne ? { le: `la ${nu}`, du: `de la ${nu}`, nu } : { le: `le ${nu}`, du: `du ${nu}`, nu };
}

/** What a not-receivable demand is pointed to instead, with the way to ask for it. */
const REDIRECTIONS: Record<'appui_conseil' | 'compagnonnage', { titre: string; explication: string; action: (contact: string) => string }> = {
  appui_conseil: {
    titre: 'orientation vers l’Appui Conseil',
    explication:
      'En revanche, la Mission Locale peut demander l’Appui Conseil de l’UNML. Ce dispositif, gratuit, ' +
      's’adresse aux Missions Locales qui traversent une situation particulièrement délicate, ' +
      'notamment une situation financière difficile ou un problème organisationnel : ' +
      'un cabinet et, le cas échéant, un membre du réseau vous accompagnent pendant 15 à 20 jours d’intervention.',
    action: (contact) => `Si vous le souhaitez, demander l’Appui Conseil avec le formulaire en ligne ci-dessous (ou en écrivant à ${contact}).`,
  },
  compagnonnage: {
    titre: 'orientation vers le Compagnonnage',
    explication:
      'En revanche, la Mission Locale peut demander le Compagnonnage de l’UNML, qui peut répondre à un besoin d’amélioration continue. ' +
      'Ce dispositif, gratuit, permet à la direction d’être accompagnée par la direction d’une Mission Locale d’une autre région : ' +
      'un forfait de 24 heures, soit 2 heures par semaine pendant 3 mois, principalement à distance.',
    action: (contact) => `Si vous le souhaitez, demander le Compagnonnage avec le formulaire en ligne ci-dessous (ou en écrivant à ${contact}).`,
  },
};

function label(labels: Labels[], key: string): string {
  for (const l of labels) if (Object.hasOwn(l, key)) return l[key]!;
  return key;
}

export const BODIES_SHARED = {
  // Every dispositif hands a dossier over (the kit's assignInterlocutrice; Compagnonnage's first).
  passation_dossier: (m, c) => ({
    titre: 'Passation de dossier',
    blocs: [
      p(`Vous êtes désormais l’interlocutrice UNML du dossier ${c.de} de ${c.laMl} (${c.dossier.regionNom}).`),
      ...(m.precedente ? [p(`Ce dossier vous est transmis par ${m.precedente.nom} (${m.precedente.email}).`)] : []),
      ...(m.note ? [liste('Note de passation', [m.note])] : []),
      lienDossier(c),
    ],
    action: { texte: 'Prendre connaissance du dossier et vous présenter à la Mission Locale.' },
  }),

  accuse_reception: (_m, c) => ({
    titre: 'Accusé de réception de votre demande',
    blocs: [
      p(
        `Nous avons bien reçu la demande ${c.de} de ${c.laMl}. Elle est enregistrée sous la référence ${c.dossier.dossierId} : ` +
          `merci de la rappeler dans vos échanges avec l’UNML.`,
      ),
      p(`L’association régionale des Missions Locales de votre région (${c.dossier.regionNom}) est informée de votre demande.`),
    ],
    action: null,
    suite: ['L’UNML étudie votre demande et reviendra vers vous prochainement.'],
  }),

  notification_arml: (m, c) => ({
    titre: 'Information : demande d’une Mission Locale de votre région',
    salutation: `À l’attention de : ${m.armlNom}`,
    blocs: [
      p(
        `Pour votre information, ${c.laMl} (${c.dossier.regionNom}) a adressé à l’UNML une demande ${c.de}, ` +
          `enregistrée sous la référence ${c.dossier.dossierId}.`,
      ),
      ...(m.casMobilisation ? [liste('Cas de mobilisation', [label(LIBELLES_DEMANDE[c.dossier.dispositif].cas, m.casMobilisation)])] : []),
      ...(m.demandeur ? [liste('Demande portée par', [label([DEMANDEURS_DIAGNOSTIC], m.demandeur)])] : []),
      liste(
        'Sujets que la Mission Locale souhaite traiter',
        m.sujets.map((s) => label(LIBELLES_DEMANDE[c.dossier.dispositif].sujets, s)),
      ),
    ],
    action: null,
    suite: ['Ce message vous est adressé pour information : l’UNML étudie la demande et en assure le suivi.'],
  }),

  demande_non_recevable: (m, c) => {
    const redirection = m.redirection ? REDIRECTIONS[m.redirection] : undefined;
    return {
      titre: redirection ? `Votre demande n’est pas recevable : ${redirection.titre}` : 'Votre demande n’est pas recevable',
      blocs: [
        p(`Après examen, la demande ${c.de} de ${c.laMl} ne peut pas être retenue.`),
        liste(m.motifs.length > 1 ? 'Motifs' : 'Motif', m.motifs),
        ...(redirection && m.redirection
          ? [
              p(redirection.explication),
              {
                lien: {
                  libelle: `Faire une demande ${NOMS_DISPOSITIFS[m.redirection].de}`,
                  url: `${c.publicUrl.replace(/\/+$/, '')}/demande/${NOMS_DISPOSITIFS[m.redirection].slug}`,
                },
              },
            ]
          : []),
      ],
      action: redirection ? { texte: redirection.action(c.unmlContactEmail) } : null,
    };
  },

  demande_acceptee: (m, c) => ({
    titre: 'Votre demande est acceptée',
    blocs: [
      p(`Nous avons le plaisir de vous informer que la demande ${c.de} de ${c.laMl} est acceptée.`),
      p(
        m.interlocutrice
          ? `Votre interlocutrice à l’UNML est ${m.interlocutrice.nom} (${m.interlocutrice.email}). ` +
              `Elle prendra contact avec vous prochainement pour préciser votre besoin et préparer la suite.`
          : 'Votre interlocutrice à l’UNML prendra contact avec vous prochainement pour préciser votre besoin et préparer la suite.',
      ),
    ],
    action: null,
    suite: c.dossier.dispositif === 'diagnostic' ? [] : ['Avant le lancement de l’accompagnement, un acte d’engagement vous sera adressé pour signature.'],
  }),

  demande_declinee: (m, c) => ({
    titre: 'Votre demande n’a pas pu être retenue',
    blocs: [p(`Nous sommes au regret de vous informer que la demande ${c.de} de ${c.laMl} n’a pas pu être retenue.`), liste('Motif', [m.motif])],
    action: null,
    suite: [`L’UNML reste à votre disposition pour en échanger : ${c.unmlContactEmail}.`],
  }),

  intervenants_proposes: (m, c) => ({
    titre: 'Intervenants proposés pour ce dossier',
    blocs: [
      p(
        `Le vivier d’experts propose, pour ${c.laMl} (${c.dispositif}), les intervenants suivants, ` +
          `classés selon les règles du dispositif (jamais de la même région, aucune connaissance déclarée, capacité disponible), ` +
          `l’adéquation des expertises, la charge et la rotation :`,
      ),
      ...m.propositions.map((x) => liste(x.resume, x.raisons)),
      lienDossier(c),
    ],
    action: { texte: 'Confirmer l’un d’eux (ou en désigner un autre, la désignation manuelle étant enregistrée comme telle).' },
  }),

  aucun_intervenant_disponible: (m, c) => ({
    titre: 'Aucun intervenant disponible : dossier en file d’attente',
    blocs: [
      p(
        `Aucun intervenant du vivier ne peut aujourd’hui être proposé pour ${c.laMl} (${c.dispositif}) : ` +
          `${m.exclus} candidat(s) examiné(s), tous écartés (région, connaissance déclarée, capacité ou indisponibilité).`,
      ),
      p(
        `Le dossier est placé en file d’attente avec la priorité ${m.priorite} (1 = la plus haute). ` +
          `Il sera servi dans l’ordre des priorités dès qu’une capacité se libère (fin d’un accompagnement, nouvel intervenant validé).`,
      ),
      lienDossier(c),
    ],
    action: null,
  }),

  intervenant_disponible: (m, c) => ({
    titre: 'Un intervenant s’est libéré pour ce dossier',
    blocs: [
      p(`Une capacité s’est libérée dans le vivier : l’intervenant ci-dessous est réservé pour ${c.laMl} (${c.dispositif}), qui attendait en file d’attente.`),
      liste(m.resume, m.raisons),
      lienDossier(c),
    ],
    action: { texte: 'Confirmer cet intervenant (ou en désigner un autre : la réservation sera alors libérée).' },
  }),

  dossier_caduc: (m, c) => ({
    titre: 'Dossier classé sans suite',
    blocs: [p(`Le dossier ${c.de} de ${c.laMl} est classé sans suite.`), liste('Motif', [m.motif])],
    action: null,
    suite: ['Si la Mission Locale le souhaite, elle peut déposer une nouvelle demande.'],
  }),

  intervenant_designe: (m, c) => ({
    titre: 'Désignation de l’intervenant',
    blocs: [
      p(`L’UNML a mobilisé ${m.intervenant.nom} (${m.intervenant.email}) pour intervenir auprès de ${c.laMl} dans le cadre du dispositif ${c.dispositif}.`),
      ...(c.dossier.dispositif === 'compagnonnage'
        ? [
            p(
              'L’accompagnement représente un forfait de 24 heures, soit 2 heures par semaine pendant 3 mois ; ' +
                'le rythme peut être ajusté selon les souhaits de la Mission Locale.',
            ),
          ]
        : []),
      p('Tout déplacement éventuel doit être validé au préalable par l’UNML.'),
    ],
    action: null,
    suite: ['L’UNML vous proposera prochainement une date pour la visio de lancement.'],
  }),

  designation_a_accepter: (_m, c) => ({
    titre: 'Proposition d’intervention : acceptez-vous ?',
    blocs:
      c.dossier.dispositif === 'compagnonnage'
        ? [
            p(`L’UNML vous propose d’accompagner la direction de ${c.laMl} (${c.dossier.regionNom}) dans le cadre du dispositif ${c.dispositif}.`),
            p(
              'L’accompagnement représente un forfait de 24 heures, soit 2 heures par semaine pendant 3 mois, principalement à distance ; ' +
                'le rythme peut être ajusté selon les souhaits de la Mission Locale. Tout déplacement est validé au préalable par l’UNML.',
            ),
          ]
        : [
            p(
              `L’UNML vous propose d’intervenir, en tant que membre du réseau, auprès de ${c.laMl} (${c.dossier.regionNom}) dans le cadre ` +
                `${c.du}, aux côtés du cabinet mobilisé.`,
            ),
            p('L’intervention représente 15 à 20 jours au total. Les déplacements sont exceptionnels et doivent être approuvés au préalable par l’UNML.'),
          ],
    action: { texte: 'Accepter cette intervention, ou la décliner en indiquant la raison.' },
    suite:
      c.dossier.dispositif === 'compagnonnage'
        ? ['Une fois votre accord reçu, l’acte d’engagement est adressé à la Mission Locale, puis l’UNML vous proposera une date pour la visio de lancement.']
        : ['Si vous déclinez, l’UNML en est informée et vous retire du dossier.'],
  }),

  designation_declinee: (m, c) => ({
    titre: 'Intervention déclinée : un autre intervenant est à désigner',
    blocs: [
      p(`${m.intervenant.nom} (${m.intervenant.email}) décline l’intervention auprès de ${c.laMl} (${c.dispositif}).`),
      liste('Motif', [m.motif]),
      lienDossier(c),
    ],
    action: { texte: 'Désigner un autre intervenant pour ce dossier.' },
  }),

  visio_autre_creneau: (m, c) => ({
    titre: `Autre créneau proposé pour la ${visioFr(m.visio, c.dossier.dispositif).nom}`,
    blocs: [
      p(
        `${m.propose} ne peut pas participer à la ${visioFr(m.visio, c.dossier.dispositif).nom} du dossier ${c.de} de ${c.laMl} prévue le ` +
          `${dateHeureFr(m.debut)} et propose un autre créneau.`,
      ),
      liste('Créneau proposé', [`${dateHeureFr(m.proposition)} (heure de Paris)`]),
      ...(m.commentaire ? [liste('Commentaire', [m.commentaire])] : []),
      lienDossier(c),
    ],
    action: { texte: 'Replanifier la visio si nécessaire (les participants reçoivent alors l’invitation mise à jour).' },
  }),

  acte_engagement_a_signer: (m, c) => ({
    titre: 'Acte d’engagement à signer',
    blocs: [
      p(`Avant le lancement de l’accompagnement (${c.dispositif}), ${c.laMl} s’engage, par un acte d’engagement, à y participer activement jusqu’à son terme.`),
    ],
    action: { texte: 'Signer l’acte d’engagement et le retourner à votre interlocutrice UNML.', echeance: dateLimite(m.dateLimite) },
    suite: ['Sans signature à cette date, le dossier sera classé sans suite.'],
  }),

  relance_acte_engagement: (m, c) => ({
    titre: 'Relance : acte d’engagement en attente de signature',
    blocs: [
      p(
        `Sauf erreur de notre part, l’acte d’engagement de ${c.laMl} n’a pas encore été signé. ` +
          `Il est nécessaire pour lancer l’accompagnement (${c.dispositif}).`,
      ),
    ],
    action: { texte: 'Signer l’acte d’engagement et le retourner à votre interlocutrice UNML.', echeance: dateLimite(m.dateLimite) },
    suite: ['Sans signature à cette date, le dossier sera classé sans suite.'],
  }),

  invitation_visio: (m, c) => {
    const visio = visioFr(m.visio, c.dossier.dispositif);
    return {
      titre: `${titreInvitation(m)} : ${visio.nom} le ${dateFr(m.debut)}`,
      blocs: [
        ...creneauChange(m),
        p(`Vous êtes invité(e) à la ${visio.nom} du dossier ${c.de} de ${c.laMl}, d’une durée de ${dureeFr(m.dureeMinutes)}.`),
        p(visio.objet),
        m.lien ? { lien: { libelle: 'Lien de connexion', url: m.lien } } : p('Le lien de connexion vous sera communiqué par l’UNML avant la visio.'),
        p(INVITATION_JOINTE),
      ],
      action: {
        texte: c.lienAction ? `Confirmer votre participation à la ${visio.nom}, ou proposer un autre créneau.` : `Participer à la ${visio.nom}.`,
        echeance: rendezVous(m.debut),
      },
      suite: [`En cas d’empêchement, merci de prévenir l’UNML au plus tôt : ${c.unmlContactEmail}.`],
    };
  },

  annulation_evenement: (m, c) => ({
    titre: `Annulé : ${m.titre} du ${dateFr(m.debut)}`,
    blocs: [
      p(`Le rendez-vous « ${m.titre} » prévu le ${dateHeureFr(m.debut)} (${leDossier(c).nu}) est annulé.`),
      ...(m.motif ? [p(`Motif : ${m.motif}`)] : []),
      p('L’annulation jointe à ce message retire le rendez-vous de votre agenda.'),
    ],
    action: null,
  }),

  rappel_evenement: (m, c) => ({
    titre: `Rappel : ${m.titre} le ${dateFr(m.debut)}`,
    blocs: [
      p(`Nous vous rappelons le rendez-vous « ${m.titre} » ${leDossier(c).du}, d’une durée de ${dureeFr(m.dureeMinutes)}.`),
      ...(m.lien ? [{ lien: { libelle: 'Lien de connexion', url: m.lien } }] : []),
    ],
    action: { texte: 'Participer au rendez-vous.', echeance: rendezVous(m.debut) },
    suite: [`En cas d’empêchement, merci de prévenir l’UNML au plus tôt : ${c.unmlContactEmail}.`],
  }),

  questionnaire_evaluation: (m, c) => ({
    titre: 'Questionnaire d’évaluation',
    blocs: [
      p(
        m.repondant === 'ml'
          ? `L’accompagnement de ${c.laMl} (${c.dispositif}) est arrivé à son terme. ` +
              `Votre retour, en tant que Mission Locale bénéficiaire, nous est précieux pour améliorer le dispositif.`
          : `L’accompagnement de ${c.laMl} (${c.dispositif}) est arrivé à son terme. ` +
              `Votre retour, en tant qu’intervenant, nous est précieux pour améliorer le dispositif.`,
      ),
      liste('Le questionnaire porte sur', [
        'votre appréciation générale de l’accompagnement ;',
        'l’atteinte des objectifs fixés ;',
        'l’organisation et le rythme des échanges ;',
        'vos suggestions d’amélioration.',
      ]),
    ],
    action: {
      texte: `Répondre au questionnaire d’évaluation, en répondant à ce message ou en écrivant à ${c.unmlContactEmail}.`,
      ...(m.reponsesAvant ? { echeance: { libelle: 'Réponses reçues jusqu’au', valeur: `${dateHeureFr(m.reponsesAvant)} (heure de Paris)` } } : {}),
    },
  }),

  dossier_abandonne: (m, c) => ({
    titre: 'Abandon du dossier',
    blocs: [p(`Le dossier ${c.de} de ${c.laMl} est abandonné.`), liste('Motif', [m.motif])],
    action: null,
    suite: [`Pour toute question, l’UNML reste à votre disposition : ${c.unmlContactEmail}.`],
  }),

  commentaire_rapport: (m, c) => ({
    titre: 'Commentaire de la Mission Locale sur le rapport de diagnostic',
    blocs: [p(`${m.auteur} (${c.laMl}) a commenté le rapport de diagnostic :`), p(m.commentaire), lienDossier(c)],
    action: {
      texte:
        c.dossier.dispositif === 'diagnostic'
          ? 'Prendre en compte ce commentaire : le rapport peut être modifié (une nouvelle version est adressée à la Mission Locale) ' +
            'avant la revue finale avec l’UNML.'
          : 'Prendre en compte ce commentaire pour la suite de l’accompagnement (fiche de cadrage, plan d’action).',
    },
  }),

  dossier_cloture: (_m, c) => ({
    titre: 'Clôture du dossier',
    blocs: [
      p(`L’accompagnement de ${c.laMl} (${c.dispositif}) est terminé et le dossier est désormais clos.`),
      p('Nous remercions chaleureusement la Mission Locale et les intervenants pour leur engagement.'),
    ],
    action: null,
  }),

  nouveau_lien: (m, c) => ({
    titre: 'Votre nouveau lien personnel',
    blocs: [p(`Vous avez demandé un nouveau lien pour ${leDossier(c).le}, le précédent ayant expiré.`)],
    action: { texte: `${m.actionLibelle}.` },
    suite: ['Si vous n’êtes pas à l’origine de cette demande, vous pouvez ignorer ce message.'],
  }),
} satisfies Partial<Bodies>;
