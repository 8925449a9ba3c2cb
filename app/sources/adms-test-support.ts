// An in-memory AdmsSink for receiver tests: punches unique on (serial, user, time) as the journal
// keeps them, and every call the receiver makes recorded for the test to look at.
import type { AdmsCommandResult } from './adms-commands';
import type { AdmsUser } from './adms-lines';
import type { AdmsSink } from './adms-receiver';
import type { ImportedPunch } from './imported-punch';

export function memoryAdmsSink(approved: string[]) {
  const state = {
    requests: [] as { serialNumber: string; remoteAddress: string }[],
    users: [] as AdmsUser[],
    stamps: new Map<string, string>(),
    malformed: [] as string[],
    strangerSummaries: [] as string[],
    punches: new Map<string, ImportedPunch & { serialNumber: string }>(),
    waitingCommands: [] as { serialNumber: string; id: number; command: string }[],
    commandResults: [] as (AdmsCommandResult & { serialNumber: string })[],
  };
  const sink: AdmsSink = {
    admits: (serialNumber) => approved.includes(serialNumber),
    noteRequest: (serialNumber, remoteAddress) => void state.requests.push({ serialNumber, remoteAddress }),
    resumeStamps: (serial) => ({ attlog: state.stamps.get(`${serial}/ATTLOG`) ?? '0', operlog: state.stamps.get(`${serial}/OPERLOG`) ?? '0' }),
    saveStamp: (serial, table, stamp) => state.stamps.set(`${serial}/${table}`, stamp),
    savePunches: (serialNumber, list) => {
      let inserted = 0;
      for (const punch of list) {
        const key = `${serialNumber}/${punch.userId}/${punch.deviceTime}`;
        if (!state.punches.has(key)) inserted++;
        state.punches.set(key, { ...punch, serialNumber });
      }
      return { inserted };
    },
    saveUsers: (_serial, users) => state.users.push(...users),
    timeZoneOf: () => ({ zone: 'Asia/Kolkata', unit: 'hours' }),
    noteMalformedLines: (_serial, count, first) => state.malformed.push(`${count}: ${first}`),
    noteRefusedStrangers: (summary) => state.strangerSummaries.push(`${summary.refused} from ${summary.addresses.join(', ')}`),
    takeCommands: (serialNumber, limit) => {
      const taken = state.waitingCommands.filter((waiting) => waiting.serialNumber === serialNumber).slice(0, limit);
      state.waitingCommands = state.waitingCommands.filter((waiting) => !taken.includes(waiting));
      return taken.map(({ id, command }) => ({ id, command }));
    },
    saveCommandResults: (serialNumber, results) => void state.commandResults.push(...results.map((result) => ({ ...result, serialNumber }))),
  };
  return { sink, state };
}
