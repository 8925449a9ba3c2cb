#!/usr/bin/env node
// The installed `punchbridge` command runs the bundle built by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../out/cli/cli.js', import.meta.url));
if (!existsSync(bundle)) {
  console.error('punchbridge is not built yet. Run `npm run build` in the project folder first.');
  process.exit(2);
}
await import(bundle);
