import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { DesktopNotifications } from './desktop-notifications';

class FakeNotification extends EventEmitter {
  constructor(private readonly outcome: 'show' | 'failed') {
    super();
  }
  show() {
    this.emit(this.outcome);
  }
}

describe('DesktopNotifications', () => {
  it('reports shown only when the system showed it, and keeps it referenced until clicked', () => {
    const open = vi.fn();
    const created: FakeNotification[] = [];
    const notifications = new DesktopNotifications(() => {
      const notification = new FakeNotification('show');
      created.push(notification);
      return notification;
    }, open);
    const shown = vi.fn();
    notifications.show({ title: 'Punchbridge', body: 'hello' }, shown);
    expect(shown).toHaveBeenCalledOnce();
    expect(notifications.keptCount).toBe(1);
    created[0]!.emit('click');
    expect(open).toHaveBeenCalledOnce();
    expect(notifications.keptCount).toBe(0);
  });

  it('does not report a failed notification as shown', () => {
    const shown = vi.fn();
    const notifications = new DesktopNotifications(() => new FakeNotification('failed'), vi.fn());
    notifications.show({ title: 'Punchbridge', body: 'hello' }, shown);
    expect(shown).not.toHaveBeenCalled();
    expect(notifications.keptCount).toBe(0);
    new DesktopNotifications(() => null, vi.fn()).show({ title: 'x', body: 'y' }, shown);
    expect(shown).not.toHaveBeenCalled();
  });
});
