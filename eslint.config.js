// Lint holds the architecture's boundaries (../shared/docs/architecture.md): Cornerstone only in
// imaging/, React only in ui/ and app/, pure layers free of DOM and fetch, the server never
// reaching into the browser layers, and no import cycles anywhere.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

const cornerstone = { group: ['@cornerstonejs/*'], message: 'Cornerstone belongs in src/imaging/ only.' };
const react = { group: ['react', 'react-dom', 'react-dom/*', 'react/*'], message: 'React belongs in src/ui/ and src/app/ only.' };
const browserLayers = { group: ['**/ui/*', '**/app/*', '**/imaging/*', '**/api/*'], message: 'Pure layers and the server must not import browser layers.' };
const uiInternals = { group: ['**/imaging/*', '!**/imaging/index'], message: 'ui/ and app/ use imaging/ only through imaging/index.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', '.tmp/**', 'test-results/**', 'sample-dicom/generated/**', 'bench/cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
    settings: { 'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'], 'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] }, 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })] },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['src/planning/**', 'src/records/**', 'src/dicom/**', 'src/shared/**', 'src/interop/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [cornerstone, react, browserLayers] }],
      'no-restricted-globals': ['error', 'fetch', 'document', 'window'] },
  },
  {
    files: ['src/server/**', 'sample-dicom/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [cornerstone, react, browserLayers] }] },
  },
  {
    files: ['src/imaging/**', 'src/api/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [react] }] },
  },
  {
    files: ['src/ui/**', 'src/app/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [cornerstone, uiInternals] }] },
  },
);
