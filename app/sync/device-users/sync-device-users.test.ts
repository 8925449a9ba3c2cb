import { afterEach, describe, expect, it } from 'vitest';
import type { EmployeeSummary } from '../../vocabulary';
import { openJournal, type Journal } from '../../journal';
import { startZkSimulator, type ZkSimulator, type ZkSimulatorOptions } from '../../sim/zk';
import { CMD_USER_WRQ, connectZk } from '../../zk';
import { applyDeviceUsers, changeKey, previewDeviceUsers, type UserSyncDevice } from './index';

const running: { simulators: ZkSimulator[]; journals: Journal[] } = { simulators: [], journals: [] };

afterEach(async () => {
  running.journals.splice(0).forEach((journal) => journal.close());
  await Promise.all(running.simulators.splice(0).map((simulator) => simulator.close()));
});

// The simulator's users have ids "1".."N"; user 1 is a super-admin.
function employee(name: string, employeeName: string, attendanceDeviceId: string | null, status = 'Active'): EmployeeSummary {
  return { name, employeeName, attendanceDeviceId, status, company: null, department: null, branch: null };
}

const EMPLOYEES = [
  employee('HR-EMP-0001', 'Ingrid Admin', '1', 'Left'),
  employee('HR-EMP-0002', 'Amina Okafor', '2'),
  employee('HR-EMP-0003', 'Mateo Girard', '3', 'Left'),
  employee('HR-EMP-0501', 'Søren Ødegård-Conceição', '501'),
  employee('HR-EMP-0502', 'Priya Raman', '502'),
  employee('HR-EMP-0900', 'No Device Id', null),
];

async function terminal(options: ZkSimulatorOptions, transport: 'tcp' | 'udp' = 'tcp') {
  const simulator = await startZkSimulator({ userCount: 5, ...options });
  running.simulators.push(simulator);
  const device: UserSyncDevice = { id: 'front-door', name: 'Front door', host: simulator.host, port: simulator.port, transport: transport === 'udp' ? 'udp' : 'auto', nameEncoding: 'utf-8', timeoutSeconds: 60 };
  return { simulator, device };
}

function journal(): Journal {
  const opened = openJournal(':memory:', { now: () => new Date('2026-03-02T09:00:00Z') });
  running.journals.push(opened);
  return opened;
}

const hooks = { connect: (options: Parameters<typeof connectZk>[0]) => connectZk({ ...options, timeoutMs: 1500 }), commKeyOf: () => null };

async function previewAndApply(device: UserSyncDevice, options: { removeLeft?: boolean; approve?: (key: string) => boolean } = {}) {
  const request = { devices: [device], employees: EMPLOYEES, removeLeft: options.removeLeft ?? false };
  const [preview] = await previewDeviceUsers(request, hooks);
  const keys = preview!.changes.map((change) => changeKey(device.id, change)).filter(options.approve ?? (() => true));
  const history = journal();
  const [outcome] = await applyDeviceUsers(
    { ...request, approved: new Set(keys), requestedBy: 'cli (hr)' },
    { ...hooks, record: (changes) => history.recordDeviceUserChanges(changes) },
  );
  return { preview: preview!, outcome: outcome!, history: history.listDeviceUserChanges(50) };
}

describe.each(['tcp', 'udp'] as const)('employees to a terminal over %s', (transport) => {
  it.each([28, 72] as const)('adds new hires and renames changed names on a terminal with %i-byte users, after a preview', async (userRecordSize) => {
    const { simulator, device } = await terminal({ userRecordSize }, transport);
    const { preview, outcome, history } = await previewAndApply(device);

    const longName = userRecordSize === 28 ? 'Søren' : 'Søren Ødegård-Concei';
    expect(preview.error).toBeNull();
    expect(preview.changes.map((change) => [change.kind, change.userId, change.name])).toEqual([
      ['rename', '2', userRecordSize === 28 ? 'Amina Ok' : 'Amina Okafor'],
      ['add', '501', longName],
      ['add', '502', userRecordSize === 28 ? 'Priya Ra' : 'Priya Raman'],
    ]);
    expect(outcome.results.map((result) => result.outcome)).toEqual(['done', 'done', 'done']);
    const byId = new Map(simulator.users.map((user) => [user.userId, user]));
    expect(byId.get('501')).toMatchObject({ name: longName, privilege: 0 });
    expect(byId.get('2')?.name).toBe(preview.changes[0]!.name);
    // The leaver stays without --remove-left; users matching no employee are never touched.
    expect([...byId.keys()].sort()).toEqual(['1', '2', '3', '4', '5', '501', '502']);
    expect(history.map((entry) => [entry.kind, entry.userId, entry.outcome, entry.deviceName, entry.requestedBy])).toEqual([
      ['add', '502', 'done', 'Front door', 'cli (hr)'],
      ['add', '501', 'done', 'Front door', 'cli (hr)'],
      ['rename', '2', 'done', 'Front door', 'cli (hr)'],
    ]);

    const [again] = await previewDeviceUsers({ devices: [device], employees: EMPLOYEES, removeLeft: false }, hooks);
    expect(again!.changes).toEqual([]);
  });
});

describe('the overview', () => {
  it('counts each user\'s fingerprints on the terminal', async () => {
    const { device } = await terminal({ templatesPerUser: 2 }, 'udp');
    const [preview] = await previewDeviceUsers({ devices: [device], employees: EMPLOYEES, removeLeft: false }, hooks);
    expect(preview!.userIds).toEqual(['1', '2', '3', '4', '5']);
    expect(preview!.fingerprints).toEqual({ '1': 2, '2': 2, '3': 2, '4': 2, '5': 2 });
  });
});

describe('leavers', () => {
  it('removes a leaver only when asked, and never a device administrator or a user matching no employee', async () => {
    const { simulator, device } = await terminal({});
    const { preview, outcome } = await previewAndApply(device, { removeLeft: true });
    expect(preview.changes.filter((change) => change.kind === 'remove').map((change) => change.userId)).toEqual(['3']);
    expect(preview.skipped).toEqual([expect.objectContaining({ userId: '1', reason: expect.stringContaining('administrator') })]);
    expect(outcome.results.find((result) => result.kind === 'remove')?.outcome).toBe('done');
    expect(simulator.users.map((user) => user.userId)).toEqual(['1', '2', '4', '5', '501', '502']);
  });
});

describe('terminals that say no', () => {
  it('reports an add a full terminal refuses as refused, and still makes the rename', async () => {
    const { simulator, device } = await terminal({ userCapacity: 6 });
    const { outcome, history } = await previewAndApply(device);
    expect(outcome.results.map((result) => [result.userId, result.outcome])).toEqual([
      ['2', 'done'],
      ['501', 'done'],
      ['502', 'refused'],
    ]);
    expect(outcome.results[2]!.error?.message).toContain('refused the new details of user 502');
    expect(simulator.users.map((user) => user.userId)).not.toContain('502');
    expect(history.find((entry) => entry.userId === '502')?.outcome).toBe('refused');
  });

  it('reports nothing as done when the terminal refuses every write', async () => {
    const { simulator, device } = await terminal({ faults: { ackErrorFor: CMD_USER_WRQ } }, 'udp');
    const { outcome } = await previewAndApply(device);
    expect(outcome.results.map((result) => result.outcome)).toEqual(['refused', 'refused', 'refused']);
    expect(simulator.users).toHaveLength(5);
  });

  it('reports nothing half-written as done when the terminal freezes halfway', async () => {
    const { simulator, device } = await terminal({ faults: { crashAfterUserWrites: 1 } });
    const { outcome, history } = await previewAndApply(device);
    expect(outcome.results.map((result) => [result.userId, result.outcome])).toEqual([
      ['2', 'unconfirmed'],
      ['501', 'unconfirmed'],
      ['502', 'not-attempted'],
    ]);
    expect(history.every((entry) => entry.outcome !== 'done')).toBe(true);
    expect(simulator.users.map((user) => user.userId)).not.toContain('501');

    // Back on: the next preview offers exactly what is still missing.
    await simulator.setFaults({ silent: false, crashAfterUserWrites: null });
    const [again] = await previewDeviceUsers({ devices: [device], employees: EMPLOYEES, removeLeft: false }, hooks);
    expect(again!.changes.map((change) => change.userId)).toEqual(['501', '502']);
  });

  it('makes only the changes the person approved', async () => {
    const { simulator, device } = await terminal({});
    const { outcome } = await previewAndApply(device, { approve: (key) => key.endsWith(':501') });
    expect(outcome.results.map((result) => result.userId)).toEqual(['501']);
    expect(simulator.users.map((user) => user.userId)).not.toContain('502');
  });

  it('reports a terminal that does not answer as an error of that device, with no changes', async () => {
    const { device } = await terminal({ faults: { silent: true } });
    const [preview] = await previewDeviceUsers({ devices: [device], employees: EMPLOYEES, removeLeft: false }, hooks);
    expect(preview!.error?.message).toContain(`${device.host}:${device.port}`);
    expect(preview!.changes).toEqual([]);
  });
});
