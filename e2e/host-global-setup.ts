// Starts `punchbridge serve --demo` for the *.host.spec.ts specs. The host prints a sign-in link with
// a random token, so it is started here (not as a Playwright webServer) to read that link; the
// specs open it once and the host's cookie keeps them signed in.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const STARTUP_TIMEOUT_MS = 120_000;

export default async function startDemoHost(): Promise<() => Promise<void>> {
  const port = process.env.PUNCHBRIDGE_E2E_HOST_PORT ?? '4392';
  const dataDir = await mkdtemp(join(tmpdir(), 'punchbridge-e2e-'));
  const host = spawn(process.execPath, ['bin/punchbridge.js', '--data-dir', dataDir, 'serve', '--demo', '--no-open', '--port', port], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const signInUrl = await waitForSignInUrl(host);
  process.env.PUNCHBRIDGE_E2E_SIGN_IN_URL = signInUrl;
  return async () => {
    host.kill('SIGTERM');
    await new Promise((resolve) => host.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  };
}

function waitForSignInUrl(host: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`punchbridge serve printed no sign-in link within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output}`)), STARTUP_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      host.kill('SIGTERM');
      reject(error);
    };
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const link = /https?:\/\/\S+[?&]token=\S+/.exec(output);
      if (link) {
        clearTimeout(timer);
        resolve(link[0]);
      }
    };
    host.stdout?.on('data', read);
    host.stderr?.on('data', read);
    host.once('exit', (code) => fail(new Error(`punchbridge serve exited with code ${code}:\n${output}`)));
  });
}
