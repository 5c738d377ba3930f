// The bodies of the emails only the Appui Conseil sends: the cabinet, the rapport de diagnostic, the plan d'action's
// milestones, the days budget, travel requests and follow-up calls; and the names of its visios (several intervenants).
import { dateFr, dateHeureFr, eurosFr } from '../../../domain/format';
import type { VisioKind } from '../kinds';
import { lienDossier, liste, p, type Bodies } from '../layout';

/** Appui Conseil's visios gather a cabinet's consultants and, possibly, network members: several intervenants. */
export const VISIOS_APPUI_CONSEIL: Partial<Record<VisioKind, { nom: string; objet: string }>> = {
  lancement: {
    nom: 'visio de lancement',
    objet:
      'Elle réunit la Mission Locale, les intervenants (le cabinet et, le cas échéant, les membres du réseau) et l’UNML pour lancer l’intervention : ' +
      'besoin, objectifs et calendrier.',
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

export const BODIES_APPUI_CONSEIL = {
  cabinet_mobilise: (m, c) => ({
    titre: 'Mobilisation de votre cabinet',
    blocs: [
      p(
        `L’UNML mobilise le cabinet ${m.cabinetNom} pour l’Appui Conseil de ${c.laMl} (${c.dossier.regionNom}). ` +
          `Ce dispositif accompagne les Missions Locales qui traversent une situation particulièrement délicate.`,
      ),
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
      p(
        `Dans le cadre de l’Appui Conseil de ${c.laMl}, vous êtes responsable de l’action « ${m.action} » du plan d’action. ` +
          `L’un de ses jalons arrive à échéance.`,
      ),
      liste('Jalon', [m.jalon]),
    ],
    action: { texte: 'Atteindre ce jalon et signaler à l’UNML qu’il est atteint.', echeance: { libelle: 'Date du jalon', valeur: dateFr(m.date) } },
    suite: [`Si ce jalon ne peut pas être tenu, merci de prévenir l’UNML au plus tôt : ${c.unmlContactEmail}.`],
  }),

  jalon_manque: (m, c) => ({
    titre: `Alerte : jalon du plan d’action non atteint au ${dateFr(m.date)}`,
    blocs: [
      p(
        `Le jalon « ${m.jalon} » de l’action « ${m.action} », prévu le ${dateFr(m.date)} dans le plan d’action de ${c.laMl}, ` +
          `n’a pas été signalé comme atteint.`,
      ),
      liste('Responsable de l’action', [m.responsable]),
      lienDossier(c),
    ],
    action: { texte: `Faire le point avec ${m.responsable} sur ce jalon et, si nécessaire, ajuster le plan d’action.` },
  }),

  rapport_diagnostic_depose: (m, c) => ({
    titre: 'Le rapport de diagnostic est disponible',
    blocs: [
      p(
        `${m.cabinetNom} a déposé le rapport de diagnostic flash de ${c.laMl} : ses constats et ses conclusions ouvrent le ` +
          `document de suivi de l’Appui Conseil.`,
      ),
      p('Votre regard sur ces constats compte : vos remarques sont transmises au cabinet et à votre interlocutrice UNML avant l’élaboration du plan d’action.'),
    ],
    action: { texte: 'Lire le rapport de diagnostic et, si vous le souhaitez, le commenter.' },
  }),

  alerte_budget_jours: (m, c) => ({
    titre: 'Alerte : 15 jours d’intervention atteints',
    blocs: [
      p(`L’Appui Conseil de ${c.laMl} compte désormais ${m.realises} d’intervention réalisés, sur un maximum de ${m.maximum}.`),
      p(
        'Le dispositif prévoit de 15 à 20 jours d’intervention au total : toute journée au-delà du budget (un 21e jour, ' +
          'par exemple) nécessite une extension explicite du budget par l’UNML, avec un motif.',
      ),
      lienDossier(c),
    ],
    action: {
      texte: 'Faire le point avec la Mission Locale et les intervenants sur les journées restantes, et décider si une extension du budget est nécessaire.',
    },
  }),

  deplacement_a_approuver: (m, c) => ({
    titre: 'Demande de déplacement à approuver',
    blocs: [
      p(
        `Un déplacement est demandé dans le cadre de l’Appui Conseil de ${c.laMl}. ` +
          `Les déplacements sont exceptionnels et doivent être approuvés au préalable par l’UNML.`,
      ),
      liste('Demande', [
        `Qui : ${m.qui}`,
        `Où : ${m.ou}`,
        `Quand : ${dateHeureFr(m.quand)}`,
        `Pourquoi : ${m.pourquoi}`,
        `Coût estimé : ${eurosFr(m.coutEstimeEuros)}`,
      ]),
      lienDossier(c),
    ],
    action: {
      texte: 'Approuver ou refuser ce déplacement (en indiquant le motif d’un refus).',
      echeance: { libelle: 'Date du déplacement', valeur: dateHeureFr(m.quand) },
    },
  }),

  deplacement_decide: (m, c) => ({
    titre: m.approuve ? 'Déplacement approuvé' : 'Déplacement refusé',
    blocs: [
      p(
        m.approuve
          ? `L’UNML approuve le déplacement à ${m.ou} prévu le ${dateHeureFr(m.quand)}, dans le cadre de l’Appui Conseil de ${c.laMl}.`
          : `L’UNML n’approuve pas le déplacement à ${m.ou} prévu le ${dateHeureFr(m.quand)}, dans le cadre de l’Appui Conseil de ${c.laMl}.`,
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
        p(
          `Selon la fréquence d’appels que vous avez fixée pour l’Appui Conseil de ${c.laMl}, ` +
            `un appel de suivi intermédiaire avec ${avec} est attendu depuis le ${dateFr(m.depuis)}.`,
        ),
        lienDossier(c),
      ],
      action: { texte: `Appeler ${avec} et enregistrer l’appel dans le dossier.` },
    };
  },

  appui_acte_signe: (m, c) => ({
    titre: 'Acte d’engagement signé',
    blocs: [
      p(`L’acte d’engagement de l’Appui Conseil est signé par ${c.laMl} le ${dateHeureFr(m.signeLe)} : elle s’engage à participer activement jusqu’au terme.`),
      liste('Signataire', [m.signataire]),
      lienDossier(c),
    ],
    action: { texte: 'Planifier la visio de lancement (1 h) avec la Mission Locale et les intervenants.' },
  }),

  appui_fiche_cadrage: (m, c) => ({
    titre: 'Fiche de cadrage déposée',
    blocs: [
      p(`La fiche de cadrage de l’Appui Conseil de ${c.laMl} est déposée : elle fixe le besoin et les objectifs de l’intervention.`),
      liste('Besoin', [m.besoin]),
      liste('Objectifs', m.objectifs),
      lienDossier(c),
    ],
    action: null,
    suite: ['Le cabinet élabore maintenant le plan d’action (responsables et rétroplanning), qui ouvre la mise en œuvre.'],
  }),

  appui_mise_en_oeuvre_terminee: (m, c) => ({
    titre: 'Fin de la mise en œuvre',
    blocs: [
      p(`La mise en œuvre de l’Appui Conseil de ${c.laMl} est terminée : ${m.realises} d’intervention réalisés, pour un budget de ${m.plafond}.`),
      ...(m.motif ? [liste('Motif', [m.motif])] : []),
      lienDossier(c),
    ],
    action: { texte: 'Planifier les visios bilan (avec la Mission Locale, puis avec les intervenants), puis déposer la fiche bilan.' },
  }),
} satisfies Partial<Bodies>;
