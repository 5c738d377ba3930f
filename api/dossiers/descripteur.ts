// What the API, the pages and the back office know of one dispositif: its descriptor, exported by its folder
// (compagnonnage/, appui-conseil/, diagnostic/ index.ts) and listed once in dispositifs.ts.
// A descriptor's folder must not import api/common.ts (which reads the list of descriptors): types only.
import type { WorkflowHandle } from '@temporalio/client';
import type { z } from 'zod';
import type { ActionLien } from '../../activities/email/kinds';
import type { Config } from '../../config';
import type { VivierStore } from '../../db/store';
import type { Dispositif } from '../../domain/schemas';
import type { CreateDemandeBody } from '../demandes/schemas';
import type { ContexteAction } from '../../workflows/shared/handlers';
import type { PageAction } from '../pages/agir/page';
import type { DossierAction } from './actions';
import type { EtapeTousDispositifs } from './schemas';

/** How a demand starts its dossier's workflow (POST /api/demandes). */
export interface Demarrage {
  /** The step the Etape search attribute starts at. */
  etapeInitiale: EtapeTousDispositifs;
  /** The workflow's arguments, from the validated demand and the configuration (its delays). */
  args(body: CreateDemandeBody, dossierId: string, config: Config): unknown[];
}

/** An intervenant's refusal of a designation (POST …/candidats/:intervenantId/refus, validated). */
export interface Refus {
  motif: string;
  par?: string | undefined;
}

/** The designation of intervenants through the pool (api/candidats): ranking, confirmation by staff, refusal. */
export interface Designation {
  /** GET /api/dossiers/:id/candidats: the pool's ranking for the dossier's step. */
  classement(handle: WorkflowHandle, vivier: VivierStore): Promise<unknown>;
  /** POST …/candidats/:intervenantId/confirmation: validates the body, then sends the designation update. */
  confirmer(handle: WorkflowHandle, vivier: VivierStore, intervenantId: string, body: unknown, contexte: ContexteAction): Promise<unknown>;
  /** POST …/candidats/:intervenantId/refus: the intervenant declines (as staff records it). */
  refuser(handle: WorkflowHandle, intervenantId: string, refus: Refus, contexte: ContexteAction): Promise<unknown>;
  /** The updates the designation sends (for the registry's test). */
  updateNames: readonly string[];
}

/** A link's page as a dispositif serves it: the page, and the path of the action it sends in its table. */
export interface PageServie {
  page: PageAction;
  apiPath: string;
}

export interface DispositifApi<D extends Dispositif = Dispositif> {
  dispositif: D;
  /** The prefix of its dossier ids (CMP-3F9A0C1B2D). */
  prefix: string;
  libelle: string;
  /** Its Temporal workflow type. */
  workflowType: string;
  /** The OpenAPI tag of its actions, and the camelCase prefix of their operationIds. */
  tag: string;
  operationPrefix: string;
  demarrage: Demarrage;
  actions: readonly DossierAction[];
  stateSchema: z.ZodObject;
  designation: Designation;
  /** The French name of each step: the workflow's own (workflows/<dispositif>/etapes.ts), shown by the pages. */
  etapes: Readonly<Record<string, string>>;
  /** Who is expected to act at each step, and what (workflows/<dispositif>/etapes.ts ATTENDUS): the back office's "en attente de". */
  attendus: Readonly<Partial<Record<string, string>>>;
  /**
   * The steps at which each action (by path) is possible, as its dossier class's `requireEtape` says: the back office
   * offers an action's form at these steps first. An action absent from it is possible at any step until the dossier
   * ends (the workflow refuses it anyway when it is not).
   */
  etapesDesActions?: Readonly<Record<string, readonly string[]>>;
  /** The pages of the personal links its emails carry, by link. */
  pages: Partial<Record<ActionLien, PageServie>>;
  /** Its workflow's messages.ts: every Update and Query it exports is served above, or is internal (test/registre.test.ts). */
  messages: Readonly<Record<string, unknown>>;
}
