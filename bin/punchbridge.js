#!/usr/bin/env node
// The installed `punchbridge` command runs the bundle built by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The journal is node:sqlite, built into Node 24 (and the Electron that embeds it). An older Node
// would fail deep inside the bundle with "No such built-in module: node:sqlite".
const REQUIRED_NODE_MAJOR = 24;
const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor < REQUIRED_NODE_MAJOR) {
  console.error(
    `punchbridge needs Node.js ${REQUIRED_NODE_MAJOR} or newer; this is Node.js ${process.versions.node}.\n` +
      'In the project folder run `npx punchbridge ...`, which uses the Node 24 the project installs, or install Node.js 24 (https://nodejs.org).',
  );
  process.exit(2);
}

const bundle = fileURLToPath(new URL('../out/cli/cli.js', import.meta.url));
if (!existsSync(bundle)) {
  console.error('punchbridge is not built yet. Run `npm run build` in the project folder first.');
  process.exit(2);
}
await import(bundle);
