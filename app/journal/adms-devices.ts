// ADMS push terminals (docs/zk-protocol.md §4): every serial that knocked, where it was seen from,
// whether it feeds a configured device, and the upload stamps it resumes from.
import type { DatabaseSync } from 'node:sqlite';
import type { AdmsDevice } from '../vocabulary';
import type { Clock } from './rows';

export type AdmsTable = 'ATTLOG' | 'OPERLOG';

/** What the journal knows of a terminal; whether it has a comm key is the secret store's. */
export type JournalAdmsDevice = Omit<AdmsDevice, 'hasPushCommKey'>;

export interface StoredAdmsDevice extends JournalAdmsDevice {
  attlogStamp: string;
  operlogStamp: string;
}

/** Unapproved terminals kept for the user to approve; beyond this the ones not heard from longest are forgotten. */
export const UNAPPROVED_TERMINALS_KEPT = 50;

export interface AdmsDeviceStore {
  /**
   * A request from this serial: remembered (first time) and its last-seen time and address updated.
   * A network full of strangers cannot grow the list without bound: only the most recently heard
   * unapproved terminals are kept.
   */
  noteAdmsRequest(serial: string, remoteAddress: string): void;
  /** An approved terminal's serial called from another address than the one it was approved from. */
  noteAdmsMove(serial: string, remoteAddress: string): void;
  getAdmsDevice(serial: string): StoredAdmsDevice | null;
  listAdmsDevices(): JournalAdmsDevice[];
  /** Approve: from now on the terminal's uploads from `address` are kept, as punches of `deviceId`. */
  linkAdmsDevice(serial: string, deviceId: string, address: string | null): void;
  /** The serial of the ADMS terminal feeding this configured device, or null for a polled device. */
  admsSerialOf(deviceId: string): string | null;
  saveAdmsStamp(serial: string, table: AdmsTable, stamp: string): void;
  countAdmsPunches(serial: string, received: number): void;
}

interface AdmsRow {
  serialNumber: string;
  deviceId: string | null;
  remoteAddress: string | null;
  approvedAddress: string | null;
  movedToAddress: string | null;
  movedAt: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  punchesReceived: number;
  attlogStamp: string;
  operlogStamp: string;
}

const COLUMNS = `serial AS serialNumber, device_id AS deviceId, remote_address AS remoteAddress,
  approved_address AS approvedAddress, moved_to_address AS movedToAddress, moved_at AS movedAt,
  first_seen_at AS firstSeenAt, last_seen_at AS lastSeenAt, punches_received AS punchesReceived,
  attlog_stamp AS attlogStamp, operlog_stamp AS operlogStamp`;

function toAdmsDevice(row: AdmsRow): StoredAdmsDevice {
  return { ...row, approved: row.deviceId !== null };
}

export function admsDeviceStore(db: DatabaseSync, now: Clock): AdmsDeviceStore {
  const note = db.prepare(`
    INSERT INTO adms_devices (serial, remote_address, first_seen_at, last_seen_at) VALUES (:serial, :address, :at, :at)
    ON CONFLICT (serial) DO UPDATE SET remote_address = excluded.remote_address, last_seen_at = excluded.last_seen_at`);
  const forgetStaleStrangers = db.prepare(`
    DELETE FROM adms_devices WHERE device_id IS NULL AND serial NOT IN (
      SELECT serial FROM adms_devices WHERE device_id IS NULL ORDER BY last_seen_at DESC LIMIT ${UNAPPROVED_TERMINALS_KEPT})`);
  const select = db.prepare(`SELECT ${COLUMNS} FROM adms_devices WHERE serial = ?`);
  const selectAll = db.prepare(`SELECT ${COLUMNS} FROM adms_devices ORDER BY device_id IS NOT NULL, last_seen_at DESC`);
  const move = db.prepare('UPDATE adms_devices SET moved_to_address = ?, moved_at = ? WHERE serial = ?');
  const link = db.prepare(
    'UPDATE adms_devices SET device_id = ?, approved_address = ?, remote_address = coalesce(?, remote_address), moved_to_address = NULL, moved_at = NULL WHERE serial = ?',
  );
  const serialOf = db.prepare('SELECT serial FROM adms_devices WHERE device_id = ?');
  const stamp = {
    ATTLOG: db.prepare('UPDATE adms_devices SET attlog_stamp = ? WHERE serial = ?'),
    OPERLOG: db.prepare('UPDATE adms_devices SET operlog_stamp = ? WHERE serial = ?'),
  };
  const count = db.prepare('UPDATE adms_devices SET punches_received = punches_received + ? WHERE serial = ?');

  return {
    noteAdmsRequest(serial, remoteAddress) {
      note.run({ serial, address: remoteAddress, at: now().toISOString() });
      forgetStaleStrangers.run();
    },
    getAdmsDevice(serial) {
      const row = select.get(serial) as AdmsRow | undefined;
      return row ? toAdmsDevice({ ...row }) : null;
    },
    listAdmsDevices: () =>
      (selectAll.all() as unknown as AdmsRow[]).map((row) => {
        const { attlogStamp: _a, operlogStamp: _o, ...device } = toAdmsDevice({ ...row });
        return device;
      }),
    noteAdmsMove: (serial, remoteAddress) => void move.run(remoteAddress, now().toISOString(), serial),
    linkAdmsDevice: (serial, deviceId, address) => void link.run(deviceId, address, address, serial),
    admsSerialOf: (deviceId) => (serialOf.get(deviceId) as { serial: string } | undefined)?.serial ?? null,
    saveAdmsStamp: (serial, table, value) => void stamp[table].run(value, serial),
    countAdmsPunches: (serial, received) => void count.run(received, serial),
  };
}
