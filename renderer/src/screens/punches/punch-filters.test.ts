import { describe, expect, it } from 'vitest';
import { PunchQuerySchema } from '../../../../app/api/contract';
import { filtersFromParams, filtersToParams, filtersToQuery, hasFilters, NO_FILTERS } from './punch-filters';

describe('punch filters', () => {
  it('reads the state the dashboard links to from the address', () => {
    const filters = filtersFromParams(new URLSearchParams('state=failed,rejected,bogus'));
    expect(filters.states).toEqual(['failed', 'rejected']);
    expect(filtersToQuery(filters)).toEqual({ states: ['failed', 'rejected'] });
  });

  it('survives a round trip through the address', () => {
    const filters = { from: '2026-11-01', to: '2026-11-25', deviceId: 'dev-1', employee: 'HR-EMP-00001', states: ['unmatched' as const], search: 'jose' };
    const params = new URLSearchParams(filtersToParams(filters) as Record<string, string>);
    expect(filtersFromParams(params)).toEqual(filters);
  });

  it('leaves out empty parts and ignores malformed dates', () => {
    const filters = filtersFromParams(new URLSearchParams('from=yesterday&q=%20%20'));
    expect(filtersToQuery(filters)).toEqual({});
    expect(hasFilters(filters)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, search: 'x' })).toBe(true);
  });

  it('builds a query the contract accepts, with a backwards range turned round', () => {
    const query = filtersToQuery({ ...NO_FILTERS, from: '2026-11-25', to: '2026-11-01', search: `  ${'a'.repeat(300)}` });
    expect(query.from).toBe('2026-11-01');
    expect(query.to).toBe('2026-11-25');
    expect(PunchQuerySchema.safeParse({ ...query, offset: 0, limit: 200 }).success).toBe(true);
  });
});
