// frappe.get_list as /api/resource/<DocType> drives it (docs/frappe-hr.md §3.6): fields, filters
// and or_filters (JSON list or dict), order_by, limit_start / limit_page_length (alias limit;
// default 20; 0 = all). Without fields only `name` comes back.
import { unhandledError, unknownColumn } from './frappe-errors';
import type { FrappeFailure } from './frappe-failure';
import type { Doc, FieldValue } from './site';

const DEFAULT_PAGE_LENGTH = 20;

type Condition = { field: string; operator: string; value: unknown };

export function listDocuments(docs: readonly Doc[], columns: readonly string[], formDict: Record<string, unknown>): Doc[] | FrappeFailure {
  const fields = parseJsonArgument(formDict.fields, ['name']);
  const filters = parseJsonArgument(formDict.filters, []);
  const orFilters = parseJsonArgument(formDict.or_filters, []);
  if (!fields.ok) return fields.failure;
  if (!filters.ok) return filters.failure;
  if (!orFilters.ok) return orFilters.failure;
  const selected = selectedColumns(fields.value, columns);
  if (!Array.isArray(selected)) return selected;
  const andConditions = conditions(filters.value, columns);
  if (!Array.isArray(andConditions)) return andConditions;
  const orConditions = conditions(orFilters.value, columns);
  if (!Array.isArray(orConditions)) return orConditions;
  const order = parseOrderBy(String(formDict.order_by ?? 'modified desc'), columns);
  if (!Array.isArray(order)) return order;
  const rows = docs.filter(
    (doc) => andConditions.every((condition) => matches(doc, condition)) && (orConditions.length === 0 || orConditions.some((condition) => matches(doc, condition))),
  );
  rows.sort((left, right) => compareBy(left, right, order));
  const start = Number(formDict.limit_start ?? formDict.start ?? 0) || 0;
  const length = Number(formDict.limit_page_length ?? formDict.limit ?? DEFAULT_PAGE_LENGTH);
  const page = length > 0 ? rows.slice(start, start + length) : rows.slice(start);
  return page.map((doc) => Object.fromEntries(selected.map(([column, alias]) => [alias, doc[column] ?? null])));
}

/** fields and filters arrive as JSON text in a query string, or as values in a JSON body. */
function parseJsonArgument(value: unknown, fallback: unknown): { ok: true; value: unknown } | { ok: false; failure: FrappeFailure } {
  if (value === undefined || value === null || value === '') return { ok: true, value: fallback };
  if (typeof value !== 'string') return { ok: true, value };
  try {
    return { ok: true, value: JSON.parse(value) };
  } catch (error) {
    return { ok: false, failure: unhandledError('JSONDecodeError', 'json.decoder.JSONDecodeError', (error as Error).message) };
  }
}

/** `name`, `` `tabEmployee`.`name` ``, `name as id`, `*`. */
function selectedColumns(fields: unknown, columns: readonly string[]): [string, string][] | FrappeFailure {
  const selected: [string, string][] = [];
  for (const field of Array.isArray(fields) ? fields : [fields]) {
    const [expression = '', alias] = String(field).split(/\s+as\s+/i);
    const column = expression.replace(/`/g, '').split('.').pop()!.trim();
    if (column === '*') {
      for (const name of columns) selected.push([name, name]);
      continue;
    }
    if (!columns.includes(column)) return unknownColumn(column, 'field list');
    selected.push([column, alias?.trim() ?? column]);
  }
  return selected;
}

/** `[[field, op, value]]`, `[[doctype, field, op, value]]`, `{field: value}` or `{field: [op, value]}`. */
function conditions(filters: unknown, columns: readonly string[]): Condition[] | FrappeFailure {
  const list: Condition[] = [];
  if (Array.isArray(filters)) {
    for (const item of filters) {
      if (!Array.isArray(item)) continue;
      const [field, operator, value] = item.length >= 4 ? item.slice(1) : item.length === 2 ? [item[0], '=', item[1]] : item;
      list.push({ field: String(field), operator: String(operator).toLowerCase(), value });
    }
  } else if (typeof filters === 'object' && filters !== null) {
    for (const [field, value] of Object.entries(filters)) {
      if (Array.isArray(value)) list.push({ field, operator: String(value[0]).toLowerCase(), value: value[1] });
      else list.push({ field, operator: '=', value });
    }
  }
  const unknown = list.find((condition) => !columns.includes(condition.field));
  return unknown ? unknownColumn(unknown.field, 'where clause') : list;
}

// Frappe wraps columns in ifnull(…, '') for most operators, and MariaDB compares text
// case-insensitively, so the simulator does both.
function matches(doc: Doc, { field, operator, value }: Condition): boolean {
  const actual = normalise(doc[field] ?? null);
  switch (operator) {
    case '=':
      return actual === normalise(value);
    case '!=':
      return actual !== normalise(value);
    case 'like':
      return likePattern(value).test(actual);
    case 'not like':
      return !likePattern(value).test(actual);
    case 'in':
      return listValues(value).includes(actual);
    case 'not in':
      return !listValues(value).includes(actual);
    case 'is':
      return String(value).toLowerCase() === 'set' ? actual !== '' : actual === '';
    case '>':
    case '<':
    case '>=':
    case '<=':
      return compareOrdered(doc[field] ?? null, value, operator);
    default:
      return false;
  }
}

function normalise(value: unknown): string {
  return value === null || value === undefined ? '' : String(value).toLowerCase();
}

function listValues(value: unknown): string[] {
  const items = Array.isArray(value) ? value : String(value ?? '').split(',');
  return items.map((item) => normalise(typeof item === 'string' ? item.trim() : item));
}

function likePattern(value: unknown): RegExp {
  const escaped = String(value ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/%/g, '.*').replace(/_/g, '.')}$`, 'is');
}

function compareOrdered(actual: FieldValue, expected: unknown, operator: string): boolean {
  const difference = compareValues(actual, expected as FieldValue);
  if (operator === '>') return difference > 0;
  if (operator === '<') return difference < 0;
  if (operator === '>=') return difference >= 0;
  return difference <= 0;
}

function compareValues(left: FieldValue | undefined, right: FieldValue | undefined): number {
  const leftNumber = Number(left);
  const rightNumber = Number(right);
  if (left !== null && right !== null && left !== '' && right !== '' && !Number.isNaN(leftNumber) && !Number.isNaN(rightNumber)) {
    return leftNumber - rightNumber;
  }
  return normalise(left).localeCompare(normalise(right));
}

type OrderTerm = { column: string; descending: boolean };

function parseOrderBy(orderBy: string, columns: readonly string[]): OrderTerm[] | FrappeFailure {
  const terms: OrderTerm[] = [];
  for (const part of orderBy.split(',')) {
    const [expression = '', direction = 'asc'] = part.trim().split(/\s+/);
    const column = expression.replace(/`/g, '').split('.').pop()!;
    if (!columns.includes(column)) return unknownColumn(column, 'order clause');
    terms.push({ column, descending: direction.toLowerCase() === 'desc' });
  }
  // MariaDB leaves ties in no particular order; name keeps pages stable here.
  terms.push({ column: 'name', descending: terms[0]?.descending ?? false });
  return terms;
}

function compareBy(left: Doc, right: Doc, order: OrderTerm[]): number {
  for (const { column, descending } of order) {
    const difference = compareValues(left[column] ?? null, right[column] ?? null);
    if (difference !== 0) return descending ? -difference : difference;
  }
  return 0;
}
