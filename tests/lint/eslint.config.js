import { fileURLToPath } from 'node:url';
import { globals, js, reactHooks, tseslint } from './eslint-plugins.js';

// This file lives in tests/lint; what it lints is the whole project.
const root = fileURLToPath(new URL('../..', import.meta.url));

// The type-checked rules find more (floating promises, promises passed where a callback is
// expected) but take about three times as long; `npm run lint:typed` runs them.
const typed = process.env.SUPPORT_LINT_TYPED === '1';
const typescriptRules = typed
  ? [
      ...tseslint.configs.recommendedTypeChecked,
      { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } } },
      { files: ['**/*.js', '**/*.cjs'], extends: [tseslint.configs.disableTypeChecked] },
    ]
  : tseslint.configs.recommended;

export default tseslint.config(
  { basePath: root },
  { ignores: ['dist/**', 'dist-bench/**', 'node_modules/**', 'tests/lint/node_modules/**', '.scratch/**'] },
  js.configs.recommended,
  ...typescriptRules,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // tsc already fails on unused locals and parameters (tsconfig noUnused*); an underscore marks
      // a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['tests/lint/dependency-cruiser.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
);
