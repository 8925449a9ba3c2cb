// The ERPNext / Frappe HR client: connection test and endpoint detection, checkin push with every
// answer classified, employees, shift types and the server's time zone.
export { createErpnextClient } from './client';
export { readCaFile } from './ca-file';
export type { CheckinPunch, ErpnextClient, ErpnextClientOptions } from './client';
export type { ErpnextConnection } from './transport';
export type { FoundCheckin } from './checkin-lookup';
export type { SavedCheckin } from './saved-between-lookup';
export { CHECKIN_ENDPOINTS } from './checkin-endpoint';
export type { CheckinEndpoint, CheckinEndpointKind } from './checkin-endpoint';
export { classifyCheckinAnswer, pushEffect } from './checkin-outcome';
export type { PushOutcome, PushOutcomeKind, PushEffect, SentCheckin } from './checkin-outcome';
export { readFrappeAnswer } from './frappe-answer';
export type { FrappeAnswer, HttpResponse } from './frappe-answer';
export type { ErpnextTestReport, TimeFieldAccess } from './connection-test';
export type { EmployeeListQuery } from './employees';
export type { ShiftSyncUpdate } from './shift-types';
