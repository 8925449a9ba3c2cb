// How a device's identity reads to a person. Punchbridge files punches under the serial number a
// terminal reports; one with no usable serial is known by its MAC address ("mac:…") or by the
// identity Punchbridge assigned it ("device:…"), which is also what a second unit repeating
// another's serial gets (app/sync/device-identity.ts).

export interface IdentityLabel {
  /** Short, for a table row. */
  text: string;
  /** The explanation, for a tooltip or a detail line. */
  explanation: string | null;
}

export function describeDeviceIdentity(serial: string): IdentityLabel {
  if (serial.startsWith('mac:')) {
    return {
      text: `MAC ${serial.slice(4).toUpperCase()}`,
      explanation: 'This device reports no serial number, so Punchbridge knows it by its MAC address.',
    };
  }
  if (serial.startsWith('device:')) {
    return {
      text: 'No serial number',
      explanation: `This device reports no usable serial number (none, or one another device already has), so Punchbridge files its punches under "${serial}".`,
    };
  }
  return { text: serial, explanation: null };
}
