export * from './contract';
export { createPunchbridgeService, type PunchbridgeService, type ServiceOptions } from './service';
export { callApiMethod, INTERNAL_ERROR, type ApiCallOutcome } from './dispatch';
export { CONTENT_SECURITY_POLICY } from './content-security-policy';
