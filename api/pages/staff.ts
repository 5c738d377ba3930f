// /staff: a read-only list of dossiers for UNML staff, filterable by dispositif, région and étape (Temporal
// visibility, as GET /api/dossiers), with each one's next deadline and whether it is overdue (from the
// getDossier query), and links to its JSON, its suivi document and its run in the Temporal UI.
// Signed-in staff only (role `lecture`, api/acces/routes.ts).
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import { REGIONS } from '../../domain/regions';
import { ETAPE, DISPOSITIF, REGION } from '../../workflows/shared/search-attributes';
import { LIBELLES_DISPOSITIFS, temporalUiLink, type DispositifServi } from '../common';
import { buildListQuery, queryDossier } from '../dossiers/router';
import { etapeFr, toutesEtapesFr } from '../dossiers/dispositifs';
import { listDossiersQuerySchema } from '../dossiers/schemas';
import { sendPage, templateFile, type Champ } from './render';
import { dateHeureCourteFr } from '../../domain/format';

interface Ligne {
  id: string;
  json: string;
  document: string;
  temporal: string;
  dispositif: string;
  ml: string;
  region: string;
  etape: string;
  echeance?: { quoi: string; le: string; enRetard: boolean };
  statut: string;
}

const dateFr = dateHeureCourteFr;

const staffTpl = templateFile<{ filtres: Champ[]; lignes: Ligne[]; nbRetard: number; erreur?: string }>(__dirname, 'staff-dossiers.hbs');

export function staffRouter(client: Client, config: Config, logger: Logger): Router {
  const router = Router();

  router.get(['/staff', '/unml'], async (req, res) => {
    const raw = req.query as Record<string, unknown>;
    // Empty selects mean "all".
    const q = Object.fromEntries(Object.entries(raw).filter(([k, v]) => ['dispositif', 'region', 'etape'].includes(k) && typeof v === 'string' && v !== ''));
    const parsed = listDossiersQuerySchema.safeParse(q);
    const filtres = parsed.success ? parsed.data : listDossiersQuerySchema.parse({});
    const erreur = parsed.success ? undefined : 'Filtre inconnu : tous les dossiers sont affichés.';
    const lignes: Ligne[] = [];
    const now = Date.now();
    const visibilite = { ...filtres } as Partial<typeof filtres>;
    delete visibilite.limit;
    for await (const info of client.workflow.list({ query: buildListQuery(visibilite), pageSize: 100 })) {
      const id = info.workflowId;
      const sa = info.typedSearchAttributes;
      const dispositif = sa.get(DISPOSITIF) as DispositifServi | undefined;
      const region = sa.get(REGION) as keyof typeof REGIONS | undefined;
      let ml = '—';
      let echeance: Ligne['echeance'];
      try {
        const state = await queryDossier(client, id);
        ml = state.demande.missionLocale.nom;
        const e = state.prochaineEcheance;
        if (e) echeance = { quoi: e.quoi, le: dateFr(e.le), enRetard: Date.parse(e.le) < now };
      } catch (err) {
        logger.warn({ err: (err as Error).message, dossierId: id }, 'staff view: getDossier failed');
      }
      lignes.push({
        id,
        json: `/api/dossiers/${id}`,
        document: `/api/dossiers/${id}/document-suivi.html`,
        temporal: temporalUiLink(config.TEMPORAL_UI_URL, config.TEMPORAL_NAMESPACE, id),
        dispositif: dispositif ? (LIBELLES_DISPOSITIFS[dispositif] ?? dispositif) : '—',
        ml,
        region: region ? (REGIONS[region] ?? region) : '—',
        etape: etapeFr(dispositif, sa.get(ETAPE) ?? '—'),
        ...(echeance ? { echeance } : {}),
        statut: info.status.name,
      });
      if (lignes.length >= 100) break;
    }
    const filtre = (nom: 'dispositif' | 'region' | 'etape', libelle: string, options: [string, string][]): Champ => ({
      nom,
      libelle,
      type: 'select',
      options: options.map(([valeur, libelleOption]) => ({ valeur, libelle: libelleOption, choisi: filtres[nom] === valeur })),
    });
    const champs: Champ[] = [
      filtre('dispositif', 'Dispositif', Object.entries(LIBELLES_DISPOSITIFS)),
      filtre('region', 'Région', Object.entries(REGIONS)),
      filtre('etape', 'Étape', toutesEtapesFr()),
    ];
    const nbRetard = lignes.filter((l) => l.echeance?.enRetard).length;
    sendPage(res, 200, 'Dossiers en cours', staffTpl({ filtres: champs, lignes, nbRetard, ...(erreur ? { erreur } : {}) }));
  });

  return router;
}
