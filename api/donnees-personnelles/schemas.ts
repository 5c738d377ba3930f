// The right of access and erasure (issue #15): one email address in, what the product holds of that person out.
import { z } from 'zod';

const email = z.string().trim().email("Adresse email invalide : donnez l'adresse de la personne, par exemple claire.martin@ml-lille.fr.");

export const personneQuerySchema = z.object({ email: email.openapi({ param: { name: 'email', in: 'query' }, example: 'claire.martin@ml-lille.fr' }) });
export const effacementBodySchema = z.object({ email }).openapi('DemandeEffacement');

const occurrenceSchema = z.object({ chemin: z.string(), valeur: z.unknown() });
const dossierSchema = z.object({
  workflowId: z.string(),
  type: z.string().describe('compagnonnage, appuiConseil, diagnostic, campagne, mlCampagne, dialogueDeGestion'),
  statut: z.string().describe('RUNNING, COMPLETED…'),
  conserveJusquAu: z.string().optional().describe('Fin du dossier + la durée de conservation : la purge efface alors ces données'),
  occurrences: z.array(occurrenceSchema),
});

export const inventaireSchema = z
  .object({
    email: z.string(),
    genereLe: z.string(),
    vivier: z.object({ intervenants: z.array(z.record(z.string(), z.unknown())), candidatures: z.array(z.record(z.string(), z.unknown())) }),
    compte: z.record(z.string(), z.unknown()).optional().describe('Le compte du personnel UNML à cette adresse'),
    dossiers: z.array(dossierSchema).describe('Les dossiers et campagnes (encore sur le serveur Temporal) qui contiennent cette adresse'),
    courriels: z.array(z.object({ fichier: z.string(), sujet: z.string() })).describe('Courriels conservés par le puits SMTP de développement'),
    exportsProgrammes: z.array(z.object({ id: z.string(), destinataires: z.number().int() })).describe('Les exports programmés envoyés à cette adresse'),
  })
  .openapi('InventaireDonneesPersonnelles');

export const effacementSchema = z
  .object({
    email: z.string(),
    efface: z.object({
      intervenants: z.number().int(),
      candidatures: z.number().int(),
      courriels: z.number().int(),
      exportsProgrammes: z.number().int().describe("Exports programmés d'où l'adresse a été retirée"),
    }),
    conserve: z.array(z.object({ ou: z.string(), pourquoi: z.string() })).describe('Ce qui reste, et la raison'),
  })
  .openapi('EffacementDonneesPersonnelles');

export type Inventaire = z.infer<typeof inventaireSchema>;
export type Effacement = z.infer<typeof effacementSchema>;
