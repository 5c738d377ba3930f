// `npm run replay [-- '<visibility query>']`: replays the histories of the dossiers on a Temporal server
// (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE; every dossier workflow by default) against the workflow code of this
// checkout. Run it before deploying a change to workflows/: a run that no longer replays (a change without
// patched()) is listed with the nondeterminism the SDK reports, and the exit code is 1.
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { DISPOSITIFS_API } from '../api/dossiers/dispositifs';
import { loadConfig } from '../config';
import { dataConverterFromConfig } from '../config/codec';

async function main(): Promise<void> {
  const config = loadConfig();
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const types = DISPOSITIFS_API.map((d) => `'${d.workflowType}'`);
  const query = process.argv[2] ?? `WorkflowType IN (${types.join(', ')})`;
  // Encrypted payloads (issue #15): PAYLOAD_KEYS, or `npm start`'s development key in DATA_DIR/payload-keys when there.
  const { dataConverter } = dataConverterFromConfig(config, { dev: true });
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
    const histories = client.workflow.list({ query }).intoHistories();
    let replayed = 0;
    const failed: { workflowId: string; error: string }[] = [];
    for await (const r of Worker.runReplayHistories({ workflowsPath: require.resolve('../workflows'), dataConverter }, histories)) {
      replayed += 1;
      if (r.error) failed.push({ workflowId: r.workflowId, error: r.error.message });
    }
    for (const f of failed) console.error(`✗ ${f.workflowId}: ${f.error}`);
    console.log(`${replayed} histories replayed (${query}), ${failed.length} failed`);
    if (failed.length > 0) process.exitCode = 1;
  } finally {
    await connection.close();
  }
}

main().catch((err: unknown) => {
  console.error(`replay impossible: ${(err as Error).message} (is Temporal reachable at TEMPORAL_ADDRESS?)`);
  process.exitCode = 1;
});
