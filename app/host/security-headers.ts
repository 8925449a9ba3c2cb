import { CONTENT_SECURITY_POLICY } from '../api';

/** Headers on every answer of the host. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** API answers hold attendance data and settings: never kept by the browser or a proxy. */
export const NO_STORE = 'no-store';
