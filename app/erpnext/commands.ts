// `punchbridge erpnext set` and `punchbridge erpnext test`: store the connection, and try it.
import type { Command } from 'commander';
import { ErpnextSettingsInputSchema, type ApiError } from '../vocabulary';
import { cliContext, fail, report, type CliContext } from '../cli-support';
import { processSecretIo, readCliSecret, secretNeeded } from '../cli-secrets';
import { ERPNEXT_API_SECRET, openFileSecretStore, openSettings } from '../settings';
import { storageFailure } from '../storage-failure';
import { createErpnextClient } from './client';
import type { ErpnextTestReport } from './connection-test';

interface SetOptions {
  url: string;
  apiKey: string;
  apiSecret?: string;
  apiSecretFile?: string;
  timezone?: string;
}

export function registerErpnextCommands(program: Command): void {
  const erpnext = program.command('erpnext').description('connect Punchbridge to ERPNext / Frappe HR');
  erpnext
    .command('set')
    .description('store the ERPNext address and API key; the secret goes to the secret store')
    .requiredOption('--url <url>', 'address of the ERPNext site, such as https://erp.example.com')
    .requiredOption('--api-key <key>', 'API key of the ERPNext user (User > API Access)')
    .option('--api-secret-file <file>', 'file holding the API secret of that user (or set PUNCHBRIDGE_API_SECRET; asked for when neither is given)')
    .option('--api-secret <secret>', 'the API secret itself: shows in the process list, prefer --api-secret-file')
    .option('--timezone <zone>', 'the ERPNext System Settings time zone, such as Asia/Kolkata (default: read it from the server)')
    .action(async (options: SetOptions, command: Command) => {
      const context = cliContext(command);
      const source = { label: 'the API secret', flag: { name: '--api-secret', value: options.apiSecret }, fileFlag: { name: '--api-secret-file', value: options.apiSecretFile }, envName: 'PUNCHBRIDGE_API_SECRET' };
      const apiSecret = await readCliSecret(source, processSecretIo, true);
      if (!apiSecret.ok) return fail(context, apiSecret.error);
      if (apiSecret.value === undefined) return fail(context, secretNeeded(source));
      setConnection(context, { ...options, apiSecret: apiSecret.value });
    });
  erpnext
    .command('test')
    .description('log in to ERPNext and report the user, the checkin path, the server time zone and any problem')
    .action((_options: unknown, command: Command) => testStoredConnection(cliContext(command)));
}

function setConnection(context: CliContext, options: SetOptions): void {
  const settings = openSettings(context.dataDir);
  // Settings this command has no flag for (certificate checks, field name, coordinates) are kept.
  const parsed = ErpnextSettingsInputSchema.safeParse({
    ...settings.getErpnext(),
    url: options.url.trim().replace(/\/+$/, ''),
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    serverTimeZone: options.timezone ?? null,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(context, {
      code: 'invalid-settings',
      message: issue?.message ?? 'The ERPNext settings are not valid.',
      action: 'Correct the value and run the command again.',
    });
  }
  const { apiSecret, ...connection } = parsed.data;
  let saved: ReturnType<typeof settings.setErpnext>;
  try {
    openFileSecretStore(context.dataDir).set(ERPNEXT_API_SECRET, apiSecret ?? '');
    saved = settings.setErpnext(connection);
  } catch (error) {
    const failure = storageFailure(error, context.dataDir);
    if (!failure) throw error;
    return fail(context, failure);
  }
  report(context, { ok: true, url: saved.url, apiKey: saved.apiKey, serverTimeZone: saved.serverTimeZone }, () =>
    [
      `Saved the ERPNext connection to ${saved.url} (API key ${saved.apiKey}; the secret is kept in the secret store, readable only by you).`,
      `Server time zone: ${saved.serverTimeZone ?? 'read from ERPNext'}. Run \`punchbridge erpnext test\` to try the connection.`,
    ].join('\n'),
  );
}

async function testStoredConnection(context: CliContext): Promise<void> {
  const settings = openSettings(context.dataDir).getErpnext();
  const apiSecret = openFileSecretStore(context.dataDir).get(ERPNEXT_API_SECRET);
  if (!settings || !apiSecret) return fail(context, notConfigured());
  const created = createErpnextClient({ url: settings.url, apiKey: settings.apiKey, apiSecret, verifyTls: settings.verifyTls, caFile: settings.caFile });
  if (!created.ok) return fail(context, created.error);
  const client = created.value;
  try {
    const tested = await client.testConnection({ chosenTimeZone: settings.serverTimeZone });
    if (!tested.ok) return fail(context, tested.error);
    report(context, { ok: true, url: settings.url, ...tested.value }, () => describe(settings.url, tested.value));
  } finally {
    client.close();
  }
}

function notConfigured(): ApiError {
  return {
    code: 'erpnext-not-configured',
    message: 'No ERPNext connection is stored yet.',
    action: 'Run `punchbridge erpnext set --url https://your-site --api-key KEY --api-secret-file FILE` first (or leave out --api-secret-file to be asked).',
  };
}

const TIME_FIELD = {
  writable: 'kept (the API user may set the checkin time)',
  'reset-to-now': 'REPLACED by the arrival time (see problems)',
  unknown: 'not known yet (checked on the first push)',
};

function describe(url: string, tested: ErpnextTestReport): string {
  const lines = [
    `Connected to ERPNext at ${url}`,
    `  User           ${tested.user}`,
    `  Checkin path   ${tested.detectedPath}  ${tested.endpoint.path}`,
    `  Server zone    ${tested.serverTimeZone ?? '(not readable by this user)'}`,
    `  Punch times    ${TIME_FIELD[tested.timeFieldAccess]}`,
  ];
  if (tested.problems.length === 0) return [...lines, '', 'No problems found.'].join('\n');
  lines.push('', `Problems (${tested.problems.length}):`);
  for (const problem of tested.problems) lines.push(`  - ${problem.message}`, `    ${problem.action}`);
  return lines.join('\n');
}
