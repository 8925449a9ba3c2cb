// The ERPNext connection: saved without its secret in the settings, the secret in the secret store.
import { createErpnextClient, type ErpnextClient } from '../../erpnext';
import { ERPNEXT_API_SECRET } from '../../settings';
import { registerSecret } from '../../log';
import type { ErpnextSettings, ErpnextSettingsInput, PunchbridgeApi, Result } from '../contract';
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
      const client = input ? clientFor(input, secrets.get(ERPNEXT_API_SECRET)) : context.erpnext();
      if (!client.ok) return client;
      try {
        const tested = await client.value.testConnection({ chosenTimeZone: (input ?? settings.getErpnext())?.serverTimeZone ?? null });
        if (!tested.ok) return tested;
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

/** A client for settings being edited, before they are saved: the typed secret, or the stored one. */
function clientFor(input: ErpnextSettingsInput, storedSecret: string | null): Result<ErpnextClient> {
  const apiSecret = input.apiSecret ?? storedSecret;
  if (!apiSecret) return { ok: false, error: secretMissing() };
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

function secretMissing() {
  return {
    code: 'erpnext-secret-missing',
    message: 'The ERPNext API secret is not stored.',
    action: 'Enter the API secret of the ERPNext user (User > API Access > Generate Keys) and save.',
  };
}
