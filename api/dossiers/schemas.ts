// Schemas of /api/dossiers: the list filters, the dossier state, and one input schema per action.
// Every action schema is checked against the TypeScript input type of its update (see actions.ts),
// and the state schema against CompagnonnageState (below), so neither can drift from the workflow.
import { z } from 'zod';
import '../openapi';
import { demandeCompagnonnageSchema, rythmeSchema } from '../../domain/compagnonnage';
import { ROLES, type Role } from '../../domain/vivier';
import { DISPOSITIFS, INTERVENANT_TYPES, contactSchema, intervenantSchema, isoDateTime, missionLocaleSchema, opaqueId, regionSchema, staffSchema } from '../../domain/schemas';
import { ETAPES_APPUI, type EtapeAppui } from '../../workflows/appui-conseil/state';
import { ETAPES_DIAGNOSTIC, type EtapeDiagnostic } from '../../workflows/diagnostic/state';
import { ETAPES, STATUTS_SEANCE, VISIOS, VISIOS_BILAN, type CompagnonnageState, type Etape, type StatutSeance, type VisioBilanKind, type VisioKey } from '../../workflows/compagnonnage/state';

// --- Type-level checks ------------------------------------------------------------------------------------
/** True when A and B are mutually assignable. */
export type Equivalent<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/**
 * True when A and B are mutually assignable AND have the same keys, recursively (mutual assignability alone
 * lets an optional field exist on one side only).
 */
export type SameShape<A, B> =
  Equivalent<A, B> extends false
    ? false
    : [NonNullable<A>] extends [readonly (infer EA)[]]
      ? [NonNullable<B>] extends [readonly (infer EB)[]]
        ? SameShape<EA, EB>
        : false
      : [NonNullable<A>] extends [object]
        ? Equivalent<keyof NonNullable<A>, keyof NonNullable<B>> extends true
          ? false extends { [K in keyof NonNullable<A> & keyof NonNullable<B>]-?: SameShape<NonNullable<A>[K], NonNullable<B>[K]> }[keyof NonNullable<A> & keyof NonNullable<B>]
            ? false
            : true
          : false
        : true;
/** Compiles only when T is `true`. */
export type Assert<T extends true> = T;

// --- Building blocks --------------------------------------------------------------------------------------
export const texte = (max: number) => z.string().trim().min(1, 'ne peut pas être vide').max(max);
export const par = z.string().trim().min(1).max(200).optional().describe("Qui fait l'action (nom ou identifiant), pour l'historique du dossier");
export const lien = z.url().max(2000).optional().describe('Lien de la visio');
const dureeMinutes = z.number().int('un nombre entier de minutes').positive('une durée positive, en minutes').max(24 * 60).describe('Durée en minutes (entier positif)');
const visioBilanKinds = VISIOS_BILAN as readonly VisioBilanKind[] as [VisioBilanKind, ...VisioBilanKind[]];
const visioKeys = VISIOS as readonly VisioKey[] as [VisioKey, ...VisioKey[]];
export const reponseVisioSchema = z.object({
  confirme: z.boolean(),
  proposition: z.string().optional(),
  commentaire: z.string().optional(),
  par: z.string().optional(),
  le: z.string(),
  sequence: z.number().describe("La SEQUENCE iCalendar de l'invitation à laquelle il a été répondu"),
});

/** The steps of every dispositif served, each once (for filters and answers that span dispositifs). */
export type EtapeTousDispositifs = Etape | EtapeAppui | EtapeDiagnostic;
export const ETAPES_TOUS_DISPOSITIFS = [...new Set<EtapeTousDispositifs>([...ETAPES, ...ETAPES_APPUI, ...ETAPES_DIAGNOSTIC])] as [EtapeTousDispositifs, ...EtapeTousDispositifs[]];

// --- List filters -----------------------------------------------------------------------------------------
/** Every filter is an enum or an identifier regex, so nothing can inject into the visibility query. */
export const listDossiersQuerySchema = z.object({
  dispositif: z.enum(DISPOSITIFS).optional(),
  region: regionSchema.optional(),
  etape: z.enum(ETAPES_TOUS_DISPOSITIFS).optional().describe("L'étape (celles de chaque dispositif)"),
  missionLocale: missionLocaleSchema.shape.code.optional(),
  interlocutrice: opaqueId.optional().describe("Identifiant de l'interlocutrice UNML"),
  intervenant: opaqueId.optional().describe("Identifiant d'un intervenant du dossier (l'un ou l'autre du binôme, tout membre du réseau mobilisé)"),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Nombre maximal de dossiers (1–200, 50 par défaut)'),
});
export type ListDossiersQuery = z.infer<typeof listDossiersQuerySchema>;

export const dossierSummarySchema = z
  .object({
    dossierId: z.string(),
    dispositif: z.string().nullable(),
    region: z.string().nullable(),
    missionLocale: z.string().nullable(),
    etape: z.string().nullable(),
    interlocutrice: z.string().nullable(),
    intervenant: z.string().nullable().describe('Le premier intervenant désigné'),
    intervenants: z.array(z.string()).describe('Les intervenants du dossier aujourd’hui (un binôme, plusieurs membres du réseau)'),
    status: z.string().describe('Statut Temporal du workflow (RUNNING, COMPLETED, …)'),
    startTime: z.string().describe('Date de dépôt (ISO 8601)'),
  })
  .openapi('DossierResume');
export type DossierSummary = z.infer<typeof dossierSummarySchema>;

export const listDossiersResponseSchema = z.object({ items: z.array(dossierSummarySchema), count: z.number().int() }).openapi('ListeDossiers');

// --- The dossier state (response of GET /api/dossiers/:id and of every action) -----------------------------
export const visioSchema = z.object({
  debut: z.string(),
  dureeMinutes: z.number(),
  lien: z.string().optional(),
  tenue: z.boolean().optional(),
  compteRendu: z.string().optional(),
});
export const objectifBilanSchema = z.object({ objectif: texte(1000), atteint: z.boolean(), commentaire: z.string().trim().max(2000).optional() });

/** The scheduled events of a dossier (workflows/shared/agenda.ts). */
export const agendaSchema = z.record(
  z.string(),
  z.object({
    titre: z.string(),
    debut: z.string(),
    dureeMinutes: z.number(),
    lien: z.string().optional(),
    sequence: z.number().int().describe('Séquence iCalendar de la dernière invitation ou annulation envoyée'),
    annule: z.boolean(),
    participants: z.array(z.object({ nom: z.string(), email: z.string() })),
  }),
);

/** A candidate's place in the pool's ranking, with its reasons in French (domain/matching.ts). */
export const classementSchema = z
  .object({
    intervenantId: z.string(),
    nom: z.string(),
    type: z.enum(INTERVENANT_TYPES),
    region: regionSchema,
    eligible: z.boolean(),
    score: z.number().describe('0 à 100 pour un candidat éligible, 0 pour un candidat écarté'),
    rang: z.number().int().optional().describe('Rang parmi les éligibles (1 = le meilleur)'),
    exclusions: z.array(z.string()).describe('Pourquoi il est écarté (règles du dispositif), vide s’il est éligible'),
    raisons: z.array(z.string()).describe('Ce qui fait son score'),
  })
  .openapi('ClassementCandidat');

export const etatVivierSchema = z.object({
  role: z.enum(Object.keys(ROLES) as [Role, ...Role[]]),
  propositions: z.array(classementSchema).describe('Les meilleurs candidats éligibles proposés à l’UNML'),
  reserve: z.object({ intervenantId: z.string(), nom: z.string() }).optional().describe('Réservé par la file d’attente, à confirmer'),
  attente: z.object({ depuis: z.string(), priorite: z.number() }).optional().describe('En file d’attente du vivier depuis, avec cette priorité'),
  sollicites: z.array(z.object({ intervenantId: z.string(), nom: z.string(), motif: z.string(), le: z.string() })).describe('Qui a décliné : plus proposé pour ce dossier'),
  choix: z.object({ source: z.enum(['classement', 'manuel']), rang: z.number().optional(), motif: z.string().optional() }).optional().describe("Comment l'intervenant a été choisi"),
});

export const timelineSchema = z.array(z.object({ at: z.string(), acteur: z.string(), evenement: z.string(), details: z.string().optional() }));

export const dossierStateSchema = z
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
          statut: z.enum(STATUTS_SEANCE as readonly StatutSeance[] as [StatutSeance, ...StatutSeance[]]).describe('en_attente (compte provisoirement), confirmee, contestee (ne compte pas), retenue, ecartee'),
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
    postBilan: z.object({ prevuLe: z.string(), impact: z.string().optional(), suites: z.string().optional(), le: z.string().optional() }).optional(),
    issue: z.object({ etape: z.enum(ETAPES), motif: z.string(), le: z.string() }).optional(),
    prochaineEcheance: z.object({ quoi: z.string(), le: z.string() }).optional(),
    agenda: agendaSchema,
    timeline: timelineSchema,
  })
  .openapi('DossierCompagnonnage');
export type _DossierStateInSync = Assert<SameShape<z.output<typeof dossierStateSchema>, CompagnonnageState>>;

// --- Action inputs ----------------------------------------------------------------------------------------
export const actionSchemas = {
  accepter: z.object({
    par,
    interlocutrice: staffSchema.optional().describe("Obligatoire si le dossier n'a pas encore d'interlocutrice"),
    priorite: z.number().int().min(1).max(9).optional().describe("Priorité en file d'attente du vivier si personne n'est disponible (1 = la plus haute ; 3 par défaut)"),
  }),
  decliner: z.object({ par, motif: texte(2000).describe('Communiqué à la Mission Locale') }),
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
  interlocutrice: z.object({ par, interlocutrice: staffSchema, note: texte(2000).optional() }),
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
  annulerSeance: z.object({ par, seance: z.string().trim().min(1).max(40).describe('Clé de la séance planifiée (ex. seance-2)'), motif: texte(2000).optional() }),
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
};
