// Desktop notifications for what HR must act on: a failed run, and device users nobody has mapped
// to an employee yet. Each unknown user is announced once per app start, not after every run.
// A device gone quiet or out of reach is announced when it starts to be news, again only after it stopped.
import type { ApiError, PunchbridgeEvent, PunchbridgeEvents, UnmatchedUser } from '../app/api/contract';
import { SILENCE_NEWS_CODES } from '../app/sync';

export interface DesktopNotice {
  title: string;
  body: string;
}

export function noticeForRunFailure(event: Extract<PunchbridgeEvent, { type: 'run-finished' }>): DesktopNotice | null {
  if (event.run.outcome !== 'failed') return null;
  const reason = event.run.errors[0] ?? event.run.devices.find((device) => device.error)?.error;
  return {
    title: 'Punchbridge: sync failed',
    body: reason ? `${reason.message} ${reason.action}` : 'No punches were sent. Open Punchbridge to see why.',
  };
}

export class UnmatchedUserNotices {
  private readonly announced = new Set<string>();

  noticeFor(users: UnmatchedUser[]): DesktopNotice | null {
    const fresh = users.filter((user) => !this.announced.has(`${user.deviceSerial}\u0000${user.userId}`));
    fresh.forEach((user) => this.announced.add(`${user.deviceSerial}\u0000${user.userId}`));
    if (fresh.length === 0) return null;
    const first = fresh[0]!;
    const who = first.nameOnDevice ? `${first.nameOnDevice} (user ${first.userId})` : `user ${first.userId}`;
    return {
      title: fresh.length === 1 ? 'Punchbridge: a new unknown user' : `Punchbridge: ${fresh.length} new unknown users`,
      body:
        fresh.length === 1
          ? `${who} on ${first.deviceName} is not linked to an employee. Their punches wait until you map them.`
          : `${who} and ${fresh.length - 1} more are not linked to employees. Their punches wait until you map them.`,
    };
  }
}

export class SilenceNotices {
  private announced = new Set<string>();

  noticesFor(attention: ApiError[]): DesktopNotice[] {
    const news = attention.filter((item) => SILENCE_NEWS_CODES.includes(item.code));
    const current = new Set(news.map((item) => `${item.code}\u0000${item.message}`));
    const fresh = news.filter((item) => !this.announced.has(`${item.code}\u0000${item.message}`));
    this.announced = current;
    return fresh.map((item) => ({
      title: item.code === 'device-quiet' ? 'Punchbridge: a device has gone quiet' : 'Punchbridge: a device is out of reach',
      body: `${item.message} ${item.action}`,
    }));
  }
}

export function notifyAboutRuns(events: PunchbridgeEvents, show: (notice: DesktopNotice) => void): () => void {
  const unmatched = new UnmatchedUserNotices();
  const silence = new SilenceNotices();
  return events.subscribe((event) => {
    if (event.type === 'status') silence.noticesFor(event.status.attention).forEach(show);
    const notice =
      event.type === 'run-finished' ? noticeForRunFailure(event) : event.type === 'unmatched-users' ? unmatched.noticeFor(event.users) : null;
    if (notice) show(notice);
  });
}
