// One jest run for everything: unit tests beside the code, integration and e2e tests against
// a real PostgreSQL (embedded unless DATABASE_URL is set), and browser tests in Chromium.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

// NestJS 12 and a few of its dependencies ship as ES modules only; jest's CommonJS runtime
// needs them compiled too.
const esmPackages = [
  '@nestjs',
  '@scure',
  '@noble',
  '@otplib',
  'otplib',
  'file-type',
  'strtok3',
  'token-types',
  'peek-readable',
  'uint8array-extras',
  '@tokenizer',
  '@faker-js',
  'marked',
  // Single sign-on: the OIDC client and, in tests, the OIDC provider.
  'openid-client',
  'oauth4webapi',
  'jose',
  'oidc-provider',
];

const common = {
  transform: { '^.+\\.(t|j|mj)sx?$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'json'],
  testEnvironment: 'node',
  // The server imports the audit library by its package name; tests use its sources.
  moduleNameMapper: { '^@poc/audit$': '<rootDir>/audit/src/index.ts' },
  // pg-boss's polling delay without its lazy require (see the file).
  setupFiles: ['<rootDir>/test/support/pgboss-timers.ts'],
};

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{audit,server,admin-ui}/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/server/src/**/*.int-spec.ts', '<rootDir>/test/api/**/*.e2e-spec.ts'],
      testTimeout: 60_000,
    },
    // The long fuzz (`npm run fuzz`), not part of `npm test`.
    {
      ...common,
      displayName: 'fuzz',
      testMatch: ['<rootDir>/test/fuzz/**/*.fuzz-spec.ts'],
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      testTimeout: 180_000,
    },
  ],
};
