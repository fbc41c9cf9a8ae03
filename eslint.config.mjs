import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { dateArithmeticExempt, dateArithmeticRules } from './eslint.dates.mjs';

const FEATURES =
  '{access-log,auth,authorization,calendar,complaints,dashboard,health,incidents,jobs,names,outbox,registers,retention,rights-requests,staff,subjects}';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.data/**', 'coverage/**', 'bench/results/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: {
        project: ['./server/tsconfig.json', './test/tsconfig.json', './admin-ui/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Feature boundaries (STYLE.md: features talk through services). A feature may import another
    // feature's module, service, types and errors, never its repository or entity files: those
    // are how it stores its data, and only the feature itself may reach them.
    // The folders that are not features, and what each may import (each rule is enforced below):
    // - context: the request context (StaffContext, ConsoleRequest), shared by every feature; it
    //   imports other folders as types only, so it can sit below all of them.
    // - common: plumbing; imports config and context, and feature files as types only. The one value
    //   import is common/clock's re-export of calendar/clock, kept until its importers move.
    // - config: the validated settings; imports nothing of the server's.
    // - database: connection, embedded PostgreSQL and migrations; imports only common and config.
    // - cli and demo: command-line tooling and the demo-data generator. They start the app and use
    //   services like a feature does, under the same repository/entity rule.
    // - the files at server/src's root (app.module, bootstrap, main, runtime) wire everything together
    //   and may import anything.
    files: ['server/src/**/*.ts'],
    // Tests may reach into any feature to arrange and check it.
    ignores: ['server/src/**/*.spec.ts', 'server/src/**/*.int-spec.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.js'] } },
      'boundaries/include': ['server/src/**/*.ts'],
      'boundaries/elements': [
        {
          type: 'feature',
          pattern: `server/src/${FEATURES}`,
          capture: ['name'],
        },
        { type: 'context', pattern: 'server/src/context' },
        { type: 'common', pattern: 'server/src/common' },
        { type: 'config', pattern: 'server/src/config' },
        { type: 'database', pattern: 'server/src/database' },
        { type: 'tooling', pattern: 'server/src/{cli,demo}', capture: ['name'] },
      ],
      'boundaries/files': [
        { category: 'repository', pattern: '**/*.repository.ts' },
        { category: 'entity', pattern: '**/*.entity.ts' },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            {
              from: { element: { types: ['feature', 'tooling'] } },
              disallow: {
                to: {
                  element: { captured: { name: '!{{ from.element.captured.name }}' } },
                  file: { categories: ['repository', 'entity'] },
                },
              },
              message: 'A feature reaches another feature only through its module, service, types or errors',
            },
            {
              from: { element: { type: 'context' } },
              disallow: { to: { element: { type: '*' } }, dependency: { kind: 'value' } },
              message: 'The request context imports other folders as types only',
            },
            {
              from: { element: { type: 'common' } },
              disallow: {
                to: {
                  element: { type: '{feature,tooling,database}' },
                  file: { path: '!server/src/calendar/clock.ts' },
                },
                dependency: { kind: 'value' },
              },
              message: 'common is plumbing: it imports config, context, and feature files as types only',
            },
            {
              from: { element: { type: 'config' } },
              disallow: { to: { element: { type: '*' } } },
              message: "config imports nothing of the server's",
            },
            {
              from: { element: { type: 'database' } },
              disallow: { to: { element: { type: '{feature,tooling,context}' } } },
              message: 'database imports only common and config',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/**/*.ts', 'admin-ui/src/**/*.{ts,tsx}'],
    ignores: dateArithmeticExempt,
    rules: dateArithmeticRules,
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['admin-ui/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
