// Fingerprint templates (docs/zk-protocol.md §1.4; pyzk get_templates / save_user_template): read
// as one buffered dataset (CMD_DB_RRQ, FCT_FINGERTMP), written per user as one upload
// (PREPARE_DATA, DATA chunks) that carries the user record, a table of fingers and the templates,
// then saved with _CMD_SAVE_USERTEMPS (110).
import { readBuffered } from './buffered-read';
import { CMD_DATA, CMD_DB_RRQ, CMD_FREE_DATA, CMD_PREPARE_DATA, FCT_FINGERTMP } from './constants';
import { malformedData } from './errors';
import type { ZkSession } from './session';

export const CMD_SAVE_USERTEMPS = 110;
/** pyzk sends uploads in 1024-byte CMD_DATA packets, which every firmware takes on UDP too. */
const UPLOAD_CHUNK = 1024;
const TEMPLATE_HEADER = 6;
/** A finger's table entry: type 2, uid, 0x10 + finger index, offset into the template block. */
const FINGER_ENTRY = 8;
const FINGER_TYPE = 2;
const FINGER_FLAG = 0x10;

export interface ZkTemplate {
  uid: number;
  /** Finger index 0-9. */
  fid: number;
  /** 1 for a normal finger (duress fingers carry other values). */
  valid: number;
  template: Buffer;
}

/** The dataset: u32 byte count, then per template u16 size (with this 6-byte header), u16 uid, u8 fid, u8 valid, bytes. */
export function decodeTemplates(dataset: Buffer): ZkTemplate[] {
  if (dataset.length < 4) return [];
  const declared = dataset.readUInt32LE(0);
  if (declared > dataset.length - 4) throw malformedData(`a template list announcing ${declared} bytes but holding ${dataset.length - 4}`);
  const templates: ZkTemplate[] = [];
  for (let at = 4; at + TEMPLATE_HEADER <= 4 + declared; ) {
    const size = dataset.readUInt16LE(at);
    if (size < TEMPLATE_HEADER || at + size > 4 + declared) throw malformedData(`a fingerprint template of ${size} bytes at offset ${at - 4}`);
    templates.push({ uid: dataset.readUInt16LE(at + 2), fid: dataset[at + 4]!, valid: dataset[at + 5]!, template: Buffer.from(dataset.subarray(at + TEMPLATE_HEADER, at + size)) });
    at += size;
  }
  return templates;
}

/** The upload for one user: u32 sizes of the user block, finger table and templates, then the three. */
export function encodeTemplateUpload(userRecord: Buffer, uid: number, templates: readonly Pick<ZkTemplate, 'fid' | 'template'>[]): Buffer {
  const user = Buffer.concat([Buffer.from([FINGER_TYPE]), userRecord]);
  const table = Buffer.alloc(templates.length * FINGER_ENTRY);
  const blocks: Buffer[] = [];
  let offset = 0;
  templates.forEach((finger, index) => {
    const at = index * FINGER_ENTRY;
    table.writeUInt8(FINGER_TYPE, at);
    table.writeUInt16LE(uid, at + 1);
    table.writeUInt8(FINGER_FLAG + finger.fid, at + 3);
    table.writeUInt32LE(offset, at + 4);
    const block = Buffer.alloc(2 + finger.template.length);
    block.writeUInt16LE(finger.template.length, 0);
    finger.template.copy(block, 2);
    blocks.push(block);
    offset += block.length;
  });
  const fingers = Buffer.concat(blocks);
  const head = Buffer.alloc(12);
  head.writeUInt32LE(user.length, 0);
  head.writeUInt32LE(table.length, 4);
  head.writeUInt32LE(fingers.length, 8);
  return Buffer.concat([head, user, table, fingers]);
}

export async function readTemplates(session: ZkSession, chunkSize: number): Promise<ZkTemplate[]> {
  return decodeTemplates(await readBuffered(session, { command: CMD_DB_RRQ, fct: FCT_FINGERTMP, what: 'the fingerprint template request' }, chunkSize));
}

export async function uploadUserTemplates(session: ZkSession, upload: Buffer, userId: string): Promise<void> {
  const what = `the fingerprints of user ${userId}`;
  await session.expectOk(CMD_FREE_DATA, 'the request to free its buffer');
  const size = Buffer.alloc(4);
  size.writeUInt32LE(upload.length);
  await session.expectOk(CMD_PREPARE_DATA, what, size);
  for (let at = 0; at < upload.length; at += UPLOAD_CHUNK) await session.expectOk(CMD_DATA, what, upload.subarray(at, at + UPLOAD_CHUNK));
  // pyzk's arguments: the upload's header size, and 8, the size of a finger's table entry.
  const save = Buffer.alloc(8);
  save.writeUInt32LE(12, 0);
  save.writeUInt16LE(0, 4);
  save.writeUInt16LE(FINGER_ENTRY, 6);
  await session.expectOk(CMD_SAVE_USERTEMPS, what, save);
}
