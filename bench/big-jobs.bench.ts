// A 20 MB import and an export of 600,000 punches must not freeze the service.
// While each job runs, an ADMS terminal polls the receiver back to back; the table shows how long
// the job took and the slowest answer the terminal got meanwhile (the bar is one second).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createPunchbridgeService } from '../app/api/service';
import { AdmsDeviceSimulator } from '../app/sim/adms';
import { openSettings } from '../app/settings';
import { printTable } from './support';

const IMPORT_BYTES = 20 * 1024 * 1024;
const EXPORT_PUNCHES = 600_000;

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'punchbridge-bench-big-jobs-'));
  const admsPort = await freePort();
  const settings = openSettings(dataDir);
  settings.setPaused(true);
  settings.setSyncSettings({ admsPort });
  const service = await createPunchbridgeService({ dataDir, mode: 'headless', admsHost: '127.0.0.1' });
  try {
    const terminal = new AdmsDeviceSimulator({ serverUrl: `http://127.0.0.1:${admsPort}`, serialNumber: 'CQZ7232960466' });
    await terminal.handshake();
    const approved = await service.approveAdmsDevice({ serialNumber: 'CQZ7232960466', name: 'Front door', timeZone: 'UTC' });
    const device = await service.addDevice({ name: 'Main gate', host: '192.168.1.201' });
    if (!approved.ok || !device.ok) throw new Error('setup failed');

    const file = attlogFile(IMPORT_BYTES);
    const rows: Record<string, string | number>[] = [];
    rows.push(
      await whilePolling(terminal, `import of a ${Math.round(file.bytes.length / 1024 / 1024)} MB .dat (${file.lines.toLocaleString('en-US')} lines)`, async () => {
        const outcome = await service.importPunches({ fileName: '1_attlog.dat', contentBase64: file.bytes.toString('base64'), deviceId: device.value.id });
        if (!outcome.ok) throw new Error(outcome.error.message);
      }),
    );
    const more = attlogFile(((EXPORT_PUNCHES - file.lines) / file.lines) * IMPORT_BYTES + 4096, file.lines);
    await service.importPunches({ fileName: '2_attlog.dat', contentBase64: more.bytes.toString('base64'), deviceId: device.value.id });
    const total = (await service.queryPunches({ limit: 1 })).total;
    rows.push(
      await whilePolling(terminal, `CSV export of ${total.toLocaleString('en-US')} punches`, async () => {
        const exported = await service.exportPunchesCsv({});
        if (!exported.ok) throw new Error(exported.error.message);
      }),
    );
    const csv = csvFile(IMPORT_BYTES);
    rows.push(
      await whilePolling(terminal, `import of a ${Math.round(csv.bytes.length / 1024 / 1024)} MB CSV (${csv.lines.toLocaleString('en-US')} rows)`, async () => {
        const outcome = await service.importPunches({ fileName: 'punches.csv', contentBase64: csv.bytes.toString('base64'), deviceId: device.value.id, mapping: { userId: 'User', time: 'Time' } });
        if (!outcome.ok) throw new Error(outcome.error.message);
      }),
    );
    printTable('Big jobs and the ADMS receiver (one run each)', rows);
  } finally {
    await service.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function whilePolling(terminal: AdmsDeviceSimulator, job: string, work: () => Promise<void>): Promise<Record<string, string | number>> {
  let done = false;
  const answers: number[] = [];
  const polling = (async () => {
    while (!done) {
      const started = performance.now();
      await terminal.poll();
      answers.push(performance.now() - started);
    }
  })();
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  done = true;
  await polling;
  return { job, seconds: seconds.toFixed(1), 'ADMS answers meanwhile': answers.length, 'slowest answer ms': Math.round(Math.max(...answers)) };
}

function attlogFile(bytes: number, firstUser = 0): { bytes: Buffer; lines: number } {
  const lines: string[] = [];
  let size = 0;
  for (let index = 0; size < bytes; index++) {
    const minute = index % 525_600;
    const day = Math.floor(minute / 1440);
    const date = new Date(Date.UTC(2025, 0, 1 + day, Math.floor((minute % 1440) / 60), minute % 60));
    const line = `${firstUser + index}\t${date.toISOString().slice(0, 19).replace('T', ' ')}\t1\t0\t1\t0`;
    lines.push(line);
    size += line.length + 2;
  }
  return { bytes: Buffer.from(lines.join('\r\n')), lines: lines.length };
}

function csvFile(bytes: number): { bytes: Buffer; lines: number } {
  const lines = ['User,Time'];
  let size = 0;
  for (let index = 0; size < bytes; index++) {
    const line = `${900_000 + index},2025-06-${String(1 + (index % 28)).padStart(2, '0')} ${String(index % 24).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}:00`;
    lines.push(line);
    size += line.length + 1;
  }
  return { bytes: Buffer.from(lines.join('\n')), lines: lines.length - 1 };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
