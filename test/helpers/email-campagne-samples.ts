// One sample of each regional campaign email (seed 004, Région Alsace; seed 002's survey), for test/email.test.ts's table
// of every kind and test/email-campagne.test.ts.
import type { EmailCampagne } from '../../activities/email/kinds';

export const SAMPLES_CAMPAGNE: { [K in EmailCampagne['kind']]: Extract<EmailCampagne, { kind: K }> } = {
  campagne_lancee: {
    kind: 'campagne_lancee',
    nomCampagne: 'Démarche de progrès des Missions Locales d’Alsace 2027',
    phases: [
      { libelle: 'Cadrage', debut: '2027-01-04', fin: '2027-02-26' },
      { libelle: 'État des lieux par structure', debut: '2027-03-01', fin: '2027-06-30' },
      { libelle: 'Analyse transversale et préconisations', debut: '2027-07-01', fin: '2027-10-29' },
    ],
    consultant: { nom: 'Fabrice Rey', email: 'fabrice.rey@amnyos.example' },
  },
  invitation_reunion_campagne: {
    kind: 'invitation_reunion_campagne',
    reunion: 'restitution',
    titre: 'Restitution — territoire Haut-Rhin Sud',
    debut: '2027-11-09T13:30:00.000Z',
    dureeMinutes: 150,
    lieu: 'Maison de la Région, Mulhouse',
    territoire: 'Haut-Rhin Sud',
  },
  support_demarche: { kind: 'support_demarche', nomSupport: 'La démarche de progrès : méthode et engagements', url: 'https://docs.example.org/support.pdf' },
  phase_campagne: {
    kind: 'phase_campagne',
    phase: 'analyse_transversale',
    debut: '2027-07-01',
    fin: '2027-10-29',
    manquantes: ['Mission Locale de Saverne'],
    progression: '10 sur 11 états des lieux validés',
  },
  etat_des_lieux_ouvert: {
    kind: 'etat_des_lieux_ouvert',
    documents: ['Projet associatif', 'Bilan d’activité 2026', 'Diagnostic territorial', 'Évaluations'],
    fin: '2027-06-30',
  },
  etat_des_lieux_a_valider: { kind: 'etat_des_lieux_a_valider', version: 2, synthese: 'Une offre de services solide, un pilotage à conforter.' },
  relance_etat_des_lieux: { kind: 'relance_etat_des_lieux', version: 1, envoyeLe: '2027-05-03T08:00:00.000Z' },
  escalade_etat_des_lieux: { kind: 'escalade_etat_des_lieux', version: 1, envoyeLe: '2027-05-03T08:00:00.000Z' },
  etat_des_lieux_retourne: {
    kind: 'etat_des_lieux_retourne',
    version: 1,
    commentaires: 'Le partenariat avec la Région sur l’apprentissage n’apparaît pas.',
  },
  etat_des_lieux_valide: { kind: 'etat_des_lieux_valide', version: 2, progression: '7 sur 11 états des lieux validés' },
  point_bloquant_campagne: { kind: 'point_bloquant_campagne', point: 'Le conseil d’administration refuse les entretiens avec les salariés.' },
  ml_retiree_campagne: { kind: 'ml_retiree_campagne', mlNom: 'Mission Locale de Saverne', motif: 'Fusion en cours avec la Mission Locale voisine.' },
  enquete_campagne: {
    kind: 'enquete_campagne',
    questions: ['Mutualiser les achats ?', 'Répondre ensemble aux appels à projets ?', 'Mutualiser la communication ?', 'Une animation thématique commune ?'],
    reponsesAvant: '2027-04-30',
  },
  projet_structure_enregistre: { kind: 'projet_structure_enregistre', valideDu: '2027-11-01', valideAu: '2030-10-31' },
  projet_structure_a_renouveler: { kind: 'projet_structure_a_renouveler', valideAu: '2030-10-31', expire: false },
  dialogue_gestion_a_preparer: {
    kind: 'dialogue_gestion_a_preparer',
    annee: 2028,
    chiffres: {
      annee: 2027,
      lignes: [
        { libelle: 'Jeunes accueillis pour la 1re fois', valeur: '1 240' },
        { libelle: 'Jeunes ayant eu une situation professionnelle', valeur: '812' },
      ],
    },
    planAction: ['Ouvrir une antenne à Thann', 'Former les conseillers à l’accompagnement global'],
    axe3: ['Projets coopératifs avec d’autres Missions Locales', 'Opérations avec des acteurs du marché du travail autres que Pôle Emploi'],
  },
  relance_dialogue_gestion: { kind: 'relance_dialogue_gestion', annee: 2028 },
  dialogue_gestion_tenu: {
    kind: 'dialogue_gestion_tenu',
    annee: 2028,
    revuePlanAction: 'Antenne de Thann ouverte ; la formation à l’accompagnement global est reportée à 2029.',
    axe3: [
      { libelle: 'Projets coopératifs avec d’autres Missions Locales', valeur: '2' },
      { libelle: 'Opérations avec des acteurs du marché du travail', valeur: '1' },
    ],
    motif: 'Deux projets coopératifs menés avec Colmar ; une seule opération avec la chambre de commerce, la seconde n’ayant pas démarré.',
  },
  campagne_cloturee: { kind: 'campagne_cloturee', motif: 'Tous les projets de structure sont établis.' },
  campagne_annulee: { kind: 'campagne_annulee', motif: 'Le financement de la démarche est retiré.' },
};
