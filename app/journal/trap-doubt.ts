// What looking for a time-trapped save of a punch in doubt needs from the journal
// (docs/frappe-hr.md §0.5): when its unanswered pushes went, whether a push stop has stood since,
// and which checkins other punches already own.
import type { DatabaseSync } from 'node:sqlite';
import type { DoubtWindow } from './types';

export interface TrapDoubtQueries {
  /** Every punch in doubt with when its unanswered pushes went (null for one marked before that was kept). */
  listDoubtWindows(): { id: number; doubt: DoubtWindow | null }[];
  /** When a push stop last stood (set or cleared), or null when there never was one. */
  lastPushStopAt(): string | null;
  /**
   * The trap answered a later push of this punch in doubt: held like the others, it stays in doubt,
   * so that its unanswered push is looked for again before it is next sent.
   */
  keepInDoubt(id: number, doubt: DoubtWindow): void;
  /** Those of these checkin names the journal holds for a punch: synced as its own, or listed as a wrong one. */
  ownedCheckinNames(names: readonly string[]): Set<string>;
}

export function trapDoubtQueries(db: DatabaseSync): TrapDoubtQueries {
  const doubts = db.prepare('SELECT id, doubt_sent_at AS sentAt, doubt_until AS until FROM punches WHERE in_doubt = 1 ORDER BY id');
  const lastStop = db.prepare('SELECT last_at AS lastAt FROM push_stop_seen WHERE id = 1');
  const owned = db.prepare(`
    SELECT checkin_name AS name FROM punches WHERE checkin_name IN (SELECT value FROM json_each(:names))
    UNION SELECT checkin_name FROM time_trap_checkins WHERE checkin_name IN (SELECT value FROM json_each(:names))`);
  const keep = db.prepare('UPDATE punches SET in_doubt = 1, doubt_sent_at = :sentAt, doubt_until = :until WHERE id = :id');
  return {
    keepInDoubt: (id, doubt) => void keep.run({ id, ...doubt }),
    listDoubtWindows: () =>
      (doubts.all() as { id: number; sentAt: string | null; until: string | null }[]).map((row) => ({
        id: row.id,
        doubt: row.sentAt !== null && row.until !== null ? { sentAt: row.sentAt, until: row.until } : null,
      })),
    lastPushStopAt: () => (lastStop.get() as { lastAt: string } | undefined)?.lastAt ?? null,
    ownedCheckinNames(names) {
      if (names.length === 0) return new Set();
      return new Set((owned.all({ names: JSON.stringify(names) }) as { name: string }[]).map((row) => row.name));
    },
  };
}
