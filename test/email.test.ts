// The email side-effects: French templates, the notify activity over real SMTP, and the local SMTP sink.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { Transporter } from 'nodemailer';
import pino from 'pino';
import { createActivities, messageIdFor, type Activities } from '../activities';
import type { DossierRef, EmailKind, EmailMessage, NotifyInput } from '../activities/email/kinds';
import { startSmtpSink } from '../activities/email/sink';
import { renderEmail } from '../activities/email/templates';
import { createTransport } from '../activities/email/transport';
import { SAMPLES_CAMPAGNE } from './helpers/email-campagne-samples';

const CTX = { publicUrl: 'http://localhost:3000', unmlContactEmail: 'dispositifs@unml.info' };
const DOSSIER: DossierRef = { dossierId: 'CMP-0A1B2C3D4E', dispositif: 'compagnonnage', mlNom: 'Mission Locale de Rouen', regionNom: 'Normandie' };
const DIRECTION = { nom: 'Claire Martin', email: 'direction@ml-rouen.fr' };
const PRESIDENCE = { nom: 'Jean Dupont', email: 'presidence@ml-rouen.fr' };

/** One sample per kind: a kind added to the union without a sample here is a compile error. */
const SAMPLES: { [K in EmailKind]: Extract<EmailMessage, { kind: K }> } = {
  accuse_reception: { kind: 'accuse_reception' },
  notification_arml: {
    kind: 'notification_arml',
    armlNom: 'ARML Normandie',
    casMobilisation: 'meconnaissance_reseau',
    sujets: ['financements', 'sujet_inconnu'],
  },
  demande_non_recevable: {
    kind: 'demande_non_recevable',
    motifs: ['Les problématiques financières ne relèvent pas du compagnonnage.'],
    redirection: 'appui_conseil',
  },
  demande_acceptee: { kind: 'demande_acceptee', interlocutrice: { nom: 'Sophie Bernard', email: 'sophie.bernard@unml.info' } },
  demande_declinee: { kind: 'demande_declinee', motif: 'Ressources insuffisantes ce trimestre.' },
  demande_liste_attente: { kind: 'demande_liste_attente' },
  demande_incomplete: { kind: 'demande_incomplete', aCompleter: 'Le contexte de la prise de poste.', dateLimite: '2026-12-07T10:00:00.000Z' },
  relance_complements: { kind: 'relance_complements', aCompleter: 'Le contexte de la prise de poste.', dateLimite: '2026-12-07T10:00:00.000Z' },
  dossier_caduc: { kind: 'dossier_caduc', motif: 'Compléments non reçus dans le délai.' },
  passation_dossier: {
    kind: 'passation_dossier',
    precedente: { nom: 'Anne Lefèvre', email: 'anne.lefevre@unml.info' },
    note: 'Visio de lancement à planifier.',
  },
  intervenant_designe: { kind: 'intervenant_designe', intervenant: { nom: 'Paul Durand', email: 'direction@ml-brest.fr' } },
  acte_engagement_a_signer: { kind: 'acte_engagement_a_signer', dateLimite: '2026-12-07T10:00:00.000Z' },
  designation_a_accepter: { kind: 'designation_a_accepter' },
  intervenants_proposes: {
    kind: 'intervenants_proposes',
    propositions: [{ resume: '1er · Paul Le Gall (Bretagne) · 82/100', raisons: ['Expertise : 2 sujets sur 2 couverts', 'Jamais sollicité·e'] }],
  },
  aucun_intervenant_disponible: { kind: 'aucun_intervenant_disponible', priorite: 2, exclus: 14 },
  intervenant_disponible: { kind: 'intervenant_disponible', resume: '1er · Paul Le Gall (Bretagne) · 82/100', raisons: ['Charge : 0 dossier sur 2'] },
  designation_declinee: {
    kind: 'designation_declinee',
    intervenant: { nom: 'Paul Le Gall', email: 'direction@ml-brest.fr' },
    motif: 'Indisponible ce trimestre',
  },
  seance_a_confirmer: {
    kind: 'seance_a_confirmer',
    numero: 2,
    date: '2026-12-07T10:00:00.000Z',
    dureeMinutes: 120,
    resume: 'Point CODIR',
    enregistreePar: 'Paul Le Gall',
  },
  visio_autre_creneau: {
    kind: 'visio_autre_creneau',
    visio: 'lancement',
    debut: '2026-12-07T10:00:00.000Z',
    proposition: '2026-12-08T14:00:00.000Z',
    commentaire: 'Conseil d’administration ce jour-là',
    propose: 'Claire Martin',
  },
  relance_acte_engagement: { kind: 'relance_acte_engagement', dateLimite: '2026-12-07T10:00:00.000Z' },
  invitation_visio: {
    kind: 'invitation_visio',
    visio: 'lancement',
    debut: '2026-12-01T13:30:00.000Z',
    dureeMinutes: 60,
    lien: 'https://visio.example.org/abc',
  },
  rappel_seance: { kind: 'rappel_seance', debut: '2026-12-01T13:30:00.000Z', dureeMinutes: 120 },
  invitation_seance: { kind: 'invitation_seance', debut: '2026-12-01T13:30:00.000Z', dureeMinutes: 120, replanifiee: true },
  annulation_evenement: { kind: 'annulation_evenement', titre: 'Visio de lancement', debut: '2026-12-01T13:30:00.000Z', motif: 'Dossier abandonné' },
  rappel_evenement: {
    kind: 'rappel_evenement',
    titre: 'Visio bilan collective',
    debut: '2026-12-01T13:30:00.000Z',
    dureeMinutes: 60,
    lien: 'https://visio.example.org/abc',
  },
  seance_contestee: {
    kind: 'seance_contestee',
    numero: 3,
    date: '2026-12-01T13:30:00.000Z',
    dureeMinutes: 120,
    commentaire: 'La séance a duré une heure.',
    contestePar: 'Claire Martin',
  },
  alerte_forfait: { kind: 'alerte_forfait', consommees: '19 h 30', forfait: '24 h' },
  alerte_absence_seance: { kind: 'alerte_absence_seance', depuis: '2026-11-16T09:00:00.000Z' },
  questionnaire_evaluation: { kind: 'questionnaire_evaluation', repondant: 'intervenant' },
  bilan_post_accompagnement: { kind: 'bilan_post_accompagnement' },
  acte_engagement_signe: { kind: 'acte_engagement_signe', signataire: 'Claire Martin' },
  fiche_cadrage_deposee: {
    kind: 'fiche_cadrage_deposee',
    objectifs: ['Structurer le CODIR'],
    rythme: { heuresParSemaine: 2, semaines: 12 },
    forfait: '24 h',
  },
  accompagnement_termine: { kind: 'accompagnement_termine', seances: 12, consommees: '24 h', forfait: '24 h' },
  dossier_abandonne: { kind: 'dossier_abandonne', motif: 'La Mission Locale a renoncé.' },
  cabinet_mobilise: { kind: 'cabinet_mobilise', cabinetNom: 'Cabinet Horizon Conseil' },
  rappel_jalon: { kind: 'rappel_jalon', action: 'Rétablir la trésorerie', jalon: 'Plan de trésorerie validé par le bureau', date: '2026-12-07T10:00:00.000Z' },
  rapport_diagnostic_depose: { kind: 'rapport_diagnostic_depose', cabinetNom: 'Cabinet Équilibres' },
  commentaire_rapport: {
    kind: 'commentaire_rapport',
    auteur: 'Karim Haddad',
    commentaire: 'Le constat sur la trésorerie est juste ; la gouvernance est sous-estimée.',
  },
  jalon_manque: {
    kind: 'jalon_manque',
    action: 'Rétablir la trésorerie',
    jalon: 'Plan de trésorerie validé par le bureau',
    date: '2026-12-07T10:00:00.000Z',
    responsable: 'Claire Martin',
  },
  alerte_budget_jours: { kind: 'alerte_budget_jours', realises: '15 jours', maximum: '20 jours' },
  deplacement_a_approuver: {
    kind: 'deplacement_a_approuver',
    qui: 'Marc Petit (Cabinet Horizon Conseil)',
    ou: 'Rouen',
    quand: '2026-12-01T08:00:00.000Z',
    pourquoi: 'Atelier de restitution du diagnostic flash avec le bureau.',
    coutEstimeEuros: 1250,
  },
  deplacement_decide: {
    kind: 'deplacement_decide',
    ou: 'Rouen',
    quand: '2026-12-01T08:00:00.000Z',
    approuve: false,
    motif: 'La restitution peut se tenir en visio.',
  },
  relance_appel: { kind: 'relance_appel', avec: 'intervenants', depuis: '2026-11-16T09:00:00.000Z' },
  appui_acte_signe: { kind: 'appui_acte_signe', signataire: 'Jean Dupont, président', signeLe: '2026-12-01T13:30:00.000Z' },
  appui_fiche_cadrage: { kind: 'appui_fiche_cadrage', besoin: 'Retour à l’équilibre financier.', objectifs: ['Équilibrer le budget 2027'] },
  appui_mise_en_oeuvre_terminee: { kind: 'appui_mise_en_oeuvre_terminee', realises: '18 jours', plafond: '20 jours', motif: 'Objectifs atteints plus tôt' },
  dossier_cloture: { kind: 'dossier_cloture' },
  nouveau_lien: { kind: 'nouveau_lien', actionLibelle: 'Signer l’acte d’engagement' },
  binomes_proposes: {
    kind: 'binomes_proposes',
    binomes: [
      {
        resume: '1er binôme · Marc Petit (Île-de-France) + Paul Le Gall (Bretagne) · 86/100',
        raisons: ['Complémentarité : le binôme couvre 2 thèmes sur 2', 'Régions différentes'],
      },
    ],
  },
  diagnostiqueur_a_accepter: {
    kind: 'diagnostiqueur_a_accepter',
    role: 'Diagnostiqueur·se directeur·rice de ML',
    autre: { nom: 'Marc Petit', email: 'marc.petit@horizon-conseil.fr' },
  },
  binome_constitue: {
    kind: 'binome_constitue',
    consultant: { nom: 'Marc Petit', email: 'marc.petit@horizon-conseil.fr' },
    directeur: { nom: 'Paul Le Gall', email: 'direction@ml-brest.fr' },
  },
  invitation_diagnostic: { kind: 'invitation_diagnostic', evenement: 'journee_sur_site', debut: '2026-12-01T08:00:00.000Z', dureeMinutes: 420 },
  programme_a_valider: { kind: 'programme_a_valider', rencontres: ['La direction', 'La présidence', 'Deux conseillères'] },
  rapport_croise_a_commenter: {
    kind: 'rapport_croise_a_commenter',
    constats: 'Une gouvernance à clarifier.',
    preconisations: ['Formaliser les délégations'],
    version: 1,
  },
  precisions_demandees: { kind: 'precisions_demandees', numero: 1, question: 'Combien de conseillers ont quitté la structure en 2025 ?' },
  precisions_apportees: {
    kind: 'precisions_apportees',
    numero: 1,
    question: 'Combien de conseillers ont quitté la structure en 2025 ?',
    reponse: 'Quatre, dont deux en fin de contrat.',
  },
  rapport_norme_attendu: { kind: 'rapport_norme_attendu', pistes: ['Clarifier la délégation', 'Revoir le plan de formation'] },
  diagnostic_cloture: { kind: 'diagnostic_cloture', conclusions: 'Gouvernance à clarifier, offre de service solide.', accompagnement: 'Compagnonnage' },
  suite_diagnostic_repondue: { kind: 'suite_diagnostic_repondue', dispositif: 'Appui Conseil', accepte: true, dossierId: 'APC-0123456789' },
  programme_repondu: { kind: 'programme_repondu', accepte: false, rencontres: ['La direction', 'La présidence'], commentaire: 'Ajoutez deux conseillères.' },
  document_partage: {
    kind: 'document_partage',
    pour: 'participant',
    numero: 1,
    titre: 'Trame de CODIR',
    note: 'Celle que nous utilisons depuis deux ans.',
    nomFichier: 'trame-codir.docx',
    tailleOctets: 24_576,
    deposePar: "l'intervenant (Paul Le Gall)",
  },
  documents_a_partager: { kind: 'documents_a_partager', documents: 2 },
  // Regional campaigns (issue #13; test/email-campagne.test.ts reads them in a campaign's context).
  ...SAMPLES_CAMPAGNE,
};
const APPUI: DossierRef = { ...DOSSIER, dispositif: 'appui_conseil' };

const input = (message: EmailMessage, overrides: Partial<NotifyInput> = {}): NotifyInput => ({
  dossier: DOSSIER,
  key: `1-${message.kind}`,
  to: [DIRECTION],
  message,
  ...overrides,
});

describe('renderEmail', () => {
  it.each(Object.values(SAMPLES).map((m) => [m.kind, m] as const))('renders %s in French with the dossier facts', (_kind, message) => {
    for (const dispositif of ['compagnonnage', 'appui_conseil', 'diagnostic'] as const) {
      const email = renderEmail(input(message, { dossier: { ...DOSSIER, dispositif } }), CTX);
      expect(email.subject.trim()).not.toBe('');
      expect(email.text.trim()).not.toBe('');
      expect(email.html.trim()).not.toBe('');
      expect(email.subject).toContain('CMP-0A1B2C3D4E');
      for (const part of [email.text, email.html]) {
        expect(part).toContain('CMP-0A1B2C3D4E');
        expect(part).toContain('Mission Locale de Rouen');
        expect(part).toContain({ compagnonnage: 'Compagnonnage', appui_conseil: 'Appui Conseil', diagnostic: 'Diagnostic' }[dispositif]);
        expect(part).toContain('dispositifs@unml.info');
        expect(part).toMatch(/Action attendue de votre part|Aucune action n’est attendue de votre part/);
        expect(part).not.toMatch(/undefined|null|\[object Object\]/);
      }
    }
  });

  it('writes the French labels of known Compagnonnage keys, the raw string otherwise', () => {
    const { text } = renderEmail(input(SAMPLES.notification_arml), CTX);
    expect(text).toContain('Direction récemment arrivée, méconnaissance du réseau');
    expect(text).toContain('Recherche et élargissement des financements');
    expect(text).toContain('sujet_inconnu');
    expect(text).not.toContain('meconnaissance_reseau');
  });

  it('writes the French labels of Appui Conseil keys in an Appui Conseil ARML notice', () => {
    const message = { ...SAMPLES.notification_arml, casMobilisation: 'situation_financiere', sujets: ['finances', 'amelioration_continue'] };
    const { text, html } = renderEmail(input(message, { dossier: APPUI }), CTX);
    for (const part of [text, html]) {
      expect(part).toContain('Situation financière épineuse');
      expect(part).toContain('Finances, trésorerie, équilibre budgétaire');
      expect(part).toContain('Amélioration continue');
    }
    expect(text).not.toMatch(/situation_financiere|amelioration_continue|\bfinances\b/);
  });

  it('names the bilan visio with the intervenants in the plural for Appui Conseil (a cabinet and network members), singular for Compagnonnage', () => {
    const message: EmailMessage = { kind: 'invitation_visio', visio: 'bilan_intervenant', debut: '2026-03-10T09:00:00.000Z', dureeMinutes: 60 };
    const appui = renderEmail(input(message, { dossier: APPUI }), CTX);
    expect(appui.subject).toContain('visio bilan avec les intervenants');
    expect(appui.text).toContain('avec le cabinet et, le cas échéant, les membres du réseau');
    const compagnonnage = renderEmail(input(message), CTX);
    expect(compagnonnage.subject).toContain('visio bilan avec l’intervenant');
    expect(compagnonnage.text).not.toContain('membres du réseau');
  });

  it('tells an ML whose Appui Conseil demand is not receivable that it can ask for the Compagnonnage', () => {
    const message: EmailMessage = {
      kind: 'demande_non_recevable',
      motifs: ['L’Appui Conseil ne comprend pas d’interventions dans le cadre de l’amélioration continue.'],
      redirection: 'compagnonnage',
    };
    const { subject, text } = renderEmail(input(message, { dossier: APPUI }), CTX);
    expect(subject).toContain('orientation vers le Compagnonnage');
    expect(text).toContain('la Mission Locale peut demander le Compagnonnage');
    expect(text).toContain('Action attendue de votre part : Si vous le souhaitez, demander le Compagnonnage avec le formulaire en ligne ci-dessous');
    expect(text).not.toContain('Appui Conseil de l’UNML');
  });

  it('links the public form of the dispositif a refused demand is pointed to', () => {
    const versCompagnonnage = renderEmail(
      input({ kind: 'demande_non_recevable', motifs: ['Amélioration continue.'], redirection: 'compagnonnage' }, { dossier: APPUI }),
      CTX,
    );
    expect(versCompagnonnage.text).toContain('Faire une demande de Compagnonnage : http://localhost:3000/demande/compagnonnage');
    expect(versCompagnonnage.html).toContain('<a href="http://localhost:3000/demande/compagnonnage">');
    const versAppui = renderEmail(input(SAMPLES.demande_non_recevable), CTX);
    expect(versAppui.text).toContain('Faire une demande d’Appui Conseil : http://localhost:3000/demande/appui-conseil');
    expect(renderEmail(input({ kind: 'demande_non_recevable', motifs: ['Hors champ.'] }), CTX).text).not.toContain('/demande/');
  });

  it('says, in a rescheduled invitation, that the slot changed, from when to when', () => {
    const moved: EmailMessage = { ...SAMPLES.invitation_visio, ancienDebut: '2026-11-30T09:00:00.000Z' } as EmailMessage;
    const { subject, text, html } = renderEmail(input(moved), CTX);
    expect(subject).toContain('Nouveau créneau : visio de lancement le mardi 1er décembre 2026');
    for (const part of [text, html]) {
      expect(part).toContain('Le créneau a changé : du lundi 30 novembre 2026 à 10 h 00 au mardi 1er décembre 2026 à 14 h 30 (heure de Paris).');
    }
    expect(renderEmail(input(SAMPLES.invitation_visio), CTX).text).not.toContain('Le créneau a changé');
  });

  it('says it for a moved session and a moved Diagnostic meeting too', () => {
    for (const sample of [SAMPLES.invitation_seance, SAMPLES.invitation_diagnostic]) {
      const moved = { ...sample, ancienDebut: '2026-11-30T09:00:00.000Z' } as EmailMessage;
      expect(renderEmail(input(moved), CTX).text).toContain('Le créneau a changé : du lundi 30 novembre 2026 à 10 h 00 au');
    }
  });

  it('tells people in copy whose action it is, never "de votre part", and gives them no link', () => {
    const email = renderEmail(input(SAMPLES.acte_engagement_a_signer), { ...CTX, enCopieDe: 'Claire Martin', lienAction: 'http://localhost:3000/agir/x' });
    for (const part of [email.text, email.html]) {
      expect(part).toContain('Pour information, action attendue de Claire Martin');
      expect(part).not.toContain('Action attendue de votre part');
      expect(part).not.toContain('/agir/');
    }
  });

  it('writes the Appui Conseil with its article: "dans le cadre de l’Appui Conseil"', () => {
    const { text } = renderEmail(input(SAMPLES.designation_a_accepter, { dossier: APPUI }), CTX);
    expect(text).toContain('dans le cadre de l’Appui Conseil');
    expect(text).not.toMatch(/du Appui|de Appui/);
  });

  it('asks UNML to approve or refuse a travel request, with its estimated cost in euros', () => {
    const { subject, text, html } = renderEmail(input(SAMPLES.deplacement_a_approuver, { dossier: APPUI }), CTX);
    expect(subject).toContain('Demande de déplacement à approuver');
    for (const part of [text, html]) {
      // fr-FR: narrow no-break space between thousands, no-break space before the euro sign.
      expect(part).toContain('Coût estimé : 1\u202f250,00\u00a0€');
      expect(part).toContain('Marc Petit (Cabinet Horizon Conseil)');
      expect(part).toContain('Rouen');
      expect(part).toContain('mardi 1er décembre 2026');
      expect(part).toContain('Atelier de restitution du diagnostic flash avec le bureau.');
    }
    expect(text).toContain('Action attendue de votre part : Approuver ou refuser ce déplacement');
  });

  it('tells the cabinet a travel request is refused, with the reason', () => {
    const { subject, text } = renderEmail(input(SAMPLES.deplacement_decide, { dossier: APPUI }), CTX);
    expect(subject).toContain('Déplacement refusé');
    expect(text).toContain('L’UNML n’approuve pas le déplacement à Rouen prévu le mardi 1er décembre 2026');
    expect(text).toContain('La restitution peut se tenir en visio.');
    expect(renderEmail(input({ ...SAMPLES.deplacement_decide, approuve: true, motif: undefined }, { dossier: APPUI }), CTX).subject).toContain(
      'Déplacement approuvé',
    );
  });

  it('tells the cabinet its mission, its 15 to 20 days and that travel needs UNML’s prior approval', () => {
    const { text } = renderEmail(input(SAMPLES.cabinet_mobilise, { dossier: APPUI }), CTX);
    expect(text).toContain('L’UNML mobilise le cabinet Cabinet Horizon Conseil pour l’Appui Conseil de la Mission Locale de Rouen');
    expect(text).toMatch(/diagnostic flash[\s\S]*plan d’action[\s\S]*mise en œuvre/);
    expect(text).toContain('15 à 20 jours');
    expect(text).toContain('tout déplacement doit être approuvé au préalable par l’UNML');
  });

  it('makes only http(s) links clickable', () => {
    const { html } = renderEmail(input({ ...SAMPLES.invitation_visio, lien: 'javascript:alert(1)' }), CTX);
    expect(html).not.toContain('href="javascript:');
    expect(renderEmail(input(SAMPLES.invitation_visio), CTX).html).toContain('<a href="https://visio.example.org/abc">');
  });

  it('writes the 1st of the month as "1er"', () => {
    const { text } = renderEmail(input({ kind: 'acte_engagement_a_signer', dateLimite: '2026-12-01T10:00:00.000Z' }), CTX);
    expect(text).toContain('mardi 1er décembre 2026');
  });
});

describe('notify through SMTP to the local sink', () => {
  let dir: string;
  let sink: { port: number; close(): Promise<void> };
  let transport: Transporter;
  let activities: Activities;
  const lines: string[] = [];
  const logged: unknown[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'email-test-'));
    sink = await startSmtpSink({ port: 0, dir: join(dir, 'mails'), log: (line) => lines.push(line) });
    transport = createTransport(`smtp://127.0.0.1:${sink.port}`);
    activities = createActivities({
      transport,
      from: 'UNML Dispositifs <dispositifs@unml.info>',
      publicUrl: CTX.publicUrl,
      unmlContactEmail: CTX.unmlContactEmail,
      logger: pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line)) }),
    });
  });

  afterAll(async () => {
    transport?.close();
    await sink?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function mails(): Promise<ParsedMail[]> {
    const mailDir = join(dir, 'mails');
    const files = readdirSync(mailDir)
      .filter((f) => f.endsWith('.eml'))
      .sort();
    return Promise.all(files.map((f) => simpleParser(readFileSync(join(mailDir, f)))));
  }
  async function mailWith(messageId: string): Promise<ParsedMail[]> {
    return (await mails()).filter((m) => m.messageId === messageId);
  }
  const addresses = (a: AddressObject | AddressObject[] | undefined): string[] =>
    (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => v.address ?? ''));

  it('sends the acte d’engagement with recipients, reference, action, French deadline and escaped ML name', async () => {
    const dossier = { ...DOSSIER, mlNom: 'Mission Locale <script>alert("x")</script> & Cie' };
    const result = await activities.notify(input(SAMPLES.acte_engagement_a_signer, { dossier, key: '7-acte_engagement_a_signer', cc: [PRESIDENCE] }));
    expect(result.messageId).toBe('<CMP-0A1B2C3D4E.7-acte_engagement_a_signer@dispositifs.unml.info>');

    const [mail] = await mailWith(result.messageId);
    expect(mail).toBeDefined();
    expect(addresses(mail!.to)).toEqual(['direction@ml-rouen.fr']);
    // The présidence in copy gets its own copy: the action is the direction's.
    expect(addresses(mail!.cc)).toEqual([]);
    const [copie] = await mailWith(messageIdFor('CMP-0A1B2C3D4E', '7-acte_engagement_a_signer.copie'));
    expect(addresses(copie!.to)).toEqual(['presidence@ml-rouen.fr']);
    expect(copie!.text).toContain('Pour information, action attendue de Claire Martin : Signer l’acte d’engagement');
    expect(copie!.text).not.toContain('de votre part');
    expect(mail!.from?.text).toContain('dispositifs@unml.info');
    expect(mail!.subject).toContain('Acte d’engagement à signer');
    expect(mail!.subject).toContain('réf. CMP-0A1B2C3D4E');
    expect(mail!.headers.get('x-dispositifs-dossier')).toBe('CMP-0A1B2C3D4E');
    expect(mail!.headers.get('x-dispositifs-kind')).toBe('acte_engagement_a_signer');

    expect(mail!.text).toContain('Action attendue de votre part : Signer l’acte d’engagement');
    expect(mail!.text).toContain('Date limite : lundi 7 décembre 2026');
    expect(mail!.text).toContain('dispositifs@unml.info');

    const html = mail!.html as string;
    expect(html).toContain('lundi 7 décembre 2026');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('gives the same Message-ID to the same input sent twice (a retried send)', async () => {
    const i = input(SAMPLES.relance_complements, { key: '3-relance_complements' });
    const first = await activities.notify(i);
    const second = await activities.notify(i);
    expect(second.messageId).toBe(first.messageId);
    const received = await mailWith(first.messageId);
    expect(received).toHaveLength(2);
    expect(received.map((m) => m.messageId)).toEqual([first.messageId, first.messageId]);
  });

  it('sanitises the key in the Message-ID', async () => {
    const { messageId } = await activities.notify(input(SAMPLES.accuse_reception, { key: 'a b<c>@é' }));
    expect(messageId).toMatch(/^<CMP-0A1B2C3D4E\.[A-Za-z0-9_=-]+@dispositifs\.unml\.info>$/);
    expect(await mailWith(messageId)).toHaveLength(1);
  });

  it('tells an ML whose demand is not receivable that it can ask for the Appui Conseil', async () => {
    const { messageId } = await activities.notify(input(SAMPLES.demande_non_recevable));
    const [mail] = await mailWith(messageId);
    expect(mail!.subject).toContain('orientation vers l’Appui Conseil');
    expect(mail!.text).toContain('la Mission Locale peut demander l’Appui Conseil');
    expect(mail!.text).toContain('Les problématiques financières ne relèvent pas du compagnonnage.');
  });

  it('gives the day and the hour (Paris time) of a visio', async () => {
    const { messageId } = await activities.notify(input(SAMPLES.invitation_visio, { to: [DIRECTION, PRESIDENCE] }));
    const [mail] = await mailWith(messageId);
    expect(addresses(mail!.to)).toEqual(['direction@ml-rouen.fr', 'presidence@ml-rouen.fr']);
    expect(mail!.subject).toContain('Invitation : visio de lancement le mardi 1er décembre 2026');
    expect(mail!.text).toContain('mardi 1er décembre 2026 à 14 h 30 (heure de Paris)');
    expect(mail!.text).toContain('https://visio.example.org/abc');
  });

  it('sends one email to a person listed twice (two roles on the dossier), and none in copy to an addressee', async () => {
    const doublon = { nom: 'Claire Martin (consultante)', email: 'DIRECTION@ml-rouen.fr' };
    const { messageId } = await activities.notify(
      input(SAMPLES.invitation_visio, { key: '9-invitation_visio', to: [DIRECTION, doublon, PRESIDENCE], cc: [PRESIDENCE, DIRECTION] }),
    );
    const [mail] = await mailWith(messageId);
    expect(addresses(mail!.to)).toEqual(['direction@ml-rouen.fr', 'presidence@ml-rouen.fr']);
    expect(addresses(mail!.cc)).toEqual([]);
    expect(await mailWith(messageIdFor('CMP-0A1B2C3D4E', '9-invitation_visio.copie'))).toEqual([]);
  });

  it('refuses an email without recipient, without retry', async () => {
    const error = await activities.notify(input(SAMPLES.accuse_reception, { to: [] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect((error as ApplicationFailure).type).toBe('InvalidRecipients');
    expect((error as ApplicationFailure).nonRetryable).toBe(true);
  });

  it('logs one line per email in the sink and one entry per send in the activity, without the body', () => {
    const sent = 8; // every email sent above (the acte's copy to the présidence apart)
    expect(lines).toHaveLength(sent);
    expect(lines.some((l) => l.includes('direction@ml-rouen.fr') && l.includes('Acte d’engagement à signer'))).toBe(true);
    expect(logged).toHaveLength(sent);
    expect(logged[0]).toMatchObject({ msg: 'email sent', dossierId: 'CMP-0A1B2C3D4E', kind: 'acte_engagement_a_signer' });
    expect(JSON.stringify(logged)).not.toContain('Action attendue');
  });

  it('throws SMTP failures so the workflow retries them', async () => {
    const closed = await startSmtpSink({ port: 0, dir: join(dir, 'other'), log: () => undefined });
    const port = closed.port;
    await closed.close();
    const broken = createActivities({ ...CTX, transport: createTransport(`smtp://127.0.0.1:${port}`), from: 'x@unml.info' });
    const error = await broken.notify(input(SAMPLES.accuse_reception)).catch((e: unknown) => e);
    // nodemailer's error comes from another realm under jest: check its shape, not its class.
    expect(error).toMatchObject({ code: 'ESOCKET', message: expect.stringContaining('ECONNREFUSED') });
    expect(error).not.toBeInstanceOf(ApplicationFailure);
  });
});

describe('createTransport', () => {
  it('never puts the SMTP URL in its error', () => {
    expect(() => createTransport('smtp//user:s3cret@host')).toThrow(/SMTP_URL/);
    try {
      createTransport('http://user:s3cret@host');
    } catch (e) {
      expect(String(e)).not.toContain('s3cret');
    }
  });
});
