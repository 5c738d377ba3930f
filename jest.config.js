// The ESM-only packages that tests load (OpenID Connect sign-in: openid-client and its dependencies; oidc-provider,
// the provider the tests start, and its own), compiled to CommonJS by test/helpers/esm-vers-cjs.js: Jest on Node 20
// cannot require() an ES module. Every other file of node_modules is loaded as it is.
const ESM = [
  'openid-client',
  'oauth4webapi',
  'jose',
  'oidc-provider',
  'got',
  '@sindresorhus/is',
  '@szmarczak/http-timer',
  'cacheable-lookup',
  'cacheable-request',
  'mimic-response',
  'normalize-url',
  'responselike',
  'lowercase-keys',
  'form-data-encoder',
  'p-cancelable',
  'nanoid',
  'quick-lru',
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // The fault tests (issue #15) run apart: `npm run test:faults` (jest.faults.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/faults/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
    '/node_modules/.+\\.m?js$': '<rootDir>/test/helpers/esm-vers-cjs.js',
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM.join('|')})/)`],
  testTimeout: 60_000,
  // Each file starts its own Temporal server; two cores, so keep it modest.
  maxWorkers: 2,
};
