// An in-memory PunchbridgeApi for component tests and for the dev-only screenshot build. It keeps
// the contract's semantics (results, filters, paging) so screens behave as they will with the
// real service.
import type {
  AdmsDevice,
  AppStatus,
  Device,
  DeviceInput,
  EmployeeMapping,
  EmployeeSummary,
  ErpnextSettings,
  Preferences,
  Punch,
  PunchbridgeApi,
  PunchbridgeEvent,
  PunchbridgeEvents,
  PunchQuery,
  PunchState,
  Result,
  RunProgress,
  RunSummary,
  Schedule,
  SyncSettings,
  UnmatchedUser,
} from '../../../app/api/contract';
import { DeviceInputSchema, PUNCH_STATE_LABELS, PUNCH_STATES, punchKeyLabel, verifyMethodLabel } from '../../../app/api/contract';
import { nameTokens } from '../lib/similarity';
import { fixtureDeviceUsers } from './fixture-device-users';
import {
  FIXTURE_NOW,
  erpnextDown,
  fixtureDevices,
  silentDevices,
  fixturePushStop,
  fixtureEmployees,
  fixtureLog,
  fixtureMappings,
  fixturePunches,
  fixtureRuns,
  fixtureShiftTypes,
  fixtureUnmatchedUsers,
  wallClock,
} from './fixture-data';
import { fixturePunchActivity, withPunchesThisHour } from './fixture-punch-activity';
import { fixtureRefusalGroups } from './fixture-refusals';

/** push-devices: the full data with the ADMS receiver on, a terminal waiting and one that moved. */
export type FixtureScenario = 'full' | 'first-run' | 'empty' | 'erpnext-down' | 'time-trap' | 'broken' | 'push-devices' | 'silent-devices';

export interface FixtureOptions {
  scenario?: FixtureScenario;
  punchCount?: number;
  latencyMs?: number;
  longNames?: boolean;
  /** Milliseconds per simulated sync phase; 0 finishes a sync at once. */
  syncStepMs?: number;
}

export type FixtureApi = PunchbridgeApi & PunchbridgeEvents;

/** Lines of a small text file sent as base64, split on commas or tabs. */
function decodeRows(contentBase64: string): string[][] {
  return atob(contentBase64)
    .split(/\r?\n/)
    .filter((line) => line.trim())
    .map((line) => line.split(/[,\t]/).map((cell) => cell.trim()));
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export function createFixtureApi(options: FixtureOptions = {}): FixtureApi {
  const scenario = options.scenario ?? 'full';
  const hasData = scenario === 'full' || scenario === 'silent-devices' || scenario === 'erpnext-down' || scenario === 'time-trap' || scenario === 'broken' || scenario === 'push-devices';
  const devices: Device[] = scenario === 'first-run' ? [] : fixtureDevices({ longNames: options.longNames });
  const employees = fixtureEmployees();
  const punches: Punch[] = hasData ? fixturePunches(options.punchCount ?? 10_000, devices, employees) : [];
  let unmatched: UnmatchedUser[] = hasData ? fixtureUnmatchedUsers(devices, punches) : [];
  const mappings: EmployeeMapping[] = hasData ? fixtureMappings() : [];
  const runs: RunSummary[] = hasData ? fixtureRuns(devices) : [];
  let erpnext: ErpnextSettings | null =
    scenario === 'first-run'
      ? null
      : { url: 'https://erp.acme.example.com', apiKey: '4f1c2a9b8e7d6c5', hasApiSecret: true, serverTimeZone: null, employeeFieldname: 'attendance_device_id', verifyTls: true, caFile: null, latitude: null, longitude: null };
  let schedule: Schedule = { intervalMinutes: 15, runAtStart: true, paused: false, nextRunAt: '2026-11-25 09:45:00' };
  let syncSettings: SyncSettings = { importStartDate: '2026-10-01', pushConcurrency: 4, shiftTypes: [{ name: 'General Shift', deviceIds: ['dev-main-gate', 'dev-reception'] }], clockSkewWarningSeconds: 120, admsPort: scenario === 'push-devices' ? 8081 : null };
  const admsDevices: AdmsDevice[] = [
    { serialNumber: 'CQZ7232960466', approved: false, deviceId: null, remoteAddress: '192.168.1.214', approvedAddress: null, movedToAddress: null, movedAt: null, hasPushCommKey: false, firstSeenAt: '2026-11-25T07:58:10.000Z', lastSeenAt: '2026-11-25T09:12:40.000Z', punchesReceived: 0 },
    ...(scenario === 'push-devices'
      ? [{ serialNumber: 'BRM9203160068', approved: true, deviceId: 'dev-reception', remoteAddress: '192.168.1.31', approvedAddress: '192.168.1.31', movedToAddress: '192.168.1.77', movedAt: '2026-11-25T09:10:02.000Z', hasPushCommKey: false, firstSeenAt: '2026-10-02T06:00:00.000Z', lastSeenAt: '2026-11-25T09:12:40.000Z', punchesReceived: 4812 }]
      : []),
  ];
  let preferences: Preferences = { startAtLogin: true, startMinimised: false, closeToTray: true };
  let progress: RunProgress | null = null;
  const listeners = new Set<(event: PunchbridgeEvent) => void>();
  let nextDeviceNumber = 1;

  const delay = () => new Promise<void>((resolve) => setTimeout(resolve, options.latencyMs ?? 0));
  const emit = (event: PunchbridgeEvent) => listeners.forEach((listener) => listener(event));
  const failIfBroken = () => {
    if (scenario === 'broken') throw new Error('The Punchbridge service stopped answering (fixture: broken).');
  };

  let pushStop = scenario === 'time-trap' ? fixturePushStop() : null;
  let activity = fixturePunchActivity(hasData);

  function status(): AppStatus {
    const counts = Object.fromEntries(PUNCH_STATES.map((state) => [state, 0])) as Record<PunchState, number>;
    for (const punch of punches) counts[punch.state]++;
    const attention = [];
    if (scenario === 'erpnext-down') attention.push(erpnextDown);
    if (scenario === 'silent-devices') attention.push(...silentDevices);
    if (devices.some((device) => device.status === 'error')) {
      const failing = devices.find((device) => device.status === 'error')!;
      attention.push({ code: 'device-unreachable', message: `${failing.name}: ${failing.lastError?.message ?? 'not reachable'}`, action: failing.lastError?.action ?? 'Check the device.' });
    }
    if (counts.rejected > 0) attention.push({ code: 'rejected-punches', message: `ERPNext refused ${counts.rejected.toLocaleString('en-US')} punches.`, action: 'Open the refused punches: they are grouped by what ERPNext said, with what to change before sending them again.' });
    if (unmatched.length > 0) attention.push({ code: 'unmatched-users', message: `${unmatched.length} people on the devices are not linked to an employee yet.`, action: 'Open Employee mapping and choose who they are.' });
    const shift = syncSettings.shiftTypes[0];
    const holding = unmatched.filter((user) => shift && (shift.deviceIds.length === 0 || (user.deviceId !== null && shift.deviceIds.includes(user.deviceId))));
    if (shift && holding.length > 0) {
      const first = [...holding].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen))[0]!;
      const count = holding.reduce((sum, user) => sum + user.punchCount, 0);
      attention.push({
        code: 'shift-held-back',
        message: `Shift Type "${shift.name}" cannot move past ${first.firstSeen}: ${count} punches of its devices are not in ERPNext yet, the first from user ${first.userId} on ${first.deviceName} (unmatched).`,
        action: 'Auto attendance in ERPNext waits for them. On the Punches page map, retry or ignore them; ignored punches no longer hold the shift back.',
      });
    }
    return {
      running: progress !== null,
      progress,
      lastRun: runs[0] ?? null,
      paused: schedule.paused,
      // As the real scheduler: no next run is planned while one is under way.
      nextRunAt: schedule.paused || progress !== null ? null : schedule.nextRunAt,
      counts,
      unmatchedUsers: unmatched.length,
      erpnextConfigured: erpnext !== null,
      devicesConfigured: devices.length > 0,
      attention,
      pushStop,
      mode: 'demo',
    };
  }

  function matches(punch: Punch, query: PunchQuery): boolean {
    const day = punch.deviceTime.slice(0, 10);
    if (query.from && day < query.from) return false;
    if (query.to && day > query.to) return false;
    if (query.deviceId && punch.deviceId !== query.deviceId) return false;
    if (query.employee && punch.employee !== query.employee) return false;
    if (query.states?.length && !query.states.includes(punch.state)) return false;
    if (query.search) {
      const text = query.search.toLowerCase();
      const haystack = `${punch.userId} ${punch.employee ?? ''} ${punch.employeeName ?? ''} ${punch.deviceName} ${punch.lastError ?? ''}`.toLowerCase();
      if (!haystack.includes(text)) return false;
    }
    return true;
  }

  function runSync(): Promise<Result<RunSummary>> {
    const step = options.syncStepMs ?? 400;
    const enabled = devices.filter((device) => device.enabled);
    progress = {
      runId: (runs[0]?.id ?? 0) + 1,
      trigger: 'manual',
      startedAt: wallClock(FIXTURE_NOW),
      devices: enabled.map((device) => ({ deviceId: device.id, deviceName: device.name, phase: 'waiting', bytesRead: 0, bytesTotal: 0 })),
      push: { done: 0, total: 0 },
    };
    // The real service announces its status when the scheduler starts a run.
    emit({ type: 'status', status: status() });
    const phases = ['connecting', 'reading-users', 'reading-records', 'saving', 'done'] as const;
    return new Promise((resolve) => {
      let tick = 0;
      const advance = () => {
        tick++;
        const current = progress!;
        current.devices = current.devices.map((device, index) => {
          const phaseIndex = Math.min(phases.length - 1, Math.max(0, tick - index));
          const failing = devices.find((d) => d.id === device.deviceId)?.status === 'error';
          const phase = failing && phaseIndex >= 1 ? 'failed' : phases[phaseIndex]!;
          const total = 1_240_000 + index * 310_000;
          const read = phase === 'reading-records' ? Math.round(total * 0.55) : phaseIndex > 2 ? total : 0;
          return { ...device, phase, bytesRead: failing ? 0 : read, bytesTotal: failing ? 0 : total };
        });
        current.push = { done: Math.min(40, Math.max(0, tick - 4) * 15), total: tick > 3 ? 40 : 0 };
        progress = { ...current };
        emit({ type: 'progress', progress });
        if (tick < phases.length + enabled.length + 2) {
          setTimeout(advance, step);
          return;
        }
        const run: RunSummary = { ...fixtureRuns(devices)[0]!, id: current.runId, trigger: 'manual' };
        runs.unshift(run);
        activity = withPunchesThisHour(activity, run.counts.new);
        progress = null;
        emit({ type: 'run-finished', run });
        emit({ type: 'status', status: status() });
        resolve(ok(run));
      };
      setTimeout(advance, step);
    });
  }

  const api: FixtureApi = {
    ...fixtureDeviceUsers(() => devices, delay),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async getStatus() {
      await delay();
      failIfBroken();
      return status();
    },
    async syncNow() {
      await delay();
      if (progress) return { ok: false, error: { code: 'run-in-progress', message: 'A sync is already running.', action: 'Wait for it to finish.' } };
      if (scenario === 'erpnext-down') return { ok: false, error: erpnextDown };
      return runSync();
    },
    async liftPushStop() {
      await delay();
      const lifted = pushStop !== null && pushStop.liftedAt === null;
      // The fixture has no ERPNext to check a punch against: lifting ends the stop at once.
      pushStop = null;
      emit({ type: 'status', status: status() });
      return ok({ lifted });
    },
    async listDevices() {
      await delay();
      failIfBroken();
      return devices.map((device) => ({ ...device }));
    },
    async admsReach() {
      await delay();
      return { everyInterface: true, addresses: ['192.168.1.20'] };
    },
    async listAdmsDevices() {
      await delay();
      return admsDevices.map((device) => ({ ...device }));
    },
    async approveAdmsDevice(input) {
      await delay();
      const waiting = admsDevices.find((device) => device.serialNumber === input.serialNumber);
      if (!waiting) return { ok: false, error: { code: 'no-such-adms-device', message: `No push device with the serial number ${input.serialNumber} has contacted Punchbridge.`, action: 'Reload the list.' } };
      const linked = devices.find((device) => device.id === waiting.deviceId);
      if (linked && waiting.movedToAddress) {
        Object.assign(waiting, { approvedAddress: waiting.movedToAddress, remoteAddress: waiting.movedToAddress, movedToAddress: null, movedAt: null });
        return ok({ ...linked });
      }
      const added = await api.addDevice({ name: input.name, host: waiting.remoteAddress ?? 'adms', timeZone: input.timeZone ?? null });
      if (added.ok) Object.assign(waiting, { approved: true, deviceId: added.value.id, approvedAddress: waiting.remoteAddress, hasPushCommKey: Boolean(input.pushCommKey) });
      return added;
    },
    async addDevice(input: DeviceInput) {
      await delay();
      const { commKey, ...config } = DeviceInputSchema.parse(input);
      const holder = devices.find((device) => device.name.trim().toLowerCase() === config.name.trim().toLowerCase());
      if (holder) return { ok: false, error: { code: 'device-name-taken', message: `Another device is already called "${holder.name}".`, action: `Give this one a name of its own, such as "${holder.name} 2" or "${holder.name} back door": lists and the punchbridge command pick devices by name.` } };
      const device: Device = {
        ...config,
        id: `dev-new-${nextDeviceNumber++}`,
        hasCommKey: Boolean(commKey),
        serialNumber: null,
        status: 'never-read',
        lastReadAt: null,
        lastError: null,
        clockSkewSeconds: null,
        recordCount: null,
        recordCapacity: null,
      };
      devices.push(device);
      return ok(device);
    },
    async updateDevice({ id, changes }) {
      await delay();
      const index = devices.findIndex((device) => device.id === id);
      if (index < 0) return { ok: false, error: { code: 'device-not-found', message: 'That device was removed.', action: 'Reload the device list.' } };
      const { commKey, ...rest } = changes;
      const updated = { ...devices[index]!, ...rest } as Device;
      if (commKey !== undefined) updated.hasCommKey = commKey !== '';
      devices[index] = updated;
      return ok(updated);
    },
    async removeDevice({ id }) {
      await delay();
      const index = devices.findIndex((device) => device.id === id);
      if (index >= 0) devices.splice(index, 1);
      return ok({ keptPunches: punches.filter((punch) => punch.deviceId === id).length });
    },
    async testDevice(input) {
      await delay();
      if (input.host === '192.168.1.204' || input.host.endsWith('.250')) {
        return { ok: false, error: { code: 'device-unreachable', message: `The device at ${input.host}:${input.port ?? 4370} did not answer within 10 seconds.`, action: `Check that the device is on and reachable at ${input.host}:${input.port ?? 4370}` } };
      }
      if (input.commKey === '9') return { ok: false, error: { code: 'device-auth', message: 'The device refused the comm key.', action: 'Enter the comm key set on the device (Menu > Comm. > Connection).' } };
      const skew = input.host === '192.168.1.202' ? 412 : 3;
      return ok({ serialNumber: 'CQZ7231460999', firmware: 'Ver 6.60 Apr 28 2017', deviceName: 'K40/ID', platform: 'ZLM60_TFT', transportUsed: input.transport === 'udp' ? 'udp' : 'tcp', userCount: 214, userCapacity: 1000, recordCount: 91800, recordCapacity: 100000, deviceTime: wallClock(new Date(FIXTURE_NOW.getTime() + skew * 1000)), clockSkewSeconds: skew });
    },
    async readDeviceUsers() {
      await delay();
      return ok([{ userId: '1042', name: 'JOSE ALVAREZ', privilege: 0, cardNumber: 0 }]);
    },
    async saveDeviceTrace({ id }) {
      await delay();
      const packets = [
        { ms: 0, from: 'client', hex: 'e80317fc00000000' },
        { ms: 2.1, from: 'device', hex: 'd007fffc2ffb0000' },
      ];
      const trace = JSON.stringify({ format: 'punchbridge-zk-trace', version: 1, transport: 'tcp', masked: ['comm key', 'user names', 'user passwords'], packets }, null, 1);
      return ok({ fileName: `punchbridge-trace-${id}-20261125-091500.json`, trace, packetCount: packets.length, sessionError: null });
    },
    async setDeviceTime({ id }) {
      await delay();
      const device = devices.find((d) => d.id === id);
      if (device) {
        device.clockSkewSeconds = 0;
        if (device.status === 'warning') device.status = 'ok';
      }
      return ok({ deviceTime: wallClock(FIXTURE_NOW) });
    },
    async getErpnextSettings() {
      await delay();
      failIfBroken();
      return erpnext;
    },
    async saveErpnextSettings(input) {
      await delay();
      erpnext = {
        url: input.url,
        apiKey: input.apiKey,
        hasApiSecret: Boolean(input.apiSecret) || Boolean(erpnext?.hasApiSecret),
        serverTimeZone: input.serverTimeZone ?? null,
        employeeFieldname: input.employeeFieldname ?? 'attendance_device_id',
        verifyTls: input.verifyTls ?? true,
        caFile: input.caFile ?? null,
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
      };
      return ok(erpnext);
    },
    async testErpnext(input) {
      await delay();
      if (scenario === 'erpnext-down' || input?.url.includes('offline')) return { ok: false, error: erpnextDown };
      return ok({
        user: 'punchbridge@acme.example.com',
        detectedPath: 'hrms (v14+)',
        serverTimeZone: 'Asia/Kolkata',
        problems: [{ code: 'geolocation', message: 'HR Settings has "Allow Geolocation Tracking" switched on, so ERPNext wants a location with every punch.', action: 'Enter the office latitude and longitude below, or switch the setting off in ERPNext.' }],
      });
    },
    async listShiftTypes() {
      await delay();
      if (scenario === 'erpnext-down') return { ok: false, error: erpnextDown };
      return ok(fixtureShiftTypes());
    },
    async listUnmatchedUsers() {
      await delay();
      failIfBroken();
      return unmatched.map((user) => ({ ...user }));
    },
    async searchEmployees({ text, limit }) {
      await delay();
      if (scenario === 'erpnext-down') return { ok: false, error: erpnextDown };
      // Like MariaDB's default collation, the search ignores case and accents.
      const needle = nameTokens(text).join(' ');
      const found = employees.filter((employee: EmployeeSummary) =>
        !needle || nameTokens(`${employee.name} ${employee.employeeName} ${employee.department ?? ''}`).join(' ').includes(needle),
      );
      return ok(found.slice(0, limit ?? 20));
    },
    async mapUsers({ mappings: requested, writeToErpnext }) {
      await delay();
      let requeued = 0;
      for (const mapping of requested) {
        const employee = employees.find((e) => e.name === mapping.employee);
        for (const punch of punches) {
          if (punch.state === 'unmatched' && punch.userId === mapping.userId) {
            punch.state = 'pending';
            punch.lastError = null;
            punch.employee = mapping.employee;
            punch.employeeName = employee?.employeeName ?? null;
            requeued++;
          }
        }
        mappings.unshift({ userId: mapping.userId, deviceId: writeToErpnext ? null : (mapping.deviceId ?? null), employee: mapping.employee, employeeName: employee?.employeeName ?? null, createdAt: wallClock(FIXTURE_NOW), inErpnext: writeToErpnext ?? false });
        unmatched = unmatched.filter((user) => user.userId !== mapping.userId);
      }
      emit({ type: 'status', status: status() });
      return ok({ mapped: requested.length, requeued, failures: [] });
    },
    async unmapUser({ userId, deviceId }) {
      await delay();
      const index = mappings.findIndex((m) => m.userId === userId && m.deviceId === (deviceId ?? null));
      if (index >= 0) mappings.splice(index, 1);
      return ok({ removed: index >= 0 });
    },
    async listMappings() {
      await delay();
      failIfBroken();
      return mappings.map((mapping) => ({ ...mapping }));
    },
    async queryPunches(query) {
      await delay();
      failIfBroken();
      const found = punches.filter((punch) => matches(punch, query));
      const offset = query.offset ?? 0;
      return { rows: found.slice(offset, offset + (query.limit ?? 100)).map((punch) => ({ ...punch })), total: found.length };
    },
    async retryPunches(selection) {
      await delay();
      const ids = 'ids' in selection ? selection.ids : punches.filter((punch) => matches(punch, { ...selection.filter, offset: 0, limit: 1 })).map((punch) => punch.id);
      let requeued = 0;
      for (const punch of punches) {
        if (ids.includes(punch.id) && punch.state !== 'synced') {
          punch.state = 'pending';
          requeued++;
        }
      }
      return ok({ requeued });
    },
    async ignorePunches(selection) {
      await delay();
      const ids = 'ids' in selection ? selection.ids : punches.filter((punch) => matches(punch, { ...selection.filter, offset: 0, limit: 1 })).map((punch) => punch.id);
      let ignored = 0;
      for (const punch of punches) {
        if (ids.includes(punch.id) && punch.state !== 'synced') {
          punch.state = 'ignored';
          ignored++;
        }
      }
      return ok({ ignored });
    },
    async listRefusals() {
      await delay();
      failIfBroken();
      return fixtureRefusalGroups(punches);
    },
    async getPunchActivity() {
      await delay();
      failIfBroken();
      return activity;
    },
    async retryRefusals({ reason }) {
      await delay();
      const group = fixtureRefusalGroups(punches).find((candidate) => candidate.reason === reason);
      if (!group) return { ok: false, error: { code: 'refusal-gone', message: 'No refused punch is held for this reason any more.', action: 'Reload the list: they were sent again or ignored meanwhile.' } };
      for (const punch of punches) if (punch.state === 'rejected' && punch.lastError === reason) punch.state = 'pending';
      return ok({ requeued: group.count, stillRefused: group.stillRefused, now: group.now });
    },
    async exportPunchesCsv(query) {
      await delay();
      const rows = punches.filter((punch) => matches(punch, { ...query, offset: 0, limit: 1 }));
      const lines = ['id,device,user_id,device_time,state,employee,reason', ...rows.map((p) => [p.id, p.deviceName, p.userId, p.deviceTime, PUNCH_STATE_LABELS[p.state], p.employee ?? '', JSON.stringify(p.lastError ?? '')].join(','))];
      return ok({ fileName: 'punches-2026-11-25.csv', csv: lines.join('\n') });
    },
    async getSchedule() {
      await delay();
      failIfBroken();
      return schedule;
    },
    async setSchedule(input) {
      await delay();
      schedule = { ...schedule, intervalMinutes: input.intervalMinutes, runAtStart: input.runAtStart ?? true };
      return ok(schedule);
    },
    async setPaused({ paused }) {
      await delay();
      schedule = { ...schedule, paused };
      emit({ type: 'status', status: status() });
      return schedule;
    },
    async getSyncSettings() {
      await delay();
      failIfBroken();
      return syncSettings;
    },
    async saveSyncSettings(input) {
      await delay();
      syncSettings = { importStartDate: input.importStartDate ?? null, pushConcurrency: input.pushConcurrency ?? 4, shiftTypes: input.shiftTypes ?? [], clockSkewWarningSeconds: input.clockSkewWarningSeconds ?? 120, admsPort: input.admsPort ?? null };
      return ok(syncSettings);
    },
    async listRuns({ limit }) {
      await delay();
      failIfBroken();
      return runs.slice(0, limit ?? 50);
    },
    async getRun({ id }) {
      await delay();
      return runs.find((run) => run.id === id) ?? null;
    },
    async readLog({ lines }) {
      await delay();
      failIfBroken();
      return hasData ? fixtureLog().slice(-(lines ?? 500)) : [];
    },
    async getPreferences() {
      await delay();
      failIfBroken();
      return preferences;
    },
    async setPreferences(input) {
      await delay();
      preferences = { startAtLogin: input.startAtLogin ?? false, startMinimised: input.startMinimised ?? false, closeToTray: input.closeToTray ?? true };
      return ok(preferences);
    },
    async previewImport(input) {
      await delay();
      const rows = decodeRows(input.contentBase64);
      const csv = input.fileName.toLowerCase().endsWith('.csv');
      // As the service: an attlog's columns named, its PIN, time, device, status, verify codes in words.
      const attlogRow = (row: string[]) => [row[0] ?? '', row[1] ?? '', punchKeyLabel(Number(row[3] ?? 0)), verifyMethodLabel(Number(row[4] ?? 0))];
      return ok({ kind: csv ? 'csv' : 'attlog', headers: csv ? (rows[0] ?? []) : ['User ID', 'Time', 'Key pressed', 'Verified by'], sampleRows: csv ? rows.slice(1, 11) : rows.slice(0, 10).map(attlogRow), sampleTimes: [], dateOrder: input.mapping?.dateOrder ?? 'ymd', dateOrderDetected: !input.mapping?.dateOrder, punchCount: csv && !input.mapping ? null : rows.length - (csv ? 1 : 0), problems: [], problemCount: 0, firstTime: null, lastTime: null });
    },
    async importPunches(input) {
      await delay();
      const read = decodeRows(input.contentBase64).length;
      return ok({ read, inserted: read, alreadyKnown: 0, problems: [] });
    },
  };
  return api;
}
