// Schemas of /api/dossiers that every dispositif shares: the type-level checks, the building blocks of the
// state and action schemas, the list filters. Each dispositif's state and action schemas are in its folder
// (compagnonnage/, appui-conseil/, diagnostic/ schemas.ts).
import { z } from 'zod';
import '../openapi';
import { ROLES, type Role } from '../../domain/vivier';
import { DISPOSITIFS, INTERVENANT_TYPES, missionLocaleSchema, opaqueId, regionSchema, staffSchema } from '../../domain/schemas';
import { ETAPES_APPUI, type EtapeAppui } from '../../workflows/appui-conseil/state';
import { ETAPES_DIAGNOSTIC, type EtapeDiagnostic } from '../../workflows/diagnostic/state';
import { ETAPES, type Etape } from '../../workflows/compagnonnage/state';
import { ATTENTES } from '../../workflows/shared/attente';

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
          ? false extends { [K in keyof NonNullable<A> & keyof NonNullable<B>]-?: SameShape<NonNullable<A>[K], NonNullable<B>[K]> }[keyof NonNullable<A> &
              keyof NonNullable<B>]
            ? false
            : true
          : false
        : true;
/** An update's input without `acteur`: the actor is never in the body (the API and the link pages add it). */
export type SansActeur<I> = I extends object ? Omit<I, 'acteur'> : I;
/** Compiles only when T is `true`. */
export type Assert<T extends true> = T;

// --- Building blocks --------------------------------------------------------------------------------------
export const texte = (max: number) => z.string().trim().min(1, 'ne peut pas être vide').max(max);
export const par = z.string().trim().min(1).max(200).optional().describe("Qui fait l'action (nom ou identifiant), pour l'historique du dossier");
export const lien = z.url().max(2000).optional().describe('Lien de la visio');
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
export const ETAPES_TOUS_DISPOSITIFS = [...new Set<EtapeTousDispositifs>([...ETAPES, ...ETAPES_APPUI, ...ETAPES_DIAGNOSTIC])] as [
  EtapeTousDispositifs,
  ...EtapeTousDispositifs[],
];

// --- List filters -----------------------------------------------------------------------------------------
/** Every filter is an enum or an identifier regex, so nothing can inject into the visibility query. */
export const listDossiersQuerySchema = z.object({
  dispositif: z.enum(DISPOSITIFS).optional(),
  region: regionSchema.optional(),
  etape: z.enum(ETAPES_TOUS_DISPOSITIFS).optional().describe("L'étape (celles de chaque dispositif)"),
  missionLocale: missionLocaleSchema.shape.code.optional(),
  interlocutrice: opaqueId.optional().describe("Identifiant de l'interlocutrice UNML"),
  intervenant: opaqueId.optional().describe("Identifiant d'un intervenant du dossier (l'un ou l'autre du binôme, tout membre du réseau mobilisé)"),
  attenteDe: z.enum(ATTENTES).optional().describe('Qui le dossier attend maintenant : unml, ml (la Mission Locale), intervenant, cabinet'),
  enRetard: z
    .enum(['true', 'false'], '« true » ou « false » attendu')
    .transform((v) => v === 'true')
    .optional()
    .describe('true : seulement les dossiers dont la prochaine échéance est passée ; false : seulement les autres'),
  page: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,4000}$/, 'jeton de page inconnu')
    .optional()
    .describe('Le jeton `pageSuivante` de la réponse précédente (opaque)'),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Nombre de dossiers par page (1–200, 50 par défaut)'),
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
    missionLocaleNom: z.string().nullable().describe('Le nom de la Mission Locale (référentiel)'),
    etapeLibelle: z.string().nullable().describe("L'étape en français"),
    prochaineEcheance: z.string().nullable().describe('La prochaine échéance (ISO 8601), aucune : null'),
    enRetard: z.boolean().describe('La prochaine échéance est passée'),
    attenteDe: z.enum(ATTENTES).nullable().describe('Qui le dossier attend maintenant (code)'),
    attenteDeLibelle: z.string().nullable().describe('Qui le dossier attend, en français'),
    attendu: z.string().nullable().describe('Ce qui est attendu à cette étape, et de qui (en français)'),
  })
  .openapi('DossierResume');
export type DossierSummary = z.infer<typeof dossierSummarySchema>;

export const listDossiersResponseSchema = z
  .object({
    items: z.array(dossierSummarySchema),
    count: z.number().int().describe('Le nombre de dossiers de cette page'),
    pageSuivante: z.string().nullable().describe('Le jeton de la page suivante (paramètre `page`), aucune : null'),
    tri: z
      .enum(['prochaineEcheance', 'depot'])
      .describe(
        'prochaineEcheance : par prochaine échéance (la plus proche d’abord) ; ' +
          'depot : les plus récents d’abord, quand le stockage de visibilité ne sait pas trier (SQLite du serveur de développement)',
      ),
  })
  .openapi('ListeDossiers');

// --- Parts of the dossier states (response of GET /api/dossiers/:id and of every action) -------------------
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
  sollicites: z
    .array(z.object({ intervenantId: z.string(), nom: z.string(), motif: z.string(), le: z.string() }))
    .describe('Qui a décliné : plus proposé pour ce dossier'),
  choix: z
    .object({ source: z.enum(['classement', 'manuel']), rang: z.number().optional(), motif: z.string().optional() })
    .optional()
    .describe("Comment l'intervenant a été choisi"),
});

export const timelineSchema = z.array(
  z.object({
    at: z.string(),
    acteur: z.string(),
    source: z.enum(['api', 'lien', 'back_office', 'systeme']).optional().describe("D'où vient l'action : l'API, le lien personnel d'un participant…"),
    compte: z.string().optional().describe('Le compte UNML qui a agi (identifiant opaque, ex. CPT-7K2M9QXR4T), pour une action faite connecté·e'),
    evenement: z.string(),
    details: z.string().optional(),
  }),
);

/** What every dossier's state has (BaseState, workflows/shared/state.ts): its outcome, next deadline, agenda, timeline. */
export const etatDeBase = <const E extends readonly [string, ...string[]]>(etapes: E) => ({
  reporting: z
    .object({ sequence: z.number() })
    .optional()
    .describe('Le dernier instantané écrit dans le magasin de reporting (son numéro de séquence), absent avant le premier'),
  issuDe: z.string().optional().describe('Le Diagnostic (DGN-…) dont ce dossier est la suite, proposée à sa revue finale et acceptée par la direction'),
  issue: z.object({ etape: z.enum(etapes), motif: z.string(), le: z.string() }).optional(),
  prochaineEcheance: z.object({ quoi: z.string(), le: z.string() }).optional(),
  agenda: agendaSchema,
  timeline: timelineSchema,
  notesInternes: z
    .array(
      z.object({
        at: z.string(),
        texte: z.string(),
        compte: z.string().optional().describe('Le compte UNML qui a écrit la note (identifiant opaque)'),
        par: z.string().optional().describe('Son nom'),
      }),
    )
    .optional()
    .describe('Notes internes du personnel UNML : jamais montrées aux participants ni envoyées par courriel'),
  courriels: z
    .array(
      z.object({
        at: z.string(),
        kind: z.string().describe('Le type de courriel'),
        sujet: z.string().optional().describe('Son objet (absent pour les courriels envoyés avant que l’objet soit conservé)'),
        a: z.array(z.string()).describe('Les destinataires, par leur nom'),
        cc: z.array(z.string()).describe('En copie, par leur nom'),
        lien: z.string().optional().describe('L’action à laquelle mène son lien personnel'),
        calendrier: z.enum(['invitation', 'annulation']).optional().describe('Une invitation ou une annulation iCalendar jointe'),
      }),
    )
    .optional()
    .describe('Les courriels envoyés par le dossier, du plus ancien au plus récent'),
});

/** A staff-only note on a dossier (POST /api/dossiers/:id/notes and the dossier page's form); its author is the signed-in account. */
export const noteInterneSchema = z
  .object({ texte: texte(5000).describe('Le texte de la note : visible du seul personnel UNML, jamais des participants ni dans un courriel') })
  .openapi('NoteInterne');

/** A dossier handed over to another staff member (every dispositif: the kit's assignInterlocutrice). */
export const passationSchema = z.object({
  par,
  interlocutrice: staffSchema,
  note: texte(2000).optional().describe('Note de passation, envoyée à la nouvelle interlocutrice'),
});

/** UNML accepts a demand, naming its interlocutrice (Compagnonnage, Diagnostic). */
export const accepterSchema = z.object({
  par,
  interlocutrice: staffSchema.optional().describe("Obligatoire si le dossier n'a pas encore d'interlocutrice"),
  priorite: z
    .number()
    .int()
    .min(1)
    .max(9)
    .optional()
    .describe("Priorité en file d'attente du vivier si personne n'est disponible (1 = la plus haute ; 3 par défaut)"),
});

/** UNML declines a demand, with its reason (DossierBase.decline: every dispositif). */
export const declinerSchema = z.object({ par, motif: texte(2000).describe('Communiqué à la Mission Locale') });
