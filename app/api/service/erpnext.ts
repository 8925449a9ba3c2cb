// The ERPNext connection: saved without its secret in the settings, the secret in the secret store.
import { createErpnextClient, readCaFile, type ErpnextClient } from '../../erpnext';
import { ERPNEXT_API_SECRET, type ErpnextConnection } from '../../settings';
import { registerSecret } from '../../log';
import type { ApiError, ErpnextSettings, ErpnextSettingsInput, PunchbridgeApi, Result } from '../contract';
import type { ServiceContext } from './context';

type ErpnextMethods = Pick<PunchbridgeApi, 'getErpnextSettings' | 'saveErpnextSettings' | 'testErpnext' | 'listShiftTypes' | 'searchEmployees'>;

export function erpnextMethods(context: ServiceContext): ErpnextMethods {
  const { settings, secrets } = context;
  const current = (): ErpnextSettings | null => {
    const connection = settings.getErpnext();
    return connection ? { ...connection, hasApiSecret: Boolean(secrets.get(ERPNEXT_API_SECRET)) } : null;
  };

  return {
    async getErpnextSettings() {
      return current();
    },
    async saveErpnextSettings(input) {
      const { apiSecret, ...connection } = input;
      if (!apiSecret && !secrets.get(ERPNEXT_API_SECRET)) return { ok: false, error: secretMissing() };
      const caFile = readCaFile(connection.caFile ?? null);
      if (!caFile.ok) return caFile;
      const before = settings.getErpnext();
      settings.setErpnext(connection);
      if (apiSecret) {
        secrets.set(ERPNEXT_API_SECRET, apiSecret);
        registerSecret(apiSecret);
      }
      context.forgetErpnextClient();
      // Punches held for a reason the new settings may fix (another server, field or zone) get another try.
      const requeued = before ? context.journal.requeueByState(['unmatched', 'rejected']) : 0;
      context.log.info(`ERPNext settings saved for ${connection.url}${requeued ? `; ${requeued} held punches back in the queue` : ''}`);
      context.announceStatus();
      return { ok: true, value: current()! };
    },
    async testErpnext(input) {
      const client = input ? clientFor(input, storedSecretFor(input, settings.getErpnext(), secrets.get(ERPNEXT_API_SECRET))) : context.erpnext();
      if (!client.ok) return client;
      try {
        const tested = await client.value.testConnection({ chosenTimeZone: (input ?? settings.getErpnext())?.serverTimeZone ?? null });
        if (!tested.ok) return { ok: false, error: input && !isSavedSite(input, settings.getErpnext()) ? unquoted(tested, input.url) : tested.error };
        const { user, detectedPath, serverTimeZone, problems } = tested.value;
        return { ok: true, value: { user, detectedPath, serverTimeZone, problems } };
      } finally {
        if (input) client.value.close();
      }
    },
    async listShiftTypes() {
      const client = context.erpnext();
      return client.ok ? client.value.listShiftTypes() : client;
    },
    async searchEmployees({ text, limit }) {
      const client = context.erpnext();
      return client.ok ? client.value.searchEmployees(text, limit ?? 20) : client;
    },
  };
}

/**
 * The stored secret may sign a test of edited settings only where it was saved for: the same site,
 * checked the same way. Anything else (another URL, certificate checking turned off, another CA)
 * would hand it to a server that nobody vouched for.
 */
function storedSecretFor(input: ErpnextSettingsInput, saved: ErpnextConnection | null, storedSecret: string | null): string | null {
  if (!saved || !storedSecret) return null;
  const sameSite = isSavedSite(input, saved);
  const sameChecks = (input.verifyTls ?? true) === saved.verifyTls && (input.caFile ?? null) === saved.caFile;
  return sameSite && sameChecks ? storedSecret : null;
}

function isSavedSite(input: ErpnextSettingsInput, saved: ErpnextConnection | null): boolean {
  return saved !== null && siteAddress(input.url) !== null && siteAddress(input.url) === siteAddress(saved.url);
}

/**
 * A failed test of an address nobody saved yet says what went wrong, not what that server said:
 * otherwise the connection test would read out any web server on the LAN to whoever may call it.
 */
function unquoted(failure: { error: ApiError; answer?: { status: number } | null }, url: string): ApiError {
  if (!failure.answer) return failure.error;
  return {
    code: failure.error.code,
    message: `${url} did not answer as an ERPNext site that accepts this API key and secret (HTTP ${failure.answer.status}).`,
    action: 'Check the address (the one you open ERPNext at) and the API key and secret of the ERPNext user.',
  };
}

/** https://ERP.example.com:443/ and https://erp.example.com name one site. */
function siteAddress(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

/** A client for settings being edited, before they are saved: the typed secret, or the stored one where it may go. */
function clientFor(input: ErpnextSettingsInput, storedSecret: string | null): Result<ErpnextClient> {
  const apiSecret = input.apiSecret ?? storedSecret;
  if (!apiSecret) return { ok: false, error: input.url ? secretNotForThisAddress(input.url) : secretMissing() };
  return createErpnextClient({ url: input.url, apiKey: input.apiKey, apiSecret, verifyTls: input.verifyTls, caFile: input.caFile });
}

/** The client for the saved connection. */
export function savedErpnextClient(context: Pick<ServiceContext, 'settings' | 'secrets'>): Result<ErpnextClient> {
  const connection = context.settings.getErpnext();
  const apiSecret = context.secrets.get(ERPNEXT_API_SECRET);
  if (!connection) {
    return {
      ok: false,
      error: { code: 'erpnext-not-configured', message: 'ERPNext is not set up yet.', action: 'Open Settings and enter your ERPNext address, API key and API secret.' },
    };
  }
  if (!apiSecret) return { ok: false, error: secretMissing() };
  return createErpnextClient({ ...connection, apiSecret });
}

function secretNotForThisAddress(url: string) {
  return {
    code: 'erpnext-secret-missing',
    message: `The stored API secret belongs to the saved ERPNext address, so it is not sent to ${url}.`,
    action: 'Type the API secret for this address to test it, or test the saved address.',
  };
}

function secretMissing() {
  return {
    code: 'erpnext-secret-missing',
    message: 'The ERPNext API secret is not stored.',
    action: 'Enter the API secret of the ERPNext user (User > API Access > Generate Keys) and save.',
  };
}
