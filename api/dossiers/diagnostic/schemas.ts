// Schemas of the Diagnostic dossiers (seed 000): the state and one input schema per action. As for the other
// dispositifs, the state schema is checked against DiagnosticState and every action schema against its
// update's input type (see actions.ts), so neither can drift from the workflow.
import { z } from 'zod';
import '../../openapi';
import {
  ACCOMPAGNEMENTS_PROPOSABLES,
  demandeDiagnosticSchema,
  MISE_EN_COMMUN_MAX_MINUTES,
  ROLES_DIAGNOSTIC,
  type AccompagnementPropose,
} from '../../../domain/diagnostic';
import { intervenantSchema, isoDateTime, opaqueId, staffSchema } from '../../../domain/schemas';
import { ETAPES_DIAGNOSTIC, EVENEMENTS_DIAGNOSTIC, NATURES_JOURNEE_DIAGNOSTIC, type DiagnosticState } from '../../../workflows/diagnostic/state';
import {
  declinerSchema,
  accepterSchema,
  etatDeBase,
  classementSchema,
  etatVivierSchema,
  lien,
  par,
  reponseVisioSchema,
  texte,
  type Assert,
  type SameShape,
} from '../schemas';

const demiJourneesSchema = z.union([z.literal(1), z.literal(2)]).describe('1 = une demi-journée, 2 = une journée entière');
const roleSchema = z
  .enum(ROLES_DIAGNOSTIC)
  .describe('diagnostiqueur_consultant (consultant·e de cabinet) ou diagnostiqueur_directeur (directeur·rice de Mission Locale)');
const accompagnementSchema = z.enum(Object.keys(ACCOMPAGNEMENTS_PROPOSABLES) as [AccompagnementPropose, ...AccompagnementPropose[]]);
const choixSchema = z.object({ source: z.enum(['classement', 'manuel']), rang: z.number().int().min(1).optional(), motif: z.string().optional() });

// --- The dossier state (response of GET /api/dossiers/DGN-… and of every Diagnostic action) --------------
export const propositionBinomeSchema = z
  .object({
    consultant: classementSchema,
    directeur: classementSchema,
    score: z.number().describe('0 à 100 : scores individuels, complémentarité des expertises sur les thématiques, régions différentes'),
    raisons: z.array(z.string()).describe('Ce qui fait le score du binôme, en français'),
  })
  .openapi('PropositionBinome');

const rendezvousSchema = z.object({
  debut: z.string(),
  dureeMinutes: z.number(),
  lien: z.string().optional(),
  tenu: z.boolean().optional(),
  compteRendu: z.string().optional(),
});
const rapportIndividuelSchema = z.object({
  forces: z.string(),
  faiblesses: z.string(),
  preconisations: z.array(z.string()),
  le: z.string(),
  par: z.string().optional(),
});

export const diagnosticStateSchema = z
  .object({
    dossierId: z.string(),
    dispositif: z.literal('diagnostic'),
    etape: z.enum(ETAPES_DIAGNOSTIC),
    creeLe: z.string(),
    demande: demandeDiagnosticSchema,
    recevabilite: z.object({ recevable: z.boolean(), motifs: z.array(z.string()) }).optional(),
    interlocutrice: staffSchema.optional(),
    priorite: z.number().optional(),
    vivier: z.object({ diagnostiqueur_consultant: etatVivierSchema, diagnostiqueur_directeur: etatVivierSchema }),
    binomesProposes: z.array(propositionBinomeSchema).describe('Les meilleurs binômes proposés par le vivier, avec leurs raisons'),
    binome: z.partialRecord(
      roleSchema,
      z.object({ intervenant: intervenantSchema, choix: choixSchema, designeLe: z.string(), accepteLe: z.string().optional() }),
    ),
    analyses: z.partialRecord(roleSchema, z.object({ synthese: z.string(), le: z.string(), par: z.string().optional() })),
    miseEnCommun: rendezvousSchema.optional(),
    programme: z
      .object({
        rencontres: z.array(z.string()),
        proposeLe: z.string(),
        validation: z.object({ accepte: z.boolean(), commentaire: z.string().optional(), le: z.string(), par: z.string().optional() }).optional(),
      })
      .optional(),
    journeeSurSite: rendezvousSchema.optional(),
    debriefing: z.object({ pistes: z.array(z.string()), le: z.string(), par: z.string().optional() }).optional(),
    rapports: z.partialRecord(roleSchema, rapportIndividuelSchema),
    precisions: z
      .array(
        z.object({
          numero: z.number().int(),
          question: z.string(),
          le: z.string(),
          par: z.string().optional(),
          reponse: z.object({ texte: z.string(), le: z.string(), par: z.string().optional() }).optional(),
        }),
      )
      .describe('Les précisions demandées par le binôme à la Mission Locale, et ses réponses'),
    rapportCroise: z
      .object({
        constats: z.string(),
        preconisations: z.array(z.string()),
        divergences: z.string().optional(),
        version: z.number(),
        le: z.string(),
        modifications: z.array(z.object({ motif: z.string(), le: z.string(), par: z.string().optional() })),
      })
      .optional(),
    retoursMl: z.array(z.object({ commentaire: z.string(), le: z.string(), par: z.string().optional(), version: z.number() })),
    revueFinale: rendezvousSchema.optional(),
    reponsesRendezvous: z
      .partialRecord(z.enum(EVENEMENTS_DIAGNOSTIC), z.record(z.string(), reponseVisioSchema.extend({ nom: z.string() })))
      .optional()
      .describe('Réponses des personnes invitées à chaque rendez-vous, par adresse électronique (une replanification les redemande)'),
    conclusion: z.object({ conclusions: z.string(), accompagnement: accompagnementSchema.optional(), motif: z.string().optional(), le: z.string() }).optional(),
    suite: z
      .object({
        dispositif: accompagnementSchema,
        proposeeLe: z.string(),
        jusquAu: z.string(),
        reponse: z.object({ accepte: z.boolean(), motif: z.string().optional(), le: z.string(), par: z.string().optional() }).optional(),
        nonRecevable: z.array(z.string()).optional().describe('Acceptée, mais la demande n’était pas recevable : pourquoi'),
        expireeLe: z.string().optional(),
      })
      .optional()
      .describe('L’accompagnement proposé par la revue finale, soumis à la direction par son lien personnel, et sa réponse'),
    aConduitA: z.string().optional().describe('Le dossier (CMP-… ou APC-…) issu de ce diagnostic, une fois la proposition acceptée'),
    evaluationDateLimite: z.string().optional().describe("Jusqu'à quand les questionnaires d'évaluation envoyés à la clôture sont reçus"),
    evaluations: z
      .array(z.object({ repondant: z.enum(['ml', 'intervenant']), nom: z.string(), reponses: z.record(z.string(), z.string()), le: z.string() }))
      .optional(),
    journees: z
      .array(
        z.object({
          numero: z.number(),
          role: roleSchema,
          intervenantId: z.string(),
          nature: z.enum(NATURES_JOURNEE_DIAGNOSTIC),
          date: z.string(),
          demiJournees: demiJourneesSchema,
          le: z.string(),
          par: z.string().optional(),
        }),
      )
      .optional()
      .describe('Les journées (ou demi-journées) enregistrées par chaque diagnostiqueur·se'),
    ...etatDeBase(ETAPES_DIAGNOSTIC),
  })
  .openapi('DossierDiagnostic');
export type _DiagnosticStateInSync = Assert<SameShape<z.output<typeof diagnosticStateSchema>, DiagnosticState>>;

// --- Action inputs ----------------------------------------------------------------------------------------
export const diagnosticActionSchemas = {
  accepter: accepterSchema,
  decliner: declinerSchema,
  designer: z.object({
    par,
    intervenant: intervenantSchema.describe('Jamais de la région de la Mission Locale (impartialité)'),
    role: roleSchema.optional().describe("Déduit du type de l'intervenant s'il est absent"),
    choix: choixSchema.optional().describe('La proposition du vivier (avec son rang) ou une désignation manuelle (avec son motif)'),
  }),
  repondre: z.object({
    par,
    role: roleSchema.optional(),
    intervenantId: opaqueId.optional().describe('Identifiant du ou de la diagnostiqueur·se qui répond (ou le rôle)'),
    accepte: z.boolean(),
    motif: texte(2000).optional().describe("Obligatoire pour décliner : le rôle est alors proposé à quelqu'un d'autre"),
  }),
  analyse: z.object({ par, role: roleSchema, synthese: texte(20000) }),
  rendezvous: z.object({
    par,
    evenement: z.enum(EVENEMENTS_DIAGNOSTIC),
    debut: isoDateTime,
    dureeMinutes: z
      .number()
      .int()
      .positive()
      .max(24 * 60)
      .optional()
      .describe(`Mise en commun : ${MISE_EN_COMMUN_MAX_MINUTES} min au plus ; journée sur site : 7 h par défaut`),
    lien,
  }),
  reponseRendezvous: z.object({
    par,
    evenement: z.enum(EVENEMENTS_DIAGNOSTIC),
    email: z.email().max(320).describe("L'adresse électronique à laquelle l'invitation a été envoyée"),
    confirme: z.boolean().describe('true : présent·e au créneau prévu ; false : un autre créneau est proposé'),
    proposition: isoDateTime.optional().describe('Obligatoire si confirme = false : la date et heure proposée'),
    commentaire: texte(2000).optional(),
  }),
  miseEnCommun: z.object({ par, compteRendu: texte(10000) }),
  programme: z.object({
    par,
    rencontres: z
      .array(texte(500))
      .min(1)
      .max(30)
      .describe('Les personnes ou fonctions à rencontrer (direction, présidence, cadres, conseillers, partenaires…)'),
  }),
  reponseProgramme: z.object({ par, accepte: z.boolean(), commentaire: texte(2000).optional().describe('Obligatoire pour demander des changements') }),
  journeeSurSite: z.object({ par, compteRendu: texte(10000).optional() }),
  debriefing: z.object({ par, pistes: z.array(texte(1000)).min(1).max(20) }),
  rapportIndividuel: z.object({ par, role: roleSchema, forces: texte(20000), faiblesses: texte(20000), preconisations: z.array(texte(2000)).min(1).max(30) }),
  precisions: z.object({ par, question: texte(5000) }),
  reponsePrecisions: z.object({ par, numero: z.number().int().min(1), reponse: texte(10000) }),
  rapportCroise: z.object({ par, constats: texte(20000), preconisations: z.array(texte(2000)).min(1).max(30), divergences: texte(5000).optional() }),
  commentaire: z.object({ par, commentaire: texte(5000) }),
  modification: z.object({ par, constats: texte(20000).optional(), preconisations: z.array(texte(2000)).min(1).max(30).optional(), motif: texte(2000) }),
  conclusion: z.object({
    par,
    conclusions: texte(10000),
    accompagnement: accompagnementSchema.optional().describe('Accompagnement proposé (pas systématique)'),
    motif: texte(2000).optional().describe('Obligatoire sans accompagnement proposé'),
  }),
  abandon: z.object({ par, motif: texte(2000).describe('Communiqué à tous les participants') }),
  evaluation: z.object({
    par,
    repondant: z.enum(['ml', 'intervenant']),
    nom: texte(200).describe('Qui répond (la Mission Locale, ou quel·le diagnostiqueur·se)'),
    reponses: z.record(z.string().trim().min(1).max(200), z.string().max(5000)).refine((r) => Object.keys(r).length > 0, 'au moins une réponse'),
  }),
  journee: z.object({
    par,
    role: roleSchema.describe('Le ou la diagnostiqueur·se qui enregistre son temps'),
    nature: z
      .enum(NATURES_JOURNEE_DIAGNOSTIC)
      .describe('analyse_individuelle, mise_en_commun, journee_sur_site ou rapport (rédaction du rapport normé et du rapport croisé)'),
    date: isoDateTime.describe('Quand : passée, et pas avant la création du dossier'),
    demiJournees: demiJourneesSchema,
  }),
  suite: z.object({
    par,
    accepte: z.boolean().describe('La direction accepte (le dossier de l’accompagnement est ouvert) ou décline'),
    motif: texte(2000).optional().describe('Pourquoi la direction décline (facultatif)'),
    casMobilisation: z.string().max(100).optional().describe('Acceptée : la situation de la Mission Locale (cas de mobilisation du dispositif proposé)'),
    sujets: z.array(z.string().max(100)).max(8).optional().describe('Acceptée : les sujets de l’accompagnement (ceux du dispositif proposé)'),
    complement: texte(2000).optional().describe('Acceptée : ce que la direction ajoute à la demande'),
  }),
};
