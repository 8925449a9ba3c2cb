import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronBan = { name: 'electron', message: 'Only main/ may import electron (docs/ARCHITECTURE.md: Electron stays thin).' };
const coreIsNotUi = { group: ['react', 'react-dom', '@mantine/*'], message: 'app/ is the core: no UI code here.' };
const vocabularyByIndex = {
  regex: '(^|/)vocabulary/.',
  message: 'Import app/vocabulary through its index (the folder), not one of its files.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [coreIsNotUi, vocabularyByIndex],
        },
      ],
    },
  },
  {
    // The core sits below the API: its shared words come from app/vocabulary, and only the layers
    // that serve the API (app/api itself, the host, the CLI) import app/api.
    files: ['app/**/*.ts'],
    ignores: ['app/api/**', 'app/host/**', 'app/cli/**', 'app/cli.ts', 'app/cli-support.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            coreIsNotUi,
            vocabularyByIndex,
            { regex: '^\\.\\.?/(\\.\\./)*api(/.*)?$', message: 'The core does not import app/api: take shared types from app/vocabulary.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan, { name: 'axios', message: 'The renderer talks only to PunchbridgeApi.' }],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a browser sandbox: no Node modules.' },
            { regex: '(^|/)app/(?!api/contract$|vocabulary$)', message: 'The renderer imports only the contract and the vocabulary from app/.' },
          ],
        },
      ],
    },
  },
  {
    // Raw IPC only where the bridge is built (desktop/desktop's fence): every other module goes
    // through the generated, validating handlers.
    files: ['main/**/*.ts'],
    ignores: ['main/index.ts', 'main/preload.ts', 'main/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Use the generated IPC bridge (ipc-handlers.ts, renderer-bridge.ts).' }] },
      ],
    },
  },
  {
    files: ['e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.js', 'bin/**/*.js'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronBan] }] },
  },
);
