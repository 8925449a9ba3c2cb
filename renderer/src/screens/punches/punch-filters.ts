// The punch list's filters live in the address (#/punches?state=failed), so the dashboard can link
// to a filtered list and a filtered view survives a reload.
import type { PunchExport, PunchState } from '../../../../app/api/contract';
import { PUNCH_STATES } from '../../../../app/api/contract';

export interface PunchFilters {
  from: string | null;
  to: string | null;
  deviceId: string | null;
  employee: string | null;
  states: PunchState[];
  search: string;
}

export const NO_FILTERS: PunchFilters = { from: null, to: null, deviceId: null, employee: null, states: [], search: '' };

const isDate = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);

export function filtersFromParams(params: URLSearchParams): PunchFilters {
  const states = (params.get('state') ?? '')
    .split(',')
    .filter((state): state is PunchState => (PUNCH_STATES as readonly string[]).includes(state));
  return {
    from: isDate(params.get('from')) ? params.get('from') : null,
    to: isDate(params.get('to')) ? params.get('to') : null,
    deviceId: params.get('device') || null,
    employee: params.get('employee') || null,
    states: [...new Set(states)],
    search: params.get('q') ?? '',
  };
}

export function filtersToParams(filters: PunchFilters): Record<string, string | undefined> {
  return {
    state: filters.states.join(',') || undefined,
    from: filters.from ?? undefined,
    to: filters.to ?? undefined,
    device: filters.deviceId ?? undefined,
    employee: filters.employee ?? undefined,
    q: filters.search || undefined,
  };
}

/** The query the filters ask for, without empty parts (paging is added by the table). */
export function filtersToQuery(filters: PunchFilters): PunchExport {
  const query: PunchExport = {};
  // A range picked backwards still means the days between the two dates.
  const [from, to] = filters.from && filters.to && filters.from > filters.to ? [filters.to, filters.from] : [filters.from, filters.to];
  if (from) query.from = from;
  if (to) query.to = to;
  if (filters.deviceId) query.deviceId = filters.deviceId;
  if (filters.employee) query.employee = filters.employee;
  if (filters.states.length > 0) query.states = filters.states;
  const search = filters.search.trim().slice(0, 200);
  if (search) query.search = search;
  return query;
}

export function hasFilters(filters: PunchFilters): boolean {
  return Object.keys(filtersToQuery(filters)).length > 0;
}
