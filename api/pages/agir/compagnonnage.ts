// The pages of the links only a Compagnonnage sends: a session held, a demand to complete, a session to confirm.
import type { CompagnonnageState } from '../../../workflows/compagnonnage/state';
import { isoToParisLocal, parisLocalToIso } from '../render';
import { dateHeure, dureeMinutesFr, par, reponseOuiNon, texteOuVide, type Contexte, type Erreurs, type Pages } from './page';

const REPONSE_SEANCE = reponseOuiNon({
  oui: ['confirme', 'Je confirme cette séance'],
  non: ['conteste', 'Je conteste cette séance'],
  texte: { nom: 'commentaire', libelle: 'Commentaire', aide: 'Obligatoire pour contester : ce qui ne correspond pas (date, durée, contenu).' },
  choisir: 'Choisissez de confirmer ou de contester la séance.',
  expliquer: 'Expliquez ce qui ne va pas dans cette séance.',
});

/** The session a link is about (its number is the link's objet). */
function seanceDuLien(c: Contexte): CompagnonnageState['ficheSuivi']['seances'][number] | undefined {
  return (c.state as CompagnonnageState).ficheSuivi?.seances.find((s) => String(s.numero) === c.claims.objet);
}

/** The planned session a reminder's link is about (its key, e.g. "seance-2", is the link's objet), if any. */
function seancePrevueDuLien(c: Contexte): { debut: string; dureeMinutes: number } | undefined {
  const cle = c.claims.objet;
  const e = cle?.startsWith('seance-') ? (c.state as CompagnonnageState).agenda?.[cle] : undefined;
  return e && !e.annule ? e : undefined;
}

export const PAGES_COMPAGNONNAGE: Pages<'seance' | 'completer' | 'confirmer-seance'> = {
  seance: {
    titre: 'Enregistrer une séance tenue',
    apiPath: 'seances',
    explication: (c) => {
      const prevue = seancePrevueDuLien(c);
      return [
        ...(prevue ? [`Séance prévue le ${dateHeure(prevue.debut)}, d’une durée de ${dureeMinutesFr(prevue.dureeMinutes)}.`] : []),
        // The reminder comes before the session: this link serves once it is held.
        ...(prevue && Date.parse(prevue.debut) > Date.now() ? ['Revenez sur cette page une fois la séance tenue : ce lien reste valable.'] : []),
        'Chaque séance tenue alimente la fiche de suivi (date et résumé) et le décompte du forfait de 24 heures.',
        'Enregistrez la séance une fois qu’elle a eu lieu.',
      ];
    },
    champs: (c, v) => [
      {
        nom: 'date',
        libelle: 'Date et heure de la séance (heure de Paris)',
        type: 'datetime-local',
        requis: true,
        valeur: v.date ?? isoToParisLocal(new Date(seancePrevueDuLien(c)?.debut ?? Date.now())),
      },
      {
        nom: 'dureeMinutes',
        libelle: 'Durée, en minutes',
        type: 'number',
        requis: true,
        min: 1,
        max: 1440,
        valeur: v.dureeMinutes ?? String(seancePrevueDuLien(c)?.dureeMinutes ?? 120),
        aide: 'Par exemple 120 pour 2 heures.',
      },
      {
        nom: 'resume',
        libelle: 'Résumé de la séance',
        type: 'textarea',
        requis: true,
        valeur: v.resume ?? '',
        aide: 'Sujets abordés, décisions, suites à donner.',
      },
    ],
    versInput: (v, c) => {
      const erreurs: Erreurs = {};
      const date = parisLocalToIso(v.date ?? '');
      if (!date) erreurs.date = 'Indiquez la date et l’heure de la séance.';
      const duree = Number(v.dureeMinutes);
      // Who logs it (from the link): the other side then confirms it.
      const role = c.claims.role === 'ml' ? 'ml' : 'intervenant';
      const dureeMinutes = v.dureeMinutes?.trim() ? duree : Number.NaN;
      return { input: { date: date ?? '', dureeMinutes, resume: texteOuVide(v.resume), role, par: par(c) }, erreurs };
    },
    recapitulatif: (i) => [
      { libelle: 'Date', valeur: dateHeure(String(i.date)) },
      { libelle: 'Durée', valeur: `${String(i.dureeMinutes)} minutes` },
      { libelle: 'Résumé', valeur: String(i.resume) },
    ],
  },

  completer: {
    titre: 'Compléter la demande',
    apiPath: 'completer',
    explication: (c) => {
      const s = c.state as CompagnonnageState;
      return [
        `L’UNML a besoin des éléments suivants : ${s.complements?.aCompleter ?? '(voir le message reçu)'}`,
        'La description complétée remplace la précédente ; la demande est ensuite étudiée à nouveau.',
      ];
    },
    champs: (c, v) => [
      {
        nom: 'description',
        libelle: 'Description de la demande, complétée',
        type: 'textarea',
        requis: true,
        valeur: v.description ?? (c.state as CompagnonnageState).demande.description,
      },
    ],
    versInput: (v, c) => ({ input: { description: texteOuVide(v.description), par: par(c) }, erreurs: {} }),
    recapitulatif: (i) => [{ libelle: 'Description', valeur: String(i.description) }],
  },

  'confirmer-seance': {
    titre: 'Confirmer une séance',
    apiPath: 'seances/confirmer',
    explication: (c) => {
      const s = seanceDuLien(c);
      if (!s) return ['Cette séance est introuvable dans la fiche de suivi.'];
      return [
        `Séance ${s.numero}, enregistrée par ${s.par ?? (s.enregistreePar === 'ml' ? 'la Mission Locale' : 'l’intervenant')} :`,
        `Date : ${dateHeure(s.date)} — durée : ${dureeMinutesFr(s.dureeMinutes)}.`,
        `Résumé : ${s.resume}`,
        'Confirmez-la si elle s’est bien déroulée ainsi ; sinon, contestez-la en expliquant pourquoi : ' +
          'l’UNML tranchera, et elle n’est pas décomptée du forfait d’ici là.',
      ];
    },
    champs: (_c, v) => REPONSE_SEANCE.champs(v),
    versInput: (v, c) => {
      const { oui: confirme, texte: commentaire, erreurs } = REPONSE_SEANCE.lire(v);
      // The side answering is the link's: the workflow refuses the side that logged the session.
      const role = c.claims.role === 'ml' ? 'ml' : 'intervenant';
      return { input: { numero: Number(c.claims.objet), confirme, ...(commentaire ? { commentaire } : {}), role, par: par(c) }, erreurs };
    },
    recapitulatif: (i) => [
      { libelle: 'Séance', valeur: `n° ${String(i.numero)}` },
      { libelle: 'Réponse', valeur: i.confirme ? 'Séance confirmée' : 'Séance contestée (transmise à l’UNML)' },
      ...(i.commentaire ? [{ libelle: 'Commentaire', valeur: String(i.commentaire) }] : []),
    ],
  },
};
