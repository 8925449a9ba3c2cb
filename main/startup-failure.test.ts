import { describe, expect, it } from 'vitest';
import { startupFailure, startupFailureDialog } from './startup-failure';

describe('startupFailure', () => {
  it('says which folder could not be written and what to do', () => {
    const error = Object.assign(new Error("EACCES: permission denied, mkdir '/home/hr/.config/autostart'"), { code: 'EACCES', path: '/home/hr/.config/autostart' });
    const failure = startupFailure(error, '/home/hr/.config/Punchbridge');
    expect(failure.message).toBe('Punchbridge could not start: it could not write /home/hr/.config/autostart. Punchbridge may not write there.');
    expect(failure.action).toMatch(/Make sure your user account can write \/home\/hr\/.config\/autostart/);
  });

  it('passes a failure that already says what to do, and names the log for anything else', () => {
    const known = { code: 'journal-newer', message: 'The journal was written by a newer Punchbridge.', action: 'Install the newer version again.' };
    expect(startupFailure(known, '/data')).toEqual(known);
    const other = startupFailure(new Error('database disk image is malformed'), '/data');
    expect(startupFailureDialog(other)).toEqual({
      title: 'Punchbridge could not start',
      content: 'Punchbridge could not start: database disk image is malformed\n\nStart it again. If this keeps happening, send the log in /data (punchbridge.log) to whoever supports you.',
    });
  });
});
