// `npm start`: the desktop app where the Electron binary is installed; elsewhere (CI, servers,
// installs with ELECTRON_SKIP_BINARY_DOWNLOAD) the headless host with the UI in the browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = ['app', 'main', 'renderer', 'package.json', 'electron.vite.config.ts', 'tsup.config.ts'];
const OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/cli/cli.js'];

function newestChange(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

function buildIfNeeded() {
  const outputs = OUTPUTS.map((file) => join(root, file));
  const built = outputs.every(existsSync) && Math.min(...outputs.map(newestChange)) >= Math.max(...SOURCES.map((path) => newestChange(join(root, path))));
  if (built) return;
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

buildIfNeeded();
const binary = electronBinary();
if (binary) {
  run(binary, ['.']);
} else {
  console.log('The Electron binary is not installed here, so Punchbridge starts as a headless service and opens in your browser instead.');
  run(process.execPath, [join(root, 'bin', 'punchbridge.js'), 'serve']);
}
