// The device form's values, and how they become a DeviceInput checked by the contract's schema.
import type { AdmsTimeZoneUnit, Device, DeviceInput, LogTypeRule } from '../../../../app/api/contract';
import { currentZoneName, DeviceInputSchema } from '../../../../app/api/contract';

/** What to do with the stored comm key when saving an existing device. */
export type CommKeyChoice = 'keep' | 'change' | 'clear';

export interface DeviceFormValues {
  name: string;
  host: string;
  port: number | string;
  transport: 'auto' | 'udp';
  commKeyChoice: CommKeyChoice;
  commKey: string;
  /** null: the ERPNext server's time zone. */
  timeZone: string | null;
  /** Push terminals only: how the terminal reads the time zone Punchbridge sends it. */
  admsTimeZoneUnit: AdmsTimeZoneUnit;
  logTypeRule: LogTypeRule;
  inStates: string;
  outStates: string;
  clearMode: 'never' | 'when-fuller-than';
  clearPercent: number | string;
  enabled: boolean;
  live: boolean;
  /** Seconds a slow device may take to prepare, send or clear a full log. */
  timeoutSeconds: number | string;
}

export function newDeviceForm(): DeviceFormValues {
  return {
    name: '',
    host: '',
    port: 4370,
    transport: 'auto',
    commKeyChoice: 'change',
    commKey: '',
    timeZone: null,
    admsTimeZoneUnit: 'hours',
    logTypeRule: 'auto',
    inStates: '0, 4',
    outStates: '1, 5',
    clearMode: 'never',
    clearPercent: 80,
    enabled: true,
    live: false,
    timeoutSeconds: 60,
  };
}

export function deviceToForm(device: Device): DeviceFormValues {
  return {
    name: device.name,
    host: device.host,
    port: device.port,
    transport: device.transport,
    commKeyChoice: device.hasCommKey ? 'keep' : 'change',
    commKey: '',
    timeZone: device.timeZone && currentZoneName(device.timeZone),
    admsTimeZoneUnit: device.admsTimeZoneUnit,
    logTypeRule: device.logTypeRule,
    inStates: device.inStates.join(', '),
    outStates: device.outStates.join(', '),
    clearMode: device.clearPolicy.mode,
    clearPercent: device.clearPolicy.mode === 'when-fuller-than' ? device.clearPolicy.percent : 80,
    enabled: device.enabled,
    live: device.live,
    timeoutSeconds: device.timeoutSeconds,
  };
}

/** "0, 4" -> [0, 4]; null when the text is not a list of whole numbers. */
export function parseStateCodes(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.some((part) => !/^\d{1,3}$/.test(part))) return null;
  return parts.map(Number);
}

export function toDeviceInput(values: DeviceFormValues): DeviceInput {
  const input: DeviceInput = {
    name: values.name,
    host: values.host,
    port: typeof values.port === 'number' ? values.port : Number.NaN,
    transport: values.transport,
    timeZone: values.timeZone,
    admsTimeZoneUnit: values.admsTimeZoneUnit,
    logTypeRule: values.logTypeRule,
    inStates: parseStateCodes(values.inStates) ?? [],
    outStates: parseStateCodes(values.outStates) ?? [],
    clearPolicy:
      values.clearMode === 'never'
        ? { mode: 'never' }
        : { mode: 'when-fuller-than', percent: typeof values.clearPercent === 'number' ? values.clearPercent : Number.NaN },
    enabled: values.enabled,
    live: values.live,
    timeoutSeconds: typeof values.timeoutSeconds === 'number' ? values.timeoutSeconds : Number.NaN,
  };
  // Omitted keeps the stored key; '' removes it (contract: DeviceInputSchema.commKey).
  if (values.commKeyChoice === 'clear') input.commKey = '';
  else if (values.commKeyChoice === 'change') input.commKey = values.commKey.trim();
  return input;
}

const FIELD_FOR_PATH: Record<string, keyof DeviceFormValues> = {
  name: 'name',
  host: 'host',
  port: 'port',
  commKey: 'commKey',
  timeZone: 'timeZone',
  clearPolicy: 'clearPercent',
  inStates: 'inStates',
  outStates: 'outStates',
  timeoutSeconds: 'timeoutSeconds',
};

/** Errors by form field, in the contract's words, plus the checks the schema cannot make on text. */
export function validateDeviceForm(values: DeviceFormValues): Partial<Record<keyof DeviceFormValues, string>> {
  const errors: Partial<Record<keyof DeviceFormValues, string>> = {};
  const parsed = DeviceInputSchema.safeParse(toDeviceInput(values));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = FIELD_FOR_PATH[String(issue.path[0])];
      if (field && !errors[field]) errors[field] = issue.message;
    }
  }
  if (values.port === '' || Number.isNaN(Number(values.port))) errors.port = 'Enter the port; ZK devices use 4370 unless it was changed';
  if (values.timeoutSeconds === '' || Number.isNaN(Number(values.timeoutSeconds))) errors.timeoutSeconds = 'The timeout runs from 5 to 600 seconds';
  if (values.clearMode === 'when-fuller-than' && (values.clearPercent === '' || Number.isNaN(Number(values.clearPercent)))) {
    errors.clearPercent = 'Enter a percentage from 1 to 100';
  } else if (errors.clearPercent) {
    errors.clearPercent = 'Enter a percentage from 1 to 100';
  }
  if (values.logTypeRule === 'auto') {
    if (parseStateCodes(values.inStates) === null) errors.inStates = 'List the codes as numbers separated by commas, such as 0, 4';
    if (parseStateCodes(values.outStates) === null) errors.outStates = 'List the codes as numbers separated by commas, such as 1, 5';
  } else {
    delete errors.inStates;
    delete errors.outStates;
  }
  return errors;
}
