// The tray icon: its picture, tooltip and menu follow the status the service reports.
import { Menu, nativeImage, Tray } from 'electron';
import { join } from 'node:path';
import type { AppStatus } from '../app/api/contract';
import { trayMenuTemplate, trayStateFor, trayTooltip, type TrayActions, type TrayState } from './tray-state';

/**
 * macOS draws menu bar icons from black "Template" images in the bar's own colours; Windows and
 * Linux get the coloured ones. Electron picks the @2x file beside each for HiDPI screens.
 */
export function trayIconFile(assetsDir: string, state: TrayState, platform: NodeJS.Platform = process.platform): string {
  return join(assetsDir, 'tray', platform === 'darwin' ? `${state}Template.png` : `${state}.png`);
}

export class AppTray {
  private readonly tray: Tray;
  private shownState: TrayState | null = null;

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
    const state = trayStateFor(status);
    if (state !== this.shownState) {
      this.tray.setImage(nativeImage.createFromPath(trayIconFile(this.assetsDir, state)));
      this.shownState = state;
    }
    this.tray.setToolTip(trayTooltip(status));
    this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(status, this.actions)));
  }

  destroy(): void {
    this.tray.destroy();
  }
}
