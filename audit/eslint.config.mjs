// ESLint finds the nearest config to each file: this one applies the repository's rules to the
// audit package, with type information from its own projects (the root config does not list them).
import root from '../eslint.config.mjs';

export default [
  ...root,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.spec.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
];
