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
