// Registers the search attributes every dossier carries (workflows/shared/search-attributes.ts) on a server that
// lacks some: an embedded dev server resuming an older database, a test server. A missing attribute would fail
// every workflow task that upserts it, and every list query that filters on it.
import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from '../workflows/shared/search-attributes';

/** Registers `keys` with their types, as they are (the time-skipping test server implements only this call). */
export async function registerSearchAttributes(
  connection: Connection,
  namespace: string,
  keys: readonly (typeof SEARCH_ATTRIBUTES)[number][] = SEARCH_ATTRIBUTES,
): Promise<void> {
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(keys.map((k) => [k.name, temporal.api.enums.v1.IndexedValueType[`INDEXED_VALUE_TYPE_${k.type}`]])),
  });
}

/** Adds the missing ones (never changes one already there); returns their names. */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set([...Object.keys(existing.customAttributes ?? {}), ...Object.keys(existing.systemAttributes ?? {})]);
  const missing = SEARCH_ATTRIBUTES.filter((k) => !known.has(k.name));
  if (missing.length === 0) return [];
  await registerSearchAttributes(connection, namespace, missing);
  return missing.map((k) => k.name);
}
