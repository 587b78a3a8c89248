// One flat config for the whole monorepo. Each workspace runs `eslint .` from its own folder;
// ESLint finds this file by walking up. Type-checked rules use the TypeScript project service.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'net',
  'http',
  'https',
];
const rendererBoundaries = [
  {
    group: ['electron', 'electron/*'],
    message: 'The renderer talks to main only through window.dialer.',
  },
  { group: nodeBuiltins, message: 'The renderer is sandboxed: no node-only modules.' },
  {
    group: ['**/main/**', '**/host/**', '**/preload/**'],
    message: 'The renderer imports no other process.',
  },
];
/** The dialer UI's feature folders (apps/desktop/src/renderer/features). */
const features = [
  'sign-in',
  'status',
  'dial-pad',
  'call',
  'incoming',
  'history',
  'after-call',
  'settings',
];
const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/out/**', '**/coverage/**', '**/.data/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-nocheck': true, 'ts-expect-error': 'allow-with-description' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  // Import boundaries (docs/architecture.md#import-boundaries): libraries never import apps.
  {
    files: ['packages/shared/src/**/*.ts'],
    rules: restrict([
      {
        group: ['@crokodialer/*', '**/apps/**'],
        message: 'packages/shared imports no app or other package.',
      },
      {
        group: [
          'electron',
          'electron/*',
          'react',
          'react-dom',
          'react/*',
          'fastify',
          'fastify*',
          '@fastify/*',
        ],
        message: 'packages/shared is framework-free.',
      },
      {
        group: nodeBuiltins,
        message: 'packages/shared runs in the browser too: no node-only modules.',
      },
    ]),
  },
  {
    files: ['packages/telnyx-sim/src/**/*.ts'],
    rules: restrict([
      {
        group: ['@crokodialer/api', '@crokodialer/desktop', '**/apps/**'],
        message: 'packages never import apps.',
      },
    ]),
  },
  {
    files: ['apps/desktop/src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(rendererBoundaries),
  },
  // The UI's layering (docs/architecture.md#conventions): features never import each other and
  // reach main, the SDK and the engine's store only through what the composition root (app/)
  // provides.
  ...features.map((feature) => ({
    files: [`apps/desktop/src/renderer/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      ...restrict([
        ...rendererBoundaries,
        {
          group: features
            .filter((other) => other !== feature)
            .flatMap((other) => [`../${other}/*`, `**/features/${other}/*`]),
          message: 'Features never import each other: share through ui/ or the app/ root.',
        },
        { group: ['@telnyx/*'], message: 'Only the telephony engine talks to the SDK.' },
        {
          group: ['**/telephony/telephony.store.js'],
          importNames: ['telephonyStore', 'useTelephonyStore'],
          message: 'No store singletons in features: use the stores app/ provides.',
        },
      ]),
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='window'][property.name='dialer']",
          message: 'Features get ports and stores from app/, never window.dialer.',
        },
      ],
    },
  })),
  {
    files: ['apps/desktop/src/renderer/ui/**/*.{ts,tsx}'],
    rules: restrict([
      ...rendererBoundaries,
      {
        group: ['**/features/**', '**/app/**', '**/telephony/**', '@telnyx/*', 'zustand*'],
        message: 'ui/ holds presentational components only: props in, events out.',
      },
    ]),
  },
  {
    files: ['apps/admin/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict([
      { group: nodeBuiltins, message: 'The admin console runs in the browser.' },
      {
        group: ['@crokodialer/api', '**/apps/api/**'],
        message: 'The console talks to the API over HTTP only.',
      },
    ]),
  },
  // API layering (docs/architecture.md#api-layout): routes reach the database only through
  // services.
  {
    files: ['apps/api/src/routes/**/*.ts'],
    rules: {
      ...restrict([
        {
          group: ['**/db/**', 'kysely', 'kysely/*', '@electric-sql/pglite*', 'pg'],
          message: 'Routes reach the database only through services.',
        },
      ]),
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.property.name='services'][property.name='db']",
          message: 'Routes reach the database only through services.',
        },
        {
          selector:
            "VariableDeclarator[init.property.name='services'] > ObjectPattern > Property[key.name='db']",
          message: 'Routes reach the database only through services.',
        },
      ],
    },
  },
  {
    files: ['apps/desktop/src/main/**/*.ts'],
    rules: restrict([{ group: ['**/renderer/**'], message: 'main never imports the renderer.' }]),
  },
  {
    files: ['apps/desktop/src/main/services/**/*.ts'],
    rules: restrict([
      {
        group: ['electron', 'electron/*'],
        message: 'Services are plain TypeScript; Electron objects come in through adapters.',
      },
      { group: ['**/renderer/**'], message: 'main never imports the renderer.' },
    ]),
  },
  {
    files: ['apps/desktop/src/**/*.{ts,tsx}'],
    ignores: ['apps/desktop/src/main/open-external-url.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          // The renderer's `dialer.app.openExternal` IPC is the way to it, so it is not banned.
          selector:
            "MemberExpression[property.name='openExternal']:not([object.property.name='app'])",
          message:
            'Use openExternalUrl (docs/architecture.md#opening-links): shell.openExternal only there.',
        },
      ],
    },
  },
  // packages/shared keeps node types out of src, so its tests live in tsconfig.test.json only.
  {
    files: ['packages/shared/src/**/*.test.ts'],
    languageOptions: {
      parserOptions: { projectService: false, project: './packages/shared/tsconfig.test.json' },
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettier,
);
