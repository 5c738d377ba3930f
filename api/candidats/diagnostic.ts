// The pool's ranking for a Diagnostic dossier (seed 000): each role of the binôme still to fill ranked on its
// own (a cabinet consultant, an ML director), and the best binômes with their reasons (domain/matching.ts).
// A designation names its role, or takes the one of the intervenant's kind.
import type { WorkflowHandle } from '@temporalio/client';
import { z } from 'zod';
import '../openapi';
import { intervenantDeFiche } from '../../db/fiche';
import type { VivierStore } from '../../db/store';
import { roleDiagnosticDe, ROLES_DIAGNOSTIC, type RoleDiagnostic } from '../../domain/diagnostic';
import { classerCandidats, proposerBinomes, type PropositionBinome } from '../../domain/matching';
import type { Intervenant } from '../../domain/schemas';
import { ROLES, type BesoinDossier, type Classement } from '../../domain/vivier';
import type { ChoixIntervenant } from '../../workflows/shared/designation';
import { getBesoinVivier } from '../../workflows/vivier/messages';
import { propositionBinomeSchema } from '../dossiers/diagnostic/schemas';
import { classementSchema } from '../dossiers/schemas';
import { ApiError } from '../errors';
import { besoinSchema, classementDossierSchema, confirmationSchema } from './schemas';

export const roleDiagnosticSchema = z.enum(ROLES_DIAGNOSTIC);

export const classementDiagnosticSchema = classementDossierSchema
  .extend({
    roles: z
      .array(z.object({ role: roleDiagnosticSchema, besoin: besoinSchema, candidats: z.array(classementSchema) }))
      .describe('Chaque rôle du binôme encore à pourvoir : tous ses candidats, les éligibles par rang, puis les écartés avec leurs raisons'),
    binomes: z
      .array(propositionBinomeSchema)
      .describe('Les meilleurs binômes (consultant·e + directeur·rice de Mission Locale) avec leurs raisons, quand les deux rôles sont à pourvoir'),
  })
  .describe('Diagnostic : besoin et candidats reprennent le premier rôle à pourvoir')
  .openapi('ClassementDiagnostic');

export const confirmationDiagnosticSchema = confirmationSchema.extend({
  role: roleDiagnosticSchema.optional().describe("Diagnostic seulement : le rôle du binôme (déduit du type de l'intervenant s'il est absent)"),
});

export interface ClassementDiagnostic {
  besoin: BesoinDossier;
  candidats: Classement[];
  roles: { role: RoleDiagnostic; besoin: BesoinDossier; candidats: Classement[] }[];
  binomes: PropositionBinome[];
}

const pasDeDesignation = (id: string) =>
  new ApiError(
    409,
    'pas_de_designation',
    `Le dossier ${id} n'attend pas de diagnostiqueur·se à son étape actuelle : le classement ne s'applique qu'à la désignation du binôme.`,
  );

/** The ranking of each role still to fill, and the best binômes when both are; 409 when the binôme is complete. */
export async function classementDiagnostic(handle: WorkflowHandle, vivier: VivierStore, maintenant = new Date().toISOString()): Promise<ClassementDiagnostic> {
  const besoins: BesoinDossier[] = [];
  for (const role of ROLES_DIAGNOSTIC) {
    const b = await handle.query(getBesoinVivier, role);
    if (b) besoins.push(b);
  }
  if (besoins.length === 0) throw pasDeDesignation(handle.workflowId);
  const pool = await vivier.candidats([...new Set(ROLES_DIAGNOSTIC.flatMap((r) => ROLES[r].types))]);
  const roles = besoins.map((besoin) => ({
    role: besoin.role as RoleDiagnostic,
    besoin,
    candidats: classerCandidats(
      besoin,
      pool.filter((c) => (ROLES[besoin.role].types as readonly string[]).includes(c.type)),
      maintenant,
    ),
  }));
  const [consultant, directeur] = ROLES_DIAGNOSTIC.map((r) => besoins.find((b) => b.role === r));
  const binomes = consultant && directeur ? proposerBinomes(consultant, directeur, pool, maintenant) : [];
  return { besoin: roles[0]!.besoin, candidats: roles[0]!.candidats, roles, binomes };
}

/**
 * A designation by staff: the intervenant from the pool, their role and how they were chosen. One the role's
 * ranking finds eligible is its proposal (with its rank); anyone else is a manual override, with its reason.
 */
export async function designationDiagnostic(
  handle: WorkflowHandle,
  vivier: VivierStore,
  intervenantId: string,
  body: { role?: RoleDiagnostic; motif?: string },
): Promise<{ intervenant: Intervenant; role: RoleDiagnostic; choix: ChoixIntervenant }> {
  const fiche = await vivier.getIntervenant(intervenantId);
  if (!fiche) throw new ApiError(404, 'intervenant_inconnu', `L'intervenant ${intervenantId} n'existe pas dans le vivier (GET /api/intervenants).`);
  const role = body.role ?? roleDiagnosticDe(fiche.type);
  if (!role)
    throw new ApiError(
      409,
      'role_inconnu',
      `${fiche.nom} ne peut pas être diagnostiqueur·se : le binôme réunit un·e consultant·e de cabinet et un·e directeur·rice de Mission Locale.`,
    );
  const besoin = await handle.query(getBesoinVivier, role);
  if (!besoin)
    throw new ApiError(
      409,
      'pas_de_designation',
      `Le rôle « ${ROLES[role].libelle} » n'est pas à pourvoir dans le dossier ${handle.workflowId} à son étape actuelle.`,
    );
  const candidats = classerCandidats(besoin, await vivier.candidats(ROLES[role].types), new Date().toISOString());
  const intervenant = intervenantDeFiche(fiche);
  const place = candidats.find((c) => c.intervenantId === intervenantId);
  if (place?.eligible) return { intervenant, role, choix: { source: 'classement', ...(place.rang ? { rang: place.rang } : {}) } };
  if (!body.motif) {
    const pourquoi = place?.exclusions.join(' ') || 'il ne figure pas parmi les candidats de ce rôle.';
    throw new ApiError(
      409,
      'hors_classement',
      `${fiche.nom} est écarté·e par le classement : ${pourquoi} Pour le désigner quand même, indiquez le motif (champ motif) : la désignation sera ` +
        `enregistrée comme manuelle.`,
    );
  }
  return { intervenant, role, choix: { source: 'manuel', motif: body.motif } };
}
