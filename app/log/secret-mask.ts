// Secrets never reach a log line (docs/ARCHITECTURE.md, "Secrets"): every value registered here is
// replaced, and so is anything that looks like a credential even when nobody registered it.

const MASK = '***';

/** Keys whose values are secrets wherever they appear in logged objects or JSON text. */
const SECRET_KEY_NAMES = /^(api_?secret|secret|password|comm_?key|token|authorization|cookie|set-cookie|punchbridge_token)$/i;

// Each pattern keeps the name that makes the line readable and masks only the value.
const SECRET_PATTERNS: { pattern: RegExp; replace: string }[] = [
  // Frappe's `Authorization: token <api key>:<api secret>`: the key may stay, the secret may not.
  { pattern: /\b(token\s+[^\s:'"]+:)[^\s'",}]+/gi, replace: `$1${MASK}` },
  // Any Authorization header value (Basic, Bearer...), quoted or not.
  { pattern: /\b(authorization["']?\s*[:=]\s*["']?)(?:(?:basic|bearer|token)\s+)?[^\s'",}]+/gi, replace: `$1${MASK}` },
  // key: value, key=value and "key":"value" forms of the secret key names.
  {
    pattern: /\b((?:api[_ ]?secret|apiSecret|password|comm[_ ]?key|commKey|punchbridge_token)["']?\s*[:=]\s*["']?)[^\s'",&;}]+/gi,
    replace: `$1${MASK}`,
  },
  // A token carried in a URL: ?token=... or &token=...
  { pattern: /([?&]token=)[^\s&#'"]+/gi, replace: `$1${MASK}` },
];

export class SecretMask {
  private readonly secrets = new Set<string>();

  /** Mask this exact value from now on. Very short values are skipped: masking "1" would garble every line. */
  register(secret: string | null | undefined): void {
    if (secret && secret.length >= 4) this.secrets.add(secret);
  }

  maskText(text: string): string {
    let masked = text;
    // Longest first, so a secret containing another is masked whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) masked = masked.split(secret).join(MASK);
    for (const { pattern, replace } of SECRET_PATTERNS) masked = masked.replace(pattern, replace);
    return masked;
  }

  /** Turn a logged detail into text, masking secret-named fields before anything else sees them. */
  describe(detail: unknown): string {
    if (detail instanceof Error) return this.maskText(detail.stack ?? `${detail.name}: ${detail.message}`);
    if (typeof detail === 'string') return this.maskText(detail);
    let text: string;
    try {
      text = JSON.stringify(detail, (key, value: unknown) => (key && SECRET_KEY_NAMES.test(key) && value ? MASK : value)) ?? String(detail);
    } catch {
      text = String(detail);
    }
    return this.maskText(text);
  }
}
