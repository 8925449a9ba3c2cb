// The service behind the desktop app: app/api's createPunchbridgeService in 'desktop' mode.
import * as apiModule from '../app/api';
import type { PunchbridgeApi, PunchbridgeEvents } from '../app/api/contract';
import type { SecretCipher } from './secure-storage';

export type DesktopService = PunchbridgeApi &
  PunchbridgeEvents & {
    close(): Promise<void>;
    /** Called when the computer wakes or is unlocked: the service syncs if a run is due. */
    onWake?(): void;
  };

export interface DesktopServiceOptions {
  dataDir: string;
  mode: 'desktop';
  /** Encrypts secrets with the operating system's keystore (safeStorage). */
  secretCipher: SecretCipher;
}

// createPunchbridgeService is app/api's service, built on the sync engine; it is read through the
// namespace so the shell builds before that export exists.
const { createPunchbridgeService } = apiModule as typeof apiModule & {
  createPunchbridgeService: (options: DesktopServiceOptions) => Promise<DesktopService>;
};

export function createDesktopService(dataDir: string, secretCipher: SecretCipher): Promise<DesktopService> {
  return createPunchbridgeService({ dataDir, mode: 'desktop', secretCipher });
}
