// `npm run reporting:rebuild [-- --vider]`: rebuilds the reporting read model (issue #14, db/reporting.ts) from the
// dossiers still on the Temporal server (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE): the Compagnonnage, Appui Conseil and
// Diagnostic dossiers found by their Dispositif search attribute, each one's state read with its getDossier query and
// mapped with the very functions the workflows use (workflows/<dispositif>/reporting.ts). The queries are answered by
// a worker: one must be running on the same server (`npm start` runs one, or `npm run worker`).
// Temporal is the source of truth, the store never goes backwards: a dossier is written with the sequence its state
// keeps (the workflow's last write), which the store refuses when it already holds that one or a later one; a dossier
// started before the workflows kept the store (no sequence in its state) with the next sequence after the store's
// (1 on an empty store): only this rebuild writes those. `--vider` empties the store first (it then holds only the
// dossiers still on the server: the ones the server's retention removed are lost). Prints counts, never data.
import { Client, Connection } from '@temporalio/client';
import { databaseUrl, loadConfig } from '../config';
import { dataConverterFromConfig } from '../config/codec';
import { SqlReportingStore } from '../db/reporting';
import { openVivierStore } from '../db/vivier';
import type { Dispositif } from '../domain/schemas';
import { instantaneAppuiConseil } from '../workflows/appui-conseil/reporting';
import type { AppuiConseilState } from '../workflows/appui-conseil/state';
import { getDossier } from '../workflows/compagnonnage/messages';
import { instantaneCompagnonnage } from '../workflows/compagnonnage/reporting';
import type { CompagnonnageState } from '../workflows/compagnonnage/state';
import { instantaneDiagnostic } from '../workflows/diagnostic/reporting';
import type { DiagnosticState } from '../workflows/diagnostic/state';
import type { InstantaneDossier } from '../workflows/shared/reporting';

/** The dossiers the rebuild reads: every dispositif's, by their Dispositif search attribute. */
export const REQUETE_DOSSIERS = "Dispositif IN ('compagnonnage', 'appui_conseil', 'diagnostic')";

type Etat = (CompagnonnageState | AppuiConseilState | DiagnosticState) & { reporting?: { sequence: number } };

/** A dossier's state mapped by its dispositif's reporting function (the workflows' own). */
export function instantaneDe(etat: Etat): InstantaneDossier {
  switch (etat.dispositif) {
    case 'compagnonnage':
      return instantaneCompagnonnage(etat);
    case 'appui_conseil':
      return instantaneAppuiConseil(etat);
    case 'diagnostic':
      return instantaneDiagnostic(etat);
  }
}

export interface BilanReconstruction {
  /** Dossiers whose state was read. */
  lus: number;
  /** Written (the store held an older sequence, or nothing). */
  ecrits: number;
  /** Left as they were (the store already held that sequence or a later one). */
  inchanges: number;
  /** Whose state could not be read (their ids: opaque codes, no personal data). */
  echecs: string[];
  parDispositif: Record<Dispositif, number>;
}

/**
 * Rebuilds the store from the dossiers on the server. `dossiers`: their workflow ids (default: listed by visibility,
 * REQUETE_DOSSIERS; the time-skipping test server lists nothing); `vider`: empty the store first.
 */
export async function reconstruireReporting(
  client: Client,
  store: SqlReportingStore,
  opts: { vider?: boolean; dossiers?: Iterable<string> | AsyncIterable<string> } = {},
): Promise<BilanReconstruction> {
  if (opts.vider) await store.vider();
  const bilan: BilanReconstruction = { lus: 0, ecrits: 0, inchanges: 0, echecs: [], parDispositif: { compagnonnage: 0, appui_conseil: 0, diagnostic: 0 } };
  const ids = opts.dossiers ?? listerDossiers(client);
  for await (const id of ids) {
    let etat: Etat;
    try {
      // getDossier has the same name in every dispositif's workflow (typed here with one of them).
      etat = (await client.workflow.getHandle(id).query(getDossier)) as Etat;
    } catch {
      bilan.echecs.push(id);
      continue;
    }
    bilan.lus += 1;
    bilan.parDispositif[etat.dispositif] += 1;
    const instantane = instantaneDe(etat);
    // The workflow's own sequence when it keeps the store; else only the rebuild writes it: the next one.
    const sequence = etat.reporting?.sequence ?? (await store.sequence(id)) + 1;
    if (await store.enregistrer({ sequence, ...instantane })) bilan.ecrits += 1;
    else bilan.inchanges += 1;
  }
  return bilan;
}

async function* listerDossiers(client: Client): AsyncIterable<string> {
  for await (const w of client.workflow.list({ query: REQUETE_DOSSIERS })) yield w.workflowId;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const vider = process.argv.includes('--vider');
  // Encrypted payloads (issue #15): PAYLOAD_KEYS, or `npm start`'s development key in DATA_DIR/payload-keys when there.
  const { dataConverter } = dataConverterFromConfig(config, { dev: true });
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const vivier = await openVivierStore(databaseUrl(config));
  try {
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
    const b = await reconstruireReporting(client, new SqlReportingStore(vivier.db), { vider });
    const par = Object.entries(b.parDispositif)
      .map(([d, n]) => `${d} ${n}`)
      .join(', ');
    console.log(`${vider ? 'store emptied; ' : ''}${b.lus} dossiers read (${par}): ${b.ecrits} written, ${b.inchanges} already up to date`);
    if (b.echecs.length > 0) {
      console.error(`${b.echecs.length} dossiers could not be queried (is a worker running? \`npm start\` or \`npm run worker\`): ${b.echecs.join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    await vivier.close();
    await connection.close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`reporting rebuild impossible: ${(err as Error).message} (is Temporal reachable at TEMPORAL_ADDRESS?)`);
    process.exitCode = 1;
  });
}
