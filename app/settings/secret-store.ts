// Secrets (the ERPNext API secret, device comm keys) live apart from the settings, in a store the
// desktop app backs with safeStorage and headless mode with a file only its owner can read.

export type SecretName = 'erpnext.apiSecret' | `device.${string}.commKey` | `adms.${string}.pushCommKey`;

export const ERPNEXT_API_SECRET: SecretName = 'erpnext.apiSecret';

export function deviceCommKeyName(deviceId: string): SecretName {
  return `device.${deviceId}.commKey`;
}

/** The Comm Key an ADMS terminal was approved with, by serial number: it proves the terminal after a change of address. */
export function admsPushCommKeyName(serialNumber: string): SecretName {
  return `adms.${serialNumber}.pushCommKey`;
}

export interface SecretStore {
  get(name: SecretName): string | null;
  set(name: SecretName, value: string): void;
  delete(name: SecretName): void;
}
