// The bodies of the emails only the Compagnonnage sends: the instruction of its demand (waiting list, complements,
// hand-over) and the sessions of its hour package (planned, logged, contested, reminded, alerts), then the bilan.
import { dateFr, dateHeureFr, delaiFr, dureeFr, tailleFr } from '../../../domain/format';
import { creneauChange, dateLimite, INVITATION_JOINTE, lienDossier, liste, p, rendezVous, type Bodies } from '../layout';

export const BODIES_COMPAGNONNAGE = {
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
    blocs: [p(`Pour instruire la demande ${c.de} de ${c.laMl}, l’UNML a besoin des éléments suivants :`), liste('Éléments à compléter', [m.aCompleter])],
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

  seance_a_confirmer: (m, c) => ({
    titre: `Séance ${m.numero} à confirmer`,
    blocs: [
      p(`Une séance de l’accompagnement de ${c.laMl} a été enregistrée par ${m.enregistreePar}. Merci de confirmer qu’elle s’est bien déroulée ainsi.`),
      liste('Séance', [`Date : ${dateHeureFr(m.date)}`, `Durée : ${dureeFr(m.dureeMinutes)}`, `Résumé : ${m.resume}`]),
    ],
    action: { texte: 'Confirmer la séance, ou la contester en expliquant pourquoi (l’UNML tranchera).' },
    suite: ['Une séance contestée n’est pas décomptée du forfait tant que l’UNML ne l’a pas tranchée.'],
  }),

  rappel_seance: (m, c) => ({
    titre: `Rappel : séance prévue le ${dateFr(m.debut)}`,
    blocs: [p(`Nous vous rappelons qu’une séance d’accompagnement de ${c.laMl} est prévue, d’une durée de ${dureeFr(m.dureeMinutes)}.`)],
    // The link opens the page to record the session: the action says so (the invitation is in the calendar).
    action: {
      texte: 'Une fois la séance tenue, l’enregistrer (date, durée, résumé) : elle alimente la fiche de suivi et le décompte du forfait.',
      echeance: rendezVous(m.debut),
    },
    suite: ['En cas d’empêchement, merci de convenir directement d’une autre date et d’en informer l’UNML.'],
  }),

  invitation_seance: (m, c) => ({
    titre: `${m.replanifiee ? 'Séance déplacée' : 'Séance planifiée'} le ${dateFr(m.debut)}`,
    blocs: [
      ...creneauChange(m),
      p(`Une séance d’accompagnement de ${c.laMl} ${m.replanifiee ? 'a été déplacée' : 'est planifiée'}, d’une durée de ${dureeFr(m.dureeMinutes)}.`),
      p(INVITATION_JOINTE),
    ],
    action: { texte: 'Participer à la séance.', echeance: rendezVous(m.debut) },
    suite: ['En cas d’empêchement, merci de convenir directement d’une autre date et d’en informer l’UNML.'],
  }),

  seance_contestee: (m, c) => ({
    titre: `Séance ${m.numero} contestée`,
    blocs: [
      p(
        `La séance ${m.numero} de l’accompagnement de ${c.laMl}, enregistrée le ${dateFr(m.date)} pour ${dureeFr(m.dureeMinutes)}, ` +
          `est contestée${m.contestePar ? ` par ${m.contestePar}` : ''}.`,
      ),
      ...(m.commentaire ? [p(`Commentaire : ${m.commentaire}`)] : []),
      p('Tant que vous ne l’avez pas tranchée, elle n’est pas décomptée du forfait.'),
      lienDossier(c),
    ],
    action: { texte: 'Retenir ou écarter la séance, avec un motif.' },
  }),

  alerte_forfait: (m, c) => ({
    titre: 'Alerte : 80 % du forfait d’heures consommé',
    blocs: [p(`L’accompagnement de ${c.laMl} a consommé ${m.consommees} sur un forfait de ${m.forfait}.`), lienDossier(c)],
    action: { texte: 'Faire le point avec la Mission Locale et l’intervenant, et décider si une extension du forfait est nécessaire.' },
  }),

  alerte_absence_seance: (m, c) => ({
    titre: `Alerte : aucune séance enregistrée depuis le ${dateFr(m.depuis)}`,
    blocs: [
      p(
        `Cela fait ${delaiFr(m.delai ?? 14 * 86_400_000)} qu’aucune séance n’a été enregistrée pour l’accompagnement de ${c.laMl} ` +
          `(depuis le ${dateFr(m.depuis)}), alors que des séances régulières sont prévues.`,
      ),
      lienDossier(c),
    ],
    action: { texte: 'Prendre contact avec la Mission Locale et l’intervenant pour faire le point sur l’accompagnement.' },
  }),

  bilan_post_accompagnement: (m, c) => ({
    titre: 'Bilan post-accompagnement',
    blocs: [
      p(
        `L’accompagnement de ${c.laMl} (${c.dispositif}) a pris fin il y a ${delaiFr(m.delai ?? 90 * 86_400_000)}. ` +
          `L’UNML vous propose un bilan post-accompagnement pour en mesurer les effets à moyen terme.`,
      ),
    ],
    action: { texte: 'Indiquer à votre interlocutrice UNML vos disponibilités pour ce bilan (visio d’une heure).' },
  }),

  acte_engagement_signe: (m, c) => ({
    titre: 'Acte d’engagement signé',
    blocs: [p(`L’acte d’engagement ${c.de} de ${c.laMl} est signé (signataire : ${m.signataire}).`), lienDossier(c)],
    action: { texte: 'Déposer la fiche de cadrage avec la Mission Locale et l’intervenant (besoin, objectifs, rythme).' },
  }),

  fiche_cadrage_deposee: (m, c) => ({
    titre: 'Fiche de cadrage déposée',
    blocs: [
      p(`La fiche de cadrage ${c.de} de ${c.laMl} est déposée.`),
      liste('Objectifs', m.objectifs),
      p(`Rythme : ${m.rythme.heuresParSemaine} h par semaine sur ${m.rythme.semaines} semaines, soit un forfait de ${m.forfait}.`),
      lienDossier(c),
    ],
    action: { texte: 'Planifier la visio de lancement avec la Mission Locale et l’intervenant.' },
  }),

  accompagnement_termine: (m, c) => ({
    titre: 'Accompagnement terminé : place au bilan',
    blocs: [
      p(
        `L’accompagnement de ${c.laMl} est terminé : ${m.seances} séance${m.seances > 1 ? 's' : ''} enregistrée${m.seances > 1 ? 's' : ''}, ` +
          `${m.consommees} consommées sur un forfait de ${m.forfait}.`,
      ),
      ...(m.motif ? [p(`Motif : ${m.motif}`)] : []),
      lienDossier(c),
    ],
    action: { texte: 'Planifier les visios bilan (avec la Mission Locale, avec l’intervenant, puis collective), puis déposer la fiche bilan.' },
  }),

  // seed 003: the tools and documents the two directions exchange. The participant's link serves until it expires
  // (see, download, share in turn), so it is given as a link, not as a single-shot action.
  document_partage: (m, c) => {
    const base = c.publicUrl.replace(/\/+$/, '');
    const id = encodeURIComponent(c.dossier.dossierId);
    const document = liste('Document', [
      `Titre : ${m.titre}`,
      `Fichier : ${m.nomFichier} (${tailleFr(m.tailleOctets)})`,
      ...(m.note ? [`Note : ${m.note}`] : []),
    ]);
    if (m.pour === 'unml') {
      return {
        titre: `Document partagé : ${m.titre}`,
        blocs: [
          p(`Un document a été partagé dans l’accompagnement de ${c.laMl} par ${m.deposePar}.`),
          document,
          { lien: { libelle: 'Télécharger le document', url: `${base}/api/dossiers/${id}/documents/${m.numero}` } },
          { lien: { libelle: 'Consulter le dossier', url: `${base}/staff/dossiers/${id}` } },
        ],
        action: null,
      };
    }
    return {
      titre: `Un document vous est partagé : ${m.titre}`,
      blocs: [
        p(`Dans le cadre de l’accompagnement de ${c.laMl} (${c.dispositif}), ${m.deposePar} vous partage un document.`),
        document,
        ...(c.lienAction
          ? [{ lien: { libelle: 'Voir et télécharger les documents de l’accompagnement', url: c.lienAction } }]
          : [p('Pour le recevoir, écrivez à votre interlocutrice UNML.')]),
      ],
      action: null,
      suite: ['Depuis la même page, vous pouvez à votre tour partager vos outils et documents.', 'Ce lien vous est personnel : merci de ne pas le transférer.'],
    };
  },

  documents_a_partager: (m, c) => ({
    titre: 'Partager vos outils et documents',
    blocs: [
      p(
        `Le compagnonnage se réalise par des échanges, le partage d’outils, de documents et de pratiques. Pour l’accompagnement de ${c.laMl}, ` +
          `une page vous permet de partager les vôtres et de télécharger ceux de l’autre direction` +
          `${m.documents > 0 ? ` (${m.documents} document${m.documents > 1 ? 's' : ''} déjà partagé${m.documents > 1 ? 's' : ''})` : ''}.`,
      ),
      ...(c.lienAction
        ? [{ lien: { libelle: 'Les documents de l’accompagnement', url: c.lienAction } }]
        : [p('Pour partager un document, écrivez à votre interlocutrice UNML.')]),
    ],
    action: null,
    suite: ['Chaque document partagé est signalé par courriel à l’autre direction et à l’UNML.', 'Ce lien vous est personnel : merci de ne pas le transférer.'],
  }),
} satisfies Partial<Bodies>;
