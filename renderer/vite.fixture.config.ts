// Builds the UI over the fixture API (renderer/fixture.html) for screenshots and e2e specs.
// Separate from electron.vite.config.ts so the fixture never reaches the shipped renderer.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: '../out/renderer-fixture',
    emptyOutDir: true,
    rollupOptions: { input: { fixture: `${import.meta.dirname}/fixture.html` } },
  },
  preview: { host: '127.0.0.1', open: false },
});
