// File import (USB attlog, CSV, XLSX) for the UI: a preview first, then the punches into the
// journal. The work itself is app/sources' importPunchFile, which `punchbridge import` shares.
import { importPunchFile, previewPunchFile, readImportFile, type PunchFile } from '../../sources';
import type { ColumnMapping, PunchbridgeApi, Result } from '../contract';
import type { ServiceContext } from './context';
import { noSuchDevice } from './devices';

type ImportMethods = Pick<PunchbridgeApi, 'previewImport' | 'importPunches'>;

export function importMethods(context: ServiceContext): ImportMethods {
  return {
    async previewImport({ fileName, contentBase64, mapping }) {
      const file = await readFile(context, fileName, contentBase64, mapping);
      if (!file.ok) return file;
      return { ok: true, value: previewPunchFile(file.value) };
    },
    async importPunches({ fileName, contentBase64, mapping, deviceId, acceptProblems }) {
      const device = context.journal.getDevice(deviceId);
      if (!device) return { ok: false, error: noSuchDevice(deviceId) };
      const file = await readFile(context, fileName, contentBase64, mapping);
      if (!file.ok) return file;
      const outcome = await importPunchFile(context.journal, device, fileName, file.value, acceptProblems ?? false);
      if (!outcome.ok) return outcome;
      const { read, inserted, problems } = outcome.value;
      context.log.info(`Imported ${fileName} for ${device.name}: ${read} rows, ${inserted} new, ${file.value.parsed?.problems.length ?? problems.length} left out`);
      context.announceStatus();
      return outcome;
    },
  };
}

function readFile(context: ServiceContext, fileName: string, contentBase64: string, mapping: ColumnMapping | undefined): Promise<Result<PunchFile>> {
  return readImportFile(fileName, Buffer.from(contentBase64, 'base64'), mapping, new Date(context.clock.now()));
}
