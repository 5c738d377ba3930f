// The production topology (issue #15, docker-compose.yml and the Dockerfile), checked where no Docker engine runs:
// `.ci/run` validates the file with `docker-compose config -q`; this test holds what that cannot see. Plain text
// checks (no YAML parser among the project's dependencies), on the file's own layout.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../config';
import { SEARCH_ATTRIBUTES } from '../workflows/shared/search-attributes';

const racine = join(__dirname, '..');
const compose = readFileSync(join(racine, 'docker-compose.yml'), 'utf8');
const dockerfile = readFileSync(join(racine, 'Dockerfile'), 'utf8');

/** A service's block: from `  <name>:` to the next service (or the end of `services:`). */
function service(nom: string): string {
  const debut = compose.indexOf(`\n  ${nom}:\n`);
  if (debut < 0) throw new Error(`no service ${nom}`);
  const suite = compose.slice(debut + 1).search(/\n {2}[a-z][\w-]*:\n|\n[a-z]/);
  return compose.slice(debut + 1, suite < 0 ? undefined : debut + 1 + suite);
}

describe('docker-compose.yml', () => {
  it('runs Temporal from temporalio/server and admin-tools of one version, not the deprecated auto-setup', () => {
    expect(compose).not.toMatch(/image: temporalio\/auto-setup/);
    const serveur = /image: temporalio\/server:(\d+\.\d+\.\d+)\n/.exec(service('temporal'))?.[1];
    expect(serveur).toBeDefined();
    for (const job of ['temporal-schema', 'temporal-namespace']) expect(service(job)).toContain(`image: temporalio/admin-tools:${serveur}\n`);
    expect(service('temporal-ui')).toMatch(/image: temporalio\/ui:2\.\d+\.\d+\n/);
  });

  it('sets up both schemas in a one-shot job the server waits for', () => {
    const schema = service('temporal-schema');
    for (const db of ['temporal', 'temporal_visibility']) {
      for (const etape of ['create', 'setup-schema -v 0.0', 'update-schema -d']) expect(schema).toContain(`--db ${db} ${etape}`);
    }
    expect(schema).toContain("restart: 'no'");
    expect(service('temporal')).toMatch(/temporal-schema:\n\s+condition: service_completed_successfully/);
  });

  it('registers every search attribute the workflows set, with its type', () => {
    const liste = /for attribute in ([^;]+);/.exec(service('temporal-namespace'))?.[1]?.trim().split(/\s+/);
    expect(liste?.sort()).toEqual(
      SEARCH_ATTRIBUTES.map((k) => `${k.name}=${k.type === 'KEYWORD_LIST' ? 'KeywordList' : k.type[0] + k.type.slice(1).toLowerCase()}`).sort(),
    );
  });

  it('keeps closed histories as long as the retention purge does (RETENTION_DOSSIERS_MOIS months of 31 days)', () => {
    const heures = /TEMPORAL_NAMESPACE_RETENTION: \$\{TEMPORAL_NAMESPACE_RETENTION:-(\d+)h\}/.exec(service('temporal-namespace'))?.[1];
    expect(Number(heures)).toBe(parseConfig({}).RETENTION_DOSSIERS_MOIS * 31 * 24);
    expect(service('temporal-namespace')).toContain(
      'operator namespace update --namespace "$$TEMPORAL_NAMESPACE" --retention "$$TEMPORAL_NAMESPACE_RETENTION"',
    );
  });

  it('starts the worker and the API after the namespace job, each with a health check', () => {
    for (const nom of ['worker', 'api']) {
      const s = service(nom);
      expect(s).toMatch(/temporal-namespace:\n\s+condition: service_completed_successfully/);
      expect(s).toContain(`test: ['CMD', 'node', '--import', 'tsx', 'scripts/healthcheck.ts', '${nom}']`);
    }
  });

  it('points the Temporal UI at the API’s codec endpoint, the API allowing that UI’s origin', () => {
    const ui = service('temporal-ui');
    const api = /PUBLIC_URL: (\S+)\n/.exec(compose)?.[1];
    expect(ui).toContain(`TEMPORAL_CODEC_ENDPOINT: ${api}/codec\n`);
    expect(ui).toContain("TEMPORAL_CODEC_INCLUDE_CREDENTIALS: 'true'");
    const port = /- '(\d+):8080'/.exec(ui)?.[1];
    expect(compose).toContain(`TEMPORAL_UI_URL: http://localhost:${port}\n`);
  });

  it('gives the worker and the API every secret they refuse to start without outside development', () => {
    for (const nom of ['PAYLOAD_KEYS', 'SESSION_SECRET', 'ACTION_LINK_SECRET']) expect(compose).toMatch(new RegExp(`\\n  ${nom}: \\$\\{${nom}:-`));
  });
});

describe('Dockerfile', () => {
  it('runs as a non-root user given by number, with a health check', () => {
    const utilisateur = /^USER (\S+)$/m.exec(dockerfile)?.[1];
    expect(utilisateur).toMatch(/^[1-9]\d*(:\d+)?$/);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*scripts\/healthcheck\.ts/m);
    // The code is not the process's to change: copied as root, only DATA_DIR handed over.
    expect(dockerfile).not.toMatch(/COPY --chown/);
  });
});
