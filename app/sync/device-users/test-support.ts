// Employees as ERPNext lists them, for the device-user planning tests.
import type { EmployeeSummary } from '../../vocabulary';

export const employee = (attendanceDeviceId: string, employeeName: string, status = 'Active'): EmployeeSummary => ({
  name: `HR-EMP-${attendanceDeviceId}`,
  employeeName,
  attendanceDeviceId,
  status,
  company: null,
  department: null,
  branch: null,
});
