// Every validation error of the product is French (issue #17 §3): every zod schema the API, the pages and the
// domain export is fed wrong inputs, and no message that comes back may be English.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { installerErreursFr } from '../domain/erreurs-fr';

const ROOT = join(__dirname, '..');
const ANGLAIS =
  /\b(expected|received|invalid|input|must|should|option|string|number|array|object|characters?|items?|letters|digits|only|required|too (small|big))\b/i;
const MAUVAISES_ENTREES: unknown[] = [undefined, null, 42, -1, 'x', '', [], [42], {}, { inconnu: 1 }, true, 'not-an-email', '2026-13-45'];

function schemaModules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return schemaModules(path);
    return name === 'schemas.ts' ? [path] : [];
  });
}

/** Every message of an issue, with those of the branches of a union. */
function messages(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((i) => [i.message, ...(i.code === 'invalid_union' ? i.errors.flatMap((e) => messages(e)) : [])]);
}

test('no validation message of any schema is English, and a wrong choice lists the allowed values', async () => {
  installerErreursFr();
  const modules = [...schemaModules(join(ROOT, 'api')), join(ROOT, 'domain', 'schemas.ts')];
  const schemas: [string, z.ZodType][] = [];
  for (const file of modules) {
    const exports = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) if (value instanceof z.ZodType) schemas.push([`${file.slice(ROOT.length + 1)}:${name}`, value]);
  }
  expect(schemas.length).toBeGreaterThan(40);
  const anglais: string[] = [];
  let vus = 0;
  for (const [name, schema] of schemas) {
    for (const entree of MAUVAISES_ENTREES) {
      const r = schema.safeParse(entree);
      if (r.success) continue;
      for (const m of messages(r.error.issues)) {
        vus += 1;
        if (ANGLAIS.test(m)) anglais.push(`${name} (${JSON.stringify(entree)}): ${m}`);
      }
    }
  }
  expect(vus).toBeGreaterThan(200);
  expect([...new Set(anglais)]).toEqual([]);

  const choix = z.enum(['compagnonnage', 'appui_conseil']).safeParse('diagnostique');
  expect(choix.success).toBe(false);
  expect(choix.error!.issues[0]!.message).toBe('choisissez parmi « compagnonnage », « appui_conseil »');
  expect(z.object({ nom: z.string() }).safeParse({}).error!.issues[0]!.message).toBe('champ obligatoire : indiquez un texte');
});
