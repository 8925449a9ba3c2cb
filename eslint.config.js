import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronBan = { name: 'electron', message: 'Only main/ may import electron (DESIGN.md: Electron stays thin).' };

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
          patterns: [{ group: ['react', 'react-dom', '@mantine/*'], message: 'app/ is the core: no UI code here.' }],
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
            { regex: '(^|/)app/(?!api/contract$)', message: 'The renderer imports only the contract from app/.' },
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
