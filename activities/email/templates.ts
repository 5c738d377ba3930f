// The French emails: one body per EmailMessage kind, one shared layout (HTML via Handlebars with
// auto-escaping, plain text built from the same model). A kind without a body is a compile error.
import Handlebars from 'handlebars';
import { CAS_MOBILISATION_APPUI, HORS_CHAMP_APPUI, SUJETS_APPUI } from '../../domain/appui-conseil';
import { CAS_MOBILISATION, SUJETS_EXCLUS_LIBELLES, SUJETS_TRAITES } from '../../domain/compagnonnage';
import { DEMANDEURS_DIAGNOSTIC, THEMES_DIAGNOSTIC } from '../../domain/diagnostic';
import { dateFr, dateHeureFr, dureeFr, eurosFr } from '../../domain/format';
import type { DossierRef, EmailKind, EmailMessage, NotifyInput, RendezvousDiagnostic, VisioKind } from './kinds';

// Formatting lives in domain/format.ts; re-exported for the importers of this module.
export { dateFr, dateHeureFr, dureeFr, eurosFr } from '../../domain/format';

export interface RenderContext {
  publicUrl: string;
  unmlContactEmail: string;
  /** The recipient's personal link to the page of the action asked (activities/action-links.ts), if any. */
  lienAction?: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const DISPOSITIFS: Record<DossierRef['dispositif'], { nom: string; de: string }> = {
  compagnonnage: { nom: 'Compagnonnage', de: 'de Compagnonnage' },
  appui_conseil: { nom: 'Appui Conseil', de: 'd’Appui Conseil' },
  diagnostic: { nom: 'Diagnostic', de: 'de Diagnostic' },
};

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
/** Appui Conseil's visios gather a cabinet's consultants and, possibly, network members: several intervenants. */
const VISIOS_APPUI_CONSEIL: Partial<Record<VisioKind, { nom: string; objet: string }>> = {
  lancement: {
    nom: 'visio de lancement',
    objet: 'Elle réunit la Mission Locale, les intervenants (le cabinet et, le cas échéant, les membres du réseau) et l’UNML pour lancer l’intervention : besoin, objectifs et calendrier.',
  },
  bilan_intervenant: {
    nom: 'visio bilan avec les intervenants',
    objet: 'Elle permet de revenir avec le cabinet et, le cas échéant, les membres du réseau sur le déroulement de l’intervention et sur le document de suivi.',
  },
  bilan_collectif: {
    nom: 'visio bilan collective',
    objet: 'Elle réunit la Mission Locale, les intervenants et l’UNML pour dresser ensemble le bilan de l’intervention.',
  },
};
/** The Diagnostic's meetings, named as a visio is ("la …"). */
const RENDEZVOUS_DIAGNOSTIC: Record<RendezvousDiagnostic, { nom: string; objet: string }> = {
  mise_en_commun: { nom: 'mise en commun des analyses', objet: 'Le binôme met en commun ses analyses du dossier (jusqu’à trois heures).' },
  journee_sur_site: { nom: 'journée sur site', objet: 'Le binôme rencontre les personnes convenues avec la direction.' },
  revue_finale: { nom: 'revue finale du rapport', objet: 'Le binôme revoit le rapport avec l’UNML et arrête ses préconisations.' },
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
};

/** What a not-receivable demand is pointed to instead, with the way to ask for it. */
const REDIRECTIONS: Record<'appui_conseil' | 'compagnonnage', { titre: string; explication: string; action: (contact: string) => string }> = {
  appui_conseil: {
    titre: 'orientation vers l’Appui Conseil',
    explication:
      'En revanche, la Mission Locale peut demander l’Appui Conseil de l’UNML. Ce dispositif, gratuit, s’adresse aux Missions Locales qui traversent une situation particulièrement délicate, notamment une situation financière difficile ou un problème organisationnel : un cabinet et, le cas échéant, un membre du réseau vous accompagnent pendant 15 à 20 jours d’intervention.',
    action: (contact) => `Si vous le souhaitez, demander l’Appui Conseil en écrivant à ${contact}.`,
  },
  compagnonnage: {
    titre: 'orientation vers le Compagnonnage',
    explication:
      'En revanche, la Mission Locale peut demander le Compagnonnage de l’UNML, qui peut répondre à un besoin d’amélioration continue. Ce dispositif, gratuit, permet à la direction d’être accompagnée par la direction d’une Mission Locale d’une autre région : un forfait de 24 heures, soit 2 heures par semaine pendant 3 mois, principalement à distance.',
    action: (contact) => `Si vous le souhaitez, demander le Compagnonnage en écrivant à ${contact}.`,
  },
};

function label(labels: Labels[], key: string): string {
  for (const l of labels) if (Object.hasOwn(l, key)) return l[key]!;
  return key;
}

const INVITATION_JOINTE = 'L’invitation est jointe à ce message : acceptez-la pour l’ajouter à votre agenda (elle sera mise à jour si le rendez-vous change).';

// --- The model every body fills ----------------------------------------------------------------------

type Block = { p: string } | { liste: { titre: string; elements: string[] } } | { lien: { libelle: string; url: string; safe?: boolean } };

interface Body {
  /** Subject (before the reference) and heading. */
  titre: string;
  /** Defaults to "Madame, Monsieur,". */
  salutation?: string;
  blocs: Block[];
  /** The ONE action asked of the recipient, or null when none. */
  action: { texte: string; echeance?: { libelle: string; valeur: string } } | null;
  /** Paragraphs after the action (consequences, next steps). */
  suite?: string[];
}

const p = (text: string): Block => ({ p: text });
const liste = (titre: string, elements: string[]): Block => ({ liste: { titre, elements } });

interface BodyContext extends RenderContext {
  dossier: DossierRef;
  /** "de Compagnonnage", "d’Appui Conseil" … */
  de: string;
  dispositif: string;
  /** "la Mission Locale de Rouen": the ML's name ready for a sentence. */
  laMl: string;
  /** Link to the dossier for UNML staff. */
  dossierUrl: string;
}

/** "Mission Locale de Rouen" → "la Mission Locale de Rouen"; "Rouen" → "la Mission Locale Rouen". */
function laMissionLocale(nom: string): string {
  const n = nom.trim();
  if (/^la\s/i.test(n)) return `la ${n.slice(3).trim()}`;
  if (/^(mission locale|ML)\b/i.test(n)) return `la ${n}`;
  return `la Mission Locale ${n}`;
}

type Templates = { [K in EmailKind]: (message: Extract<EmailMessage, { kind: K }>, c: BodyContext) => Body };

const dateLimite = (iso: string) => ({ libelle: 'Date limite', valeur: dateFr(iso) });
const rendezVous = (iso: string) => ({ libelle: 'Date et heure', valeur: `${dateHeureFr(iso)} (heure de Paris)` });
const lienDossier = (c: BodyContext): Block => ({ lien: { libelle: 'Consulter le dossier', url: c.dossierUrl } });

const TEMPLATES: Templates = {
  accuse_reception: (_m, c) => ({
    titre: 'Accusé de réception de votre demande',
    blocs: [
      p(`Nous avons bien reçu la demande ${c.de} de ${c.laMl}. Elle est enregistrée sous la référence ${c.dossier.dossierId} : merci de la rappeler dans vos échanges avec l’UNML.`),
      p(`L’association régionale des Missions Locales de votre région (${c.dossier.regionNom}) est informée de votre demande.`),
    ],
    action: null,
    suite: ['L’UNML étudie votre demande et reviendra vers vous prochainement.'],
  }),

  notification_arml: (m, c) => ({
    titre: 'Information : demande d’une Mission Locale de votre région',
    salutation: `À l’attention de : ${m.armlNom}`,
    blocs: [
      p(`Pour votre information, ${c.laMl} (${c.dossier.regionNom}) a adressé à l’UNML une demande ${c.de}, enregistrée sous la référence ${c.dossier.dossierId}.`),
      ...(m.casMobilisation ? [liste('Cas de mobilisation', [label(LIBELLES_DEMANDE[c.dossier.dispositif].cas, m.casMobilisation)])] : []),
      ...(m.demandeur ? [liste('Demande portée par', [label([DEMANDEURS_DIAGNOSTIC], m.demandeur)])] : []),
      liste('Sujets que la Mission Locale souhaite traiter', m.sujets.map((s) => label(LIBELLES_DEMANDE[c.dossier.dispositif].sujets, s))),
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
        ...(redirection ? [p(redirection.explication)] : []),
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
          ? `Votre interlocutrice à l’UNML est ${m.interlocutrice.nom} (${m.interlocutrice.email}). Elle prendra contact avec vous prochainement pour préciser votre besoin et préparer la suite.`
          : 'Votre interlocutrice à l’UNML prendra contact avec vous prochainement pour préciser votre besoin et préparer la suite.',
      ),
    ],
    action: null,
    suite:
      c.dossier.dispositif === 'diagnostic'
        ? []
        : ['Avant le lancement de l’accompagnement, un acte d’engagement vous sera adressé pour signature.'],
  }),

  demande_declinee: (m, c) => ({
    titre: 'Votre demande n’a pas pu être retenue',
    blocs: [
      p(`Nous sommes au regret de vous informer que la demande ${c.de} de ${c.laMl} n’a pas pu être retenue.`),
      liste('Motif', [m.motif]),
    ],
    action: null,
    suite: [`L’UNML reste à votre disposition pour en échanger : ${c.unmlContactEmail}.`],
  }),

  binomes_proposes: (m, c) => ({
    titre: 'Binômes de diagnostiqueurs proposés pour ce dossier',
    blocs: [
      p(`Le vivier d’experts propose, pour le diagnostic de ${c.laMl} (${c.dossier.regionNom}), les binômes suivants : un·e consultant·e de cabinet et un·e directeur·rice de Mission Locale, jamais de la région de la Mission Locale ni la connaissant déjà (règle d’impartialité), classés selon leurs scores individuels et la complémentarité de leurs expertises sur les thématiques demandées :`),
      ...m.binomes.map((x) => liste(x.resume, x.raisons)),
      lienDossier(c),
    ],
    action: { texte: 'Désigner chacun·e des deux diagnostiqueur·ses (ou une autre personne, la désignation manuelle étant enregistrée comme telle).' },
  }),

  diagnostiqueur_a_accepter: (m, c) => ({
    titre: 'Proposition de diagnostic : acceptez-vous ?',
    blocs: [
      p(`L’UNML vous propose de réaliser, en tant que ${m.role.toLowerCase()}, le diagnostic de ${c.laMl} (${c.dossier.regionNom})${m.autre ? `, en binôme avec ${m.autre.nom}` : ', en binôme'}.`),
      p('La démarche : chacun analyse le dossier de son côté, puis vous mettez vos analyses en commun (jusqu’à trois heures) ; vous convenez avec la direction des personnes à rencontrer ; une journée sur site ; un débriefing avec l’UNML ; un rapport normé rempli par chacun, puis croisé ; la Mission Locale a son mot à dire ; une revue finale avec l’UNML.'),
      p('Règle d’impartialité : si vous connaissez déjà la présidence ou la direction de cette Mission Locale, déclinez en l’indiquant.'),
    ],
    action: { texte: 'Accepter ce diagnostic, ou le décliner en indiquant la raison.' },
  }),

  binome_constitue: (m, c) => ({
    titre: 'Le binôme de diagnostiqueurs est constitué',
    blocs: [
      p(`Le diagnostic de ${c.laMl} sera réalisé par ${m.consultant.nom} (${m.consultant.email}), consultant·e, et ${m.directeur.nom} (${m.directeur.email}), directeur·rice de Mission Locale.`),
      p('Chacun·e analyse d’abord le dossier de son côté ; le binôme mettra ensuite ses analyses en commun et vous proposera les personnes qu’il souhaite rencontrer.'),
    ],
    // The diagnostiqueurs get a personal link to their analysis; the ML, informed, has nothing to do.
    action: c.lienAction ? { texte: 'Déposer votre analyse individuelle du dossier.' } : null,
  }),

  rapport_norme_attendu: (m, c) => ({
    titre: 'Votre rapport normé',
    blocs: [
      p(`Le débriefing du diagnostic de ${c.laMl} avec l’UNML a eu lieu. Chacun·e remplit maintenant son rapport normé, seul·e : forces, faiblesses et préconisations.`),
      liste('Premières pistes de travail retenues', m.pistes),
      p('Une fois les deux rapports déposés, le binôme les croise pour rédiger le rapport de diagnostic.'),
    ],
    action: { texte: 'Déposer votre rapport normé.' },
  }),

  invitation_diagnostic: (m, c) => ({
    titre: `${m.replanifiee ? 'Nouvelle date : ' : ''}${{ mise_en_commun: 'Mise en commun des analyses', journee_sur_site: 'Journée sur site', revue_finale: 'Revue finale du rapport' }[m.evenement]}`,
    blocs: [
      p(
        {
          mise_en_commun: `Le binôme met en commun ses analyses du dossier de ${c.laMl} (jusqu’à trois heures).`,
          journee_sur_site: `Le binôme de diagnostiqueurs passe une journée auprès de ${c.laMl} pour rencontrer les personnes convenues avec la direction.`,
          revue_finale: `Le binôme revoit le rapport de diagnostic de ${c.laMl} avec l’UNML et arrête ses préconisations.`,
        }[m.evenement],
      ),
      liste('Durée', [dureeFr(m.dureeMinutes)]),
      ...(m.lien ? [{ lien: { libelle: 'Rejoindre la réunion', url: m.lien } }] : []),
      p(INVITATION_JOINTE),
    ],
    action: { texte: c.lienAction ? 'Confirmer votre présence, ou proposer un autre créneau.' : 'Participer à ce rendez-vous.', echeance: rendezVous(m.debut) },
  }),

  programme_a_valider: (m, c) => ({
    titre: 'Les rencontres du diagnostic à convenir avec vous',
    blocs: [
      p(`Pour la journée sur site du diagnostic de ${c.laMl}, le binôme souhaite rencontrer :`),
      liste('Personnes à rencontrer', m.rencontres),
    ],
    action: { texte: 'Confirmer ce programme à l’UNML, ou proposer des modifications.' },
  }),

  precisions_demandees: (m, c) => ({
    titre: 'Le binôme de diagnostiqueurs vous demande des précisions',
    blocs: [
      p(`Pour rédiger le rapport de diagnostic de ${c.laMl}, le binôme a besoin de précisions :`),
      liste(`Question ${m.numero}`, [m.question]),
    ],
    action: { texte: 'Répondre à cette question.' },
  }),

  precisions_apportees: (m, c) => ({
    titre: 'La Mission Locale a répondu à votre question',
    blocs: [
      p(`${c.laMl} a répondu à votre question ${m.numero} :`),
      liste('Question', [m.question]),
      liste('Réponse', [m.reponse]),
    ],
    action: null,
  }),

  rapport_croise_a_commenter: (m, c) => ({
    titre: m.version > 1 ? `Rapport de diagnostic modifié (version ${m.version})` : 'Le rapport de diagnostic : votre avis',
    blocs: [
      p(`Le binôme a croisé ses analyses et rédigé le rapport de diagnostic de ${c.laMl}.`),
      liste('Constats', [m.constats]),
      liste('Préconisations', m.preconisations),
    ],
    action: { texte: 'Faire part de vos remarques à l’UNML : le rapport peut être modifié en conséquence.' },
  }),

  diagnostic_cloture: (m, c) => ({
    titre: 'Le diagnostic est terminé',
    blocs: [
      p(`Le diagnostic de ${c.laMl} a fait l’objet de sa revue finale avec l’UNML ; le dossier est désormais clos.`),
      liste('Conclusions', [m.conclusions]),
      p(m.accompagnement ? `Au vu des préconisations, l’UNML propose à la Mission Locale un accompagnement : ${m.accompagnement}.` : 'Au vu des préconisations, aucun accompagnement n’est nécessaire à ce stade.'),
    ],
    action: null,
    suite: [`L’UNML reste à votre disposition : ${c.unmlContactEmail}.`],
  }),

  intervenants_proposes: (m, c) => ({
    titre: 'Intervenants proposés pour ce dossier',
    blocs: [
      p(`Le vivier d’experts propose, pour ${c.laMl} (${c.dispositif}), les intervenants suivants, classés selon les règles du dispositif (jamais de la même région, aucune connaissance déclarée, capacité disponible), l’adéquation des expertises, la charge et la rotation :`),
      ...m.propositions.map((x) => liste(x.resume, x.raisons)),
      lienDossier(c),
    ],
    action: { texte: 'Confirmer l’un d’eux (ou en désigner un autre, la désignation manuelle étant enregistrée comme telle).' },
  }),

  aucun_intervenant_disponible: (m, c) => ({
    titre: 'Aucun intervenant disponible : dossier en file d’attente',
    blocs: [
      p(`Aucun intervenant du vivier ne peut aujourd’hui être proposé pour ${c.laMl} (${c.dispositif}) : ${m.exclus} candidat(s) examiné(s), tous écartés (région, connaissance déclarée, capacité ou indisponibilité).`),
      p(`Le dossier est placé en file d’attente avec la priorité ${m.priorite} (1 = la plus haute). Il sera servi dans l’ordre des priorités dès qu’une capacité se libère (fin d’un accompagnement, nouvel intervenant validé).`),
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

  demande_liste_attente: (_m, c) => ({
    titre: 'Votre demande est en liste d’attente',
    blocs: [
      p('Le nombre d’interventions possibles étant limité, l’UNML donne la priorité aux demandes en fonction des ressources disponibles.'),
      p(`La demande ${c.de} de ${c.laMl} est donc placée en liste d’attente. Nous reviendrons vers vous dès qu’un accompagnement pourra être engagé.`),
    ],
    action: null,
  }),

  demande_incomplete: (m, c) => ({
    titre: 'Compléments nécessaires à votre demande',
    blocs: [
      p(`Pour instruire la demande ${c.de} de ${c.laMl}, l’UNML a besoin des éléments suivants :`),
      liste('Éléments à compléter', [m.aCompleter]),
    ],
    action: { texte: 'Transmettre ces compléments à l’UNML.', echeance: dateLimite(m.dateLimite) },
    suite: ['Sans réponse de votre part à cette date, la demande sera classée sans suite.'],
  }),

  relance_complements: (m, c) => ({
    titre: 'Relance : compléments attendus pour votre demande',
    blocs: [
      p(`Sauf erreur de notre part, nous n’avons pas encore reçu les compléments demandés pour la demande ${c.de} de ${c.laMl}.`),
      liste('Éléments à compléter', [m.aCompleter]),
    ],
    action: { texte: 'Transmettre ces compléments à l’UNML.', echeance: dateLimite(m.dateLimite) },
    suite: ['Sans réponse de votre part à cette date, la demande sera classée sans suite.'],
  }),

  dossier_caduc: (m, c) => ({
    titre: 'Dossier classé sans suite',
    blocs: [p(`Le dossier ${c.de} de ${c.laMl} est classé sans suite.`), liste('Motif', [m.motif])],
    action: null,
    suite: ['Si la Mission Locale le souhaite, elle peut déposer une nouvelle demande.'],
  }),

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

  intervenant_designe: (m, c) => ({
    titre: 'Désignation de l’intervenant',
    blocs: [
      p(`L’UNML a mobilisé ${m.intervenant.nom} (${m.intervenant.email}) pour intervenir auprès de ${c.laMl} dans le cadre du dispositif ${c.dispositif}.`),
      ...(c.dossier.dispositif === 'compagnonnage'
        ? [p('L’accompagnement représente un forfait de 24 heures, soit 2 heures par semaine pendant 3 mois ; le rythme peut être ajusté selon les souhaits de la Mission Locale.')]
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
            p('L’accompagnement représente un forfait de 24 heures, soit 2 heures par semaine pendant 3 mois, principalement à distance ; le rythme peut être ajusté selon les souhaits de la Mission Locale. Tout déplacement est validé au préalable par l’UNML.'),
          ]
        : [
            p(`L’UNML vous propose d’intervenir, en tant que membre du réseau, auprès de ${c.laMl} (${c.dossier.regionNom}) dans le cadre de l’${c.dispositif}, aux côtés du cabinet mobilisé.`),
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

  seance_a_confirmer: (m, c) => ({
    titre: `Séance ${m.numero} à confirmer`,
    blocs: [
      p(`Une séance de l’accompagnement de ${c.laMl} a été enregistrée par ${m.enregistreePar}. Merci de confirmer qu’elle s’est bien déroulée ainsi.`),
      liste('Séance', [`Date : ${dateHeureFr(m.date)}`, `Durée : ${dureeFr(m.dureeMinutes)}`, `Résumé : ${m.resume}`]),
    ],
    action: { texte: 'Confirmer la séance, ou la contester en expliquant pourquoi (l’UNML tranchera).' },
    suite: ['Une séance contestée n’est pas décomptée du forfait tant que l’UNML ne l’a pas tranchée.'],
  }),

  visio_autre_creneau: (m, c) => ({
    titre: `Autre créneau proposé pour la ${visioFr(m.visio, c.dossier.dispositif).nom}`,
    blocs: [
      p(`${m.propose} ne peut pas participer à la ${visioFr(m.visio, c.dossier.dispositif).nom} du dossier ${c.de} de ${c.laMl} prévue le ${dateHeureFr(m.debut)} et propose un autre créneau.`),
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
      p(`Sauf erreur de notre part, l’acte d’engagement de ${c.laMl} n’a pas encore été signé. Il est nécessaire pour lancer l’accompagnement (${c.dispositif}).`),
    ],
    action: { texte: 'Signer l’acte d’engagement et le retourner à votre interlocutrice UNML.', echeance: dateLimite(m.dateLimite) },
    suite: ['Sans signature à cette date, le dossier sera classé sans suite.'],
  }),

  invitation_visio: (m, c) => {
    const visio = visioFr(m.visio, c.dossier.dispositif);
    return {
      titre: `Invitation : ${visio.nom} le ${dateFr(m.debut)}`,
      blocs: [
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

  rappel_seance: (m, c) => ({
    titre: `Rappel : séance prévue le ${dateFr(m.debut)}`,
    blocs: [p(`Nous vous rappelons qu’une séance d’accompagnement de ${c.laMl} est prévue, d’une durée de ${dureeFr(m.dureeMinutes)}.`)],
    action: { texte: 'Participer à la séance.', echeance: rendezVous(m.debut) },
    suite: ['En cas d’empêchement, merci de convenir directement d’une autre date et d’en informer l’UNML.'],
  }),

  invitation_seance: (m, c) => ({
    titre: `${m.replanifiee ? 'Séance déplacée' : 'Séance planifiée'} le ${dateFr(m.debut)}`,
    blocs: [p(`${m.replanifiee ? 'Une séance d’accompagnement de ' + c.laMl + ' a été déplacée' : 'Une séance d’accompagnement de ' + c.laMl + ' est planifiée'}, d’une durée de ${dureeFr(m.dureeMinutes)}.`), p(INVITATION_JOINTE)],
    action: { texte: 'Participer à la séance.', echeance: rendezVous(m.debut) },
    suite: ['En cas d’empêchement, merci de convenir directement d’une autre date et d’en informer l’UNML.'],
  }),

  annulation_evenement: (m, c) => ({
    titre: `Annulé : ${m.titre} du ${dateFr(m.debut)}`,
    blocs: [
      p(`Le rendez-vous « ${m.titre} » prévu le ${dateHeureFr(m.debut)} (dossier ${c.de} de ${c.laMl}) est annulé.`),
      ...(m.motif ? [p(`Motif : ${m.motif}`)] : []),
      p('L’annulation jointe à ce message retire le rendez-vous de votre agenda.'),
    ],
    action: null,
  }),

  rappel_evenement: (m, c) => ({
    titre: `Rappel : ${m.titre} le ${dateFr(m.debut)}`,
    blocs: [
      p(`Nous vous rappelons le rendez-vous « ${m.titre} » du dossier ${c.de} de ${c.laMl}, d’une durée de ${dureeFr(m.dureeMinutes)}.`),
      ...(m.lien ? [{ lien: { libelle: 'Lien de connexion', url: m.lien } }] : []),
    ],
    action: { texte: 'Participer au rendez-vous.', echeance: rendezVous(m.debut) },
    suite: [`En cas d’empêchement, merci de prévenir l’UNML au plus tôt : ${c.unmlContactEmail}.`],
  }),

  seance_contestee: (m, c) => ({
    titre: `Séance ${m.numero} contestée`,
    blocs: [
      p(`La séance ${m.numero} de l’accompagnement de ${c.laMl}, enregistrée le ${dateFr(m.date)} pour ${dureeFr(m.dureeMinutes)}, est contestée${m.contestePar ? ` par ${m.contestePar}` : ''}.`),
      ...(m.commentaire ? [p(`Commentaire : ${m.commentaire}`)] : []),
      p('Tant que vous ne l’avez pas tranchée, elle n’est pas décomptée du forfait.'),
      lienDossier(c),
    ],
    action: { texte: 'Retenir ou écarter la séance, avec un motif.' },
  }),

  alerte_forfait: (m, c) => ({
    titre: 'Alerte : 80 % du forfait d’heures consommé',
    blocs: [
      p(`L’accompagnement de ${c.laMl} a consommé ${m.consommees} sur un forfait de ${m.forfait}.`),
      lienDossier(c),
    ],
    action: { texte: 'Faire le point avec la Mission Locale et l’intervenant, et décider si une extension du forfait est nécessaire.' },
  }),

  alerte_absence_seance: (m, c) => ({
    titre: `Alerte : aucune séance enregistrée depuis le ${dateFr(m.depuis)}`,
    blocs: [
      p(`Aucune séance n’a été enregistrée pour l’accompagnement de ${c.laMl} depuis le ${dateFr(m.depuis)}, alors que des séances régulières sont prévues.`),
      lienDossier(c),
    ],
    action: { texte: 'Prendre contact avec la Mission Locale et l’intervenant pour faire le point sur l’accompagnement.' },
  }),

  questionnaire_evaluation: (m, c) => ({
    titre: 'Questionnaire d’évaluation',
    blocs: [
      p(
        m.repondant === 'ml'
          ? `L’accompagnement de ${c.laMl} (${c.dispositif}) est arrivé à son terme. Votre retour, en tant que Mission Locale bénéficiaire, nous est précieux pour améliorer le dispositif.`
          : `L’accompagnement de ${c.laMl} (${c.dispositif}) est arrivé à son terme. Votre retour, en tant qu’intervenant, nous est précieux pour améliorer le dispositif.`,
      ),
      liste('Le questionnaire porte sur', [
        'votre appréciation générale de l’accompagnement ;',
        'l’atteinte des objectifs fixés ;',
        'l’organisation et le rythme des échanges ;',
        'vos suggestions d’amélioration.',
      ]),
    ],
    action: { texte: `Répondre au questionnaire d’évaluation, en répondant à ce message ou en écrivant à ${c.unmlContactEmail}.` },
  }),

  bilan_post_accompagnement: (_m, c) => ({
    titre: 'Bilan post-accompagnement',
    blocs: [
      p(`Trois mois se sont écoulés depuis la fin de l’accompagnement de ${c.laMl} (${c.dispositif}). L’UNML vous propose un bilan post-accompagnement pour en mesurer les effets à moyen terme.`),
    ],
    action: { texte: 'Indiquer à votre interlocutrice UNML vos disponibilités pour ce bilan (visio d’une heure).' },
  }),

  dossier_abandonne: (m, c) => ({
    titre: 'Abandon du dossier',
    blocs: [p(`Le dossier ${c.de} de ${c.laMl} est abandonné.`), liste('Motif', [m.motif])],
    action: null,
    suite: [`Pour toute question, l’UNML reste à votre disposition : ${c.unmlContactEmail}.`],
  }),

  cabinet_mobilise: (m, c) => ({
    titre: 'Mobilisation de votre cabinet',
    blocs: [
      p(`L’UNML mobilise le cabinet ${m.cabinetNom} pour l’Appui Conseil de ${c.laMl} (${c.dossier.regionNom}). Ce dispositif accompagne les Missions Locales qui traversent une situation particulièrement délicate.`),
      liste('L’intervention, de 15 à 20 jours au total, se déroule en trois temps', [
        'le diagnostic flash ;',
        'l’élaboration du plan d’action ;',
        'la mise en œuvre du plan d’action.',
      ]),
      p('L’intervention étant de courte durée, la mise en œuvre du plan d’action à moyen et long terme sera assurée par la Mission Locale.'),
      p('Les déplacements sont exceptionnels : tout déplacement doit être approuvé au préalable par l’UNML.'),
    ],
    action: { texte: 'Une fois le diagnostic flash réalisé, déposer le rapport de diagnostic (constats et conclusions).' },
    suite: ['L’UNML vous proposera prochainement une date pour la visio de lancement (1 h), avec la Mission Locale.'],
  }),

  rappel_jalon: (m, c) => ({
    titre: `Rappel : jalon du plan d’action prévu le ${dateFr(m.date)}`,
    blocs: [
      p(`Dans le cadre de l’Appui Conseil de ${c.laMl}, vous êtes responsable de l’action « ${m.action} » du plan d’action. L’un de ses jalons arrive à échéance.`),
      liste('Jalon', [m.jalon]),
    ],
    action: { texte: 'Atteindre ce jalon et signaler à l’UNML qu’il est atteint.', echeance: { libelle: 'Date du jalon', valeur: dateFr(m.date) } },
    suite: [`Si ce jalon ne peut pas être tenu, merci de prévenir l’UNML au plus tôt : ${c.unmlContactEmail}.`],
  }),

  jalon_manque: (m, c) => ({
    titre: `Alerte : jalon du plan d’action non atteint au ${dateFr(m.date)}`,
    blocs: [
      p(`Le jalon « ${m.jalon} » de l’action « ${m.action} », prévu le ${dateFr(m.date)} dans le plan d’action de ${c.laMl}, n’a pas été signalé comme atteint.`),
      liste('Responsable de l’action', [m.responsable]),
      lienDossier(c),
    ],
    action: { texte: `Faire le point avec ${m.responsable} sur ce jalon et, si nécessaire, ajuster le plan d’action.` },
  }),

  rapport_diagnostic_depose: (m, c) => ({
    titre: 'Le rapport de diagnostic est disponible',
    blocs: [
      p(`${m.cabinetNom} a déposé le rapport de diagnostic flash de ${c.laMl} : ses constats et ses conclusions ouvrent le document de suivi de l’Appui Conseil.`),
      p('Votre regard sur ces constats compte : vos remarques sont transmises au cabinet et à votre interlocutrice UNML avant l’élaboration du plan d’action.'),
    ],
    action: { texte: 'Lire le rapport de diagnostic et, si vous le souhaitez, le commenter.' },
  }),

  commentaire_rapport: (m, c) => ({
    titre: 'Commentaire de la Mission Locale sur le rapport de diagnostic',
    blocs: [p(`${m.auteur} (${c.laMl}) a commenté le rapport de diagnostic :`), p(m.commentaire), lienDossier(c)],
    action: {
      texte:
        c.dossier.dispositif === 'diagnostic'
          ? 'Prendre en compte ce commentaire : le rapport peut être modifié (une nouvelle version est adressée à la Mission Locale) avant la revue finale avec l’UNML.'
          : 'Prendre en compte ce commentaire pour la suite de l’accompagnement (fiche de cadrage, plan d’action).',
    },
  }),

  alerte_budget_jours: (m, c) => ({
    titre: 'Alerte : 15 jours d’intervention atteints',
    blocs: [
      p(`L’Appui Conseil de ${c.laMl} compte désormais ${m.realises} d’intervention réalisés, sur un maximum de ${m.maximum}.`),
      p('Le dispositif prévoit de 15 à 20 jours d’intervention au total : toute journée au-delà du budget (un 21e jour, par exemple) nécessite une extension explicite du budget par l’UNML, avec un motif.'),
      lienDossier(c),
    ],
    action: { texte: 'Faire le point avec la Mission Locale et les intervenants sur les journées restantes, et décider si une extension du budget est nécessaire.' },
  }),

  deplacement_a_approuver: (m, c) => ({
    titre: 'Demande de déplacement à approuver',
    blocs: [
      p(`Un déplacement est demandé dans le cadre de l’Appui Conseil de ${c.laMl}. Les déplacements sont exceptionnels et doivent être approuvés au préalable par l’UNML.`),
      liste('Demande', [
        `Qui : ${m.qui}`,
        `Où : ${m.ou}`,
        `Quand : ${dateFr(m.quand)}`,
        `Pourquoi : ${m.pourquoi}`,
        `Coût estimé : ${eurosFr(m.coutEstimeEuros)}`,
      ]),
      lienDossier(c),
    ],
    action: { texte: 'Approuver ou refuser ce déplacement (en indiquant le motif d’un refus).', echeance: { libelle: 'Date du déplacement', valeur: dateFr(m.quand) } },
  }),

  deplacement_decide: (m, c) => ({
    titre: m.approuve ? 'Déplacement approuvé' : 'Déplacement refusé',
    blocs: [
      p(
        m.approuve
          ? `L’UNML approuve le déplacement à ${m.ou} prévu le ${dateFr(m.quand)}, dans le cadre de l’Appui Conseil de ${c.laMl}.`
          : `L’UNML n’approuve pas le déplacement à ${m.ou} prévu le ${dateFr(m.quand)}, dans le cadre de l’Appui Conseil de ${c.laMl}.`,
      ),
      ...(m.motif ? [liste(m.approuve ? 'Commentaire' : 'Motif', [m.motif])] : []),
    ],
    action: null,
    suite: [
      m.approuve
        ? 'Vous pouvez donc organiser ce déplacement.'
        : `Ce déplacement ne doit pas avoir lieu. Pour en échanger, l’UNML reste à votre disposition : ${c.unmlContactEmail}.`,
    ],
  }),

  relance_appel: (m, c) => {
    const avec = m.avec === 'ml' ? 'la Mission Locale' : 'les intervenants';
    return {
      titre: `Relance : appel de suivi avec ${avec} en retard`,
      blocs: [
        p(`Selon la fréquence d’appels que vous avez fixée pour l’Appui Conseil de ${c.laMl}, un appel de suivi intermédiaire avec ${avec} est attendu depuis le ${dateFr(m.depuis)}.`),
        lienDossier(c),
      ],
      action: { texte: `Appeler ${avec} et enregistrer l’appel dans le dossier.` },
    };
  },

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
    blocs: [p(`Vous avez demandé un nouveau lien pour le dossier ${c.de} de ${c.laMl}, le précédent ayant expiré.`)],
    action: { texte: `${m.actionLibelle}.` },
    suite: ['Si vous n’êtes pas à l’origine de cette demande, vous pouvez ignorer ce message.'],
  }),
};

// --- Shared layout -----------------------------------------------------------------------------------

interface LayoutModel extends Body {
  salutation: string;
  reference: { libelle: string; valeur: string }[];
  contact: string;
  lienAction?: string;
}

const SIGNATURE = 'L’équipe Dispositifs de l’UNML';
const NO_ACTION = 'Aucune action n’est attendue de votre part.';
const LIEN_ACTION = 'Le faire en ligne';
const LIEN_PERSONNEL = 'Ce lien vous est personnel et ne sert qu’une fois : merci de ne pas le transférer.';

const hbs = Handlebars.create();
const htmlLayout = hbs.compile<LayoutModel>(
  `<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>{{titre}}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #1d1d1b; max-width: 640px;">
<h1 style="font-size: 20px; color: #003b80;">{{titre}}</h1>
<p>{{salutation}}</p>
{{#each blocs}}
{{#if p}}<p>{{p}}</p>
{{/if}}
{{#if liste}}<p><strong>{{liste.titre}} :</strong></p>
<ul>{{#each liste.elements}}<li>{{this}}</li>{{/each}}</ul>
{{/if}}
{{#if lien}}<p>{{lien.libelle}} : {{#if lien.safe}}<a href="{{lien.url}}">{{lien.url}}</a>{{else}}{{lien.url}}{{/if}}</p>
{{/if}}
{{/each}}
<div style="border-left: 4px solid #003b80; background: #eef3fa; padding: 10px 14px; margin: 16px 0;">
{{#if action}}
<p style="margin: 0;"><strong>Action attendue de votre part :</strong> {{action.texte}}</p>
{{#if action.echeance}}
<p style="margin: 6px 0 0;"><strong>{{action.echeance.libelle}} :</strong> {{action.echeance.valeur}}</p>
{{/if}}
{{#if lienAction}}
<p style="margin: 12px 0 0;"><a href="{{lienAction}}" style="display: inline-block; background: #003b80; color: #ffffff; padding: 10px 16px; text-decoration: none; border-radius: 4px;">${LIEN_ACTION}</a></p>
<p style="margin: 6px 0 0; font-size: 13px; color: #444;">${LIEN_PERSONNEL}</p>
{{/if}}
{{else}}
<p style="margin: 0;">${NO_ACTION}</p>
{{/if}}
</div>
{{#each suite}}
<p>{{this}}</p>
{{/each}}
<table style="border-collapse: collapse; margin: 16px 0; font-size: 14px;">
{{#each reference}}<tr><td style="padding: 2px 12px 2px 0; color: #555;">{{libelle}}</td><td style="padding: 2px 0;"><strong>{{valeur}}</strong></td></tr>
{{/each}}
</table>
<p>Bien cordialement,<br>${SIGNATURE}</p>
<p style="font-size: 13px; color: #555;">Union Nationale des Missions Locales — pour toute question : <a href="mailto:{{contact}}">{{contact}}</a></p>
</body>
</html>
`,
  { strict: false },
);

function textLayout(m: LayoutModel): string {
  const lines: string[] = [m.titre, '', m.salutation, ''];
  for (const b of m.blocs) {
    if ('p' in b) lines.push(b.p, '');
    else if ('liste' in b) lines.push(`${b.liste.titre} :`, ...b.liste.elements.map((e) => `- ${e}`), '');
    else lines.push(`${b.lien.libelle} : ${b.lien.url}`, '');
  }
  if (m.action) {
    lines.push(`>> Action attendue de votre part : ${m.action.texte}`);
    if (m.action.echeance) lines.push(`>> ${m.action.echeance.libelle} : ${m.action.echeance.valeur}`);
    if (m.lienAction) lines.push(`>> ${LIEN_ACTION} : ${m.lienAction}`, `   ${LIEN_PERSONNEL}`);
  } else {
    lines.push(NO_ACTION);
  }
  lines.push('');
  for (const s of m.suite ?? []) lines.push(s, '');
  for (const r of m.reference) lines.push(`${r.libelle} : ${r.valeur}`);
  lines.push('', 'Bien cordialement,', SIGNATURE, '', `Union Nationale des Missions Locales — pour toute question : ${m.contact}`, '');
  return lines.join('\n');
}

/** Header-safe single line. */
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
const isWebUrl = (url: string): boolean => /^https?:\/\//i.test(url);

export function renderEmail(input: NotifyInput, ctx: RenderContext): RenderedEmail {
  const { dossier, message } = input;
  const disp = DISPOSITIFS[dossier.dispositif];
  const c: BodyContext = {
    ...ctx,
    dossier,
    de: disp.de,
    dispositif: disp.nom,
    laMl: laMissionLocale(dossier.mlNom),
    dossierUrl: `${ctx.publicUrl.replace(/\/+$/, '')}/api/dossiers/${encodeURIComponent(dossier.dossierId)}`,
  };
  // The mapped type guarantees TEMPLATES[kind] accepts this kind's message; TS cannot correlate the two.
  const template = TEMPLATES[message.kind] as (m: EmailMessage, c: BodyContext) => Body;
  const body = template(message, c);
  const model: LayoutModel = {
    ...body,
    // Only http(s) links become anchors: a javascript: URL stays plain (escaped) text.
    blocs: body.blocs.map((b) => ('lien' in b ? { lien: { ...b.lien, safe: isWebUrl(b.lien.url) } } : b)),
    salutation: body.salutation ?? 'Madame, Monsieur,',
    reference: [
      { libelle: 'Référence du dossier', valeur: dossier.dossierId },
      { libelle: 'Mission Locale', valeur: dossier.mlNom },
      { libelle: 'Région', valeur: dossier.regionNom },
      { libelle: 'Dispositif', valeur: disp.nom },
    ],
    contact: ctx.unmlContactEmail,
    ...(body.action && ctx.lienAction && isWebUrl(ctx.lienAction) ? { lienAction: ctx.lienAction } : {}),
  };
  return {
    subject: oneLine(`${body.titre} – ${disp.nom} – ${dossier.mlNom} (réf. ${dossier.dossierId})`),
    text: textLayout(model),
    html: htmlLayout(model),
  };
}
