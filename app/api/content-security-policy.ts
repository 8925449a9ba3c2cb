// One Content-Security-Policy for the Electron window and the browser UI, so the renderer is held
// to the same rules behind both doors. Mantine writes style attributes and <style> tags at run
// time, hence 'unsafe-inline' for styles only; scripts come from our own origin and nowhere else.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The policy as a <meta> tag carries it: Electron's docs say response headers do not reach pages
 * loaded from file://, so the built index.html holds the policy itself. frame-ancestors is left
 * out because browsers ignore it in a meta tag (and warn); the headers still send it.
 */
export function metaTagContentSecurityPolicy(policy: string = CONTENT_SECURITY_POLICY): string {
  return policy
    .split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');
}
