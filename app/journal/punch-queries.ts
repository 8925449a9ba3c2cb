// What the UI asks of the punches: a filtered page with its total, counts by state, and the device
// users no employee matched. Built to answer from indexes on a million punches (bench/journal-query).
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { PUNCH_STATES, type PunchPage, type PunchQuery, type PunchState, type UnmatchedUser } from '../vocabulary';
import { PUNCH_COLUMNS, PUNCH_JOINS, toPunches } from './rows';

export interface PunchQueries {
  /** A page of punches, newest device time first, with the total that matches the filters. */
  queryPunches(query: PunchQuery): PunchPage;
  countByState(): Record<PunchState, number>;
  listUnmatchedUsers(): UnmatchedUser[];
}

interface Filter {
  /** Rows to start from: the text search narrows to a set of ids first. */
  from: string;
  where: string;
  params: SQLInputValue[];
}

/**
 * The text search matches user ids, employees and their names, names on the device, checkin names
 * (from the start, without regard to case: the column is NOCASE) and error texts. Each is looked up in a small table or an index, never with a
 * LIKE over every punch: distinct user ids come from the identity index one seek at a time.
 */
const SEARCH_IDS = `
  WITH RECURSIVE user_ids(user_id) AS (
    SELECT MIN(user_id) FROM punches
    UNION ALL
    SELECT (SELECT MIN(user_id) FROM punches WHERE user_id > user_ids.user_id) FROM user_ids WHERE user_id IS NOT NULL
  ),
  matching_ids(id) AS (
    SELECT p.id FROM punches p WHERE p.user_id IN (SELECT user_id FROM user_ids WHERE user_id LIKE :contains ESCAPE '\\')
    UNION
    SELECT p.id FROM punches p WHERE p.employee IN (
      SELECT employee FROM employees WHERE employee LIKE :contains ESCAPE '\\' OR employee_name LIKE :contains ESCAPE '\\'
      UNION SELECT employee FROM employee_mappings WHERE employee LIKE :contains ESCAPE '\\' OR employee_name LIKE :contains ESCAPE '\\')
    UNION
    SELECT p.id FROM device_users u CROSS JOIN punches p ON p.user_id = u.user_id AND p.device_serial = u.device_serial
      WHERE u.name LIKE :contains ESCAPE '\\'
    UNION
    SELECT p.id FROM punches p WHERE p.checkin_name >= :startsWith AND p.checkin_name < :startsWith || char(1114111)
    UNION
    SELECT p.id FROM punches p WHERE p.state IN ('unmatched', 'rejected', 'failed') AND p.last_error LIKE :contains ESCAPE '\\'
  )`;

function buildFilter(query: PunchQuery): Filter & { search: Record<string, string> | null } {
  const conditions: string[] = [];
  const params: SQLInputValue[] = [];
  if (query.from) {
    conditions.push('p.device_time >= ?');
    params.push(`${query.from} 00:00:00`);
  }
  if (query.to) {
    conditions.push('p.device_time <= ?');
    params.push(`${query.to} 23:59:59`);
  }
  if (query.deviceId) {
    conditions.push('p.device_serial IN (SELECT serial FROM device_serials WHERE device_id = ?)');
    params.push(query.deviceId);
  }
  if (query.employee) {
    conditions.push('p.employee = ?');
    params.push(query.employee);
  }
  if (query.states && query.states.length > 0 && query.states.length < PUNCH_STATES.length) {
    conditions.push(`p.state IN (${query.states.map(() => '?').join(', ')})`);
    params.push(...query.states);
  }
  const text = query.search?.trim();
  const search = text ? { contains: `%${escapeLike(text)}%`, startsWith: text } : null;
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  // CROSS JOIN keeps the (small) matching set as the outer loop instead of a scan of all punches.
  const from = search ? 'matching_ids m CROSS JOIN punches p ON p.id = m.id' : 'punches p';
  return { from, where, params, search };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export function punchQueries(db: DatabaseSync): PunchQueries {
  // The filters make a handful of distinct statements; prepare each once.
  const prepared = new Map<string, StatementSync>();
  const prepare = (sql: string) => prepared.get(sql) ?? prepared.set(sql, db.prepare(sql)).get(sql)!;
  const stateCounts = db.prepare('SELECT state, count FROM punch_state_counts');
  const unmatched = db.prepare(`
    SELECT g.userId, s.device_id AS deviceId, g.deviceSerial,
      COALESCE(d.name, s.kept_name, g.deviceSerial) AS deviceName, u.name AS nameOnDevice,
      g.punchCount, g.firstSeen, g.lastSeen
    FROM (
      SELECT user_id AS userId, device_serial AS deviceSerial, COUNT(*) AS punchCount,
        MIN(device_time) AS firstSeen, MAX(device_time) AS lastSeen
      FROM punches WHERE state = 'unmatched' GROUP BY device_serial, user_id
    ) g
    LEFT JOIN device_serials s ON s.serial = g.deviceSerial
    LEFT JOIN devices d ON d.id = s.device_id
    LEFT JOIN device_users u ON u.device_serial = g.deviceSerial AND u.user_id = g.userId
    ORDER BY g.punchCount DESC, g.userId`);

  function countByState(): Record<PunchState, number> {
    const counts = Object.fromEntries(PUNCH_STATES.map((state) => [state, 0])) as Record<PunchState, number>;
    for (const row of stateCounts.all() as { state: PunchState; count: number }[]) counts[row.state] = row.count;
    return counts;
  }

  function total(query: PunchQuery, filter: ReturnType<typeof buildFilter>): number {
    const onlyStates = !query.from && !query.to && !query.deviceId && !query.employee && !filter.search;
    if (onlyStates) {
      const counts = countByState();
      const states: readonly PunchState[] = query.states && query.states.length > 0 ? query.states : PUNCH_STATES;
      return states.reduce((sum, state) => sum + counts[state], 0);
    }
    const sql = `${filter.search ? SEARCH_IDS : ''} SELECT COUNT(*) AS total FROM ${filter.from} ${filter.where}`;
    const row = prepare(sql).get(...withSearch(filter)) as { total: number };
    return row.total;
  }

  return {
    queryPunches(query) {
      const filter = buildFilter(query);
      const offset = query.offset ?? 0;
      const limit = query.limit ?? 100;
      // Find the page's ids from the indexes alone, then join the details of those rows only:
      // skipped (offset) and sorted rows never pay for the joins.
      const sql = `${filter.search ? `${SEARCH_IDS},` : 'WITH'} page(id) AS (
          SELECT p.id FROM ${filter.from} ${filter.where} ORDER BY p.device_time DESC, p.id DESC LIMIT ? OFFSET ?)
        SELECT ${PUNCH_COLUMNS} FROM page CROSS JOIN punches p ON p.id = page.id ${PUNCH_JOINS}
        ORDER BY p.device_time DESC, p.id DESC`;
      const rows = prepare(sql).all(...withSearch(filter), limit, offset);
      return { rows: toPunches(rows), total: total(query, filter) };
    },
    countByState,
    listUnmatchedUsers: () => unmatched.all().map((row) => ({ ...(row as unknown as UnmatchedUser) })),
  };
}

/** Named search parameters go first as one object; node:sqlite binds the `?` ones after it. */
function withSearch(filter: ReturnType<typeof buildFilter>): SQLInputValue[] {
  return filter.search ? [filter.search as unknown as SQLInputValue, ...filter.params] : filter.params;
}
