// The packaging test: electron-builder packs the built app (`npm run build` first) for Linux into
// an unpacked folder, around an empty stand-in for the Electron binary (no download), and the test
// reads what a real install would hold: app.asar's files and packages, the paths main/ loads from
// at run time, the update feed, and the metadata a deb needs. No network.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage } from '@electron/asar';
import { load as parseYaml } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRAY_STATES } from '../main/tray-state';

const projectRoot = join(import.meta.dirname, '..');
const built = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].every((file) => existsSync(join(projectRoot, file)));

interface BuilderConfig {
  appId: string;
  productName: string;
  linux: { maintainer?: string; target: string[]; executableName: string };
  publish: { provider: string; owner: string; repo: string };
}
const config = parseYaml(readFileSync(join(projectRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
  homepage?: string;
  author?: { email?: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** What the renderer bundle already contains: shipping them again in app.asar only adds weight. (dayjs, which Mantine's dates use, stays: exceljs needs it at run time.) */
const RENDERER_ONLY = ['react', 'react-dom', 'lucide-react', '@mantine/core', '@mantine/dates', '@tanstack/react-query', '@tanstack/react-virtual'];

describe.skipIf(!built)('the packaged Linux app (electron-builder against a stand-in Electron; build first)', () => {
  let resources: string;
  let asar: string;
  let files: Set<string>;
  const read = (path: string) => extractFile(asar, path).toString('utf8');

  // One package for all the checks: made once, removed at the end.
  const workFolder = mkdtempSync(join(tmpdir(), 'punchbridge-packaging-'));
  afterAll(() => rmSync(workFolder, { recursive: true, force: true }));

  beforeAll(async () => {
    const electronDist = join(workFolder, 'stand-in-electron');
    mkdirSync(electronDist);
    writeFileSync(join(electronDist, 'electron'), '');
    chmodSync(join(electronDist, 'electron'), 0o755);
    const output = join(workFolder, 'dist');
    const builder = join(projectRoot, 'node_modules', 'electron-builder', 'cli.js');
    await promisify(execFile)(process.execPath, [builder, '--linux', 'dir', '--publish', 'never', `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`], {
      cwd: projectRoot,
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    resources = join(output, 'linux-unpacked', 'resources');
    asar = join(resources, 'app.asar');
    files = new Set(listPackage(asar, { isPack: false }).map((path) => path.replace(/\\/g, '/').replace(/^\//, '')));
  }, 240_000);

  it('holds the built main, preload and renderer, and a package.json naming the product', () => {
    for (const file of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) expect(files.has(file), file).toBe(true);
    const packaged = JSON.parse(read('package.json')) as { productName?: string; main: string };
    expect(packaged.productName).toBe('Punchbridge');
    expect(files.has(packaged.main)).toBe(true);
    expect(files.has('out/cli/cli.js')).toBe(false);
  });

  it('ships every package the main process imports, and none of the renderer-only ones', () => {
    const main = read('out/main/index.js');
    const imported = new Set([...main.matchAll(/^import\s[^'"]*["']([^./][^'"]*)["'];?$/gm)].map((match) => match[1]!));
    const packages = [...imported].filter((name) => !name.startsWith('node:') && name !== 'electron').map((name) => name.split('/').slice(0, name.startsWith('@') ? 2 : 1).join('/'));
    expect(packages.length).toBeGreaterThan(5);
    for (const name of packages) expect(files.has(`node_modules/${name}/package.json`), name).toBe(true);
    for (const name of RENDERER_ONLY) {
      expect(files.has(`node_modules/${name}/package.json`), name).toBe(false);
      expect(manifest.dependencies[name], `${name} belongs in devDependencies`).toBeUndefined();
    }
    expect(files.has('node_modules/electron-updater/package.json')).toBe(true);
  });

  it('is well under the 120 MB it used to be', () => {
    const megabytes = statSync(asar).size / 1e6;
    expect(megabytes).toBeLessThan(80);
  });

  it('gives the built page its Content-Security-Policy in a meta tag, and every file it loads', () => {
    const page = read('out/renderer/index.html');
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;; script-src &#39;self&#39;;/);
    const assets = [...page.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((match) => `out/renderer/${match[1]}`);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect(files.has(asset), asset).toBe(true);
  });

  it('has the icons main/ loads from resources/assets at run time: PNG, ICO for Windows and Template for macOS', () => {
    expect(existsSync(join(resources, 'assets', 'icon.png'))).toBe(true);
    for (const state of TRAY_STATES) {
      for (const file of [`${state}.png`, `${state}@2x.png`, `${state}.ico`, `${state}Template.png`, `${state}Template@2x.png`]) {
        expect(existsSync(join(resources, 'assets', 'tray', file)), file).toBe(true);
      }
    }
  });

  it('carries the update feed of the project releases', () => {
    const feed = parseYaml(readFileSync(join(resources, 'app-update.yml'), 'utf8')) as Record<string, string>;
    expect(feed).toMatchObject({ provider: 'github', owner: config.publish.owner, repo: config.publish.repo });
    expect(read('package.json')).not.toMatch(/punchbridgeRelease/);
  });

  it('uses the installer appId as the Windows AppUserModelId, so toasts show', () => {
    expect(read('out/main/index.js')).toContain(`APP_USER_MODEL_ID = "${config.appId}"`);
  });

  it('has what a deb needs (electron-builder stops without them) and builds only the deb on Linux', () => {
    expect(manifest.homepage).toMatch(/^https:\/\//);
    expect(manifest.author?.email).toMatch(/@/);
    expect(config.linux.maintainer).toMatch(/<[^>]+@[^>]+>/);
    expect(config.linux.target).toEqual(['deb']);
  });
});
