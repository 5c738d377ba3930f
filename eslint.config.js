// Lint guards determinism (no Node built-ins under workflows/, no floating promises anywhere) and the folders'
// boundaries: workflows use activities as types only, activities import from workflows/ only messages.ts,
// domain/ imports nothing outside domain/. (One no-restricted-imports per set of files: a later config object's
// rule for the same files would replace the earlier one, so each folder's rule lives in one object.)
const tseslint = require('typescript-eslint');
const { builtinModules } = require('node:module');

module.exports = tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', '.tools/', 'coverage/', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Prettier (npm run format) keeps lines near 160; what it cannot break (a long string) is split by hand.
      'max-len': ['error', { code: 160, ignoreUrls: true }],
    },
  },
  {
    files: ['activities/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Any path through a workflows folder, unless it ends at a messages module (../workflows/vivier/messages).
              regex: '^(?!.*/messages$).*(^|/)workflows(/|$)',
              message: 'Activities import from workflows/ only its messages.ts (signals, queries, ids); move what they share into messages.ts or domain/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // domain/ is one flat folder: any parent import (../db, ../activities, ../workflows…) leaves it.
              regex: '^\\.\\.(/|$)',
              message: 'domain/ holds pure rules: it imports only domain/ and npm packages.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)].map((name) => ({
            name,
            message: 'Workflows must be deterministic: no Node built-ins; do I/O in an activity.',
          })),
          patterns: [
            { group: ['**/activities', '**/activities/*'], allowTypeImports: true, message: 'Workflows call activities through proxyActivities only.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() from @temporalio/workflow.' },
      ],
    },
  },
);
