// Two targets for the same UI:
// - fixture (default): the renderer over its in-memory fixture API (renderer/vite.fixture.config.ts),
//   for screenshots and UI behaviour without a backend. Specs: e2e/*.fixture.spec.ts
// - host (PUNCHBRIDGE_E2E=host): the built renderer behind `punchbridge serve --demo`, with the
//   real service and simulators. Specs: e2e/*.host.spec.ts; run `npm run build` first.
import { defineConfig } from '@playwright/test';

const target = process.env.PUNCHBRIDGE_E2E === 'host' ? 'host' : 'fixture';
const fixturePort = Number(process.env.PUNCHBRIDGE_E2E_FIXTURE_PORT ?? 4391);
const hostPort = Number(process.env.PUNCHBRIDGE_E2E_HOST_PORT ?? 4392);

export default defineConfig({
  testDir: 'e2e',
  testMatch: target === 'host' ? /.*\.host\.spec\.ts/ : /.*(\.fixture|electron-smoke)\.spec\.ts/,
  outputDir: 'test-results',
  // A story takes up to 40 s here, axe checks included; a slower machine gets room.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: target === 'host' ? `http://127.0.0.1:${hostPort}` : `http://127.0.0.1:${fixturePort}`,
    viewport: { width: 1280, height: 800 },
    headless: true,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    acceptDownloads: true,
    trace: 'off',
  },
  // The host prints a sign-in link with its token: e2e/host-global-setup.ts starts it and reads
  // the link (it needs `npm run build` first). The fixture build is a plain web server.
  globalSetup: target === 'host' ? './e2e/host-global-setup.ts' : undefined,
  webServer:
    target === 'host'
      ? undefined
      : {
          command: `npx vite build --config renderer/vite.fixture.config.ts --logLevel warn && npx vite preview --config renderer/vite.fixture.config.ts --port ${fixturePort} --strictPort`,
          url: `http://127.0.0.1:${fixturePort}/fixture.html`,
          timeout: 180_000,
          reuseExistingServer: false,
        },
});
