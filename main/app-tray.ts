// The tray icon: its picture, tooltip and menu follow the status the service reports.
import { Menu, nativeImage, Tray } from 'electron';
import { join } from 'node:path';
import type { AppStatus, RunProgress } from '../app/api/contract';
import { trayMenuTemplate, trayStateFor, trayTooltip, type TrayActions, type TrayState } from './tray-state';

/**
 * macOS draws menu bar icons from black "Template" images in the bar's own colours, and Electron
 * picks the @2x file beside each for HiDPI screens. Windows gets ICO files holding every size its
 * scaling needs; Linux the coloured PNGs.
 */
export function trayIconFile(assetsDir: string, state: TrayState, platform: NodeJS.Platform = process.platform): string {
  const file = platform === 'darwin' ? `${state}Template.png` : platform === 'win32' ? `${state}.ico` : `${state}.png`;
  return join(assetsDir, 'tray', file);
}

export class AppTray {
  private readonly tray: Tray;
  private shownState: TrayState | null = null;
  private shownTooltip = '';
  private lastStatus: AppStatus | null = null;
  private updateVersion: string | null = null;
  /** Quitting or destroyed: status no longer changes the tray (Electron's Tray throws once destroyed). */
  private frozen = false;

  constructor(
    private readonly assetsDir: string,
    private readonly actions: TrayActions,
  ) {
    this.tray = new Tray(nativeImage.createFromPath(trayIconFile(assetsDir, 'idle')));
    this.tray.setToolTip('Punchbridge');
    // Windows and Linux: a click on the icon opens the window; the menu is on right click.
    this.tray.on('click', () => actions.openWindow());
  }

  show(status: AppStatus): void {
    this.lastStatus = status;
    if (this.frozen) return;
    const state = trayStateFor(status);
    if (state !== this.shownState) {
      this.tray.setImage(nativeImage.createFromPath(trayIconFile(this.assetsDir, state)));
      this.shownState = state;
    }
    this.showTooltip(trayTooltip(status));
    this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(status, this.actions, this.updateVersion)));
  }

  /** A run's progress, many times a second while a log is read: only the tooltip follows it. */
  showProgress(progress: RunProgress): void {
    if (!this.lastStatus) return;
    this.lastStatus = { ...this.lastStatus, running: true, progress };
    if (!this.frozen) this.showTooltip(trayTooltip(this.lastStatus));
  }

  private showTooltip(text: string): void {
    if (text === this.shownTooltip) return;
    this.tray.setToolTip(text);
    this.shownTooltip = text;
  }

  /** An update is downloaded: the menu offers to restart into it. */
  offerUpdate(version: string): void {
    this.updateVersion = version;
    if (this.lastStatus) this.show(this.lastStatus);
  }

  /** The window may be gone already: the tray is what tells the person the app is still busy. */
  showFinishing(): void {
    if (this.frozen) return;
    this.frozen = true;
    this.tray.setToolTip('Punchbridge · Finishing the current work before quitting…');
    this.tray.setContextMenu(Menu.buildFromTemplate([{ label: 'Quitting…', enabled: false }]));
  }

  destroy(): void {
    this.frozen = true;
    this.tray.destroy();
  }
}
