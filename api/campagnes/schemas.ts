// Schemas of /api/campagnes (issue #13): the creation body, the params, one input schema per action of the campaign,
// of one of its Missions Locales and of a dialogue de gestion (each checked against its Update's input type by
// `action()`, api/dossiers/actions.ts), and the states they answer (checked against the workflows' types), all in
// French for errors and OpenAPI.
import { z } from 'zod';
import '../openapi';
import type { Financeur, Periode, Progression, QuestionEnquete, Territoire } from '../../domain/campagne';
import type { Axe } from '../../domain/financement';
import { isoDateTime, regionSchema } from '../../domain/schemas';
import {
  CAMPAGNE_ID_PATTERN,
  CATEGORIES_DOCUMENT,
  TYPES_REUNION,
  type CampagneState,
  type ConsultantCampagne,
  type DialogueGestionState,
  type FichierRef,
  type MlCampagneState,
  type ReunionCampagne,
} from '../../workflows/campagne/state';
import { agendaSchema, etatDeBase, par, texte, timelineSchema, type Assert, type SameShape } from '../dossiers/schemas';
import { LIVRABLE_TYPES, livrableFichierSchema } from '../livrables/schemas';

// --- Building blocks ----------------------------------------------------------------------------------------
export const dateJour = z.iso.date('date attendue au format AAAA-MM-JJ (ex. 2027-01-15)').openapi({ example: '2027-01-15' });
const dateOuInstant = z.union([dateJour, isoDateTime], 'date attendue : AAAA-MM-JJ, ou date et heure ISO 8601 avec décalage (ex. 2027-01-15T10:00:00+01:00)');
const email = z.email('adresse e-mail invalide (ex. prenom.nom@exemple.fr)');
export const personneSchema = z.object({ nom: texte(200), email });
/** An ML's code, as the reference data has it (domain/schemas.ts missionLocaleSchema), built here so that it has .openapi(). */
export const codeMl = z.string().regex(/^[A-Za-z0-9-]{2,40}$/, 'lettres, chiffres et tirets seulement, de 2 à 40 (un code, par exemple ML-COLMAR)');
const url = z.url('lien attendu (https://…)').max(2000);
const liste = (max: number, quoi: string) => z.array(texte(2000)).max(max).describe(quoi);

// --- Params -------------------------------------------------------------------------------------------------
export const campagneIdSchema = z
  .string()
  .regex(CAMPAGNE_ID_PATTERN, 'identifiant de campagne attendu au format CAM-XXXXXXXXXX, X étant 10 caractères hexadécimaux majuscules')
  .openapi({ example: 'CAM-3F9A0C1B2D' });
export const campagneParamsSchema = z.object({ id: campagneIdSchema.openapi({ param: { name: 'id', in: 'path' } }) });
export const mlParamsSchema = campagneParamsSchema.extend({
  ml: codeMl.openapi({ param: { name: 'ml', in: 'path' }, example: 'ML-STRASBOURG' }).describe('Le code de la Mission Locale (référentiel)'),
});
export const documentParamsSchema = mlParamsSchema.extend({
  numero: z.coerce
    .number('numéro de document attendu (ex. 1)')
    .int('numéro de document attendu (ex. 1)')
    .min(1, 'les numéros commencent à 1')
    .openapi({ param: { name: 'numero', in: 'path' }, example: 1 })
    .describe('Le numéro du document (voir « documents »)'),
});
export const anneeSchema = z.coerce
  .number('année attendue (ex. 2028)')
  .int('année attendue (ex. 2028)')
  .min(2000, 'année attendue entre 2000 et 2100')
  .max(2100, 'année attendue entre 2000 et 2100');
export const dialogueParamsSchema = mlParamsSchema.extend({
  annee: anneeSchema.openapi({ param: { name: 'annee', in: 'path' }, example: 2028 }).describe('L’année de financement que le dialogue arrête'),
});

export const PHASES_CAMPAGNE = ['cadrage', 'etat_des_lieux', 'analyse_transversale', 'suivi', 'cloturee', 'annulee'] as const;
export const listeCampagnesQuerySchema = z.object({
  region: regionSchema.optional(),
  phase: z.enum(PHASES_CAMPAGNE).optional().describe('La phase : cadrage, etat_des_lieux, analyse_transversale, suivi, cloturee, annulee'),
});

// --- POST /api/campagnes ------------------------------------------------------------------------------------
const indicateurSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'un code court (lettres, chiffres, - et _)'),
  libelle: texte(300),
  poids: z.number().int().positive().optional(),
});
const axeSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'un code court (lettres, chiffres, - et _)'),
  libelle: texte(300),
  partPourDixMille: z.number().int('un entier (pour dix mille : 5000 = 50 %)').min(0).max(10000),
  nature: z.enum(['fixe', 'variable']),
  indicateurs: z.array(indicateurSchema).min(1, 'au moins un indicateur'),
});
export type _AxeInSync = Assert<SameShape<z.output<typeof axeSchema>, Axe>>;

const periodeSchema = z.object({ debut: dateJour, fin: dateJour });
export type _PeriodeInSync = Assert<SameShape<z.output<typeof periodeSchema>, Periode>>;
const territoireSchema = z.object({ nom: texte(200), mls: z.array(codeMl).describe('Les codes de ses Missions Locales') });
export type _TerritoireInSync = Assert<SameShape<z.output<typeof territoireSchema>, Territoire>>;
const financeurSchema = z.object({
  nom: texte(200).describe('Ex. DIRECCTE Alsace, Région Alsace'),
  organisme: z.enum(['etat', 'region', 'autre'], '« etat », « region » ou « autre » attendu'),
  contact: personneSchema,
});
export type _FinanceurInSync = Assert<SameShape<z.output<typeof financeurSchema>, Financeur>>;
const questionSchema = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'un code court (lettres, chiffres, - et _)'), libelle: texte(500) });
export type _QuestionInSync = Assert<SameShape<z.output<typeof questionSchema>, QuestionEnquete>>;

export const creerCampagneSchema = z
  .object({
    nom: texte(200).describe('Ex. « Démarche de progrès des Missions Locales d’Alsace 2027 » (pas de donnée personnelle)'),
    region: regionSchema,
    mls: z
      .array(
        z.object({
          code: codeMl.describe('Le code de la Mission Locale (référentiel : GET /api/referentiel/missions-locales) ; son nom vient du référentiel'),
          direction: personneSchema.describe('La direction (elle valide l’état des lieux)'),
          presidence: personneSchema.describe('La présidence'),
          adjoint: personneSchema.optional().describe('Un adjoint de direction, dans les grandes structures'),
        }),
      )
      .max(100),
    territoires: z.array(territoireSchema).max(30).describe('Les territoires (une restitution par territoire) ; chaque Mission Locale dans un seul'),
    financeurs: z.array(financeurSchema).max(10).describe('Au moins l’État et la Région'),
    consultantId: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'identifiant d’intervenant attendu (ex. INT-7K2M9Q)')
      .describe('Le consultant neutre : un consultant de cabinet du vivier (GET /api/intervenants?type=consultant_cabinet)'),
    calendrier: z.object({ cadrage: periodeSchema, etat_des_lieux: periodeSchema, analyse_transversale: periodeSchema }).describe('Les dates des trois phases'),
    financement: z
      .object({
        enveloppeCentimes: z.number().int('un montant entier en centimes d’euro').nonnegative().describe('L’enveloppe régionale, en centimes d’euro'),
        axes: z
          .array(axeSchema)
          .max(10)
          .optional()
          .describe('Les axes et leurs indicateurs (par défaut ceux de la démarche d’Alsace : 50 %, 35 %, 15 % variable)'),
        avancePourDixMille: z
          .number()
          .int()
          .min(0)
          .max(10000)
          .optional()
          .describe('L’avance à la signature, pour dix mille de l’enveloppe (par défaut 8000 = 80 %)'),
      })
      .optional(),
    enquete: z
      .object({ questions: z.array(questionSchema).min(1, 'au moins une question').max(50) })
      .optional()
      .describe('Une enquête auprès des directions (ex. sur la mutualisation), réponses par lien personnel'),
  })
  .openapi('NouvelleCampagne');
export type CreerCampagneBody = z.output<typeof creerCampagneSchema>;

export const campagneCreeeSchema = z
  .object({
    campagneId: z.string().openapi({ example: 'CAM-3F9A0C1B2D' }),
    phase: z.literal('cadrage'),
    lien: z.string().describe('La campagne dans l’API (GET)'),
    temporalUi: z.string().describe('Le workflow dans l’interface Temporal'),
  })
  .openapi('CampagneCreee');

export const campagneResumeSchema = z
  .object({
    campagneId: z.string(),
    nom: z.string().nullable(),
    region: z.string().nullable(),
    phase: z.string().nullable(),
    status: z.string().describe('Statut Temporal du workflow (RUNNING, COMPLETED, …)'),
    creeeLe: z.string(),
  })
  .openapi('CampagneResume');
export const listeCampagnesSchema = z.object({ items: z.array(campagneResumeSchema), count: z.number().int() }).openapi('ListeCampagnes');

export const demarrerDialogueSchema = z
  .object({ annee: anneeSchema.describe('L’année de financement que le dialogue arrête') })
  .openapi('NouveauDialogueGestion');
export const dialogueDemarreSchema = z.object({ dialogueId: z.string(), lien: z.string() }).openapi('DialogueGestionDemarre');

// --- Files: a stored file (like deliverables) or a link ----------------------------------------------------
export const fichierRefSchema = z.object({ type: z.string(), tailleOctets: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
export type _FichierRefInSync = Assert<SameShape<z.output<typeof fichierRefSchema>, FichierRef>>;
const fichierRequete = livrableFichierSchema.optional().describe(`Le fichier en base64 (${LIVRABLE_TYPES.map((t) => t.libelle).join(', ')}), ou un lien (url)`);
const unFichierOuUnLien = (v: { url?: string | undefined; fichier?: unknown }, ctx: z.core.$RefinementCtx) => {
  if ((v.url === undefined) === (v.fichier === undefined))
    ctx.addIssue({ code: 'custom', path: ['fichier'], message: 'un fichier (fichier) ou un lien (url) attendu, l’un ou l’autre' });
};

// --- The campaign's actions (parent) ------------------------------------------------------------------------
const cle = z.string().trim().min(1, 'ne peut pas être vide').max(100).describe('La clé de la réunion (voir `reunions` de la campagne)');
export const campagneActionSchemas = {
  entretienContextuel: z.object({
    par,
    date: dateOuInstant.describe('La date de l’entretien'),
    avec: texte(500).describe('Qui a été rencontré (financeur, ARML, présidence…), nom et rôle'),
    notes: texte(5000).optional(),
  }),
  reunion: z.object({
    par,
    cle: cle.optional().describe('Pour déplacer une réunion planifiée : sa clé (même invitation, nouvelle séquence)'),
    type: z.enum(TYPES_REUNION, `type attendu : ${TYPES_REUNION.join(', ')}`),
    territoire: texte(200).optional().describe('Pour une restitution : le territoire'),
    mls: z.array(codeMl).optional().describe('Pour un groupe de travail : les Missions Locales dont les directions sont invitées (toutes sinon)'),
    debut: isoDateTime,
    dureeMinutes: z.number().int().min(15, '15 minutes au moins').max(600, '10 heures au plus').optional(),
    lieu: texte(300).optional(),
    lien: url.optional().describe('Le lien de la visio'),
  }),
  annulationReunion: z.object({ par, cle, motif: texte(1000).optional() }),
  presence: z.object({
    par,
    cle,
    presents: z.array(email).describe('Les e-mails des présents, parmi les invités'),
    compteRendu: texte(10000).optional(),
  }),
  accuseSupport: z.object({ par, ml: codeMl.describe('La Mission Locale qui accuse réception du support') }),
  phase: z.object({
    par,
    phase: z.enum(['etat_des_lieux', 'analyse_transversale', 'suivi'], '« etat_des_lieux », « analyse_transversale » ou « suivi » attendu'),
    motif: texte(2000).optional().describe('Pour clore l’état des lieux avec des Missions Locales manquantes : la raison'),
  }),
  retraitMl: z.object({ par, ml: codeMl, motif: texte(2000) }),
  analyse: z.object({
    par,
    bonnesPratiques: liste(50, 'Les bonnes pratiques'),
    difficultesStructurelles: liste(50, 'Les difficultés structurelles'),
    obstaclesExternes: liste(50, 'Les obstacles externes'),
    preconisations: liste(50, 'Les préconisations'),
  }),
  enquete: z.object({ par, reponsesAvant: dateJour.optional().describe('La date limite de réponse') }),
  reponseEnquete: z.object({
    par,
    ml: codeMl,
    reponses: z.record(z.string(), z.boolean()).describe('Code de question → favorable (true) ou non (false)'),
  }),
  cloture: z.object({ par, motif: texte(2000).optional() }),
  annulation: z.object({ par, motif: texte(2000) }),
};

/** diffuserSupport's request: the support's name, and its file (stored before the update) or link. */
export const supportRequeteSchema = z
  .object({ par, nom: texte(300).describe('Ex. « Support de présentation de la démarche »'), url: url.optional(), fichier: fichierRequete })
  .superRefine(unFichierOuUnLien)
  .openapi('SupportCampagne');

// --- One Mission Locale's actions (child) -------------------------------------------------------------------
export const documentEtudeRequeteSchema = z
  .object({
    par,
    categorie: z.enum(CATEGORIES_DOCUMENT, `catégorie attendue : ${CATEGORIES_DOCUMENT.join(', ')}`),
    nom: texte(300),
    url: url.optional(),
    fichier: fichierRequete,
  })
  .superRefine(unFichierOuUnLien)
  .openapi('DocumentEtude');
export const etatDesLieuxRequeteSchema = z
  .object({
    par,
    nom: texte(300).describe('Ex. « État des lieux — Mission Locale de Colmar »'),
    synthese: texte(10000).describe('La synthèse, que la direction relit'),
    url: url.optional(),
    fichier: fichierRequete,
  })
  .superRefine(unFichierOuUnLien)
  .openapi('EtatDesLieuxLivrable');

export const mlActionSchemas = {
  entretien: z.object({
    par,
    avec: z.enum(['president', 'directeur', 'adjoint'], '« president », « directeur » ou « adjoint » attendu'),
    date: dateOuInstant,
    compteRendu: texte(10000).optional(),
  }),
  revue: z
    .object({
      par,
      decision: z.enum(['valider', 'retourner'], '« valider » ou « retourner » attendu'),
      commentaires: texte(10000).optional().describe('Obligatoires pour retourner l’état des lieux'),
    })
    .superRefine((v, ctx) => {
      if (v.decision === 'retourner' && !v.commentaires)
        ctx.addIssue({ code: 'custom', path: ['commentaires'], message: 'pour retourner l’état des lieux, dites ce qui est à reprendre' });
    }),
  pointBloquant: z.object({ par, point: texte(2000) }),
  leveePointBloquant: z.object({ par, commentaire: texte(2000).optional() }),
  projetDeStructure: z.object({
    par,
    besoinsJeunes: texte(10000).describe('Les besoins des jeunes du territoire'),
    offreDeService: texte(10000),
    moyens: texte(10000),
    planAction: z
      .array(z.object({ action: texte(2000), echeance: dateJour.optional() }))
      .min(1, 'au moins une action')
      .max(100),
    besoinsNonCouverts: texte(10000),
    valideDu: dateJour,
    valideAu: dateJour.optional().describe('Par défaut : 3 ans après valideDu'),
  }),
};

// --- The dialogue de gestion's actions ------------------------------------------------------------------------
export const dialogueActionSchemas = {
  planification: z.object({
    par,
    debut: isoDateTime,
    dureeMinutes: z.number().int().min(15, '15 minutes au moins').max(600, '10 heures au plus').optional(),
    lieu: texte(300).optional(),
    lien: url.optional(),
  }),
  compteRendu: z.object({
    par,
    revuePlanAction: texte(10000).describe('La revue du plan d’action'),
    axe3: z.object({
      valeurs: z.record(z.string(), z.number().int('un entier').nonnegative('positif ou nul')).describe('Indicateur de l’axe 3 → valeur arrêtée'),
      motif: texte(5000).describe('Le choix argumenté (« le choix final de la Région sera argumenté »)'),
    }),
  }),
};

// --- States (responses) ---------------------------------------------------------------------------------------
const base = etatDeBase(['_'] as const);
const courriels = base.courriels;
const echeance = base.prochaineEcheance;
const fichierOptionnel = fichierRefSchema.optional();

const consultantSchema = z.object({ id: z.string(), nom: z.string(), email: z.string(), cabinet: z.string().optional() });
export type _ConsultantInSync = Assert<SameShape<z.output<typeof consultantSchema>, ConsultantCampagne>>;
const destinataire = z.object({ nom: z.string(), email: z.string() });
const reunionSchema = z.object({
  type: z.enum(TYPES_REUNION),
  territoire: z.string().optional(),
  titre: z.string(),
  debut: z.string(),
  dureeMinutes: z.number(),
  lieu: z.string().optional(),
  lien: z.string().optional(),
  invites: z.array(destinataire),
  tenue: z.object({ le: z.string(), presents: z.array(z.string()), compteRendu: z.string().optional() }).optional(),
  annulee: z.boolean().optional(),
});
export type _ReunionInSync = Assert<SameShape<z.output<typeof reunionSchema>, ReunionCampagne>>;
const statutEtatDesLieux = z.enum(['en_cours', 'livrable_a_valider', 'a_reprendre', 'valide', 'retiree']);
const progressionSchema = z.object({
  valides: z.number().int(),
  total: z.number().int(),
  texte: z.string().describe('Ex. « 7 sur 11 états des lieux validés »'),
  manquantes: z.array(z.string()),
  bloquants: z.array(z.object({ nom: z.string(), point: z.string() })),
  complet: z.boolean(),
});
export type _ProgressionInSync = Assert<SameShape<z.output<typeof progressionSchema>, Progression>>;

export const campagneVueSchema = z
  .object({
    campagneId: z.string(),
    nom: z.string(),
    region: regionSchema,
    phase: z.enum(PHASES_CAMPAGNE),
    mls: z.array(
      z.object({
        code: z.string(),
        nom: z.string(),
        direction: destinataire,
        presidence: destinataire,
        adjoint: destinataire.optional(),
        territoire: z.string(),
        retrait: z.object({ motif: z.string(), le: z.string() }).optional(),
      }),
    ),
    territoires: z.array(territoireSchema),
    financeurs: z.array(financeurSchema),
    consultant: consultantSchema,
    calendrier: z.object({ cadrage: periodeSchema, etat_des_lieux: periodeSchema, analyse_transversale: periodeSchema }),
    contactUnml: destinataire,
    entretiensContextuels: z.array(z.object({ date: z.string(), avec: z.string(), par: z.string().optional(), notes: z.string().optional() })),
    reunions: z.record(z.string(), reunionSchema).describe('Par clé : groupe_de_travail-1, presentation_presidents, presentation_directeurs, restitution-<n>'),
    support: z
      .object({
        nom: z.string(),
        url: z.string().optional(),
        fichier: fichierOptionnel,
        diffuseLe: z.string(),
        accuses: z.array(z.object({ ml: z.string(), le: z.string(), par: z.string().optional() })),
      })
      .optional(),
    etatsDesLieux: z.array(
      z.object({
        ml: z.string(),
        nom: z.string(),
        statut: statutEtatDesLieux,
        pointBloquant: z.string().optional(),
        relance: z.enum(['relancee', 'escaladee']).optional(),
      }),
    ),
    clotureEtatDesLieux: z.object({ le: z.string(), motif: z.string(), manquantes: z.array(z.string()) }).optional(),
    analyse: z
      .object({
        bonnesPratiques: z.array(z.string()),
        difficultesStructurelles: z.array(z.string()),
        obstaclesExternes: z.array(z.string()),
        preconisations: z.array(z.string()),
        le: z.string(),
      })
      .optional(),
    enquete: z
      .object({
        questions: z.array(questionSchema),
        lanceeLe: z.string().optional(),
        reponses: z.array(z.object({ ml: z.string(), reponses: z.record(z.string(), z.boolean()), le: z.string() })),
      })
      .optional(),
    financement: z.object({ enveloppe: z.number().int(), axes: z.array(axeSchema), avancePourDixMille: z.number().int() }),
    indicateurs: z.array(
      z.object({
        annee: z.number().int(),
        mls: z.array(z.object({ code: z.string(), nom: z.string(), valeurs: z.record(z.string(), z.number()) })),
        le: z.string(),
      }),
    ),
    axe3: z.array(z.object({ annee: z.number().int(), ml: z.string(), valeurs: z.record(z.string(), z.number()), motif: z.string(), le: z.string() })),
    issue: z.object({ motif: z.string(), le: z.string() }).optional(),
    prochaineEcheance: echeance,
    agenda: agendaSchema,
    timeline: timelineSchema,
    courriels,
    progression: progressionSchema.describe('Où en sont les états des lieux (« 7 sur 11 états des lieux validés »)'),
  })
  .openapi('Campagne');
export type _CampagneInSync = Assert<SameShape<Omit<z.output<typeof campagneVueSchema>, 'progression'>, CampagneState>>;

const projetSchema = z.object({
  besoinsJeunes: z.string(),
  offreDeService: z.string(),
  moyens: z.string(),
  planAction: z.array(z.object({ action: z.string(), echeance: z.string().optional() })),
  besoinsNonCouverts: z.string(),
  valideDu: z.string(),
  valideAu: z.string(),
  enregistreLe: z.string(),
  alerteLe: z.string().optional(),
  expireLe: z.string().optional(),
});
const dialogueTenuSchema = z.object({
  annee: z.number().int(),
  le: z.string(),
  revuePlanAction: z.string(),
  axe3: z.object({ valeurs: z.record(z.string(), z.number()), motif: z.string() }),
});
const participante = z.object({ code: z.string(), nom: z.string(), direction: destinataire, presidence: destinataire, adjoint: destinataire.optional() });

export const mlCampagneSchema = z
  .object({
    campagneId: z.string(),
    dossierId: z.string().describe('<campagneId>-<code ML>'),
    nomCampagne: z.string(),
    region: regionSchema,
    ml: participante,
    territoire: z.string(),
    consultant: consultantSchema,
    statut: statutEtatDesLieux,
    documents: z.array(
      z.object({
        numero: z.number().int(),
        categorie: z.enum(CATEGORIES_DOCUMENT),
        nom: z.string(),
        url: z.string().optional(),
        fichier: fichierOptionnel,
        deposeLe: z.string(),
        par: z.string().optional(),
      }),
    ),
    entretiens: z.array(
      z.object({ avec: z.enum(['president', 'directeur', 'adjoint']), date: z.string(), compteRendu: z.string().optional(), par: z.string().optional() }),
    ),
    livrable: z
      .object({ version: z.number().int(), nom: z.string(), url: z.string().optional(), fichier: fichierOptionnel, synthese: z.string(), deposeLe: z.string() })
      .optional(),
    revues: z.array(
      z.object({
        version: z.number().int(),
        decision: z.enum(['valide', 'a_reprendre']),
        commentaires: z.string().optional(),
        le: z.string(),
        par: z.string().optional(),
      }),
    ),
    pointBloquant: z.object({ point: z.string(), le: z.string() }).optional(),
    relance: z.enum(['relancee', 'escaladee']).optional(),
    retrait: z.object({ motif: z.string(), le: z.string() }).optional(),
    projetDeStructure: projetSchema.optional(),
    projetsPrecedents: z.array(projetSchema),
    dialogues: z.array(dialogueTenuSchema),
    fin: z.object({ motif: z.string(), le: z.string() }).optional(),
    prochaineEcheance: echeance,
    timeline: timelineSchema,
    courriels,
  })
  .openapi('MlCampagne');
export type _MlCampagneInSync = Assert<SameShape<z.output<typeof mlCampagneSchema>, MlCampagneState>>;

export const dialogueGestionSchema = z
  .object({
    campagneId: z.string(),
    ml: z.string(),
    annee: z.number().int(),
    statut: z.enum(['a_preparer', 'planifie', 'tenu', 'sans_objet', 'non_tenu']).describe('non_tenu : ni planifié ni enregistré malgré les relances'),
    contexte: z
      .object({
        nomCampagne: z.string(),
        region: regionSchema,
        ml: participante,
        financeurs: z.array(destinataire),
        contactUnml: destinataire,
        chiffres: z.object({ annee: z.number().int(), valeurs: z.record(z.string(), z.number()) }).optional(),
        libelles: z.record(z.string(), z.string()).optional().describe('Les libellés des indicateurs (code → libellé)'),
        indicateursAxe3: z.array(z.object({ code: z.string(), libelle: z.string() })),
        planAction: z.array(z.object({ action: z.string(), echeance: z.string().optional() })),
        sansObjet: z.string().optional(),
      })
      .optional(),
    reunion: z.object({ debut: z.string(), dureeMinutes: z.number(), lieu: z.string().optional(), lien: z.string().optional() }).optional(),
    tenu: dialogueTenuSchema.optional(),
    sansObjet: z.string().optional(),
    agenda: agendaSchema,
    timeline: timelineSchema,
    courriels,
  })
  .openapi('DialogueGestion');
export type _DialogueInSync = Assert<SameShape<z.output<typeof dialogueGestionSchema>, DialogueGestionState>>;
