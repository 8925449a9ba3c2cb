// Desktop notifications, kept referenced until the person dealt with them: a Notification that
// is garbage-collected loses its click handler (Windows keeps the toast in the Action Centre).
import type { DesktopNotice } from './run-notifications';

export interface ShownNotification {
  on(event: 'show' | 'click' | 'close' | 'failed', listener: () => void): unknown;
  show(): void;
}

/** The newest ones stay clickable; older ones are let go. */
const KEPT_NOTIFICATIONS = 20;

export class DesktopNotifications {
  private readonly kept: ShownNotification[] = [];

  constructor(
    /** null where the system has no notifications (Notification.isSupported() false). */
    private readonly create: (notice: DesktopNotice) => ShownNotification | null,
    private readonly onClick: () => void,
  ) {}

  /** onShown runs only once the operating system reports the notification on screen. */
  show(notice: DesktopNotice, onShown?: () => void): void {
    const notification = this.create(notice);
    if (!notification) return;
    const release = () => {
      const index = this.kept.indexOf(notification);
      if (index >= 0) this.kept.splice(index, 1);
    };
    notification.on('show', () => onShown?.());
    notification.on('click', () => {
      release();
      this.onClick();
    });
    notification.on('failed', release);
    this.kept.push(notification);
    if (this.kept.length > KEPT_NOTIFICATIONS) this.kept.shift();
    notification.show();
  }

  get keptCount(): number {
    return this.kept.length;
  }
}
