import { Alert, Anchor, Button, Drawer, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ExternalLink, Info } from 'lucide-react';
import type { ReactNode } from 'react';
import { PUNCH_SOURCE_LABELS, punchKeyLabel, verifyMethodLabel, type Punch } from '../../../../app/api/contract';
import { useBackend } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { StateBadge, plainReason } from '../../components/StateBadge';
import { formatWallClock } from '../../lib/format';

/** ERPNext names the employee in its refusal ("… Inactive Employee HR-EMP-00012."), even when Punchbridge has no link. */
const EMPLOYEE_IN_REASON = /Inactive Employee\s+(?:<a[^>]*>)?([^<\s]+?)(?:<\/a>)?\.?$/;

function employeeText(punch: Punch): string {
  if (punch.employeeName) return `${punch.employeeName} (${punch.employee})`;
  if (punch.employee) return punch.employee;
  if (punch.state === 'unmatched') return 'Not linked to an employee';
  const named = punch.lastError ? EMPLOYEE_IN_REASON.exec(punch.lastError)?.[1] : undefined;
  if (named) return `${named}, found by ERPNext from Attendance Device ID ${punch.userId}`;
  return `Looked up by ERPNext from Attendance Device ID ${punch.userId}`;
}

export function punchTitle(punch: Punch): string {
  return `${punch.employeeName ?? `Device user ${punch.userId}`}, ${formatWallClock(punch.deviceTime)}`;
}

export function PunchDetail({ punch, onClose }: { punch: Punch | null; onClose: () => void }) {
  const backend = useBackend();
  const erpnext = useQuery({ queryKey: queryKeys.erpnext, queryFn: () => backend.getErpnextSettings() });
  const refused = punch?.state === 'rejected';
  const refusals = useQuery({ queryKey: queryKeys.refusals, queryFn: () => backend.listRefusals(), enabled: refused });
  const group = refused ? refusals.data?.find((candidate) => candidate.reason === punch.lastError) : undefined;
  const site = erpnext.data?.url;
  return (
    <Drawer opened={punch !== null} onClose={onClose} position="right" size={440} title={punch ? punchTitle(punch) : ''} closeButtonProps={{ 'aria-label': 'Close the punch' }}>
      {punch && (
        <Stack gap="md">
          <div>
            <StateBadge state={punch.state} />
          </div>
          {punch.lastError && (
            <Alert color={punch.state === 'failed' ? 'yellow' : 'red'} variant="light" title={punch.state === 'unmatched' ? 'ERPNext could not find the employee' : 'What ERPNext said'}>
              <Stack gap={6}>
                <Text size="sm" style={{ wordBreak: 'break-word' }}>
                  {plainReason(punch.lastError)}
                </Text>
                {group && (
                  <>
                    <Text size="sm">
                      <Text span fw={600}>What to change: </Text>
                      {group.whatToChange}
                    </Text>
                    <Text size="sm">
                      <Text span fw={600}>Now: </Text>
                      {group.now}
                    </Text>
                    {group.link && (
                      <div>
                        <Button component="a" href={group.link.url} target="_blank" rel="noreferrer" size="xs" variant="white" color="red" leftSection={<ExternalLink size={14} />}>
                          {group.link.label}
                        </Button>
                      </div>
                    )}
                  </>
                )}
              </Stack>
            </Alert>
          )}
          {punch.timeNote && (
            <Alert color="blue" variant="light" icon={<Info size={16} />}>
              <Text size="sm">{punch.timeNote}</Text>
            </Alert>
          )}
          <Table variant="vertical" layout="fixed" withTableBorder>
            <Table.Tbody>
              <Row label="Employee" value={employeeText(punch)} />
              <Row label="User ID on device" value={punch.userId} />
              <Row label="Device" value={`${punch.deviceName} (${punch.deviceSerial})`} />
              <Row label="Time on the device" value={formatWallClock(punch.deviceTime, { seconds: true })} />
              <Row label="Time sent to ERPNext" value={punch.serverTime ? formatWallClock(punch.serverTime, { seconds: true }) : 'Not yet converted'} />
              <Row label="In or out" value={punch.logType ?? 'Not set'} />
              <Row label="Key pressed" value={punchKeyLabel(punch.punchStateCode)} />
              <Row label="Verified by" value={verifyMethodLabel(punch.verifyType)} />
              <Row
                label="Checkin in ERPNext"
                value={
                  punch.checkinName && site ? (
                    <Anchor href={`${site}/app/employee-checkin/${encodeURIComponent(punch.checkinName)}`} target="_blank" rel="noreferrer" size="sm">
                      {punch.checkinName}
                    </Anchor>
                  ) : (
                    (punch.checkinName ?? (punch.state === 'synced' ? 'Already in ERPNext (sent before)' : 'Not created yet'))
                  )
                }
              />
              <Row label="Attempts" value={String(punch.attempts)} />
              <Row label="How it arrived" value={PUNCH_SOURCE_LABELS[punch.source]} />
              <Row label="Received" value={formatWallClock(punch.receivedAt, { seconds: true })} />
              <Row label="Sent" value={punch.syncedAt ? formatWallClock(punch.syncedAt, { seconds: true }) : 'Not sent yet'} />
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Drawer>
  );
}

function Row({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={160}>{label}</Table.Th>
      <Table.Td style={{ wordBreak: 'break-word' }}>{value}</Table.Td>
    </Table.Tr>
  );
}
