// Schemas of the Appui Conseil dossiers (seed 001): the state and one input schema per action. As for
// Compagnonnage, the state schema is checked against AppuiConseilState and every action schema against its
// update's input type (see actions.ts), so neither can drift from the workflow.
import { z } from 'zod';
import '../../openapi';
import { cabinetSchema, demandeAppuiConseilSchema, deplacementSchema } from '../../../domain/appui-conseil';
import { contactSchema, intervenantSchema, isoDateTime, opaqueId, staffSchema } from '../../../domain/schemas';
import type { AddLivrableInput } from '../../../workflows/appui-conseil/messages';
import {
  ETAPES_APPUI,
  ROLES_INVITES_APPUI,
  VISIOS_APPUI,
  VISIOS_BILAN_APPUI,
  type AppuiConseilState,
  type RoleInviteAppui,
  type VisioAppui,
  type VisioBilanAppui,
} from '../../../workflows/appui-conseil/state';
import {
  declinerSchema,
  etatDeBase,
  etatVivierSchema,
  lien,
  objectifBilanSchema,
  par,
  texte,
  visioSchema,
  type Assert,
  type SameShape,
  type SansActeur,
} from '../schemas';
import { LIVRABLE_TYPES, livrableFichierSchema } from '../../livrables/schemas';

const visiosBilan = VISIOS_BILAN_APPUI as readonly VisioBilanAppui[] as [VisioBilanAppui, ...VisioBilanAppui[]];
const visios = VISIOS_APPUI as readonly VisioAppui[] as [VisioAppui, ...VisioAppui[]];
const rolesInvites = ROLES_INVITES_APPUI as readonly RoleInviteAppui[] as [RoleInviteAppui, ...RoleInviteAppui[]];
const demiJournees = z.union([z.literal(1), z.literal(2)]).describe('1 = une demi-journée, 2 = une journée entière');
const numero = (quoi: string) => z.number().int('un numéro entier').min(1, 'les numéros commencent à 1').describe(`Numéro ${quoi} (voir l'état du dossier)`);

// --- The dossier state (response of GET /api/dossiers/APC-… and of every Appui Conseil action) -------------
const jalonSchema = z.object({
  libelle: z.string(),
  date: z.string(),
  atteint: z.object({ le: z.string(), par: z.string().optional() }).optional(),
  rappelEnvoye: z.boolean().optional(),
  manqueSignale: z.boolean().optional(),
  manque: z.boolean().optional().describe('true : la date du jalon est passée sans qu’il ait été atteint (jalon manqué)'),
});

const reponseVisioSchema = z.object({
  role: z
    .enum(rolesInvites)
    .describe('ml : direction ou présidence de la Mission Locale ; cabinet : contact ou consultant du cabinet ; intervenant : membre du réseau'),
  nom: z.string(),
  confirme: z.boolean(),
  proposition: z.string().optional(),
  commentaire: z.string().optional(),
  par: z.string().optional(),
  le: z.string(),
  sequence: z.number().describe("La SEQUENCE iCalendar de l'invitation à laquelle il a été répondu"),
});

export const appuiConseilStateSchema = z
  .object({
    dossierId: z.string(),
    dispositif: z.literal('appui_conseil'),
    etape: z.enum(ETAPES_APPUI),
    creeLe: z.string(),
    demande: demandeAppuiConseilSchema,
    recevabilite: z.object({ recevable: z.boolean(), motifs: z.array(z.string()), redirection: z.literal('compagnonnage').optional() }).optional(),
    interlocutrice: staffSchema.optional(),
    besoin: z.string().optional(),
    cabinet: cabinetSchema.optional(),
    membresReseau: z.array(intervenantSchema),
    membresAcceptes: z.array(z.string()).describe('Identifiants des membres du réseau qui ont accepté leur mobilisation (les autres attendent leur réponse)'),
    vivier: etatVivierSchema.optional().describe('Le membre du réseau désigné via le vivier (rôle membre_reseau) : qui a décliné, comment il a été choisi'),
    acteEngagement: z.object({ signataire: z.string(), signeLe: z.string() }).optional(),
    visioLancement: visioSchema.optional(),
    rapportDiagnostic: z
      .object({
        constats: z.string(),
        conclusions: z.string(),
        deposeLe: z.string(),
        commentaires: z.array(z.object({ commentaire: z.string(), par: z.string().optional(), le: z.string() })).optional(),
      })
      .optional(),
    ficheCadrage: z.object({ besoin: z.string(), objectifs: z.array(z.string()) }).optional(),
    ficheSuiviIntermediaire: z.object({
      planAction: z.array(z.object({ numero: z.number(), intitule: z.string(), responsable: contactSchema, jalons: z.array(jalonSchema) })),
      journees: z.array(
        z.object({
          numero: z.number(),
          intervenant: z.string(),
          intervenantId: z.string().optional().describe("L'identifiant du membre du réseau dans le vivier (absent pour un consultant du cabinet)"),
          date: z.string(),
          demiJournees,
          objet: z.string(),
        }),
      ),
      deplacements: z.array(
        deplacementSchema.extend({
          numero: z.number(),
          statut: z.enum(['en_attente', 'approuve', 'refuse', 'realise']),
          demandeLe: z.string(),
          decision: z.object({ le: z.string(), motif: z.string().optional(), par: z.string().optional() }).optional(),
          realiseLe: z.string().optional(),
        }),
      ),
      appels: z.array(z.object({ avec: z.enum(['ml', 'intervenants']), date: z.string(), resume: z.string(), par: z.string().optional() })),
    }),
    budget: z.object({
      demiJourneesRealisees: z.number(),
      extensions: z.array(z.object({ demiJournees: z.number(), motif: z.string(), le: z.string(), par: z.string().optional() })),
      alerte15Envoyee: z.boolean(),
      minimumJours: z.number().describe('Minimum du dispositif (15 jours)'),
      maximumJours: z.number().describe('Maximum du dispositif avant extension (20 jours)'),
      extensionsDemiJournees: z.number().describe("Total des extensions accordées par l'UNML, en demi-journées"),
      plafondDemiJournees: z.number().describe('Budget : le maximum plus les extensions, en demi-journées'),
      restantDemiJournees: z.number().describe('Demi-journées restant à utiliser sur le budget'),
      realisesJours: z.number().describe("Jours d'intervention réalisés"),
      plafondJours: z.number().describe('Budget en jours (maximum plus extensions)'),
      restantJours: z.number().describe('Jours restant à utiliser sur le budget'),
    }),
    cadenceAppelsJours: z.number().optional(),
    visiosBilan: z.partialRecord(z.enum(visiosBilan), visioSchema),
    reponsesVisio: z
      .partialRecord(z.enum(visios), z.record(z.string(), reponseVisioSchema))
      .optional()
      .describe('La réponse de chaque personne invitée à chaque visio, par adresse électronique (remise à zéro quand la visio est replanifiée)'),
    ficheBilan: z.object({ objectifs: z.array(objectifBilanSchema), recommandations: z.string(), pointsDeVigilance: z.string() }).optional(),
    livrables: z.array(
      z.object({
        numero: z.number(),
        nom: z.string(),
        url: z.string().optional(),
        fichier: z.object({ type: z.string(), tailleOctets: z.number(), sha256: z.string() }).optional(),
        ajouteLe: z.string(),
        par: z.string().optional(),
      }),
    ),
    evaluations: z.array(z.object({ repondant: z.enum(['ml', 'intervenant']), nom: z.string(), reponses: z.record(z.string(), z.string()), le: z.string() })),
    questionnaires: z
      .object({
        envoyesLe: z.string(),
        reponsesAttenduesAvant: z.string().optional(),
        destinataires: z.array(z.object({ repondant: z.enum(['ml', 'intervenant']), nom: z.string(), email: z.string() })),
      })
      .optional()
      .describe("Les questionnaires d'évaluation envoyés avec la fiche bilan : quand, et à qui (la clôture attend leurs réponses ou la fin de leur délai)"),
    ...etatDeBase(ETAPES_APPUI),
  })
  .openapi('DossierAppuiConseil');
export type _AppuiConseilStateInSync = Assert<SameShape<z.output<typeof appuiConseilStateSchema>, AppuiConseilState>>;

// --- Deliverables: what the client sends, and what the update carries (never the file's bytes) -------------
const urlHttp = z
  .url({ protocol: /^https?$/, error: 'une adresse web http:// ou https:// complète (ex. https://cabinet.fr/rapport.pdf)' })
  .max(2000)
  .describe('Lien vers le livrable (http ou https)');

/** POST /livrables: a link, or a file sent in base64 (stored by the API, see api/livrables). */
export const livrableRequeteSchema = z
  .object({
    par,
    nom: texte(200).describe('Intitulé du livrable (ex. « Rapport de diagnostic flash »)'),
    url: urlHttp.optional(),
    fichier: livrableFichierSchema.optional(),
  })
  .superRefine((b, ctx) => {
    if ((b.url === undefined) === (b.fichier === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'indiquez soit url (un lien), soit fichier (le fichier en base64), et pas les deux' });
    }
  })
  .openapi('NouveauLivrable', {
    description: `Soit un lien (url), soit un fichier (fichier : nomFichier, type parmi ${LIVRABLE_TYPES.map((t) => t.libelle).join(', ')}, contenuBase64).`,
  });

/** The addLivrable update's input: the link, or the stored file's metadata. */
export const livrableEnregistreSchema = z.object({
  par,
  nom: texte(200),
  url: urlHttp.optional(),
  fichier: z.object({ type: z.string(), tailleOctets: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
});
export type _LivrableEnregistreInSync = Assert<SameShape<z.output<typeof livrableEnregistreSchema>, SansActeur<AddLivrableInput>>>;

// --- Action inputs ----------------------------------------------------------------------------------------
export const appuiConseilActionSchemas = {
  priseDeContact: z.object({
    par,
    besoin: texte(5000).describe('Le besoin précisé avec la Mission Locale'),
    interlocutrice: staffSchema.optional().describe("Obligatoire si le dossier n'a pas encore d'interlocutrice"),
  }),
  decliner: declinerSchema,
  cabinet: z.object({ par, cabinet: cabinetSchema }),
  repondreMobilisation: z.object({
    par,
    intervenantId: opaqueId.describe('Identifiant du membre du réseau qui répond'),
    accepte: z.boolean().describe('true : le membre accepte ; false : il décline (il est retiré du dossier, l’UNML est prévenue)'),
    motif: texte(2000).optional().describe('Obligatoire pour décliner'),
  }),
  signerActeEngagement: z.object({ par, signataire: texte(200) }),
  visioLancement: z.object({ par, debut: isoDateTime, lien }),
  compteRenduVisioLancement: z.object({ par, compteRendu: texte(10000).optional() }),
  rapportDiagnostic: z.object({ par, constats: texte(20000), conclusions: texte(20000) }),
  commentaireRapport: z.object({ par, commentaire: texte(5000) }),
  ficheCadrage: z.object({ par, besoin: texte(5000), objectifs: z.array(texte(1000)).min(1).max(20) }),
  planAction: z.object({
    par,
    actions: z
      .array(
        z.object({
          intitule: texte(1000),
          responsable: contactSchema.describe("Responsable de l'action"),
          jalons: z
            .array(z.object({ libelle: texte(500), date: isoDateTime }))
            .max(30)
            .describe('Rétroplanning indicatif'),
        }),
      )
      .min(1)
      .max(50),
  }),
  jalonAtteint: z.object({ par, action: numero("de l'action"), jalon: numero("du jalon dans l'action") }),
  journee: z.object({
    par,
    intervenant: texte(200).describe('Qui est intervenu : un consultant du cabinet, ou un membre du réseau qui a accepté sa mobilisation'),
    date: isoDateTime.describe("Date de l'intervention : passée, et pas avant la création du dossier"),
    demiJournees,
    objet: texte(2000),
  }),
  extensionBudget: z.object({
    par,
    jours: z.number().positive().max(20).multipleOf(0.5, 'par demi-journées (ex. 1,5)').describe('Jours supplémentaires (par demi-journées)'),
    motif: texte(2000),
  }),
  deplacement: deplacementSchema.extend({
    par,
    qui: deplacementSchema.shape.qui.describe('Qui se déplace : un consultant du cabinet, ou un membre du réseau qui a accepté sa mobilisation'),
    quand: deplacementSchema.shape.quand.describe('Date et heure du déplacement (à venir : il est approuvé au préalable)'),
  }),
  decisionDeplacement: z.object({
    par,
    deplacement: numero('du déplacement'),
    approuve: z.boolean(),
    motif: texte(2000).optional().describe('Obligatoire pour un refus'),
  }),
  deplacementRealise: z.object({ par, deplacement: numero('du déplacement') }),
  cadenceAppels: z.object({
    par,
    joursEntreAppels: z.number().int().min(1).max(90).describe("Nombre de jours entre deux appels de suivi ; l'UNML est alertée au-delà"),
  }),
  appel: z.object({
    par,
    avec: z.enum(['ml', 'intervenants']),
    date: isoDateTime.describe("Date de l'appel : passée, et pas avant la création du dossier"),
    resume: texte(10000),
  }),
  finMiseEnOeuvre: z.object({ par, motif: texte(2000).optional() }),
  visioBilan: z.object({ par, visio: z.enum(visiosBilan), debut: isoDateTime, lien }),
  repondreVisio: z.object({
    par,
    visio: z.enum(visios),
    email: z
      .email()
      .max(320)
      .describe("L'adresse électronique de la personne invitée qui répond (direction ou présidence de la ML, cabinet, membre du réseau)"),
    confirme: z.boolean().describe('true : le créneau convient ; false : un autre créneau est proposé'),
    proposition: isoDateTime.optional().describe('Obligatoire si confirme = false : la date et heure proposée'),
    commentaire: texte(2000).optional(),
  }),
  ficheBilan: z.object({ par, objectifs: z.array(objectifBilanSchema).min(1).max(20), recommandations: texte(10000), pointsDeVigilance: texte(10000) }),
  evaluation: z.object({
    par,
    repondant: z.enum(['ml', 'intervenant']),
    nom: texte(200).describe('Qui répond (la Mission Locale, ou quel intervenant)'),
    reponses: z.record(z.string().trim().min(1).max(200), z.string().max(5000)).refine((r) => Object.keys(r).length > 0, 'au moins une réponse'),
  }),
  cloturer: z.object({ par, motif: texte(2000).optional() }),
  abandon: z.object({ par, motif: texte(2000).describe('Communiqué à tous les participants') }),
};
