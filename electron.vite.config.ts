import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { metaTagContentSecurityPolicy } from './app/api/content-security-policy';

/** The built page carries its CSP in a meta tag (file:// gets no headers); the dev server needs inline scripts, so build only. */
const contentSecurityPolicyMeta: Plugin = {
  name: 'punchbridge-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: metaTagContentSecurityPolicy() }, injectTo: 'head-prepend' },
  ],
};

// main and preload are built for Electron's Node; the renderer is also what `punchbridge serve`
// serves to browsers (out/renderer).
export default defineConfig({
  main: {
    build: { outDir: 'out/main', rollupOptions: { input: { index: resolve('main/index.ts') } } },
  },
  preload: {
    build: {
      // A sandboxed preload can require only electron's own modules: zod and the contract are bundled in.
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve('main/preload.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react(), contentSecurityPolicyMeta],
    build: {
      // electron-vite leaves the renderer unminified; the headless host serves it over the network too.
      minify: true,
      // One chunk of React and Mantine (about 1 MB, 0.3 MB gzipped), read from disk or the office LAN once.
      chunkSizeWarningLimit: 1100,
      outDir: resolve('out/renderer'),
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
