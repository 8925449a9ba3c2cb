// Mapping device users to ERPNext employees.
import { z } from 'zod';
import type { ApiError } from './results';

export interface UnmatchedUser {
  userId: string;
  deviceId: string | null;
  deviceSerial: string;
  deviceName: string;
  nameOnDevice: string | null;
  punchCount: number;
  firstSeen: string;
  lastSeen: string;
}

export const MapUsersSchema = z.object({
  mappings: z
    .array(
      z.object({
        userId: z.string().min(1),
        /** null maps this user id on every device. */
        deviceId: z.string().nullable().default(null),
        employee: z.string().min(1, 'Choose an employee'),
      }),
    )
    .min(1, 'Choose at least one user to map'),
  /** true: set the employee's Attendance Device ID in ERPNext; false: map in Punchbridge only. */
  writeToErpnext: z.boolean().default(false),
});
export type MapUsersInput = z.input<typeof MapUsersSchema>;

export interface MapUsersOutcome {
  mapped: number;
  /** Held punches that went back to the queue. */
  requeued: number;
  failures: { userId: string; error: ApiError }[];
}

export const UnmapSchema = z.object({ userId: z.string().min(1), deviceId: z.string().nullable().default(null) });
export type UnmapInput = z.input<typeof UnmapSchema>;

export interface EmployeeMapping {
  userId: string;
  deviceId: string | null;
  employee: string;
  employeeName: string | null;
  createdAt: string;
  /** Made with "Save to ERPNext": the employee's Attendance Device ID there. Unlinking puts back the value it replaced. */
  inErpnext: boolean;
}
