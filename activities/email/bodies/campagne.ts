// The bodies of a regional campaign's emails (seed 004's démarche de progrès over the Missions Locales of a région;
// seed 002's survey of the directors): the launch and its meetings, the support and its commitments, the état des
// lieux par structure and its review by the director, the analyse transversale, the projet de structure (3 years)
// and the yearly dialogue de gestion with the State, the Région and the ML; and the names of its meetings.
import { LIBELLES_PHASES, type Phase } from '../../../domain/campagne';
import { dateFr, dureeFr } from '../../../domain/format';
import { laMissionLocale } from '../../../domain/schemas';
import type { ReunionCampagneKind } from '../kinds';
import { creneauChange, INVITATION_JOINTE, liste, p, rendezVous, titreInvitation, type Block, type Bodies, type BodyContext } from '../layout';

/** The campaign's meetings: their French name ("le …") and what they are for. */
export const REUNIONS_CAMPAGNE: Record<ReunionCampagneKind, { nom: string; objet: string }> = {
  groupe_de_travail: {
    nom: 'groupe de travail des directions',
    objet:
      'Il réunit des directeur·rices de Missions Locales pour présenter la méthodologie de la démarche de progrès et l’ajuster ' +
      '(si nécessaire et dans certaines limites), afin de construire ensemble l’adhésion à la démarche.',
  },
  presentation_presidents: {
    nom: 'réunion de présentation aux présidences',
    objet: 'Elle présente aux présidentes et présidents des Missions Locales la démarche de progrès, ses engagements et son calendrier.',
  },
  presentation_directeurs: {
    nom: 'réunion de présentation aux directions',
    objet: 'Elle présente aux directrices et directeurs des Missions Locales la démarche de progrès, ses engagements et son calendrier.',
  },
  restitution: {
    nom: 'restitution par territoire',
    objet:
      'Elle restitue aux présidences et aux directions du territoire l’analyse transversale des états des lieux (bonnes pratiques, ' +
      'difficultés structurelles, freins extérieurs) et les préconisations qui en sont issues.',
  },
  dialogue_gestion: {
    nom: 'dialogue de gestion',
    objet:
      'Il réunit l’État, la Région et la Mission Locale pour échanger sur les résultats du plan d’action de l’année et réfléchir ensemble ' +
      'aux actions futures ; les indicateurs de l’axe 3 y sont examinés.',
  },
};

/** What the campaign's later steps are called, next to seed 004's three phases. */
const AUTRES_PHASES: Record<string, string> = {
  suivi: 'suivi : projets de structure et dialogues de gestion',
  cloturee: 'clôture',
  annulee: 'annulation',
};

/** A phase's French name ("état des lieux par structure"); a phase named in French already stays as it is. */
export function phaseFr(phase: string): string {
  return (LIBELLES_PHASES as Record<string, string>)[phase as Phase] ?? AUTRES_PHASES[phase] ?? phase;
}

/** "la démarche de progrès « … »" for the campaign's own emails, "la démarche de progrès" for an ML's. */
const laDemarche = (c: BodyContext): string => (c.campagne === 'campagne' ? `la démarche de progrès « ${c.dossier.mlNom} »` : 'la démarche de progrès');

/** UNML's link to the campaign (an ML's emails too: the campaign shows every ML's état des lieux). */
const lienCampagne = (c: BodyContext): Block => ({ lien: { libelle: 'Consulter la campagne', url: c.dossierUrl } });

const majuscule = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The seed's promise on axe 3: settled with the structure, never alone, and the Région's final choice argued. */
const AXE3_ARGUMENTE =
  'Les indicateurs de l’axe 3 donnent lieu à un échange argumenté avec la structure et ne sont pas renseignés unilatéralement ' +
  'par la Région : le choix final de la Région sera argumenté.';

export const BODIES_CAMPAGNE = {
  campagne_lancee: (m, c) => ({
    titre: 'Lancement de la démarche de progrès',
    blocs: [
      p(
        `L’État et la Région lancent, avec l’UNML, la démarche de progrès « ${m.nomCampagne} » (${c.dossier.regionNom}), qui vise à appuyer ` +
          'le réseau des Missions Locales dans l’amélioration du service rendu aux jeunes.',
      ),
      liste(
        'Les étapes et leur calendrier',
        m.phases.map((ph) => `${majuscule(ph.libelle)} : du ${dateFr(ph.debut)} au ${dateFr(ph.fin)}`),
      ),
      p(
        `La démarche est conduite par un·e consultant·e neutre, ${m.consultant.nom} (${m.consultant.email}) : entretiens de contextualisation, ` +
          'groupe de travail des directions, puis un état des lieux par structure, relu et validé par chaque direction, avant l’analyse ' +
          'transversale et ses préconisations, restituées par territoire.',
      ),
      p(
        'À son terme, chaque Mission Locale se dote d’un projet de structure valable 3 ans, assorti d’un plan d’action, revu chaque année ' +
          'lors d’un dialogue de gestion entre l’État, la Région et la Mission Locale.',
      ),
    ],
    action: null,
    suite: ['Vous recevrez les invitations aux réunions de présentation et le support de la démarche dans les prochains jours.'],
  }),

  invitation_reunion_campagne: (m, c) => {
    const reunion = REUNIONS_CAMPAGNE[m.reunion];
    return {
      titre: `${titreInvitation(m)} : ${m.titre} le ${dateFr(m.debut)}`,
      blocs: [
        ...creneauChange(m),
        p(
          `Vous êtes invité(e) à la réunion « ${m.titre} »${m.territoire && !m.titre.includes(m.territoire) ? ` du territoire ${m.territoire}` : ''} ` +
            `de ${laDemarche(c)}, ` +
            `d’une durée de ${dureeFr(m.dureeMinutes)}.`,
        ),
        p(reunion.objet),
        liste('Réunion', [majuscule(reunion.nom)]),
        ...(m.lieu ? [liste('Lieu', [m.lieu])] : []),
        ...(m.lien ? [{ lien: { libelle: 'Lien de connexion', url: m.lien } }] : []),
        p(INVITATION_JOINTE),
      ],
      action: { texte: `Participer à la réunion « ${m.titre} ».`, echeance: rendezVous(m.debut) },
      suite: [`En cas d’empêchement, merci de prévenir l’UNML au plus tôt : ${c.unmlContactEmail}.`],
    };
  },

  support_demarche: (m, c) => ({
    titre: 'Le support de la démarche de progrès et ses engagements',
    blocs: [
      p(
        `Le support « ${m.nomSupport} » présente ${laDemarche(c)} : sa méthodologie, son calendrier et les engagements de chacun ` +
          '(maîtrise de la communication, participation aux entretiens, relecture de l’état des lieux de votre structure).',
      ),
      ...(m.url ? [{ lien: { libelle: 'Consulter le support', url: m.url } }] : []),
    ],
    action: { texte: 'Prendre connaissance du support et des engagements, et en accuser réception pour votre Mission Locale.' },
    suite: ['Un seul accusé de réception par Mission Locale suffit : la direction ou la présidence.'],
  }),

  phase_campagne: (m, c) => ({
    titre: `Démarche de progrès : phase « ${phaseFr(m.phase)} »`,
    blocs: [
      p(
        `${majuscule(laDemarche(c))} entre dans la phase « ${phaseFr(m.phase)} »` +
          (m.debut && m.fin ? `, du ${dateFr(m.debut)} au ${dateFr(m.fin)}.` : m.fin ? `, jusqu’au ${dateFr(m.fin)}.` : '.'),
      ),
      ...(m.progression ? [liste('États des lieux par structure', [m.progression])] : []),
      ...(m.manquantes?.length
        ? [liste('Phase close sans la validation de l’état des lieux de', m.manquantes), p('Ces Missions Locales restent dans la démarche.')]
        : []),
      lienCampagne(c),
    ],
    action: null,
  }),

  etat_des_lieux_ouvert: (m, c) => ({
    titre: 'L’état des lieux de votre structure commence',
    blocs: [
      p(
        `Dans le cadre de ${laDemarche(c)}, l’état des lieux par structure de ${c.laMl} commence. Il décrit les conditions d’exercice de ` +
          'la structure à partir de l’analyse du binôme présidence-direction ; il ne s’agit pas d’une évaluation de ses résultats.',
      ),
      liste('Les documents à transmettre au consultant pour l’étude documentaire', m.documents),
      p('Le consultant vous proposera des entretiens avec la présidence et la direction (et la direction adjointe dans les grandes structures).'),
    ],
    action: {
      texte: 'Transmettre ces documents au consultant (fichiers ou liens).',
      ...(m.fin ? { echeance: { libelle: 'Fin de l’état des lieux', valeur: dateFr(m.fin) } } : {}),
    },
    suite: ['Une fois l’état des lieux rédigé, la direction le relit et le valide, ou le retourne au consultant avec ses commentaires.'],
  }),

  etat_des_lieux_a_valider: (m, c) => ({
    titre: m.version > 1 ? `L’état des lieux de votre structure, revu (version ${m.version}) : à valider` : 'L’état des lieux de votre structure : à valider',
    blocs: [
      p(
        `Le consultant a formalisé l’état des lieux de ${c.laMl}${m.version > 1 ? ', revu à la suite de vos commentaires' : ''}. ` +
          'Il vous revient, en tant que direction, de le relire.',
      ),
      liste('Synthèse', [m.synthese]),
      p('Si un point vous paraît bloquant, dites-le dans vos commentaires : le consultant et l’UNML en sont informés.'),
    ],
    action: { texte: 'Valider l’état des lieux, ou le retourner au consultant avec vos commentaires.' },
  }),

  relance_etat_des_lieux: (m, c) => ({
    titre: 'Relance : l’état des lieux de votre structure attend votre relecture',
    blocs: [
      p(
        `Sauf erreur de notre part, l’état des lieux de ${c.laMl} (version ${m.version}), adressé le ${dateFr(m.envoyeLe)}, ` +
          'n’a été ni validé ni retourné au consultant.',
      ),
      p('Sans réponse de votre part, le consultant et l’UNML en seront informés.'),
    ],
    action: { texte: 'Valider l’état des lieux, ou le retourner au consultant avec vos commentaires.' },
  }),

  escalade_etat_des_lieux: (m, c) => ({
    titre: 'État des lieux sans réponse de la direction',
    blocs: [
      p(
        `L’état des lieux de ${c.laMl} (version ${m.version}), adressé à sa direction le ${dateFr(m.envoyeLe)}, n’a été ni validé ni ` +
          'retourné, malgré la relance.',
      ),
      lienCampagne(c),
    ],
    action: { texte: 'Prendre contact avec la direction de la Mission Locale pour obtenir sa relecture.' },
  }),

  etat_des_lieux_retourne: (m, c) => ({
    titre: 'État des lieux retourné avec des commentaires',
    blocs: [
      p(`La direction de ${c.laMl} retourne l’état des lieux (version ${m.version}) avec ses commentaires :`),
      liste('Commentaires de la direction', [m.commentaires]),
      lienCampagne(c),
    ],
    action: { texte: 'Reprendre l’état des lieux en tenant compte de ces commentaires, puis l’adresser de nouveau à la direction.' },
  }),

  etat_des_lieux_valide: (m, c) => ({
    titre: 'État des lieux validé',
    blocs: [
      p(`La direction de ${c.laMl} a validé son état des lieux (version ${m.version}).`),
      ...(m.progression ? [liste('Avancement de la phase', [m.progression])] : []),
      lienCampagne(c),
    ],
    action: null,
    suite: ['L’analyse transversale s’ouvrira une fois tous les états des lieux validés (ou la phase close par l’UNML).'],
  }),

  point_bloquant_campagne: (m, c) => ({
    titre: m.leve ? 'Point bloquant levé' : 'Point bloquant signalé',
    blocs: [
      p(m.leve ? `Le point bloquant de l’état des lieux de ${c.laMl} est levé.` : `Un point bloquant est signalé dans l’état des lieux de ${c.laMl} :`),
      liste('Point bloquant', [m.point]),
      lienCampagne(c),
    ],
    action: m.leve ? null : { texte: 'Examiner ce point avec la Mission Locale et le consultant, et le lever une fois résolu.' },
  }),

  ml_retiree_campagne: (m, c) => ({
    titre: `Retrait de la démarche de progrès : ${m.mlNom}`,
    blocs: [p(`${majuscule(laMissionLocale(m.mlNom))} se retire de ${laDemarche(c)}.`), liste('Motif', [m.motif])],
    action: null,
    suite: ['Son état des lieux n’est plus attendu ; l’avancement de la phase est calculé sans elle.'],
  }),

  enquete_campagne: (m, c) => ({
    titre: 'Enquête auprès des directions : votre avis',
    blocs: [
      p(
        `Dans le cadre de ${laDemarche(c)}, les directions des Missions Locales de la région sont interrogées sur les activités qu’elles ` +
          'souhaiteraient mutualiser. Une réponse par Mission Locale : oui ou non à chaque question.',
      ),
      liste('Les questions', m.questions),
      p('Les résultats (la part de réponses favorables à chaque question) sont présentés à l’UNML et aux financeurs.'),
    ],
    action: {
      texte: 'Répondre à l’enquête pour votre Mission Locale.',
      ...(m.reponsesAvant ? { echeance: { libelle: 'Réponses reçues jusqu’au', valeur: dateFr(m.reponsesAvant) } } : {}),
    },
  }),

  projet_structure_enregistre: (m, c) => ({
    titre: 'Le projet de structure est enregistré',
    blocs: [
      p(
        `Le projet de structure de ${c.laMl} est enregistré : il est valable 3 ans, du ${dateFr(m.valideDu)} au ${dateFr(m.valideAu)}. ` +
          'Il analyse les besoins des jeunes du territoire, réinterroge l’offre de services et ses moyens, et fixe le plan d’action.',
      ),
      p('Son plan d’action est revu chaque année lors du dialogue de gestion entre l’État, la Région et la Mission Locale.'),
    ],
    action: null,
    suite: ['Trois mois avant la fin de sa validité, un message vous rappellera de le renouveler.'],
  }),

  projet_structure_a_renouveler: (m, c) => ({
    titre: m.expire ? 'Le projet de structure a expiré' : `Le projet de structure expire le ${dateFr(m.valideAu)}`,
    blocs: [
      p(
        m.expire
          ? `Le projet de structure de ${c.laMl} n’est plus valable depuis le ${dateFr(m.valideAu)}.`
          : `Le projet de structure de ${c.laMl} arrive à échéance le ${dateFr(m.valideAu)}.`,
      ),
      p('Un nouveau projet de structure (besoins des jeunes, offre de services et moyens, plan d’action, besoins non couverts) est à établir pour 3 ans.'),
    ],
    action: {
      texte: 'Établir le nouveau projet de structure et le transmettre à l’UNML.',
      echeance: { libelle: 'Fin de validité', valeur: dateFr(m.valideAu) },
    },
  }),

  dialogue_gestion_a_preparer: (m, c) => ({
    titre: `Dialogue de gestion ${m.annee} à préparer`,
    blocs: [
      p(
        `Le dialogue de gestion ${m.annee} de ${c.laMl} réunira l’État, la Région et la Mission Locale : il revient sur les résultats du ` +
          'plan d’action et sur les actions futures, et arrête l’axe 3.',
      ),
      ...(m.chiffres
        ? [
            liste(
              `Les chiffres de l’année ${m.chiffres.annee} (année n-1)`,
              m.chiffres.lignes.map((l) => `${l.libelle} : ${l.valeur}`),
            ),
          ]
        : [p('Les chiffres de l’année n-1 ne sont pas encore connus : ils seront joints dès leur enregistrement.')]),
      ...(m.planAction.length ? [liste('Le plan d’action à revoir', m.planAction)] : []),
      ...(m.axe3.length ? [liste('Les indicateurs de l’axe 3 à examiner', m.axe3)] : []),
      p(AXE3_ARGUMENTE),
    ],
    action: { texte: 'Préparer le dialogue de gestion : le bilan du plan d’action et vos éléments sur les indicateurs de l’axe 3.' },
    suite: ['L’UNML vous adressera l’invitation au dialogue de gestion.'],
  }),

  relance_dialogue_gestion: (m, c) => ({
    titre: `Relance : dialogue de gestion ${m.annee} ni planifié ni tenu`,
    blocs: [p(`Le dialogue de gestion ${m.annee} de ${c.laMl} n’est encore ni planifié ni enregistré.`), lienCampagne(c)],
    action: { texte: 'Planifier le dialogue de gestion avec l’État, la Région et la Mission Locale, ou enregistrer celui qui s’est tenu.' },
  }),

  dialogue_gestion_tenu: (m, c) => ({
    titre: `Dialogue de gestion ${m.annee} : compte rendu`,
    blocs: [
      p(`Le dialogue de gestion ${m.annee} de ${c.laMl} s’est tenu entre l’État, la Région et la Mission Locale.`),
      liste('Revue du plan d’action', [m.revuePlanAction]),
      liste(
        'Axe 3 arrêté',
        m.axe3.map((l) => `${l.libelle} : ${l.valeur}`),
      ),
      liste('Le choix de la Région, argumenté', [m.motif]),
    ],
    action: null,
    suite: ['Le solde de la subvention est calculé sur cette base.'],
  }),

  campagne_cloturee: (m, c) => ({
    titre: 'La démarche de progrès est close',
    blocs: [p(`${majuscule(laDemarche(c))} est close.`), ...(m.motif ? [liste('Motif', [m.motif])] : [])],
    action: null,
    suite: ['Nous remercions chaleureusement les Missions Locales, les financeurs et le consultant pour leur engagement.'],
  }),

  campagne_annulee: (m, c) => ({
    titre: 'La démarche de progrès est annulée',
    blocs: [p(`${majuscule(laDemarche(c))} est annulée : les réunions à venir sont annulées et plus rien n’est attendu de vous.`), liste('Motif', [m.motif])],
    action: null,
    suite: [`Pour toute question, l’UNML reste à votre disposition : ${c.unmlContactEmail}.`],
  }),
} satisfies Partial<Bodies>;
