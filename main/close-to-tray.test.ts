import { describe, expect, it, vi } from 'vitest';
import { keepRunningInTray, type CloseToTrayRules } from './close-to-tray';

function setup(rules: Partial<CloseToTrayRules> = {}) {
  let onClose: (event: { preventDefault(): void }) => void = () => undefined;
  const window = { on: (_event: 'close', listener: typeof onClose) => (onClose = listener), hide: vi.fn(), minimize: vi.fn() };
  let shown = false;
  const full = {
    closeToTray: () => true,
    trayShown: () => true,
    quitting: () => false,
    noticeShown: () => shown,
    markNoticeShown: () => void (shown = true),
    // The operating system shows the notice and reports it shown.
    showNotice: vi.fn((reportShown: () => void) => reportShown()),
    ...rules,
  };
  keepRunningInTray(window, full);
  const close = () => {
    const event = { preventDefault: vi.fn() };
    onClose(event);
    return event.preventDefault.mock.calls.length > 0;
  };
  return { window, full, close };
}

describe('keepRunningInTray', () => {
  it('hides the window instead of closing it, with the notice only the first time', () => {
    const { window, full, close } = setup();
    expect(close()).toBe(true);
    expect(close()).toBe(true);
    expect(window.hide).toHaveBeenCalledTimes(2);
    expect(full.showNotice).toHaveBeenCalledOnce();
  });

  it('does not show the notice again after a restart', () => {
    const { full, close } = setup({ noticeShown: () => true });
    close();
    expect(full.showNotice).not.toHaveBeenCalled();
  });

  it('really closes when the person quit from the tray or turned close-to-tray off', () => {
    expect(setup({ quitting: () => true }).close()).toBe(false);
    const off = setup({ closeToTray: () => false });
    expect(off.close()).toBe(false);
    expect(off.window.hide).not.toHaveBeenCalled();
  });

  it('keeps the notice for another time when the system never showed it (Windows without an AppUserModelId)', () => {
    const { full, close } = setup({ showNotice: vi.fn() });
    close();
    close();
    expect(full.showNotice).toHaveBeenCalledTimes(2);
  });

  it('minimises instead where no tray icon is shown (GNOME without AppIndicator), so the app can be found again', () => {
    const { window, full, close } = setup({ trayShown: () => false });
    expect(close()).toBe(true);
    expect(window.hide).not.toHaveBeenCalled();
    expect(window.minimize).toHaveBeenCalledOnce();
    expect(full.showNotice).not.toHaveBeenCalled();
  });
});
