// The journal's schema, one step per version. `PRAGMA user_version` holds how many steps a file
// has had; opening a file runs the steps it lacks, each in its own transaction. Never edit a step
// that has shipped: add a new one.
import type { DatabaseSync } from 'node:sqlite';
import { JournalOpenError } from './errors';
import { inTransaction } from './transaction';

const CORE_TABLES = `
CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  -- DeviceConfig without the comm key (that lives in the secret store), as JSON, so that a new
  -- config field gets its default from DeviceInputSchema on read instead of needing a migration.
  config TEXT NOT NULL,
  name TEXT GENERATED ALWAYS AS (json_extract(config, '$.name')) VIRTUAL,
  serial_number TEXT,
  last_read_at TEXT,
  last_error TEXT,
  clock_skew_seconds INTEGER,
  record_count INTEGER,
  record_capacity INTEGER,
  created_at TEXT NOT NULL
) STRICT;

-- Every serial number punches arrived from, and the configured device that carries it. Punches
-- point at a serial, not a device, so removing a device only clears device_id here (its punches
-- stay, named by kept_name) and re-adding the same terminal re-attaches its history.
CREATE TABLE device_serials (
  serial TEXT PRIMARY KEY,
  device_id TEXT REFERENCES devices(id) ON DELETE SET NULL,
  kept_name TEXT
) STRICT;
CREATE INDEX device_serials_device ON device_serials(device_id);

CREATE TABLE device_users (
  device_serial TEXT NOT NULL,
  user_id TEXT NOT NULL,
  name TEXT NOT NULL,
  privilege INTEGER NOT NULL,
  card_number INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (device_serial, user_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE punches (
  id INTEGER PRIMARY KEY,
  device_serial TEXT NOT NULL,
  user_id TEXT NOT NULL,
  device_time TEXT NOT NULL,
  punch_state_code INTEGER NOT NULL,
  verify_type INTEGER NOT NULL,
  -- The checks compare with = on purpose: a CHECK with IN (...) builds a lookup table for every
  -- row written, which tripled the cost of inserting punches.
  source TEXT NOT NULL CHECK (source = 'zk' OR source = 'live' OR source = 'adms' OR source = 'file'),
  state TEXT NOT NULL DEFAULT 'pending' CHECK (
    state = 'pending' OR state = 'synced' OR state = 'unmatched' OR state = 'rejected' OR state = 'failed' OR state = 'ignored'),
  log_type TEXT CHECK (log_type = 'IN' OR log_type = 'OUT'),
  server_time TEXT,
  time_note TEXT,
  employee TEXT,
  checkin_name TEXT COLLATE NOCASE,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  next_attempt_at TEXT,
  received_at TEXT NOT NULL,
  synced_at TEXT
) STRICT;
-- The punch identity (docs/ARCHITECTURE.md). user_id leads so that this index also serves lookups by user.
CREATE UNIQUE INDEX punches_identity ON punches(user_id, device_serial, device_time);
-- The UI's page query orders by device time within each of these filters.
CREATE INDEX punches_time ON punches(device_time);
CREATE INDEX punches_state_time ON punches(state, device_time);
CREATE INDEX punches_serial_time ON punches(device_serial, device_time);
-- New punches have neither an employee nor a checkin name: partial indexes cost them nothing.
CREATE INDEX punches_employee_time ON punches(employee, device_time) WHERE employee IS NOT NULL;
CREATE INDEX punches_checkin ON punches(checkin_name) WHERE checkin_name IS NOT NULL;

-- Employees punches were sent for, with the name ERPNext or a mapping gave: the text search
-- looks names up here instead of scanning every punch.
CREATE TABLE employees (
  employee TEXT PRIMARY KEY,
  employee_name TEXT
) STRICT, WITHOUT ROWID;

CREATE TABLE employee_mappings (
  id INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL,
  -- NULL maps the user id on every device.
  device_id TEXT REFERENCES devices(id) ON DELETE CASCADE,
  employee TEXT NOT NULL,
  employee_name TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX employee_mappings_user ON employee_mappings(user_id, ifnull(device_id, ''));

CREATE TABLE device_clears (
  id INTEGER PRIMARY KEY,
  device_id TEXT REFERENCES devices(id) ON DELETE SET NULL,
  device_serial TEXT NOT NULL,
  cleared_at TEXT NOT NULL,
  records_read INTEGER NOT NULL,
  records_committed INTEGER NOT NULL
) STRICT;
CREATE INDEX device_clears_device ON device_clears(device_id, cleared_at);

CREATE TABLE sync_runs (
  id INTEGER PRIMARY KEY,
  triggered_by TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  outcome TEXT,
  -- RunSummary parts as JSON: read whole, never queried inside.
  counts TEXT,
  devices TEXT,
  errors TEXT,
  warnings TEXT
) STRICT;
`;

// Counting punches by state on every status update would scan the whole table; triggers keep the
// counts as states change, so countByState() and unfiltered totals cost nothing. New punches are
// counted by insertPunches, once per batch: a trigger per inserted row slowed bulk inserts.
const STATE_COUNTS = `
CREATE TABLE punch_state_counts (
  state TEXT PRIMARY KEY,
  count INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO punch_state_counts (state, count)
  SELECT s.state, (SELECT COUNT(*) FROM punches p WHERE p.state = s.state)
  FROM (SELECT 'pending' AS state UNION ALL SELECT 'synced' UNION ALL SELECT 'unmatched'
        UNION ALL SELECT 'rejected' UNION ALL SELECT 'failed' UNION ALL SELECT 'ignored') s;

CREATE TRIGGER punches_count_update AFTER UPDATE OF state ON punches WHEN OLD.state <> NEW.state BEGIN
  UPDATE punch_state_counts SET count = count - 1 WHERE state = OLD.state;
  UPDATE punch_state_counts SET count = count + 1 WHERE state = NEW.state;
END;
`;

// Terminals that push over ADMS (docs/zk-protocol.md §4), known by serial number. A device is
// approved while it feeds a configured device (device_id); removing that device withdraws the
// approval. The stamps are where the terminal resumes uploading after a restart of either side.
const ADMS_DEVICES = `
CREATE TABLE adms_devices (
  serial TEXT PRIMARY KEY,
  device_id TEXT REFERENCES devices(id) ON DELETE SET NULL,
  remote_address TEXT,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  punches_received INTEGER NOT NULL DEFAULT 0,
  attlog_stamp TEXT NOT NULL DEFAULT '0',
  operlog_stamp TEXT NOT NULL DEFAULT '0'
) STRICT;
CREATE UNIQUE INDEX adms_devices_device ON adms_devices(device_id) WHERE device_id IS NOT NULL;
`;

// A punch whose last push got no answer (timeout, reset, a proxy's 502 / 504): ERPNext may have
// committed it, so it is looked up there before it is sent again. Few punches are in
// doubt at any time: a partial index finds them without costing the others anything.
const IN_DOUBT = `
ALTER TABLE punches ADD COLUMN in_doubt INTEGER NOT NULL DEFAULT 0 CHECK (in_doubt = 0 OR in_doubt = 1);
CREATE INDEX punches_in_doubt ON punches(id) WHERE in_doubt = 1;
`;

// The time trap stops all pushing until a person says the API user's role is fixed:
// one row while stopped, with when the person lifted it (the next push is then one punch, checked);
// and every checkin ERPNext saved at its own time, so that HR can delete them.
const PUSH_STOP = `
CREATE TABLE push_stop (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  stopped_at TEXT NOT NULL,
  lifted_at TEXT
) STRICT;
CREATE TABLE time_trap_checkins (
  checkin_name TEXT PRIMARY KEY,
  punch_id INTEGER REFERENCES punches(id) ON DELETE SET NULL,
  employee TEXT,
  sent_time TEXT NOT NULL,
  saved_time TEXT NOT NULL,
  found_at TEXT NOT NULL
) STRICT;
`;

// An approved terminal is bound to the address it was approved from: requests
// with its serial from anywhere else are refused and the newest such address kept for the person
// to see and approve. Terminals approved before this step are bound to where they were last seen.
const ADMS_APPROVED_ADDRESS = `
ALTER TABLE adms_devices ADD COLUMN approved_address TEXT;
ALTER TABLE adms_devices ADD COLUMN moved_to_address TEXT;
ALTER TABLE adms_devices ADD COLUMN moved_at TEXT;
UPDATE adms_devices SET approved_address = remote_address WHERE device_id IS NOT NULL;
`;

// A link made with "Save to ERPNext" is the employee's Attendance Device ID there; it is kept here
// too, so that it can be seen and undone, with the value it replaced (NULL: the field was empty).
const MAPPINGS_IN_ERPNEXT = `
ALTER TABLE employee_mappings ADD COLUMN in_erpnext INTEGER NOT NULL DEFAULT 0;
ALTER TABLE employee_mappings ADD COLUMN erpnext_previous_device_id TEXT;
`;

// Changes made to terminals' users. device_id is kept loose: the record outlives the device.
const DEVICE_USER_CHANGES = `
CREATE TABLE device_user_changes (
  id INTEGER PRIMARY KEY,
  device_id TEXT,
  device_name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('add', 'rename', 'remove', 'copy-fingerprints')),
  user_id TEXT NOT NULL,
  employee TEXT NOT NULL,
  name TEXT NOT NULL,
  previous_name TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('done', 'refused', 'unconfirmed', 'not-attempted')),
  error TEXT,
  requested_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
) STRICT;
`;

// Commands waiting for, sent to, or answered by an ADMS terminal (docs/zk-protocol.md §4). The id is
// the one in `C:<id>:`, so the terminal's answer finds its command.
const ADMS_COMMANDS = `
CREATE TABLE adms_commands (
  id INTEGER PRIMARY KEY,
  serial TEXT NOT NULL,
  command TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'done', 'refused')),
  return_code INTEGER,
  queued_at TEXT NOT NULL,
  sent_at TEXT,
  answered_at TEXT
) STRICT;
CREATE INDEX adms_commands_waiting ON adms_commands (serial, state, id);
-- A change sent through an ADMS terminal's queue is 'queued' until the terminal answers; its
-- command's answer then settles the History row. SQLite changes a CHECK only by rebuilding.
CREATE TABLE device_user_changes_new (
  id INTEGER PRIMARY KEY,
  device_id TEXT,
  device_name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('add', 'rename', 'remove', 'copy-fingerprints')),
  user_id TEXT NOT NULL,
  employee TEXT NOT NULL,
  name TEXT NOT NULL,
  previous_name TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('done', 'refused', 'unconfirmed', 'not-attempted', 'queued')),
  error TEXT,
  requested_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  adms_command_id INTEGER REFERENCES adms_commands (id)
) STRICT;
INSERT INTO device_user_changes_new (id, device_id, device_name, kind, user_id, employee, name, previous_name, outcome, error, requested_by, recorded_at)
  SELECT id, device_id, device_name, kind, user_id, employee, name, previous_name, outcome, error, requested_by, recorded_at FROM device_user_changes;
DROP TABLE device_user_changes;
ALTER TABLE device_user_changes_new RENAME TO device_user_changes;
CREATE INDEX device_user_changes_command ON device_user_changes (adms_command_id);
`;

// When a punch's unanswered pushes were sent and gave up, so that a time-trapped save of one can be
// looked for at the server's time (docs/frappe-hr.md §0.5); and when a push stop last stood, which
// outlives the stop: a punch sent before it may have been caught by the trap it reported.
const TRAP_DOUBT = `
ALTER TABLE punches ADD COLUMN doubt_sent_at TEXT;
ALTER TABLE punches ADD COLUMN doubt_until TEXT;
CREATE TABLE push_stop_seen (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_at TEXT NOT NULL
) STRICT;
INSERT INTO push_stop_seen (id, last_at) SELECT 1, stopped_at FROM push_stop;
`;

// A device's punches in one state, in time order: the status finds the earliest punch still on its
// way (and counts them) per device with a seek instead of sorting every waiting punch.
const WAITING_BY_DEVICE = `
CREATE INDEX punches_state_serial_time ON punches(state, device_serial, device_time);
`;

export const MIGRATIONS: readonly string[] = [
  CORE_TABLES,
  STATE_COUNTS,
  ADMS_DEVICES,
  IN_DOUBT,
  PUSH_STOP,
  ADMS_APPROVED_ADDRESS,
  MAPPINGS_IN_ERPNEXT,
  DEVICE_USER_CHANGES,
  ADMS_COMMANDS,
  TRAP_DOUBT,
  WAITING_BY_DEVICE,
];
export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: DatabaseSync): number {
  return Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
}

/** Bring the file up to `target` (all steps by default; tests stop early to make old files). */
export function migrate(db: DatabaseSync, filePath: string, target = SCHEMA_VERSION): void {
  for (;;) {
    const upgraded = inTransaction(db, () => {
      // Read inside the write lock: another process may have migrated while we waited.
      const version = schemaVersion(db);
      if (version > SCHEMA_VERSION) throw JournalOpenError.tooNew(filePath, version, SCHEMA_VERSION);
      if (version >= target) return false;
      db.exec(MIGRATIONS[version]!);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      return true;
    });
    if (!upgraded) return;
  }
}
