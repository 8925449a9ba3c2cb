// The host's access token, kept in the data folder so that the link `punchbridge serve` prints, and
// the cookie a browser got from it, keep working after a restart. `--new-link` replaces it, which
// signs every browser out.
import { join } from 'node:path';
import { privateJsonFile } from '../settings';
import { newHostToken } from './access';

export const HOST_ACCESS_FILE = 'host-access.json';
const MIN_TOKEN_LENGTH = 32;

export function storedHostToken(dataDir: string, options: { renew: boolean }): string {
  const file = privateJsonFile(join(dataDir, HOST_ACCESS_FILE));
  const kept = file.read().token;
  if (!options.renew && kept !== undefined && kept.length >= MIN_TOKEN_LENGTH) return kept;
  const token = newHostToken();
  file.write({ token });
  return token;
}
