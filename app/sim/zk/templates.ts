// Fingerprint templates on the simulated terminal: the dataset it serves for CMD_DB_RRQ and the
// upload it takes before _CMD_SAVE_USERTEMPS (pyzk save_user_template), which writes the user and
// its fingers together.
import type { UserRecordSize } from './options';

export interface SimulatedTemplate {
  uid: number;
  fid: number;
  valid: number;
  template: Buffer;
}

export interface TemplateUpload {
  /** The user record without its leading type byte. */
  userRecord: Buffer;
  fingers: { uid: number; fid: number; template: Buffer }[];
}

const TEMPLATE_HEADER = 6;

export function writeTemplates(templates: readonly SimulatedTemplate[]): Buffer {
  const records = templates.map((finger) => {
    const record = Buffer.alloc(TEMPLATE_HEADER + finger.template.length);
    record.writeUInt16LE(record.length, 0);
    record.writeUInt16LE(finger.uid, 2);
    record.writeUInt8(finger.fid, 4);
    record.writeUInt8(finger.valid, 5);
    finger.template.copy(record, TEMPLATE_HEADER);
    return record;
  });
  const body = Buffer.concat(records);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(body.length);
  return Buffer.concat([length, body]);
}

/** Null when the upload is not one user block of the device's layout, a finger table and its templates. */
export function readTemplateUpload(upload: Buffer, layout: UserRecordSize): TemplateUpload | null {
  if (upload.length < 12) return null;
  const userSize = upload.readUInt32LE(0);
  const tableSize = upload.readUInt32LE(4);
  const fingerSize = upload.readUInt32LE(8);
  if (userSize !== layout + 1 || tableSize % 8 !== 0 || 12 + userSize + tableSize + fingerSize !== upload.length) return null;
  const userRecord = upload.subarray(13, 12 + userSize);
  const table = upload.subarray(12 + userSize, 12 + userSize + tableSize);
  const block = upload.subarray(12 + userSize + tableSize);
  const fingers: TemplateUpload['fingers'] = [];
  for (let at = 0; at < table.length; at += 8) {
    const flagged = table[at + 3]!;
    const offset = table.readUInt32LE(at + 4);
    if (table[at] !== 2 || flagged < 0x10 || flagged > 0x19 || offset + 2 > block.length) return null;
    const size = block.readUInt16LE(offset);
    if (size === 0 || offset + 2 + size > block.length) return null;
    fingers.push({ uid: table.readUInt16LE(at + 1), fid: flagged - 0x10, template: Buffer.from(block.subarray(offset + 2, offset + 2 + size)) });
  }
  return { userRecord, fingers };
}

/** Deterministic stand-ins for ZKFinger v10 templates: the simulator never matches fingers. */
export function buildTemplates(uids: readonly number[], perUser: number, random: () => number): SimulatedTemplate[] {
  return uids.flatMap((uid) =>
    Array.from({ length: perUser }, (_, fid) => ({
      uid,
      fid,
      valid: 1,
      template: Buffer.from(Array.from({ length: 480 + Math.floor(random() * 600) }, () => Math.floor(random() * 256))),
    })),
  );
}
