import { z } from 'zod';
import '../openapi';
import { EXPERTISE_CODES, ROLES, type Role } from '../../domain/vivier';
import { DISPOSITIFS, regionSchema } from '../../domain/schemas';
import { classementSchema, par, texte } from '../dossiers/schemas';

export const candidatParamsSchema = z.object({
  intervenantId: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'lettres, chiffres, point, tiret et tiret bas seulement')
    .openapi({ param: { name: 'intervenantId', in: 'path' }, example: 'INT-7K2M9Q' }),
});

export const besoinSchema = z
  .object({
    dossierId: z.string(),
    dispositif: z.enum(DISPOSITIFS),
    role: z.enum(Object.keys(ROLES) as [Role, ...Role[]]),
    missionLocale: z.object({ code: z.string(), nom: z.string(), region: regionSchema }),
    sujets: z.array(z.enum(EXPERTISE_CODES)),
    periode: z.object({ debut: z.string(), fin: z.string() }),
    heuresMois: z.number(),
    dejaSollicites: z.array(z.object({ intervenantId: z.string(), motif: z.string() })).optional(),
  })
  .openapi('BesoinDossier');

export const classementDossierSchema = z
  .object({
    besoin: besoinSchema,
    candidats: z.array(classementSchema).describe('Tous les candidats du rôle : les éligibles par rang, puis les écartés avec leurs raisons'),
  })
  .openapi('ClassementDossier');

export const confirmationSchema = z.object({
  par,
  motif: texte(2000).optional().describe('Obligatoire pour un candidat écarté par le classement : la désignation est alors manuelle, enregistrée comme telle'),
});

export const refusSchema = z.object({
  par,
  motif: texte(2000).describe("Pourquoi l'intervenant décline : communiqué à l'UNML, il n'est plus proposé pour ce dossier"),
});
