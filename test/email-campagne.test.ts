// A regional campaign's emails (seed 004's démarche de progrès, seed 002's survey) as their readers see them: the
// campaign's own emails name the campaign, an ML's name the ML; each says what is asked, by when, and why.
import type { DossierRef, EmailMessage, NotifyInput } from '../activities/email/kinds';
import { renderEmail } from '../activities/email/templates';
import { SAMPLES_CAMPAGNE as S } from './helpers/email-campagne-samples';

const CTX = { publicUrl: 'http://localhost:3000', unmlContactEmail: 'dispositifs@unml.info' };
const CAMPAGNE: DossierRef = {
  dossierId: 'CAM-0A1B2C3D4E',
  dispositif: 'campagne',
  mlNom: 'Démarche de progrès des Missions Locales d’Alsace 2027',
  regionNom: 'Grand Est',
};
const ML: DossierRef = { dossierId: 'CAM-0A1B2C3D4E-67001', dispositif: 'campagne', mlNom: 'Mission Locale de Mulhouse', regionNom: 'Grand Est' };
const DIRECTION = { nom: 'Nadia Keller', email: 'direction@ml-mulhouse.fr' };

const render = (message: EmailMessage, dossier: DossierRef = ML, ctx: Partial<typeof CTX & { lienAction: string; enCopieDe: string }> = {}) => {
  const input: NotifyInput = { dossier, key: `1-${message.kind}`, to: [DIRECTION], message };
  return renderEmail(input, { ...CTX, ...ctx });
};

describe('a regional campaign’s emails', () => {
  it.each(Object.values(S).map((m) => [m.kind, m] as const))('renders %s for the campaign and for an ML, in French, without holes', (_k, message) => {
    for (const dossier of [CAMPAGNE, ML]) {
      const { subject, text, html } = render(message, dossier);
      expect(subject).toContain('Démarche de progrès');
      expect(subject).not.toMatch(/Démarche de progrès – Démarche de progrès/);
      expect(subject).toContain(`(réf. ${dossier.dossierId})`);
      for (const part of [text, html]) {
        expect(part).toContain(dossier.dossierId);
        expect(part).toContain(dossier.mlNom);
        expect(part).toContain('Grand Est');
        expect(part).toMatch(/Action attendue de votre part|Aucune action n’est attendue de votre part/);
        expect(part).not.toMatch(/undefined|null|\[object Object\]|NaN/);
        expect(part).not.toContain('Mission Locale Démarche');
      }
    }
  });

  it('names the campaign in its own emails, and the Mission Locale in an ML’s', () => {
    const campagne = render(S.campagne_lancee, CAMPAGNE).text;
    expect(campagne).toContain('Référence de la campagne : CAM-0A1B2C3D4E');
    expect(campagne).toContain('Campagne : Démarche de progrès des Missions Locales d’Alsace 2027');
    expect(campagne).toContain('Dispositif : Démarche de progrès');
    expect(campagne).not.toContain('Référence du dossier');
    expect(campagne).not.toContain('Mission Locale : ');
    const ml = render(S.etat_des_lieux_a_valider, ML).text;
    expect(ml).toContain('Référence : CAM-0A1B2C3D4E-67001');
    expect(ml).toContain('Mission Locale : Mission Locale de Mulhouse');
    expect(ml).not.toContain('Référence du dossier');
    // UNML's link goes to the campaign, which shows every ML's état des lieux.
    expect(render(S.escalade_etat_des_lieux, ML).text).toContain('Consulter la campagne : http://localhost:3000/api/campagnes/CAM-0A1B2C3D4E\n');
  });

  it('tells everyone the démarche starts, its phases with their dates and its neutral consultant', () => {
    const { subject, text } = render(S.campagne_lancee, CAMPAGNE);
    expect(subject).toBe('Lancement de la démarche de progrès – Démarche de progrès des Missions Locales d’Alsace 2027 (réf. CAM-0A1B2C3D4E)');
    expect(text).toContain('la démarche de progrès « Démarche de progrès des Missions Locales d’Alsace 2027 » (Grand Est)');
    expect(text).toContain('- État des lieux par structure : du lundi 1er mars 2027 au mercredi 30 juin 2027');
    expect(render({ ...S.campagne_lancee, phases: [{ libelle: 'cadrage', debut: '2027-01-04', fin: '2027-02-26' }] }, CAMPAGNE).text).toContain(
      '- Cadrage : du lundi 4 janvier 2027',
    );
    expect(text).toContain('Fabrice Rey (fabrice.rey@amnyos.example)');
    expect(text).toContain('projet de structure valable 3 ans');
    expect(text).toContain('dialogue de gestion entre l’État, la Région et la Mission Locale');
  });

  it('invites a territory’s presidents and directors to its restitution, and says from when to when a moved one moves', () => {
    const { subject, text } = render(S.invitation_reunion_campagne, CAMPAGNE);
    expect(subject).toContain('Invitation : Restitution — territoire Haut-Rhin Sud le mardi 9 novembre 2027');
    expect(text).toContain('Vous êtes invité(e) à la réunion « Restitution — territoire Haut-Rhin Sud » de la démarche de progrès');
    expect(render({ ...S.invitation_reunion_campagne, titre: 'Restitution' }, CAMPAGNE).text).toContain(
      '« Restitution » du territoire Haut-Rhin Sud de la démarche',
    );
    expect(text).toContain('analyse transversale');
    expect(text).toContain('préconisations');
    expect(text).toContain('Réunion :\n- Restitution par territoire\n');
    expect(text).toContain('Lieu :\n- Maison de la Région, Mulhouse');
    expect(text).toContain('>> Date et heure : mardi 9 novembre 2027 à 14 h 30 (heure de Paris)');
    expect(text).toContain('2 h 30');
    const moved = render({ ...S.invitation_reunion_campagne, ancienDebut: '2027-11-08T13:30:00.000Z' }, CAMPAGNE);
    expect(moved.subject).toContain('Nouveau créneau : Restitution');
    expect(moved.text).toContain('Le créneau a changé : du lundi 8 novembre 2027 à 14 h 30 au mardi 9 novembre 2027 à 14 h 30 (heure de Paris).');
  });

  it('asks each ML to acknowledge the support and its commitments, from its personal link', () => {
    const lienAction = 'http://localhost:3000/agir/CAM-0A1B2C3D4E/support-demarche?jeton=abc';
    const { text, html } = render(S.support_demarche, CAMPAGNE, { lienAction });
    expect(text).toContain('Le support « La démarche de progrès : méthode et engagements »');
    expect(text).toContain('Consulter le support : https://docs.example.org/support.pdf');
    expect(text).toContain('>> Action attendue de votre part : Prendre connaissance du support et des engagements, et en accuser réception');
    expect(text).toContain(`>> Le faire en ligne : ${lienAction}`);
    expect(html).toContain('href="http://localhost:3000/agir/CAM-0A1B2C3D4E/support-demarche?jeton');
  });

  it('asks the director to validate the état des lieux or return it with comments', () => {
    const { subject, text } = render(S.etat_des_lieux_a_valider, ML, {
      lienAction: 'http://localhost:3000/agir/CAM-0A1B2C3D4E-67001/valider-etat-des-lieux?jeton=x',
    });
    expect(subject).toContain('L’état des lieux de votre structure, revu (version 2) : à valider – Démarche de progrès – Mission Locale de Mulhouse');
    expect(text).toContain('Le consultant a formalisé l’état des lieux de la Mission Locale de Mulhouse, revu à la suite de vos commentaires.');
    expect(text).toContain('Une offre de services solide, un pilotage à conforter.');
    expect(text).toContain('>> Action attendue de votre part : Valider l’état des lieux, ou le retourner au consultant avec vos commentaires.');
    expect(text).toContain('/agir/CAM-0A1B2C3D4E-67001/valider-etat-des-lieux?jeton=x');
  });

  it('opens the état des lieux with the documents to provide and its end date', () => {
    const { text } = render(S.etat_des_lieux_ouvert, ML);
    expect(text).toContain('- Bilan d’activité 2026');
    expect(text).toContain('>> Fin de l’état des lieux : mercredi 30 juin 2027');
    expect(text).toContain('présidence et la direction');
    expect(render({ ...S.etat_des_lieux_ouvert, fin: '' }, ML).text).not.toContain('Fin de l’état des lieux');
  });

  it('reminds a late director, then tells the consultant and UNML', () => {
    const relance = render(S.relance_etat_des_lieux, ML);
    expect(relance.subject).toContain('Relance : l’état des lieux de votre structure attend votre relecture');
    expect(relance.text).toContain('adressé le lundi 3 mai 2027');
    const escalade = render(S.escalade_etat_des_lieux, ML);
    expect(escalade.subject).toContain('État des lieux sans réponse de la direction – Démarche de progrès – Mission Locale de Mulhouse');
    expect(escalade.text).toContain('malgré la relance');
    expect(escalade.text).toContain('>> Action attendue de votre part : Prendre contact avec la direction');
  });

  it('gives the consultant the director’s comments of a return, and UNML the progress of a validation', () => {
    const retour = render(S.etat_des_lieux_retourne, ML);
    expect(retour.subject).toContain('État des lieux retourné avec des commentaires – Démarche de progrès – Mission Locale de Mulhouse');
    expect(retour.text).toContain('Le partenariat avec la Région sur l’apprentissage n’apparaît pas.');
    expect(retour.text).toContain('>> Action attendue de votre part : Reprendre l’état des lieux en tenant compte de ces commentaires');
    const valide = render(S.etat_des_lieux_valide, ML);
    expect(valide.subject).toContain('État des lieux validé – Démarche de progrès – Mission Locale de Mulhouse');
    expect(valide.text).toContain('7 sur 11 états des lieux validés');
  });

  it('names a phase in French, and the états des lieux closed without validation', () => {
    const { subject, text } = render(S.phase_campagne, CAMPAGNE);
    expect(subject).toContain('Démarche de progrès : phase « analyse transversale et préconisations »');
    expect(text).toContain('du jeudi 1er juillet 2027 au vendredi 29 octobre 2027');
    expect(text).toContain('- Mission Locale de Saverne');
    expect(text).toContain('10 sur 11 états des lieux validés');
    expect(render({ kind: 'phase_campagne', phase: 'etat_des_lieux' }, CAMPAGNE).subject).toContain('« état des lieux par structure »');
  });

  it('records a blocking point for UNML, and its lifting', () => {
    const point = render(S.point_bloquant_campagne, ML);
    expect(point.subject).toContain('Point bloquant signalé – Démarche de progrès – Mission Locale de Mulhouse');
    expect(point.text).toContain('Le conseil d’administration refuse les entretiens avec les salariés.');
    expect(point.text).toContain('Action attendue de votre part');
    expect(render({ ...S.point_bloquant_campagne, leve: true }, ML).text).toContain('Aucune action n’est attendue de votre part.');
  });

  it('says an ML leaves the campaign, with its reason', () => {
    const { subject, text } = render(S.ml_retiree_campagne, CAMPAGNE);
    expect(subject).toContain('Retrait de la démarche de progrès : Mission Locale de Saverne');
    expect(text).toContain('La Mission Locale de Saverne se retire de la démarche de progrès « Démarche de progrès des Missions Locales d’Alsace 2027 ».');
    expect(text).toContain('Fusion en cours avec la Mission Locale voisine.');
  });

  it('asks each director to answer the survey, yes or no per question, by its deadline', () => {
    const { text } = render(S.enquete_campagne, CAMPAGNE);
    expect(text).toContain('- Répondre ensemble aux appels à projets ?');
    expect(text).toContain('oui ou non à chaque question');
    expect(text).toContain('>> Action attendue de votre part : Répondre à l’enquête pour votre Mission Locale.');
    expect(text).toContain('>> Réponses reçues jusqu’au : vendredi 30 avril 2027');
  });

  it('records the projet de structure for 3 years, and flags it before it expires', () => {
    expect(render(S.projet_structure_enregistre, ML).text).toContain('valable 3 ans, du lundi 1er novembre 2027 au jeudi 31 octobre 2030');
    const alerte = render(S.projet_structure_a_renouveler, ML);
    expect(alerte.subject).toContain('Le projet de structure expire le jeudi 31 octobre 2030');
    expect(alerte.text).toContain('>> Fin de validité : jeudi 31 octobre 2030');
    expect(render({ ...S.projet_structure_a_renouveler, expire: true }, ML).subject).toContain('Le projet de structure a expiré');
  });

  it('prepares the dialogue de gestion with the figures of year n-1, the plan d’action and axe 3 to settle, argued', () => {
    const { subject, text } = render(S.dialogue_gestion_a_preparer, ML);
    expect(subject).toContain('Dialogue de gestion 2028 à préparer');
    expect(text).toContain('l’État, la Région et la Mission Locale');
    expect(text).toContain(
      'Les chiffres de l’année 2027 (année n-1) :\n- Jeunes accueillis pour la 1re fois : 1 240\n- Jeunes ayant eu une situation professionnelle : 812',
    );
    expect(text).toContain('- Ouvrir une antenne à Thann');
    expect(text).toContain('- Projets coopératifs avec d’autres Missions Locales');
    expect(text).toContain('le choix final de la Région sera argumenté');
    expect(render({ ...S.dialogue_gestion_a_preparer, chiffres: undefined }, ML).text).toContain('Les chiffres de l’année n-1 ne sont pas encore connus');
  });

  it('reports the dialogue de gestion held: the plan d’action’s review, axe 3 and the Région’s argued choice', () => {
    const { subject, text } = render(S.dialogue_gestion_tenu, ML);
    expect(subject).toContain('Dialogue de gestion 2028 : compte rendu');
    expect(text).toContain('Antenne de Thann ouverte');
    expect(text).toContain('- Projets coopératifs avec d’autres Missions Locales : 2');
    expect(text).toContain('Le choix de la Région, argumenté :\n- Deux projets coopératifs menés avec Colmar');
    expect(render(S.relance_dialogue_gestion, ML).subject).toContain('Relance : dialogue de gestion 2028 ni planifié ni tenu');
  });

  it('closes or cancels the campaign with its reason', () => {
    const annulee = render(S.campagne_annulee, CAMPAGNE);
    expect(annulee.subject).toContain('La démarche de progrès est annulée');
    expect(annulee.text).toContain('Le financement de la démarche est retiré.');
    expect(render(S.campagne_cloturee, CAMPAGNE).text).toContain('Tous les projets de structure sont établis.');
  });

  it('names the campaign, not a dossier, in its cancelled or reminded meetings and its fresh links', () => {
    const annulation = render({ kind: 'annulation_evenement', titre: 'Groupe de travail', debut: '2027-01-20T09:00:00.000Z' }, CAMPAGNE).text;
    expect(annulation).toContain('(démarche de progrès « Démarche de progrès des Missions Locales d’Alsace 2027 ») est annulé.');
    const rappel = render({ kind: 'rappel_evenement', titre: 'Dialogue de gestion 2028', debut: '2028-03-01T09:00:00.000Z', dureeMinutes: 120 }, ML).text;
    expect(rappel).toContain('« Dialogue de gestion 2028 » de la démarche de progrès de la Mission Locale de Mulhouse, d’une durée');
    const lien = render({ kind: 'nouveau_lien', actionLibelle: 'Répondre à l’enquête auprès des directions' }, CAMPAGNE).text;
    expect(lien).toContain('Vous avez demandé un nouveau lien pour la démarche de progrès « Démarche de progrès des Missions Locales d’Alsace 2027 »');
    expect(lien).not.toMatch(/dossier|Mission Locale Démarche/);
  });

  it('tells the presidency in copy whose action the review is, without the link', () => {
    const { text } = render(S.etat_des_lieux_a_valider, ML, { enCopieDe: 'Nadia Keller', lienAction: 'http://localhost:3000/agir/x' });
    expect(text).toContain('Pour information, action attendue de Nadia Keller : Valider l’état des lieux');
    expect(text).not.toContain('/agir/');
  });
});
