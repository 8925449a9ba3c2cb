// The server's side of an ADMS terminal's command queue (docs/zk-protocol.md §4): the text of the
// commands we queue, how a poll's reply carries them, and the terminal's answers on
// /iclock/devicecmd.

/** At most this many commands go out on one poll; the rest wait for the next. */
export const COMMANDS_PER_POLL = 5;

export interface AdmsUserFields {
  userId: string;
  name: string;
  /** 0 user, 14 administrator (the push protocol's Pri). */
  privilege: number;
}

/**
 * `DATA UPDATE USERINFO PIN=..\tName=..\tPri=..`: adds the user, or updates one with that PIN.
 * Fields are tab-separated and commands newline-separated, so a name carrying either (or any other
 * control character) would split into a second field or a second command: they become spaces.
 */
export function userInfoUpdateCommand(user: AdmsUserFields): string {
  return `DATA UPDATE USERINFO PIN=${plainField(user.userId)}\tName=${plainField(user.name)}\tPri=${user.privilege}`;
}

/** `DATA DELETE USERINFO PIN=..`: removes the user (and its templates) from the terminal. */
export function userInfoDeleteCommand(userId: string): string {
  return `DATA DELETE USERINFO PIN=${plainField(userId)}`;
}

function plainField(text: string): string {
  return [...text].map((character) => (isControl(character) ? ' ' : character)).join('');
}

function isControl(character: string): boolean {
  const code = character.codePointAt(0)!;
  return code < 0x20 || code === 0x7f;
}

/** A poll's reply: `C:<id>:<command>` lines, or OK when nothing waits. */
export function pollReply(commands: readonly { id: number; command: string }[]): string {
  if (commands.length === 0) return 'OK';
  return commands.map(({ id, command }) => `C:${id}:${command}\n`).join('');
}

export interface AdmsCommandResult {
  id: number;
  returnCode: number;
  /** The CMD the terminal named, e.g. DATA; empty when it sent none. */
  command: string;
}

/**
 * The results in a /iclock/devicecmd body. Most firmware sends one `ID=..&Return=..&CMD=..` line per
 * command; Shell results spread one result over several lines (`ID=..`, `Return=..`, `CMD=Shell`,
 * `Content=..`). Both are read by starting a result at each ID; results without a numeric ID or
 * Return are left out.
 */
export function parseCommandResults(body: string): AdmsCommandResult[] {
  const results: AdmsCommandResult[] = [];
  let current: Record<string, string> | null = null;
  const finish = () => {
    if (!current) return;
    const id = Number(current.ID);
    const returnCode = Number(current.Return);
    if (/^\d{1,15}$/.test(current.ID ?? '') && /^-?\d{1,10}$/.test(current.Return ?? '')) results.push({ id, returnCode, command: current.CMD ?? '' });
    current = null;
  };
  for (const line of body.split(/\r?\n/)) {
    for (const pair of line.split('&')) {
      const equals = pair.indexOf('=');
      if (equals <= 0) continue;
      const key = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      if (key === 'ID') {
        finish();
        current = {};
      }
      if (current && !(key in current)) current[key] = value;
    }
  }
  finish();
  return results;
}
