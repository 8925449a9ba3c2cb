import { defineConfig } from 'vitest/config';

// Tests of the built app (`npm run build` first): the main-process smoke test and the packaging
// test. Apart from `vitest run` because they need out/ and take longer (`npm run test:desktop`).
export default defineConfig({
  test: {
    include: ['packaging/**/*.test.ts'],
    environment: 'node',
    testTimeout: 240_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
