// Jest transform for the ESM-only packages of OpenID Connect sign-in (openid-client and its dependencies, and
// oidc-provider, the test's provider, with its own): Jest on Node 20 cannot require() an ES module, so each of
// their files is compiled to CommonJS with TypeScript, as the project's own files are by ts-jest. Files of a
// CommonJS package matched by the same pattern (e.g. jose 5 beside jose 6) pass through unchanged.
// At run time (tsx, or node on the build), Node 20.19+ loads these packages with require(esm) itself.
const { createHash } = require('node:crypto');
const { existsSync, readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const ts = require('typescript');

const typeDuPaquet = new Map();
/** Whether the nearest package.json of a file says `"type": "module"`. */
function estModule(fichier) {
  let dir = dirname(fichier);
  for (;;) {
    if (typeDuPaquet.has(dir)) return typeDuPaquet.get(dir);
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      const esm = JSON.parse(readFileSync(pj, 'utf8')).type === 'module';
      typeDuPaquet.set(dir, esm);
      return esm;
    }
    const haut = dirname(dir);
    if (haut === dir) return false;
    dir = haut;
  }
}

module.exports = {
  process(source, fichier) {
    if (!fichier.endsWith('.mjs') && !estModule(fichier)) return { code: source };
    const { outputText } = ts.transpileModule(source, {
      fileName: fichier,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, allowJs: true, sourceMap: false },
    });
    return { code: outputText };
  },
  getCacheKey(source, fichier) {
    return createHash('sha256').update(`esm-vers-cjs:1:${ts.version}:${fichier}:`).update(source).digest('hex');
  },
};
