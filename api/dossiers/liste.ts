// The lists of dossiers (GET /api/dossiers, the back office's /staff): one visibility call per page, every row
// read from the dossier's search attributes only (no per-row Query). The page token is Temporal's own, wrapped
// with the instant "overdue" was judged at, so that the next page asks the same question.
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers';
import type { VivierStore } from '../../db/store';
import { ATTENDUS as ATTENDUS_APPUI } from '../../workflows/appui-conseil/etapes';
import { ATTENDUS as ATTENDUS_COMPAGNONNAGE } from '../../workflows/compagnonnage/etapes';
import { ATTENDUS as ATTENDUS_DIAGNOSTIC } from '../../workflows/diagnostic/etapes';
import { ATTENTES, LIBELLES_ATTENTE, type AttenteDe } from '../../workflows/shared/attente';
import {
  ATTENTE_DE,
  DISPOSITIF,
  ETAPE,
  INTERLOCUTRICE,
  INTERVENANT,
  INTERVENANTS,
  MISSION_LOCALE,
  PROCHAINE_ECHEANCE,
  REGION,
} from '../../workflows/shared/search-attributes';
import { DISPOSITIFS, type Dispositif } from '../../domain/schemas';
import { ApiError } from '../errors';
import { DISPOSITIFS_API, etapeFr } from './dispositifs';
import type { DossierSummary, ListDossiersQuery } from './schemas';

/** What each dispositif waits for at each step, in French (its workflow's ATTENDUS). */
const ATTENDUS: Record<string, Partial<Record<string, string>>> = {
  compagnonnage: ATTENDUS_COMPAGNONNAGE,
  appui_conseil: ATTENDUS_APPUI,
  diagnostic: ATTENDUS_DIAGNOSTIC,
};

/** The workflow type of each dispositif that has one today. */
const WORKFLOW_TYPES: Partial<Record<Dispositif, string>> = Object.fromEntries(DISPOSITIFS_API.map((d) => [d.dispositif, d.workflowType]));

/**
 * A visibility literal. The values are already restricted by zod (enums, identifier regexes), this is
 * a second line of defence.
 */
function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The visibility query of a list's filters; `maintenant`: when "overdue" is judged. */
export function buildListQuery(q: Omit<ListDossiersQuery, 'limit' | 'page'>, maintenant: Date = new Date()): string {
  const types = q.dispositif
    ? [WORKFLOW_TYPES[q.dispositif]].filter((t) => t !== undefined)
    : DISPOSITIFS.map((d) => WORKFLOW_TYPES[d]).filter((t) => t !== undefined);
  // An unknown workflow type matches nothing, which is right for a dispositif without workflows yet.
  const clauses = [`WorkflowType IN (${(types.length ? types : ['__none__']).map(literal).join(', ')})`];
  const filters: [string, string | undefined][] = [
    [DISPOSITIF.name, q.dispositif],
    [REGION.name, q.region],
    [ETAPE.name, q.etape],
    [MISSION_LOCALE.name, q.missionLocale],
    [INTERLOCUTRICE.name, q.interlocutrice],
    [ATTENTE_DE.name, q.attenteDe],
  ];
  for (const [attribute, value] of filters) if (value !== undefined) clauses.push(`${attribute} = ${literal(value)}`);
  // Any of the dossier's intervenants; runs started before `Intervenants` know their first one only.
  if (q.intervenant !== undefined) clauses.push(`(${INTERVENANTS.name} = ${literal(q.intervenant)} OR ${INTERVENANT.name} = ${literal(q.intervenant)})`);
  // Overdue: a deadline passed (ended dossiers have none); not overdue: a deadline to come, or none.
  const le = literal(maintenant.toISOString());
  if (q.enRetard === true) clauses.push(`${PROCHAINE_ECHEANCE.name} < ${le}`);
  if (q.enRetard === false) clauses.push(`(${PROCHAINE_ECHEANCE.name} >= ${le} OR ${PROCHAINE_ECHEANCE.name} IS NULL)`);
  return clauses.join(' AND ');
}

export type Tri = 'prochaineEcheance' | 'depot';

export interface PageDossiers {
  items: DossierSummary[];
  count: number;
  pageSuivante: string | null;
  tri: Tri;
}

/** Whether the visibility store of a client sorts (`ORDER BY`): Elasticsearch does, SQL stores (the dev server) do not. */
const trieParEcheance = new WeakMap<Client, boolean>();
export const ORDER_BY_ECHEANCE = `ORDER BY ${PROCHAINE_ECHEANCE.name} ASC`;

interface Jeton {
  /** Temporal's next page token, base64. */
  t: string;
  /** When "overdue" was judged (ISO): the next pages judge it at the same instant. */
  n: string;
}

function encoderJeton(j: Jeton): string {
  return Buffer.from(JSON.stringify(j)).toString('base64url');
}

const PAGE_INCONNUE = 'Page inconnue ou expirée : reprenez la liste depuis la première page.';

function decoderJeton(page: string): Jeton {
  try {
    const j = JSON.parse(Buffer.from(page, 'base64url').toString('utf8')) as Partial<Jeton>;
    if (typeof j.t === 'string' && typeof j.n === 'string' && !Number.isNaN(Date.parse(j.n))) return { t: j.t, n: j.n };
  } catch {
    // answered below
  }
  throw new ApiError(400, 'page_inconnue', PAGE_INCONNUE);
}

function isInvalidArgument(err: unknown): err is Error {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 3;
}

/** A dossier's row, from its search attributes only; `noms`: the Missions Locales' names by code. */
export function ligneDossier(info: WorkflowExecutionInfo, noms: ReadonlyMap<string, string>, maintenant: number): DossierSummary {
  const sa = info.typedSearchAttributes;
  const dispositif = sa.get(DISPOSITIF) ?? null;
  const etape = sa.get(ETAPE) ?? null;
  const ml = sa.get(MISSION_LOCALE) ?? null;
  const echeance = sa.get(PROCHAINE_ECHEANCE);
  const attente = sa.get(ATTENTE_DE);
  const attenteDe = attente && (ATTENTES as readonly string[]).includes(attente) ? (attente as AttenteDe) : null;
  const running = info.status.name === 'RUNNING';
  return {
    dossierId: info.workflowId,
    dispositif,
    region: sa.get(REGION) ?? null,
    missionLocale: ml,
    etape,
    interlocutrice: sa.get(INTERLOCUTRICE) ?? null,
    intervenant: sa.get(INTERVENANT) ?? null,
    intervenants: [...(sa.get(INTERVENANTS) ?? (sa.get(INTERVENANT) ? [sa.get(INTERVENANT)!] : []))],
    status: info.status.name,
    startTime: info.startTime.toISOString(),
    missionLocaleNom: ml ? (noms.get(ml) ?? null) : null,
    etapeLibelle: etape ? etapeFr(dispositif ?? undefined, etape) : null,
    prochaineEcheance: echeance ? echeance.toISOString() : null,
    enRetard: running && echeance !== undefined && echeance.getTime() < maintenant,
    attenteDe,
    attenteDeLibelle: attenteDe ? LIBELLES_ATTENTE[attenteDe] : null,
    attendu: running && dispositif && etape ? (ATTENDUS[dispositif]?.[etape] ?? null) : null,
  };
}

/**
 * One page of dossiers: one visibility call (two, once per client, to learn that its store cannot sort), rows from
 * search attributes. Sorted by next deadline when the store can (`ORDER BY`), else by start time, most recent first.
 */
export async function pageDossiers(
  client: Client,
  vivier: Pick<VivierStore, 'missionsLocales'>,
  q: Omit<ListDossiersQuery, 'page' | 'limit'> & { page?: string | undefined; limit: number },
): Promise<PageDossiers> {
  const { page, limit, ...filtres } = q;
  const jeton = page ? decoderJeton(page) : undefined;
  const maintenant = jeton ? new Date(jeton.n) : new Date();
  const base = buildListQuery(filtres, maintenant);
  const lister = (query: string) =>
    client.workflowService.listWorkflowExecutions({
      namespace: client.options.namespace,
      query,
      pageSize: limit,
      nextPageToken: jeton ? Buffer.from(jeton.t, 'base64') : Buffer.alloc(0),
    });
  let tri: Tri = trieParEcheance.get(client) === false ? 'depot' : 'prochaineEcheance';
  let reponse: Awaited<ReturnType<typeof lister>>;
  try {
    reponse = await lister(tri === 'prochaineEcheance' ? `${base} ${ORDER_BY_ECHEANCE}` : base);
    if (tri === 'prochaineEcheance') trieParEcheance.set(client, true);
  } catch (err) {
    if (!isInvalidArgument(err)) throw err;
    if (tri === 'prochaineEcheance' && /ORDER BY/i.test(err.message)) {
      trieParEcheance.set(client, false);
      tri = 'depot';
      try {
        reponse = await lister(base);
      } catch (e) {
        if (isInvalidArgument(e) && jeton) throw new ApiError(400, 'page_inconnue', PAGE_INCONNUE);
        throw e;
      }
    } else if (jeton) throw new ApiError(400, 'page_inconnue', PAGE_INCONNUE);
    else throw err;
  }
  const noms = new Map((await vivier.missionsLocales()).map((m) => [m.code, m.nom]));
  const t = maintenant.getTime();
  const items: DossierSummary[] = [];
  for (const raw of reponse.executions) {
    const info = await executionInfoFromRaw(raw, client.options.loadedDataConverter, raw, client.options.namespace);
    items.push(ligneDossier(info, noms, t));
  }
  const suivant = reponse.nextPageToken && reponse.nextPageToken.length > 0 ? Buffer.from(reponse.nextPageToken).toString('base64') : undefined;
  return { items, count: items.length, pageSuivante: suivant ? encoderJeton({ t: suivant, n: maintenant.toISOString() }) : null, tri };
}

/** Overdue first, then by next deadline (the closest first), then those without one; the most recent first among equals. */
export function parEcheance(a: DossierSummary, b: DossierSummary): number {
  if (a.enRetard !== b.enRetard) return a.enRetard ? -1 : 1;
  if (a.prochaineEcheance !== b.prochaineEcheance) {
    if (!a.prochaineEcheance) return 1;
    if (!b.prochaineEcheance) return -1;
    return a.prochaineEcheance.localeCompare(b.prochaineEcheance);
  }
  return b.startTime.localeCompare(a.startTime);
}
