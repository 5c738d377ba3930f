import { z } from 'zod';
import '../openapi';

export const documentSuiviQuerySchema = z.object({
  download: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true')
    .describe('1 : télécharger le document (Content-Disposition: attachment)'),
});
