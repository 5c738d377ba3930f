// `npm run test:faults` (issue #15): the fault tests of test/faults/, one at a time (each starts its own Temporal server
// and breaks something on purpose), kept out of `npm test` (jest.config.js ignores the folder). `.ci/run` calls it
// under `timeout`.
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/faults'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 180_000,
  maxWorkers: 1,
};
