import { z } from 'zod';
import '../openapi';
import { regionSchema } from '../../domain/schemas';

export const missionsLocalesQuerySchema = z.object({ region: regionSchema.optional().describe('Seulement les Missions Locales de cette région') });

export const regionRefSchema = z.object({ code: regionSchema, nom: z.string(), arml: z.object({ nom: z.string(), email: z.string() }) }).openapi('Region');
export const missionLocaleRefSchema = z
  .object({ code: z.string().openapi({ example: 'ML-ROUEN' }), nom: z.string(), region: regionSchema })
  .openapi('MissionLocaleRef');
