// Schemas of the deliverables (livrables) a cabinet gives the ML: the accepted file types and the file part
// of POST /api/dossiers/:id/livrables.
import { z } from 'zod';
import '../openapi';

/** The accepted file types: MIME type, extension for downloads, and a label for messages. */
export const LIVRABLE_TYPES = [
  { mime: 'application/pdf', extension: 'pdf', libelle: 'PDF' },
  { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx', libelle: 'DOCX' },
  { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx', libelle: 'XLSX' },
  { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extension: 'pptx', libelle: 'PPTX' },
  { mime: 'application/vnd.oasis.opendocument.text', extension: 'odt', libelle: 'ODT' },
  { mime: 'image/png', extension: 'png', libelle: 'PNG' },
  { mime: 'image/jpeg', extension: 'jpg', libelle: 'JPEG' },
] as const;
export type LivrableMime = (typeof LIVRABLE_TYPES)[number]['mime'];
export const LIVRABLE_MIMES = LIVRABLE_TYPES.map((t) => t.mime) as [LivrableMime, ...LivrableMime[]];

export const livrableFichierSchema = z
  .object({
    nomFichier: z.string().trim().min(1, 'ne peut pas être vide').max(255).describe('Nom du fichier d’origine (ex. rapport-diagnostic.pdf)'),
    type: z
      .enum(LIVRABLE_MIMES, `type de fichier non accepté : ${LIVRABLE_TYPES.map((t) => `${t.libelle} (${t.mime})`).join(', ')}`)
      .describe('Type MIME du fichier'),
    contenuBase64: z.string().min(1, 'ne peut pas être vide').describe('Le contenu du fichier, encodé en base64'),
  })
  .describe('Le fichier, vérifié par l’API (type déclaré et signature du contenu, taille) puis stocké hors du workflow');
export type LivrableFichier = z.infer<typeof livrableFichierSchema>;

export const livrableParamsSchema = z.object({
  numero: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'numero', in: 'path' }, example: 1 })
    .describe('Numéro du livrable'),
});
