import { Alert, Drawer, Stack, Table, Text } from '@mantine/core';
import { Info } from 'lucide-react';
import type { Punch } from '../../../../app/api/contract';
import { StateBadge, plainReason } from '../../components/StateBadge';
import { formatWallClock } from '../../lib/format';

const SOURCES = { zk: 'Read from the device', live: 'Sent live by the device', adms: 'Pushed by the device (ADMS)', file: 'Imported from a file' };

export function PunchDetail({ punch, onClose }: { punch: Punch | null; onClose: () => void }) {
  return (
    <Drawer opened={punch !== null} onClose={onClose} position="right" size={440} title={punch ? `Punch ${punch.id}` : ''}>
      {punch && (
        <Stack gap="md">
          <div>
            <StateBadge state={punch.state} />
          </div>
          {punch.lastError && (
            <Alert color={punch.state === 'failed' ? 'yellow' : 'red'} variant="light" title={punch.state === 'unmatched' ? 'ERPNext could not find the employee' : 'What ERPNext said'}>
              <Text size="sm" style={{ wordBreak: 'break-word' }}>
                {plainReason(punch.lastError)}
              </Text>
            </Alert>
          )}
          {punch.timeNote && (
            <Alert color="blue" variant="light" icon={<Info size={16} />}>
              <Text size="sm">{punch.timeNote}</Text>
            </Alert>
          )}
          <Table variant="vertical" layout="fixed" withTableBorder>
            <Table.Tbody>
              <Row label="Employee" value={punch.employeeName ? `${punch.employeeName} (${punch.employee})` : 'Not linked to an employee'} />
              <Row label="User ID on device" value={punch.userId} />
              <Row label="Device" value={`${punch.deviceName} (${punch.deviceSerial})`} />
              <Row label="Time on the device" value={formatWallClock(punch.deviceTime, { seconds: true })} />
              <Row label="Time sent to ERPNext" value={punch.serverTime ? formatWallClock(punch.serverTime, { seconds: true }) : 'Not yet converted'} />
              <Row label="In or out" value={punch.logType ?? 'Not set'} />
              <Row label="Key code on device" value={String(punch.punchStateCode)} />
              <Row label="Checkin in ERPNext" value={punch.checkinName ?? 'Not created yet'} />
              <Row label="Attempts" value={String(punch.attempts)} />
              <Row label="How it arrived" value={SOURCES[punch.source]} />
              <Row label="Received" value={formatWallClock(punch.receivedAt, { seconds: true })} />
              <Row label="Sent" value={formatWallClock(punch.syncedAt, { seconds: true })} />
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Drawer>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <Table.Tr>
      <Table.Th w={160}>{label}</Table.Th>
      <Table.Td style={{ wordBreak: 'break-word' }}>{value}</Table.Td>
    </Table.Tr>
  );
}
