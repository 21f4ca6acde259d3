import js from '@eslint/js';
import regexpPlugin from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

/** Folders that make up wink's core: they must never depend on the outer layers. */
const coreFolders = ['trajectory', 'formats', 'taxonomy', 'detectors', 'engine', 'observer', 'guidance', 'eval', 'llm'];
const outerLayers = ['cli', 'server', 'integrations', 'web'];

/**
 * Source files whose patterns see agent or user text (all of src/): every pattern there must match in linear
 * time, whatever the input (a pasted banner of 44 `#`, a run of 100,000 spaces, a 10 MB line). The linter
 * checks regex literals and constant `new RegExp(…)`; test/patterns/linear-time.test.ts checks the patterns
 * assembled at run time.
 */
const textFacingFiles = ['src/**/*.ts'];


export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**', 'web/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  regexpPlugin.configs['flat/recommended'],
  {
    files: textFacingFiles,
    rules: {
      // Report patterns that may backtrack or move super-linearly, not only the certain ones.
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      'regexp/no-super-linear-move': ['error', { report: 'potential', ignoreSticky: false, ignorePartial: false }],
    },
  },
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: coreFolders.map((folder) => `src/${folder}/**/*.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: outerLayers.map((layer) => ({
            group: [`**/${layer}/*`, `**/${layer}`],
            message: `core code must not import the ${layer} layer (see DESIGN.md)`,
          })),
        },
      ],
    },
  },
);
