import { defineConfig } from 'tsup';

// The `punchbridge` command: one ESM bundle for Node 24, dependencies left in node_modules.
export default defineConfig({
  entry: { cli: 'app/cli.ts' },
  outDir: 'out/cli',
  format: ['esm'],
  platform: 'node',
  target: 'node24',
  sourcemap: true,
  clean: true,
  splitting: false,
  // node:sqlite exists only under its node: name.
  removeNodeProtocol: false,
});
