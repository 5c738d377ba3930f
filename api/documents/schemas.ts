// Schemas of the tools and documents the two directions of a Compagnonnage exchange (seed 003): what a client sends to
// POST /api/dossiers/:id/documents (the file in base64, as for Appui Conseil deliverables), what the update carries
// (the stored file's name, type, size and SHA-256, never its bytes), and the state's list.
import { z } from 'zod';
import '../openapi';
import type { DeposerDocumentInput } from '../../workflows/compagnonnage/messages';
import type { DocumentEchange } from '../../workflows/compagnonnage/state';
import { par, texte, type Assert, type SameShape, type SansActeur } from '../dossiers/schemas';
import { LIVRABLE_TYPES, livrableFichierSchema } from '../livrables/schemas';

export const DEPOSANTS = ['ml', 'intervenant', 'unml'] as const;
export const LIBELLES_DEPOSANTS: Record<(typeof DEPOSANTS)[number], string> = { ml: 'Mission Locale', intervenant: 'intervenant', unml: 'UNML' };

const role = z
  .enum(DEPOSANTS)
  .optional()
  .describe('Qui partage le document : ml (la direction de la Mission Locale), intervenant (le pair), unml (par défaut)');

/** POST /api/dossiers/:id/documents: the document's title, an optional note, who shares it, and the file in base64. */
export const documentRequeteSchema = z
  .object({
    par,
    titre: texte(200).describe('Titre du document (ex. « Trame de CODIR »)'),
    note: texte(2000).optional().describe('Un mot pour l’autre direction (facultatif)'),
    role,
    fichier: livrableFichierSchema,
  })
  .openapi('NouveauDocumentCompagnonnage', {
    description:
      'Un outil ou document échangé entre les directions (fichier : nomFichier, type parmi ' +
      `${LIVRABLE_TYPES.map((t) => t.libelle).join(', ')}, contenuBase64).`,
  });

const fichierEnregistre = z.object({
  nom: z.string().trim().min(1).max(255),
  type: z.string(),
  tailleOctets: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** The deposerDocument update's input: the stored file's metadata. */
export const documentEnregistreSchema = z.object({ par, titre: texte(200), note: texte(2000).optional(), role, fichier: fichierEnregistre });
export type _DocumentEnregistreInSync = Assert<SameShape<z.output<typeof documentEnregistreSchema>, SansActeur<DeposerDocumentInput>>>;

/** A document of the state's list. */
export const documentEchangeSchema = z.object({
  numero: z.number(),
  titre: z.string(),
  note: z.string().optional(),
  fichier: fichierEnregistre,
  deposePar: z.enum(DEPOSANTS),
  deposeLe: z.string(),
  par: z.string().optional(),
  compte: z.string().optional(),
});
export type _DocumentEchangeInSync = Assert<SameShape<z.output<typeof documentEchangeSchema>, DocumentEchange>>;

export const documentParamsSchema = z.object({
  numero: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'numero', in: 'path' }, example: 1 })
    .describe('Numéro du document'),
});
