// The query of the network's figures (GET /api/chiffres, /api/chiffres.csv, the /chiffres pages): a calendar year or
// a period of days, optionally a région and a dispositif; every error said in French under its field's name.
import { z } from 'zod';
import '../openapi';
import type { DemandeChiffres, PeriodeChiffres } from '../../domain/chiffres';
import { periodeAnnee } from '../../domain/chiffres';
import { REGION_CODES } from '../../domain/regions';
import { DISPOSITIFS, type Dispositif } from '../../domain/schemas';
import type { RegionCode } from '../../domain/regions';

/** An empty field of a form (« Toutes les régions ») is no filter. */
const vide = (v: unknown) => (v === '' || (typeof v === 'string' && v.trim() === '') ? undefined : v);

const JOUR = /^\d{4}-\d{2}-\d{2}$/;
const jourValide = (s: string) => JOUR.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const jour = (quoi: string) =>
  z
    .string({ error: `${quoi} : une date au format AAAA-MM-JJ (par exemple 2026-03-01)` })
    .trim()
    .refine(jourValide, `${quoi} : une date au format AAAA-MM-JJ qui existe (par exemple 2026-03-01)`);

/** At most ten years at once: the figures read every dossier filed before the period's end. */
export const PERIODE_MAX_JOURS = 3660;

export const chiffresQuerySchema = z
  .object({
    annee: z.preprocess(
      vide,
      z
        .string({ error: 'l’année : quatre chiffres (par exemple 2026)' })
        .trim()
        .regex(/^\d{4}$/, 'l’année : quatre chiffres (par exemple 2026)')
        .transform(Number)
        .refine((a) => a >= 2000 && a <= 2100, 'l’année : entre 2000 et 2100')
        .optional()
        .describe('Une année civile (1er janvier – 31 décembre) ; sans année ni période : l’année en cours')
        .openapi({ example: '2026' }),
    ),
    du: z.preprocess(vide, jour('le début de la période').optional().describe('Le premier jour de la période (AAAA-MM-JJ), avec au')),
    au: z.preprocess(vide, jour('la fin de la période').optional().describe('Le dernier jour de la période (AAAA-MM-JJ, inclus), avec du')),
    region: z.preprocess(
      vide,
      z
        .enum(REGION_CODES, { error: `la région : un code parmi ${REGION_CODES.join(', ')}` })
        .optional()
        .describe('Les dossiers des Missions Locales d’une région'),
    ),
    dispositif: z.preprocess(
      vide,
      z
        .enum(DISPOSITIFS, { error: `le dispositif : ${DISPOSITIFS.join(', ')}` })
        .optional()
        .describe('Un seul dispositif'),
    ),
  })
  .superRefine((q, ctx) => {
    if (q.annee !== undefined && (q.du !== undefined || q.au !== undefined))
      ctx.addIssue({ code: 'custom', path: ['annee'], message: 'donnez soit une année, soit une période (du, au), pas les deux' });
    if (q.du !== undefined && q.au === undefined)
      ctx.addIssue({ code: 'custom', path: ['au'], message: 'la fin de la période est obligatoire avec son début (du)' });
    if (q.au !== undefined && q.du === undefined)
      ctx.addIssue({ code: 'custom', path: ['du'], message: 'le début de la période est obligatoire avec sa fin (au)' });
    if (q.du !== undefined && q.au !== undefined && jourValide(q.du) && jourValide(q.au)) {
      if (q.au < q.du) ctx.addIssue({ code: 'custom', path: ['au'], message: 'la fin de la période précède son début' });
      else if ((Date.parse(q.au) - Date.parse(q.du)) / 86_400_000 > PERIODE_MAX_JOURS)
        ctx.addIssue({ code: 'custom', path: ['au'], message: 'une période de dix ans au plus' });
    }
  });
export type ChiffresQuery = z.output<typeof chiffresQuerySchema>;

/** The figures asked: the year, the period, or (nothing given) the current year of `maintenant`, in Paris. */
export function demandeDe(q: ChiffresQuery, heuresParJour: number, maintenant: Date): DemandeChiffres {
  const anneeCourante = Number(new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', year: 'numeric' }).format(maintenant));
  const periode: PeriodeChiffres = q.annee !== undefined ? periodeAnnee(q.annee) : q.du && q.au ? { du: q.du, au: q.au } : periodeAnnee(anneeCourante);
  return {
    periode,
    heuresParJour,
    ...(q.region ? { region: q.region as RegionCode } : {}),
    ...(q.dispositif ? { dispositif: q.dispositif as Dispositif } : {}),
  };
}
