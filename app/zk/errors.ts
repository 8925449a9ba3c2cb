import type { ApiError } from '../vocabulary';

export type ZkErrorCode =
  | 'host-unreachable'
  | 'port-closed'
  | 'timeout'
  | 'not-a-zk-device'
  | 'comm-key-required'
  | 'comm-key-wrong'
  | 'device-busy'
  | 'connection-lost'
  | 'device-refused'
  | 'protocol-error'
  | 'packets-lost';

/** An expected failure talking to a device, with words a person can act on. */
export class ZkError extends Error {
  override name = 'ZkError';

  constructor(
    readonly code: ZkErrorCode,
    message: string,
    readonly action: string,
  ) {
    super(message);
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.message, action: this.action };
  }
}

/** Bytes a decoder cannot make sense of: a device bug, a wrong record size, or not a ZK device. */
export function malformedData(what: string): ZkError {
  return new ZkError(
    'protocol-error',
    `The device sent ${what}.`,
    'Try again; if it keeps happening, note the device model and firmware and report it.',
  );
}

const formatCount = (value: number) => value.toLocaleString('en-US');
const formatSeconds = (ms: number) => `${Number((ms / 1000).toFixed(1)).toLocaleString('en-US')} s`;

/** Where a person raises the wait for slow steps: the device form and the command line name it alike. */
const TIMEOUT_SETTING_HINT = 'raise the device\'s Timeout setting (Devices > Edit, or punchbridge device set --timeout <seconds>)';

/** The messages of every failure, in one place so that they read alike. `target` is "host:port". */
export const zkErrors = {
  hostUnreachable: (target: string, transport: string) =>
    new ZkError(
      'host-unreachable',
      `No device answered at ${target} (${transport}).`,
      `Check that the device is on, plugged into the network and reachable at ${target}, and that the IP address is right.`,
    ),
  portClosed: (target: string) =>
    new ZkError(
      'port-closed',
      `The host at ${target} refused the connection: nothing listens on that port.`,
      'Check the port (ZK devices use 4370) and that this address is the attendance device, not another machine.',
    ),
  notZkDevice: (target: string, detail: string) =>
    new ZkError(
      'not-a-zk-device',
      `Something answers at ${target}, but it is not a ZK attendance device (${detail}).`,
      'Check the IP address and port; the device\'s own network menu shows them.',
    ),
  commKeyRequired: (target: string) =>
    new ZkError(
      'comm-key-required',
      `The device at ${target} is protected by a communication key (comm key).`,
      'Enter the comm key set on the device (menu Comm. > Connection > COMM Key).',
    ),
  commKeyWrong: (target: string) =>
    new ZkError(
      'comm-key-wrong',
      `The device at ${target} did not accept the comm key.`,
      'Check the comm key on the device (menu Comm. > Connection > COMM Key) and enter the same number.',
    ),
  deviceBusy: (target: string) =>
    new ZkError(
      'device-busy',
      `The device at ${target} accepted the connection but is busy and did not start a session.`,
      'Close other programs that talk to the device (ZKTime, another sync tool), wait a minute and try again.',
    ),
  timeout: (target: string, what: string, timeoutMs: number) =>
    new ZkError(
      'timeout',
      `The device at ${target} did not answer ${what} within ${formatCount(timeoutMs)} ms.`,
      'Check the network link to the device, and that no one has it in a menu, then try again.',
    ),
  slowTimeout: (target: string, what: string, timeoutMs: number) =>
    new ZkError(
      'timeout',
      `The device at ${target} did not answer ${what} within ${formatSeconds(timeoutMs)}.`,
      `A device with a full log on a slow processor can need longer: ${TIMEOUT_SETTING_HINT}, then try again.`,
    ),
  packetsLost: (target: string, bytesRead: number, bytesTotal: number, tries: number) =>
    new ZkError(
      'packets-lost',
      `The link to the device at ${target} loses packets: after ${formatCount(bytesRead)} of ${formatCount(bytesTotal)} bytes, one part of the log did not arrive whole in ${tries} tries. Nothing was lost on the device.`,
      'Set the device\'s transport to TCP (Devices > Edit), or use a cable instead of Wi-Fi, then try again.',
    ),
  connectionLost: (target: string) =>
    new ZkError(
      'connection-lost',
      `The device at ${target} closed the connection.`,
      'Check the network link and that no one restarted the device, then try again.',
    ),
  connectionLostMidRead: (bytesRead: number, bytesTotal: number) =>
    new ZkError(
      'connection-lost',
      `The device closed the connection after ${formatCount(bytesRead)} of ${formatCount(bytesTotal)} bytes. Nothing was lost: try again.`,
      'Try again; if it keeps failing, check the network cable or Wi-Fi link to the device.',
    ),
  refused: (target: string, what: string) =>
    new ZkError(
      'device-refused',
      `The device at ${target} refused ${what}.`,
      'The device may not support this on its firmware, or may be in a menu: leave the menu and try again.',
    ),
  unexpectedReply: (target: string, what: string, replyCode: number) =>
    new ZkError(
      'protocol-error',
      `The device at ${target} answered ${what} with an unexpected reply (code ${replyCode}).`,
      'Try again; if it keeps happening, note the device model and firmware and report it.',
    ),
};
