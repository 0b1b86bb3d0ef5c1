import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './web/svelte.config.js';

/** Modules that would make shared/ impure: DOM, Node, storage and server libraries. */
const IMPURE = [
  { group: ['node:*'], message: 'shared/ is pure: no Node APIs.' },
  {
    group: [
      'pouchdb',
      'pouchdb-*',
      'dexie',
      'hono',
      'hono/*',
      '@hono/*',
      'svelte',
      'svelte/*',
      '$app/*',
      '$lib/*',
    ],
    message: 'shared/ is pure: no storage, server or UI modules.',
  },
];
const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'crypto',
  'http',
  'https',
  'net',
  'child_process',
  'url',
  'util',
  'stream',
  'buffer',
  'events',
  'zlib',
  'worker_threads',
];

export default ts.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/build/**',
      '**/dist/**',
      '**/.svelte-kit/**',
      '**/test-results/**',
      '**/playwright-report/**',
      '**/.scratch/**',
      'web/scripts/**',
      'scripts/**',
      '**/*.config.js',
      '**/*.config.ts',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommendedTypeChecked,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSEnumDeclaration',
          message: 'Use a union of literals or an `as const` object, not enum.',
        },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Braces whenever a body spans lines; one-line guards (`if (!x) return;`) stay as they are.
      curly: ['error', 'multi-line', 'consistent'],
    },
  },
  {
    files: ['**/*.svelte'],
    rules: { 'svelte/button-has-type': 'error' },
  },
  {
    // PouchDB and Dexie live behind lib/db; the web never reaches into the server.
    files: ['web/src/**/*.ts', 'web/src/**/*.svelte'],
    ignores: ['web/src/lib/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['dexie', 'pouchdb', 'pouchdb-*'],
              message: 'PouchDB and Dexie are used only in web/src/lib/db/.',
            },
            {
              group: [
                '@stallkeeper/sync-server',
                '@stallkeeper/sync-server/*',
                '**/sync-server/**',
              ],
              message: 'The web app talks to the server over HTTP only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['web/src/lib/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@stallkeeper/sync-server',
                '@stallkeeper/sync-server/*',
                '**/sync-server/**',
              ],
              message: 'The web app talks to the server over HTTP only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['sync-server/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@stallkeeper/web', '@stallkeeper/web/*', '**/web/**', '$lib/*', '$app/*'],
              message: 'The server does not import the web app.',
            },
          ],
        },
      ],
    },
  },
  {
    // Configuration is read once, validated, in env.ts.
    files: ['sync-server/src/**/*.ts', 'web/src/**/*.ts', 'web/src/**/*.svelte'],
    ignores: ['sync-server/src/env.ts', 'sync-server/src/test-process.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through env.ts.' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: globals.browser,
      parserOptions: { parser: ts.parser, svelteConfig },
    },
  },
  {
    files: ['web/**/*.ts', 'web/**/*.svelte'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['sync-server/**/*.ts', 'tests/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    // shared/ is pure domain code: enforce it.
    files: ['shared/src/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.map((name) => ({ name, message: 'shared/ is pure: no Node APIs.' })),
          patterns: IMPURE,
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'indexedDB',
        'process',
        'Buffer',
        'fetch',
      ],
    },
  },
  {
    // The service worker has its own lib (webworker) outside the app's tsconfig.
    files: ['web/src/service-worker.ts'],
    ...ts.configs.disableTypeChecked,
    languageOptions: { parserOptions: { projectService: false, project: null } },
  },
  {
    files: ['**/*.test.ts', 'tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
