// ERPNext: the connection settings and what the server tells about employees and shifts.
import { z } from 'zod';
import type { ApiError } from './results';
import { TimeZoneSchema } from './zones';

export const ErpnextSettingsInputSchema = z.object({
  url: z
    .string()
    .trim()
    .url('Enter the full address of your ERPNext site, such as https://erp.example.com')
    .refine((u) => /^https?:\/\//i.test(u), 'The address starts with https:// (or http://)')
    .transform(siteAddress),
  apiKey: z
    .string()
    .trim()
    .min(1, 'Enter the API key from your ERPNext user (User > API Access)')
    .refine((key) => !key.includes(':'), 'This looks like key:secret. Put the part before ":" here and the part after it in API secret')
    .refine((key) => !/\s/.test(key), 'An API key has no spaces: paste only the key, without "token"'),
  /** Write-only. Omitted keeps the stored secret. */
  apiSecret: z.string().trim().min(1, 'Enter the API secret').optional(),
  /** The ERPNext System Settings time zone; null = read it from the server. */
  serverTimeZone: TimeZoneSchema.nullable().default(null),
  /** Which Employee field the device user id is matched against. */
  employeeFieldname: z.enum(['attendance_device_id', 'name']).default('attendance_device_id'),
  verifyTls: z.boolean().default(true),
  caFile: z.string().nullable().default(null),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
});
export type ErpnextSettingsInput = z.input<typeof ErpnextSettingsInputSchema>;

/**
 * The site's own address from whatever was pasted: a page of the site copied from the browser
 * (https://erp.example.com/app/employee-checkin) means the site at its root, where Frappe lives.
 */
function siteAddress(pasted: string): string {
  const url = new URL(pasted);
  if (/^\/(app|desk|login|me|api|#)(\/|$)/.test(url.pathname) || url.hash) return url.origin;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export interface ErpnextSettings extends Omit<z.output<typeof ErpnextSettingsInputSchema>, 'apiSecret'> {
  hasApiSecret: boolean;
}

export interface ErpnextTestResult {
  user: string;
  /** e.g. 'hrms (v14+)', 'erpnext (v13)', 'v2 (Frappe v15+)'. */
  detectedPath: string;
  serverTimeZone: string | null;
  /** Things that work but need attention, each with what to do. */
  problems: ApiError[];
}

export interface EmployeeSummary {
  name: string;
  employeeName: string;
  attendanceDeviceId: string | null;
  status: string;
  company: string | null;
  department: string | null;
  branch: string | null;
}

export const EmployeeSearchSchema = z.object({ text: z.string().max(200), limit: z.number().int().min(1).max(100).default(20) });
export type EmployeeSearch = z.input<typeof EmployeeSearchSchema>;

export interface ShiftTypeSummary {
  name: string;
  lastSyncOfCheckin: string | null;
  autoUpdateLastSync: boolean;
}
