// The ERPNext connection form and how it becomes an ErpnextSettingsInput.
import type { ErpnextSettings, ErpnextSettingsInput } from '../../../../app/api/contract';
import { currentZoneName, ErpnextSettingsInputSchema } from '../../../../app/api/contract';

export interface ErpnextFormValues {
  url: string;
  apiKey: string;
  /** Empty keeps the stored secret (the secret is write-only). */
  apiSecret: string;
  serverTimeZone: string | null;
  employeeFieldname: 'attendance_device_id' | 'name';
  verifyTls: boolean;
  caFile: string;
  latitude: number | string;
  longitude: number | string;
}

export function erpnextToForm(settings: ErpnextSettings | null): ErpnextFormValues {
  return {
    url: settings?.url ?? '',
    apiKey: settings?.apiKey ?? '',
    apiSecret: '',
    serverTimeZone: settings?.serverTimeZone ? currentZoneName(settings.serverTimeZone) : null,
    employeeFieldname: settings?.employeeFieldname ?? 'attendance_device_id',
    verifyTls: settings?.verifyTls ?? true,
    caFile: settings?.caFile ?? '',
    latitude: settings?.latitude ?? '',
    longitude: settings?.longitude ?? '',
  };
}

const coordinate = (value: number | string) => (typeof value === 'number' ? value : null);

export function toErpnextInput(values: ErpnextFormValues): ErpnextSettingsInput {
  const input: ErpnextSettingsInput = {
    url: values.url,
    apiKey: values.apiKey,
    serverTimeZone: values.serverTimeZone,
    employeeFieldname: values.employeeFieldname,
    verifyTls: values.verifyTls,
    caFile: values.caFile.trim() || null,
    latitude: coordinate(values.latitude),
    longitude: coordinate(values.longitude),
  };
  if (values.apiSecret.trim()) input.apiSecret = values.apiSecret;
  return input;
}

export function validateErpnextForm(values: ErpnextFormValues, hasStoredSecret: boolean): Partial<Record<keyof ErpnextFormValues, string>> {
  const errors: Partial<Record<keyof ErpnextFormValues, string>> = {};
  const parsed = ErpnextSettingsInputSchema.safeParse(toErpnextInput(values));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]) as keyof ErpnextFormValues;
      if (field in values && !errors[field]) errors[field] = issue.message;
    }
  }
  if (!hasStoredSecret && !values.apiSecret.trim()) errors.apiSecret = 'Enter the API secret';
  if ((values.latitude === '') !== (values.longitude === '')) {
    errors[values.latitude === '' ? 'latitude' : 'longitude'] = 'Enter both latitude and longitude, or neither';
  }
  return errors;
}
