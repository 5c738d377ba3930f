// The bodies of the emails only the Diagnostic sends: the binôme (proposed, accepting, constituted), its meetings,
// the programme, the questions to the ML, the reports and the closure; and the names of its meetings.
import { dureeFr } from '../../../domain/format';
import type { RendezvousDiagnostic } from '../kinds';
import { creneauChange, INVITATION_JOINTE, lienDossier, liste, p, rendezVous, type Block, type Bodies, type BodyContext } from '../layout';

/** The Diagnostic's meetings, named as a visio is ("la …"). */
export const RENDEZVOUS_DIAGNOSTIC: Record<RendezvousDiagnostic, { nom: string; objet: string }> = {
  mise_en_commun: { nom: 'mise en commun des analyses', objet: 'Le binôme met en commun ses analyses du dossier (jusqu’à trois heures).' },
  journee_sur_site: { nom: 'journée sur site', objet: 'Le binôme rencontre les personnes convenues avec la direction.' },
  revue_finale: { nom: 'revue finale du rapport', objet: 'Le binôme revoit le rapport avec l’UNML et arrête ses préconisations.' },
};

/** The public demand form of an accompaniment a Diagnostic proposes (api/pages/demande.ts: /demande/<slug>). */
const FORMULAIRES_SUITE = {
  compagnonnage: { slug: 'compagnonnage', nom: 'le Compagnonnage' },
  appui_conseil: { slug: 'appui-conseil', nom: 'l’Appui Conseil' },
} as const;

/** "mise en commun des analyses" → "Mise en commun des analyses" (a meeting's name as a title). */
const majuscule = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What the ML does to take up the proposed accompaniment: ask for it from its public form, citing this diagnostic. */
function suiteProposee(dispositif: keyof typeof FORMULAIRES_SUITE, c: BodyContext): Block[] {
  const f = FORMULAIRES_SUITE[dispositif];
  return [
    p(
      `Pour en bénéficier, la présidence ou la direction de la Mission Locale dépose sa demande pour ${f.nom} avec le formulaire en ligne ` +
        `ci-dessous, en rappelant dans sa description la référence de ce diagnostic (${c.dossier.dossierId}) ; l’UNML l’examine au vu de ses ` +
        'conclusions.',
    ),
    { lien: { libelle: `Demander ${f.nom}`, url: `${c.publicUrl.replace(/\/+$/, '')}/demande/${f.slug}` } },
  ];
}

export const BODIES_DIAGNOSTIC = {
  binomes_proposes: (m, c) => ({
    titre: 'Binômes de diagnostiqueurs proposés pour ce dossier',
    blocs: [
      p(
        `Le vivier d’experts propose, pour le diagnostic de ${c.laMl} (${c.dossier.regionNom}), les binômes suivants : ` +
          `un·e consultant·e de cabinet et un·e directeur·rice de Mission Locale, jamais de la région de la Mission Locale ni la connaissant déjà (règle ` +
          `d’impartialité), classés selon leurs scores individuels et la complémentarité de leurs expertises sur les thématiques demandées :`,
      ),
      ...m.binomes.map((x) => liste(x.resume, x.raisons)),
      lienDossier(c),
    ],
    action: { texte: 'Désigner chacun·e des deux diagnostiqueur·ses (ou une autre personne, la désignation manuelle étant enregistrée comme telle).' },
  }),

  diagnostiqueur_a_accepter: (m, c) => ({
    titre: 'Proposition de diagnostic : acceptez-vous ?',
    blocs: [
      p(
        `L’UNML vous propose de réaliser, en tant que ${m.role.toLowerCase()}, le diagnostic de ${c.laMl} ` +
          `(${c.dossier.regionNom})${m.autre ? `, en binôme avec ${m.autre.nom}` : ', en binôme'}.`,
      ),
      p(
        'La démarche : chacun analyse le dossier de son côté, puis vous mettez vos analyses en commun (jusqu’à trois heures) ; ' +
          'vous convenez avec la direction des personnes à rencontrer ; une journée sur site ; un débriefing avec l’UNML ; ' +
          'un rapport normé rempli par chacun, puis croisé ; la Mission Locale a son mot à dire ; une revue finale avec l’UNML.',
      ),
      p('Règle d’impartialité : si vous connaissez déjà la présidence ou la direction de cette Mission Locale, déclinez en l’indiquant.'),
    ],
    action: { texte: 'Accepter ce diagnostic, ou le décliner en indiquant la raison.' },
  }),

  binome_constitue: (m, c) => ({
    titre: 'Le binôme de diagnostiqueurs est constitué',
    blocs: [
      p(
        `Le diagnostic de ${c.laMl} sera réalisé par ${m.consultant.nom} (${m.consultant.email}), consultant·e, ` +
          `et ${m.directeur.nom} (${m.directeur.email}), directeur·rice de Mission Locale.`,
      ),
      p(
        'Chacun·e analyse d’abord le dossier de son côté ; le binôme mettra ensuite ses analyses en commun et vous proposera les ' +
          'personnes qu’il souhaite rencontrer.',
      ),
    ],
    // The diagnostiqueurs get a personal link to their analysis; the ML, informed, has nothing to do.
    action: c.lienAction ? { texte: 'Déposer votre analyse individuelle du dossier.' } : null,
  }),

  invitation_diagnostic: (m, c) => ({
    titre: `${m.replanifiee ? 'Nouvelle date : ' : ''}${majuscule(RENDEZVOUS_DIAGNOSTIC[m.evenement].nom)}`,
    blocs: [
      ...creneauChange(m),
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
    action: {
      texte: c.lienAction ? 'Confirmer votre présence, ou proposer un autre créneau.' : 'Participer à ce rendez-vous.',
      echeance: rendezVous(m.debut),
    },
  }),

  programme_a_valider: (m, c) => ({
    titre: 'Les rencontres du diagnostic à convenir avec vous',
    blocs: [p(`Pour la journée sur site du diagnostic de ${c.laMl}, le binôme souhaite rencontrer :`), liste('Personnes à rencontrer', m.rencontres)],
    action: { texte: 'Confirmer ce programme à l’UNML, ou proposer des modifications.' },
  }),

  programme_repondu: (m, c) => ({
    titre: m.accepte ? 'La direction a validé le programme des rencontres' : 'La direction demande des changements au programme des rencontres',
    blocs: [
      p(
        `La direction de ${c.laMl}${m.par ? ` (${m.par})` : ''} ` +
          (m.accepte
            ? 'a validé le programme des rencontres de la journée sur site.'
            : 'souhaite des changements au programme des rencontres de la journée sur site.'),
      ),
      liste(m.accepte ? 'Personnes à rencontrer' : 'Programme proposé', m.rencontres),
      ...(m.commentaire ? [liste('Commentaire de la direction', [m.commentaire])] : []),
    ],
    action: m.accepte ? null : { texte: 'Proposer un programme révisé, qui tienne compte de ce commentaire.' },
    suite: m.accepte ? ['L’UNML planifie maintenant la journée sur site : vous en recevrez l’invitation.'] : undefined,
  }),

  precisions_demandees: (m, c) => ({
    titre: 'Le binôme de diagnostiqueurs vous demande des précisions',
    blocs: [p(`Pour rédiger le rapport de diagnostic de ${c.laMl}, le binôme a besoin de précisions :`), liste(`Question ${m.numero}`, [m.question])],
    action: { texte: 'Répondre à cette question.' },
  }),

  precisions_apportees: (m, c) => ({
    titre: 'La Mission Locale a répondu à votre question',
    blocs: [p(`${c.laMl} a répondu à votre question ${m.numero} :`), liste('Question', [m.question]), liste('Réponse', [m.reponse])],
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

  rapport_norme_attendu: (m, c) => ({
    titre: 'Votre rapport normé',
    blocs: [
      p(
        `Le débriefing du diagnostic de ${c.laMl} avec l’UNML a eu lieu. Chacun·e remplit maintenant son rapport normé, seul·e : ` +
          `forces, faiblesses et préconisations.`,
      ),
      liste('Premières pistes de travail retenues', m.pistes),
      p('Une fois les deux rapports déposés, le binôme les croise pour rédiger le rapport de diagnostic.'),
    ],
    action: { texte: 'Déposer votre rapport normé.' },
  }),

  diagnostic_cloture: (m, c) => ({
    titre: 'Le diagnostic est terminé',
    blocs: [
      p(`Le diagnostic de ${c.laMl} a fait l’objet de sa revue finale avec l’UNML ; le dossier est désormais clos.`),
      liste('Conclusions', [m.conclusions]),
      p(
        m.accompagnement
          ? `Au vu des préconisations, l’UNML propose à la Mission Locale un accompagnement : ${m.accompagnement}.`
          : 'Au vu des préconisations, aucun accompagnement n’est nécessaire à ce stade.',
      ),
      // How to take the accompaniment up: its public demand form (emails of runs that did not say which carry none),
      // or, since issue #14, the direction's personal link, which starts the dossier once accepted.
      ...(m.dispositifPropose && !m.reponseParLien ? suiteProposee(m.dispositifPropose, c) : []),
      ...(m.dispositifPropose && m.reponseParLien
        ? [
            p(
              `Acceptez ou déclinez cette proposition avec le lien ci-dessous : acceptée, la demande pour ${FORMULAIRES_SUITE[m.dispositifPropose].nom} ` +
                `est déposée pour vous, avec les données de la Mission Locale et les conclusions de ce diagnostic (${c.dossier.dossierId}).`,
            ),
          ]
        : []),
    ],
    // Only the ML's own email names the dispositif's key: it is the one to ask for the accompaniment.
    action: m.dispositifPropose
      ? m.reponseParLien
        ? { texte: `Accepter ou décliner ${FORMULAIRES_SUITE[m.dispositifPropose].nom} proposé par l’UNML.` }
        : { texte: `Si vous souhaitez ${FORMULAIRES_SUITE[m.dispositifPropose].nom}, en faire la demande avec le formulaire en ligne ci-dessus.` }
      : null,
    suite: [`L’UNML reste à votre disposition : ${c.unmlContactEmail}.`],
  }),

  suite_diagnostic_repondue: (m, c) => ({
    titre: !m.accepte
      ? `La Mission Locale décline l’accompagnement proposé (${m.dispositif})`
      : m.dossierId
        ? `L’accompagnement proposé est accepté : dossier ${m.dossierId}`
        : `L’accompagnement proposé est accepté, mais la demande n’est pas recevable`,
    blocs: [
      p(
        `La direction de ${c.laMl}${m.par ? ` (${m.par})` : ''} ${m.accepte ? 'accepte' : 'décline'} l’accompagnement proposé à l’issue du ` +
          `diagnostic ${c.dossier.dossierId} : ${m.dispositif}.`,
      ),
      ...(m.motif ? [liste('Motif', [m.motif])] : []),
      ...(m.dossierId ? [p(`Le dossier ${m.dossierId} est ouvert, issu de ce diagnostic ; l’UNML l’examine et revient vers vous.`)] : []),
      ...(m.motifs?.length ? [liste('La demande n’a pas pu être déposée', m.motifs)] : []),
    ],
    action: null,
    suite: [`L’UNML reste à votre disposition : ${c.unmlContactEmail}.`],
  }),
} satisfies Partial<Bodies>;
