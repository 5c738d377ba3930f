// Schemas of the Compagnonnage dossiers (seed 003): the state and one input schema per action. The state schema
// is checked against CompagnonnageState (below) and every action schema against its update's input type (see
// ../actions.ts), so neither can drift from the workflow.
import { z } from 'zod';
import '../../openapi';
import { demandeCompagnonnageSchema, rythmeSchema } from '../../../domain/compagnonnage';
import { documentEchangeSchema } from '../../documents/schemas';
import { contactSchema, intervenantSchema, isoDateTime, opaqueId, staffSchema } from '../../../domain/schemas';
import {
  ETAPES,
  STATUTS_SEANCE,
  VISIOS,
  VISIOS_BILAN,
  type CompagnonnageState,
  type StatutSeance,
  type VisioBilanKind,
  type VisioKey,
} from '../../../workflows/compagnonnage/state';
import {
  declinerSchema,
  accepterSchema,
  etatDeBase,
  etatVivierSchema,
  lien,
  objectifBilanSchema,
  par,
  passationSchema,
  reponseVisioSchema,
  texte,
  visioSchema,
  type Assert,
  type SameShape,
} from '../schemas';

const dureeMinutes = z
  .number()
  .int('un nombre entier de minutes')
  .positive('une durée positive, en minutes')
  .max(24 * 60)
  .describe('Durée en minutes (entier positif)');
const visioBilanKinds = VISIOS_BILAN as readonly VisioBilanKind[] as [VisioBilanKind, ...VisioBilanKind[]];
const visioKeys = VISIOS as readonly VisioKey[] as [VisioKey, ...VisioKey[]];

export const compagnonnageStateSchema = z
  .object({
    dossierId: z.string(),
    dispositif: z.literal('compagnonnage'),
    etape: z.enum(ETAPES),
    creeLe: z.string(),
    demande: demandeCompagnonnageSchema,
    recevabilite: z.object({ recevable: z.boolean(), motifs: z.array(z.string()), redirection: z.literal('appui_conseil').optional() }).optional(),
    interlocutrice: staffSchema.optional(),
    listeAttente: z.object({ priorite: z.number(), motif: z.string().optional() }).optional(),
    priorite: z.number().optional().describe("Priorité en file d'attente du vivier (1 = la plus haute)"),
    vivier: etatVivierSchema.optional(),
    complements: z.object({ aCompleter: z.string(), dateLimite: z.string() }).optional(),
    intervenant: intervenantSchema.optional(),
    acteEngagement: z.object({ signataire: z.string(), signeLe: z.string() }).optional(),
    ficheCadrage: z.object({ besoin: z.string(), objectifs: z.array(z.string()), rythme: rythmeSchema }).optional(),
    visioLancement: visioSchema.optional(),
    ficheSuivi: z.object({
      seances: z.array(
        z.object({
          numero: z.number(),
          date: z.string(),
          dureeMinutes: z.number(),
          resume: z.string(),
          par: z.string().optional(),
          enregistreePar: z.enum(['ml', 'intervenant']),
          statut: z
            .enum(STATUTS_SEANCE as readonly StatutSeance[] as [StatutSeance, ...StatutSeance[]])
            .describe('en_attente (compte provisoirement), confirmee, contestee (ne compte pas), retenue, ecartee'),
          confirmation: z.object({ confirme: z.boolean(), commentaire: z.string().optional(), par: z.string().optional(), le: z.string() }).optional(),
          arbitrage: z.object({ retenue: z.boolean(), motif: z.string(), par: z.string().optional(), le: z.string() }).optional(),
        }),
      ),
      prochaines: z.array(z.object({ cle: z.string(), debut: z.string(), dureeMinutes: z.number() })),
    }),
    heures: z.object({
      forfaitMinutes: z.number(),
      consommeesMinutes: z.number().describe('Séances confirmées, retenues ou en attente de confirmation'),
      enAttenteMinutes: z.number().describe('Dont en attente de confirmation'),
      contesteesMinutes: z.number().describe('Séances contestées, non décomptées tant que l’UNML n’a pas tranché'),
      alerte80Envoyee: z.boolean(),
      extensions: z.array(z.object({ minutes: z.number(), motif: z.string(), le: z.string() })),
    }),
    visiosBilan: z.partialRecord(z.enum(visioBilanKinds), visioSchema),
    reponsesVisio: z
      .partialRecord(z.enum(visioKeys), z.partialRecord(z.enum(['ml', 'intervenant']), reponseVisioSchema))
      .describe('La réponse de chaque participant à chaque invitation de visio (remise à zéro quand la visio est replanifiée)'),
    ficheBilan: z.object({ objectifs: z.array(objectifBilanSchema), recommandations: z.string(), pointsDeVigilance: z.string() }).optional(),
    evaluations: z.partialRecord(z.enum(['ml', 'intervenant']), z.object({ reponses: z.record(z.string(), z.string()), le: z.string() })),
    questionnaires: z
      .object({ envoyesLe: z.string(), reponsesAttenduesAvant: z.string() })
      .optional()
      .describe("Les questionnaires d'évaluation envoyés avec la fiche bilan ; la clôture attend leurs réponses jusqu'à reponsesAttenduesAvant"),
    postBilan: z.object({ prevuLe: z.string(), impact: z.string().optional(), suites: z.string().optional(), le: z.string().optional() }).optional(),
    documents: z.array(documentEchangeSchema).optional().describe('Les outils et documents échangés entre les directions (GET …/documents/:numero)'),
    preparations: z
      .array(z.object({ numero: z.number(), date: z.string(), dureeMinutes: z.number(), le: z.string(), par: z.string().optional() }))
      .optional()
      .describe("Le temps de préparation enregistré par l'intervenant (non décompté du forfait)"),
    ...etatDeBase(ETAPES),
  })
  .openapi('DossierCompagnonnage');
export type _CompagnonnageStateInSync = Assert<SameShape<z.output<typeof compagnonnageStateSchema>, CompagnonnageState>>;

// --- Action inputs ----------------------------------------------------------------------------------------
export const compagnonnageActionSchemas = {
  accepter: accepterSchema,
  decliner: declinerSchema,
  listeAttente: z.object({ par, priorite: z.number().int().min(1).describe('1 = la plus haute'), motif: texte(2000).optional() }),
  demanderComplements: z.object({ par, aCompleter: texte(2000) }),
  completer: z.object({
    par,
    description: demandeCompagnonnageSchema.shape.description.optional(),
    direction: contactSchema.optional(),
    presidence: contactSchema.optional(),
    sujets: demandeCompagnonnageSchema.shape.sujets.optional(),
    casMobilisation: demandeCompagnonnageSchema.shape.casMobilisation.optional(),
  }),
  interlocutrice: passationSchema,
  repondreDesignation: z.object({
    par,
    accepte: z.boolean().describe("true : l'intervenant accepte (l'acte d'engagement part alors à la Mission Locale) ; false : il décline"),
    motif: texte(2000).optional().describe('Obligatoire pour décliner : communiqué à l’UNML'),
    intervenantId: opaqueId.optional().describe("Identifiant de l'intervenant qui répond : doit être celui de l'intervenant désigné"),
  }),
  repondreVisio: z.object({
    par,
    visio: z.enum(visioKeys),
    role: z.enum(['ml', 'intervenant']).describe('Le participant qui répond'),
    confirme: z.boolean().describe('true : le créneau convient ; false : un autre créneau est proposé'),
    proposition: isoDateTime.optional().describe('Obligatoire si confirme = false : la date et heure proposée'),
    commentaire: texte(2000).optional(),
  }),
  signerActeEngagement: z.object({ par, signataire: texte(200) }),
  ficheCadrage: z.object({ par, besoin: texte(5000), objectifs: z.array(texte(1000)).min(1).max(20), rythme: rythmeSchema.optional() }),
  visioLancement: z.object({ par, debut: isoDateTime, lien }),
  compteRenduVisioLancement: z.object({ par, compteRendu: texte(10000).optional() }),
  planifierSeance: z.object({
    par,
    debut: isoDateTime,
    dureeMinutes,
    remplace: z.string().trim().min(1).max(40).optional().describe('Clé de la séance planifiée à déplacer (ex. seance-2) : son invitation est mise à jour'),
  }),
  annulerSeance: z.object({
    par,
    seance: z.string().trim().min(1).max(40).describe('Clé de la séance planifiée (ex. seance-2)'),
    motif: texte(2000).optional(),
  }),
  seance: z.object({
    par,
    date: isoDateTime,
    dureeMinutes,
    resume: texte(10000),
    role: z.enum(['ml', 'intervenant']).optional().describe("Qui enregistre la séance (l'intervenant par défaut) : l'autre partie la confirme"),
  }),
  confirmerSeance: z.object({
    par,
    numero: z.number().int().min(1).describe('Numéro de la séance dans la fiche de suivi'),
    confirme: z.boolean().describe("true : la séance a bien eu lieu ainsi ; false : contestée, l'UNML tranche"),
    commentaire: texte(2000).optional().describe('Obligatoire pour contester'),
    role: z
      .enum(['ml', 'intervenant'])
      .describe("Qui confirme : l'autre partie que celle qui a enregistré la séance (ml pour une séance enregistrée par l'intervenant, et inversement)"),
  }),
  trancherSeance: z.object({
    par,
    numero: z.number().int().min(1),
    retenue: z.boolean().describe('true : la séance est décomptée du forfait ; false : écartée'),
    motif: texte(2000),
  }),
  rythme: z.object({ par, rythme: rythmeSchema, motif: texte(2000).optional() }),
  extensionForfait: z.object({ par, heuresSupplementaires: z.number().positive().max(100), motif: texte(2000) }),
  finAccompagnement: z.object({ par, motif: texte(2000).optional() }),
  visioBilan: z.object({ par, visio: z.enum(visioBilanKinds), debut: isoDateTime, lien }),
  ficheBilan: z.object({ par, objectifs: z.array(objectifBilanSchema).min(1).max(20), recommandations: texte(10000), pointsDeVigilance: texte(10000) }),
  evaluation: z.object({
    par,
    repondant: z.enum(['ml', 'intervenant']),
    reponses: z.record(z.string().trim().min(1).max(200), z.string().max(5000)).refine((r) => Object.keys(r).length > 0, 'au moins une réponse'),
  }),
  postBilan: z.object({ par, impact: texte(10000), suites: texte(10000).optional() }),
  abandon: z.object({ par, motif: texte(2000).describe('Communiqué à tous les participants') }),
  inviterDocuments: z.object({ par }),
  preparation: z.object({
    par,
    date: isoDateTime.describe('Quand la préparation a eu lieu : passée, et pas avant la création du dossier'),
    dureeMinutes,
  }),
};
