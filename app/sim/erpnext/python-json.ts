// Python's json.dumps with its defaults (separators ", " and ": ", ensure_ascii), because Frappe
// builds `_server_messages` and `exc` with it and clients see those strings verbatim
// (docs/frappe-hr.md §3.4).

export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return asciiString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
  return `{${entries.map(([key, item]) => `${asciiString(key)}: ${pythonJsonDumps(item)}`).join(', ')}}`;
}

function asciiString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
