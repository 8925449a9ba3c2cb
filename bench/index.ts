// `npm run bench`: runs every bench/*.bench.ts in turn (or those named on the command line), each
// printing its own table. Every file exports `run(): Promise<void>`.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const folder = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(folder)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => wanted.length === 0 || wanted.some((word) => name.includes(word)))
  .sort();

for (const file of files) {
  const benchmark = (await import(pathToFileURL(join(folder, file)).href)) as { run: () => Promise<void> };
  await benchmark.run();
}
