// The pool's ranking for an Appui Conseil dossier (seed 001): the network member (role membre_reseau, never
// from the ML's région) ranked with its reasons, and, for information, the pool's cabinet consultants
// (role consultant_appui: UNML mobilises a whole cabinet, so they are not designated one by one here).
import type { WorkflowHandle } from '@temporalio/client';
import { z } from 'zod';
import '../openapi';
import type { VivierStore } from '../../db/store';
import { classerCandidats } from '../../domain/matching';
import { ROLES, type BesoinDossier, type Classement } from '../../domain/vivier';
import { getBesoinVivier } from '../../workflows/vivier/messages';
import { classementSchema } from '../dossiers/schemas';
import { ApiError } from '../errors';
import { besoinSchema, classementDossierSchema } from './schemas';

export const classementAppuiConseilSchema = classementDossierSchema
  .extend({
    consultants: z
      .object({ besoin: besoinSchema, candidats: z.array(classementSchema) })
      .describe(
        'Pour information : les consultant·es de cabinet du vivier classé·es pour ce besoin (le cabinet se mobilise en entier, pas par cette confirmation)',
      ),
  })
  .describe('Appui Conseil : besoin et candidats sont ceux du membre du réseau (jamais de la région de la Mission Locale)')
  .openapi('ClassementAppuiConseil');

export interface ClassementAppuiConseil {
  besoin: BesoinDossier;
  candidats: Classement[];
  consultants: { besoin: BesoinDossier; candidats: Classement[] };
}

/** The network member's ranking (and the consultants', informative); 409 when no member may be added now. */
export async function classementAppuiConseil(
  handle: WorkflowHandle,
  vivier: VivierStore,
  maintenant = new Date().toISOString(),
): Promise<ClassementAppuiConseil> {
  const besoin = await handle.query(getBesoinVivier, 'membre_reseau');
  if (!besoin) {
    throw new ApiError(
      409,
      'pas_de_designation',
      `Le dossier ${handle.workflowId} n'attend pas de membre du réseau : il en a déjà un, ou son étape ne permet plus d'en mobiliser (jusqu'à la ` +
        `fin de la mise en œuvre).`,
    );
  }
  const besoinConsultant: BesoinDossier = { ...besoin, role: 'consultant_appui', dejaSollicites: [] };
  return {
    besoin,
    candidats: classerCandidats(besoin, await vivier.candidats(ROLES.membre_reseau.types), maintenant),
    consultants: { besoin: besoinConsultant, candidats: classerCandidats(besoinConsultant, await vivier.candidats(ROLES.consultant_appui.types), maintenant) },
  };
}
