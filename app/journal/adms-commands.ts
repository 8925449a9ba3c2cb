// Each ADMS terminal's command queue (docs/zk-protocol.md §4): a command waits until the terminal
// polls /iclock/getrequest, is sent once, and is done only when the terminal answers Return=0 on
// /iclock/devicecmd. Any other code means the terminal refused it. A command not fetched yet can
// still be withdrawn, when a later change replaces it.
import type { DatabaseSync } from 'node:sqlite';
import type { NewDeviceUserChange } from './device-user-changes';
import type { Clock } from './rows';
import { inTransaction } from './transaction';

export type AdmsCommandState = 'queued' | 'sent' | 'done' | 'refused';

export interface AdmsCommand {
  id: number;
  serialNumber: string;
  command: string;
  state: AdmsCommandState;
  returnCode: number | null;
}

export interface AdmsCommandStore {
  /** Queues the commands for this terminal, in order; returns their ids. */
  queueAdmsCommands(serial: string, commands: readonly string[]): number[];
  /** The oldest waiting commands, at most `limit`, marked sent. */
  takeAdmsCommands(serial: string, limit: number): { id: number; command: string }[];
  /** The terminal's answer to a command it was sent; false when no such sent command is its. */
  answerAdmsCommand(serial: string, id: number, returnCode: number): boolean;
  getAdmsCommands(ids: readonly number[]): AdmsCommand[];
  /**
   * Queues one command per user change and records each change in History as queued; the
   * terminal's answer to the command later makes it done or refused there.
   */
  queueAdmsUserChanges(serial: string, entries: readonly { command: string; change: Omit<NewDeviceUserChange, 'outcome' | 'error'> }[]): number[];
  /**
   * The user changes queued for this terminal that it has not answered yet, oldest first; one it
   * fetched over ANSWER_LOST_AFTER_MS ago is taken as lost and left out.
   */
  listWaitingAdmsUserChanges(serial: string): WaitingAdmsUserChange[];
  /**
   * Takes a change the terminal has not fetched yet out of its queue; History keeps it as not
   * attempted, with `reason`. False when the terminal fetched it meanwhile.
   */
  withdrawAdmsUserChange(serial: string, commandId: number, reason: string): boolean;
}

export interface WaitingAdmsUserChange extends Pick<NewDeviceUserChange, 'kind' | 'userId' | 'employee' | 'name' | 'previousName'> {
  kind: 'add' | 'rename' | 'remove';
  commandId: number;
  sent: boolean;
  queuedAt: string;
}

/**
 * A terminal answers on /iclock/devicecmd as soon as it has run what a poll gave it. One fetched
 * this long ago and still unanswered lost the reply or its answer on the way, so it no longer
 * holds the plan: the person is offered again, and DATA UPDATE/DELETE USERINFO run twice do no harm.
 */
export const ANSWER_LOST_AFTER_MS = 60 * 60_000;

export function refusedCommandMessage(returnCode: number): string {
  return `The terminal refused the command (Return=${returnCode}${returnCode === -1002 ? ', a command its firmware does not take' : ''}).`;
}

export function admsCommandStore(db: DatabaseSync, now: Clock): AdmsCommandStore {
  const insert = db.prepare('INSERT INTO adms_commands (serial, command, queued_at) VALUES (?, ?, ?) RETURNING id');
  const waiting = db.prepare(`SELECT id, command FROM adms_commands WHERE serial = ? AND state = 'queued' ORDER BY id LIMIT ?`);
  const markSent = db.prepare(`UPDATE adms_commands SET state = 'sent', sent_at = ? WHERE id = ?`);
  const answer = db.prepare(`
    UPDATE adms_commands SET state = ?, return_code = ?, answered_at = ?
    WHERE id = ? AND serial = ? AND state = 'sent'`);
  const settleChange = db.prepare(`UPDATE device_user_changes SET outcome = ?, error = ? WHERE adms_command_id = ? AND outcome = 'queued'`);
  const insertChange = db.prepare(`
    INSERT INTO device_user_changes (device_id, device_name, kind, user_id, employee, name, previous_name, outcome, error, requested_by, recorded_at, adms_command_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', NULL, ?, ?, ?)`);
  const byId = db.prepare(`SELECT id, serial AS serialNumber, command, state, return_code AS returnCode FROM adms_commands WHERE id = ?`);
  const waitingChanges = db.prepare(`
    SELECT c.id AS commandId, c.state = 'sent' AS sent, c.queued_at AS queuedAt, d.kind, d.user_id AS userId, d.employee, d.name, d.previous_name AS previousName
    FROM adms_commands c JOIN device_user_changes d ON d.adms_command_id = c.id
    WHERE c.serial = ? AND (c.state = 'queued' OR (c.state = 'sent' AND c.sent_at > ?)) AND d.outcome = 'queued' AND d.kind IN ('add', 'rename', 'remove')
    ORDER BY c.id`);
  const changeOf = db.prepare(`SELECT kind, user_id AS userId, name FROM device_user_changes WHERE adms_command_id = ?`);
  // The terminal reports its users only when it uploads them again, and never a removed one: the
  // answer is what tells that the change is made, so the list the plans start from takes it now.
  const userAdded = db.prepare(`
    INSERT INTO device_users (device_serial, user_id, name, privilege, card_number, updated_at) VALUES (?, ?, ?, 0, 0, ?)
    ON CONFLICT (device_serial, user_id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at`);
  const userRemoved = db.prepare(`DELETE FROM device_users WHERE device_serial = ? AND user_id = ?`);
  const unlinkChange = db.prepare(`UPDATE device_user_changes SET outcome = 'not-attempted', error = ?, adms_command_id = NULL WHERE adms_command_id = ? AND outcome = 'queued'`);
  const dropUnsent = db.prepare(`DELETE FROM adms_commands WHERE id = ? AND serial = ? AND state = 'queued'`);
  return {
    queueAdmsCommands(serial, commands) {
      const queuedAt = now().toISOString();
      return commands.map((command) => Number((insert.get(serial, command, queuedAt) as { id: number }).id));
    },
    takeAdmsCommands(serial, limit) {
      const sentAt = now().toISOString();
      const taken = waiting.all(serial, limit).map((row) => ({ ...(row as { id: number; command: string }) }));
      for (const { id } of taken) markSent.run(sentAt, id);
      return taken;
    },
    answerAdmsCommand(serial, id, returnCode) {
      const state: AdmsCommandState = returnCode === 0 ? 'done' : 'refused';
      return inTransaction(db, () => {
        const answeredAt = now().toISOString();
        if (Number(answer.run(state, returnCode, answeredAt, id, serial).changes) !== 1) return false;
        settleChange.run(state, returnCode === 0 ? null : refusedCommandMessage(returnCode), id);
        const change = changeOf.get(id) as { kind: string; userId: string; name: string } | undefined;
        if (state === 'done' && change?.kind === 'remove') userRemoved.run(serial, change.userId);
        else if (state === 'done' && (change?.kind === 'add' || change?.kind === 'rename')) userAdded.run(serial, change.userId, change.name, answeredAt);
        return true;
      });
    },
    listWaitingAdmsUserChanges(serial) {
      const answerLostBefore = new Date(now().getTime() - ANSWER_LOST_AFTER_MS).toISOString();
      return waitingChanges.all(serial, answerLostBefore).map((row) => {
        const { sent, ...change } = row as unknown as Omit<WaitingAdmsUserChange, 'sent'> & { sent: number };
        return { ...change, sent: sent === 1 };
      });
    },
    withdrawAdmsUserChange(serial, commandId, reason) {
      return inTransaction(db, () => {
        const command = byId.get(commandId) as { serialNumber: string; state: AdmsCommandState } | undefined;
        if (command?.serialNumber !== serial || command.state !== 'queued') return false;
        // The History row lets go of the command first: nothing else refers to it.
        unlinkChange.run(reason, commandId);
        dropUnsent.run(commandId, serial);
        return true;
      });
    },
    queueAdmsUserChanges(serial, entries) {
      const recordedAt = now().toISOString();
      return entries.map(({ command, change }) => {
        const id = Number((insert.get(serial, command, recordedAt) as { id: number }).id);
        insertChange.run(change.deviceId, change.deviceName, change.kind, change.userId, change.employee, change.name, change.previousName, change.requestedBy, recordedAt, id);
        return id;
      });
    },
    getAdmsCommands(ids) {
      return ids.flatMap((id) => {
        const row = byId.get(id);
        return row ? [{ ...(row as unknown as AdmsCommand) }] : [];
      });
    },
  };
}
