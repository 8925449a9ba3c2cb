// Renders assets/src/*.svg to the PNG, ICO and ICNS files the app and electron-builder use, with
// Debian's Chromium (no browser download on our machines). Run: npx tsx scripts/render-icons.ts
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';

const assets = join(import.meta.dirname, '..', 'assets');
const sources = join(assets, 'src');

const APP_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
/** Up to this size the app icon is drawn from icon-small.svg. */
const SMALL_ICON_MAX = 32;
/** Tray icons at 1x and 2x; Electron loads name@2x.png beside name.png on HiDPI screens. */
const TRAY_SIZE = 16;

async function render(page: Page, svgFile: string, size: number): Promise<Buffer> {
  const svg = readFileSync(svgFile, 'utf8').replace('<svg ', `<svg width="${size}" height="${size}" `);
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

/** ICO with PNG entries (Windows Vista and later read them); a 256 entry writes 0 for its size. */
function ico(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

/** ICNS with PNG entries: each OSType names a pixel size (ic11/ic12/... are the @2x ones). */
const ICNS_TYPES: [string, number][] = [
  ['icp4', 16], ['ic11', 32], ['icp5', 32], ['ic12', 64], ['ic07', 128],
  ['ic13', 256], ['ic08', 256], ['ic14', 512], ['ic09', 512], ['ic10', 1024],
];
function icns(pngBySize: Map<number, Buffer>): Buffer {
  const chunks = ICNS_TYPES.map(([type, size]) => {
    const png = pngBySize.get(size)!;
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((total, chunk) => total + chunk.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  const appIcons = new Map<number, Buffer>();
  mkdirSync(join(assets, 'icons'), { recursive: true });
  for (const size of APP_ICON_SIZES) {
    const png = await render(page, join(sources, size <= SMALL_ICON_MAX ? 'icon-small.svg' : 'icon.svg'), size);
    appIcons.set(size, png);
    if (size <= 512) writeFileSync(join(assets, 'icons', `${size}x${size}.png`), png);
  }
  writeFileSync(join(assets, 'icon.png'), appIcons.get(1024)!);
  writeFileSync(join(assets, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: appIcons.get(size)! }))));
  writeFileSync(join(assets, 'icon.icns'), icns(appIcons));

  mkdirSync(join(assets, 'tray'), { recursive: true });
  for (const file of readdirSync(sources).filter((name) => name.startsWith('tray-'))) {
    // tray-idle.svg -> idle.png; tray-idle-template.svg -> idleTemplate.png (macOS menu bar)
    const name = file.replace(/^tray-/, '').replace(/\.svg$/, '').replace(/-template$/, 'Template');
    const png = await render(page, join(sources, file), TRAY_SIZE);
    const png2x = await render(page, join(sources, file), TRAY_SIZE * 2);
    writeFileSync(join(assets, 'tray', `${name}.png`), png);
    writeFileSync(join(assets, 'tray', `${name}@2x.png`), png2x);
    // Windows trays take an ICO and pick the size for the screen's scaling from it.
    if (!name.endsWith('Template')) writeFileSync(join(assets, 'tray', `${name}.ico`), ico([{ size: TRAY_SIZE, png }, { size: TRAY_SIZE * 2, png: png2x }]));
  }
} finally {
  await browser.close();
}
console.log(`Rendered icons into ${assets}`);
