// The headless host: the built renderer plus the PunchbridgeApi over HTTP and server-sent events.
export { startHost, HostStartError, DEFAULT_HOST, DEFAULT_PORT, type HostOptions, type RunningHost } from './server';
export { SECURITY_HEADERS } from './security-headers';
export { checkBinding, isLoopbackHost, TOKEN_COOKIE } from './access';
