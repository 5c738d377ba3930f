// The back office's "Documents échangés" block of a Compagnonnage dossier (seed 003): the documents the two directions
// exchange, downloaded through GET /api/dossiers/:id/documents/:numero, and (charge_mission) a multipart form posting to
// POST /staff/dossiers/:id/documents, its CSRF token in the form's action (the access middleware reads it there for a
// multipart body). The route is in dossier.ts (it shows the page again with the form's errors).
import type { Response } from 'express';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Config } from '../../../config';
import { tailleFr } from '../../../domain/format';
import * as M from '../../../workflows/compagnonnage/messages';
import { ETAPES_DOCUMENTS, ETAPES_FINALES, type CompagnonnageState } from '../../../workflows/compagnonnage/state';
import { accesDe, acteurDe } from '../../acces/middleware';
import { limiteFormulaire } from '../../documents/fichiers';
import { fichiersDe, formulaireMultipart } from '../../documents/multipart';
import type { AnyDossierState } from '../../dossiers/router';
import { classifyError } from '../../errors';
import { lireDepot, partageFerme, vueDocuments } from '../documents-echanges';
import { alerteErreurs, sendMessage } from '../render';

/** The documents form sent back: its values, its errors, its alert. */
export interface RetourDocuments {
  valeurs: Record<string, string>;
  erreurs: Record<string, string>;
  alerte?: string;
}

/** The block of the dossier page, for a Compagnonnage only (undefined otherwise). */
export function blocDocuments(
  state: AnyDossierState,
  a: { id: string; peutAgir: boolean; csrf: string; maxOctets: number; retour?: RetourDocuments; confirmation?: string },
): string | undefined {
  if (state.dispositif !== 'compagnonnage') return undefined;
  const s = state as CompagnonnageState;
  const termine = (ETAPES_FINALES as readonly string[]).includes(s.etape);
  const ferme = partageFerme(s, ETAPES_DOCUMENTS, termine);
  const r = a.retour;
  return vueDocuments({
    ancre: 'documents',
    state: s,
    lien: (numero) => `/api/dossiers/${a.id}/documents/${numero}`,
    ...(a.confirmation ? { confirmation: a.confirmation } : {}),
    ...(ferme ? { ferme } : {}),
    ...(a.peutAgir && !ferme
      ? {
          formulaire: {
            action: `/staff/dossiers/${a.id}/documents?_csrf=${encodeURIComponent(a.csrf)}#documents`,
            caches: [],
            maxOctets: a.maxOctets,
            roles: ['unml', 'ml', 'intervenant'],
            ...(r ? { valeurs: r.valeurs, erreurs: r.erreurs } : {}),
            ...(r?.alerte ? { alerte: r.alerte } : {}),
          },
        }
      : {}),
  });
}

/** The confirmation of `?document=<n°>` after a share, if that document is there. */
export function confirmationDocument(state: AnyDossierState, numero: unknown): string | undefined {
  const n = Number(numero);
  const doc = Number.isInteger(n) ? (state as CompagnonnageState).documents?.find((d) => d.numero === n) : undefined;
  return doc ? `Document n° ${doc.numero} « ${doc.titre} » partagé : la ou les directions concernées et l’UNML en sont prévenues.` : undefined;
}

type Page = (res: Response, id: string, status: number, opts: { documents?: RetourDocuments; alerte?: { titre: string; messages: string[] } }) => Promise<void>;

/** POST /staff/dossiers/:id/documents: the multipart reader (its 413 page), then the handler. */
export function routeDocuments(client: Client, config: Config, logger: Logger, page: Page) {
  const multipart = formulaireMultipart(limiteFormulaire(config), (_req, res) =>
    sendMessage(
      res,
      413,
      'Fichier trop volumineux',
      [
        `Un document ne peut dépasser ${tailleFr(config.LIVRABLES_MAX_BYTES)} : rien n’a été partagé.`,
        'Revenez à la page du dossier pour choisir un fichier plus léger ou le partager en plusieurs parties.',
      ],
      'alerte',
    ),
  );
  const handler = async (res: Response, id: string, champs: Record<string, string>): Promise<void> => {
    const valeurs = { titre: champs.titre ?? '', note: champs.note ?? '', role: champs.role ?? 'unml' };
    const acces = accesDe(res);
    const { input, erreurs } = await lireDepot(champs, fichiersDe(res).fichier, {
      config,
      dossierId: id,
      rolesPermis: ['unml', 'ml', 'intervenant'],
      ...(acces ? { par: acces.compte.nom } : {}),
    });
    if (!input) {
      const n = Object.keys(erreurs).length;
      const status = Object.values(erreurs).some((e) => e?.includes('ne peut dépasser')) ? 413 : 400;
      await page(res, id, status, { documents: { valeurs, erreurs: erreurs as Record<string, string>, alerte: alerteErreurs(n) } });
      return;
    }
    try {
      const state = await client.workflow.getHandle(id).executeUpdate(M.deposerDocument, { args: [input, { acteur: acteurDe(res) }] as never });
      logger.info({ dossierId: id, action: 'documents', via: 'back_office', etape: state.etape }, 'action applied');
      res.redirect(303, `/staff/dossiers/${id}?document=${state.documents?.at(-1)?.numero ?? ''}#documents`);
    } catch (err) {
      const known = classifyError(err);
      if (known && known.status < 500) {
        await page(res, id, known.status, {
          alerte: { titre: 'Partage refusé', messages: [known.body.message, 'Rien n’a été enregistré.'] },
          documents: { valeurs, erreurs: {}, alerte: known.body.message },
        });
        return;
      }
      throw err;
    }
  };
  return { multipart, handler };
}
