// Terminals that push their punches over HTTP (ADMS / "iclock"): the ones that knocked and wait for
// a person to approve them. Approved ones appear in the device list above.
import { useMemo, useState } from 'react';
import { Alert, Anchor, Button, Card, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdmsDevice, ApiError } from '../../../../app/api/contract';
import { useBackend } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { ApiErrorAlert, ErrorState } from '../../components/states';
import { formatCount, formatWallClock } from '../../lib/format';
import { hrefFor } from '../../shell/router';
import { timeZoneOptions } from '../../lib/time-zones';

export function AdmsSection({ admsPort }: { admsPort: number | null }) {
  const backend = useBackend();
  const adms = useQuery({ queryKey: queryKeys.admsDevices, queryFn: () => backend.listAdmsDevices() });
  const [approving, setApproving] = useState<AdmsDevice | null>(null);
  const waiting = adms.data?.filter((device) => !device.approved || device.movedToAddress !== null) ?? [];

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="adms-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="adms-title">
          Push devices waiting for approval
        </Title>
        {admsPort === null ? (
          <Text size="sm" c="dimmed">
            Newer terminals can send their punches to Punchbridge by themselves (ADMS). The receiver is off:{' '}
            <Anchor href={hrefFor('/settings')}>turn it on under Settings</Anchor> by choosing its port, then point the terminal's Cloud server setting at this
            computer.
          </Text>
        ) : adms.isError ? (
          <ErrorState error={adms.error} onRetry={() => void adms.refetch()} title="The push devices could not be loaded" />
        ) : waiting.length === 0 ? (
          <Text size="sm" c="dimmed">
            No terminal is waiting. Point a terminal's Cloud server (ADMS) setting at this computer, port {admsPort}; it appears here after its first
            contact.
          </Text>
        ) : (
          <WaitingTable devices={waiting} onApprove={setApproving} />
        )}
      </Stack>
      <ApproveModal device={approving} onClose={() => setApproving(null)} />
    </Card>
  );
}

function WaitingTable({ devices, onApprove }: { devices: AdmsDevice[]; onApprove: (device: AdmsDevice) => void }) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs" aria-label="Push devices waiting for approval">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Serial number</Table.Th>
            <Table.Th>Address</Table.Th>
            <Table.Th>Last seen</Table.Th>
            <Table.Th ta="right">Punches sent</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {devices.map((device) => (
            <Table.Tr key={device.serialNumber}>
              <Table.Td fw={500}>{device.serialNumber}</Table.Td>
              <Table.Td>
                {device.movedToAddress ? (
                  <>
                    <Text size="sm">{device.movedToAddress}</Text>
                    <Text size="xs" c="red.8">
                      Address changed: approved at {device.approvedAddress}
                    </Text>
                  </>
                ) : (
                  (device.remoteAddress ?? '—')
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{formatWallClock(device.lastSeenAt)}</Text>
                <Text size="xs" c="dimmed">
                  first {formatWallClock(device.firstSeenAt)}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{formatCount(device.punchesReceived)}</Table.Td>
              <Table.Td ta="right">
                <Button size="xs" onClick={() => onApprove(device)} aria-label={`${device.approved ? 'Approve again' : 'Approve'} ${device.serialNumber}`}>
                  {device.approved ? 'Approve again' : 'Approve'}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ApproveModal({ device, onClose }: { device: AdmsDevice | null; onClose: () => void }) {
  return (
    <Modal opened={device !== null} onClose={onClose} title={device ? `${device.approved ? 'Approve again' : 'Approve'} ${device.serialNumber}` : ''}>
      {device && (device.approved ? <ApproveMoveForm key={device.serialNumber} device={device} onDone={onClose} /> : <ApproveForm key={device.serialNumber} device={device} onDone={onClose} />)}
    </Modal>
  );
}

/** An approved terminal's serial called from a new address: the person says whether it really moved. */
function ApproveMoveForm({ device, onDone }: { device: AdmsDevice; onDone: () => void }) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const devices = useQuery({ queryKey: queryKeys.devices, queryFn: () => backend.listDevices() });
  const name = devices.data?.find((configured) => configured.id === device.deviceId)?.name ?? device.serialNumber;
  const [error, setError] = useState<ApiError | null>(null);
  const approve = useMutation({
    // The name is kept: approving again only moves the terminal to its new address.
    mutationFn: () => backend.approveAdmsDevice({ serialNumber: device.serialNumber, name }),
    onSuccess: (result) => {
      if (!result.ok) return setError(result.error);
      notifications.show({ color: 'teal', message: `${result.value.name} is approved at ${device.movedToAddress}: its punches are kept again.` });
      for (const queryKey of [queryKeys.admsDevices, queryKeys.devices, queryKeys.status]) void queryClient.invalidateQueries({ queryKey });
      onDone();
    },
  });
  return (
    <Stack gap="md">
      <Text size="sm">
        {name} was approved at {device.approvedAddress}, but since {device.movedAt ? formatWallClock(device.movedAt) : 'recently'} its serial number calls from{' '}
        {device.movedToAddress}. Punches from the new address are refused until you approve it.
      </Text>
      <Alert color="yellow" variant="light" title="Approve only if the terminal really moved">
        For example after a new network address from the router (DHCP). If you do not know why the address changed, leave it: another computer may be
        sending punches in its name.
      </Alert>
      {error && <ApiErrorAlert error={error} title="The new address was not approved" />}
      <Group justify="flex-end">
        <Button variant="subtle" onClick={onDone}>
          Cancel
        </Button>
        <Button onClick={() => approve.mutate()} loading={approve.isPending}>
          Approve {device.movedToAddress}
        </Button>
      </Group>
    </Stack>
  );
}

function ApproveForm({ device, onDone }: { device: AdmsDevice; onDone: () => void }) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const zones = useMemo(() => timeZoneOptions(), []);
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState<string | null>(null);
  const [pushCommKey, setPushCommKey] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const nameError = name.trim() === '' ? 'Give the device a name, such as "Main gate"' : null;
  const [touched, setTouched] = useState(false);
  const approve = useMutation({
    mutationFn: () => backend.approveAdmsDevice({ serialNumber: device.serialNumber, name: name.trim(), timeZone, pushCommKey: pushCommKey.trim() || undefined }),
    onSuccess: (result) => {
      if (!result.ok) return setError(result.error);
      notifications.show({ color: 'teal', message: `${result.value.name} is approved: its punches are kept from now on.` });
      for (const queryKey of [queryKeys.admsDevices, queryKeys.devices, queryKeys.status]) void queryClient.invalidateQueries({ queryKey });
      onDone();
    },
  });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (!nameError) approve.mutate();
      }}
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          From {device.remoteAddress ?? 'an unknown address'}. Once approved, the punches it sends from this address are kept and go to ERPNext like any
          other.
        </Text>
        <TextInput label="Name" placeholder="Main gate" value={name} onChange={(event) => setName(event.currentTarget.value)} error={touched && nameError} required data-autofocus />
        <Select
          label="Time zone of the device clock"
          placeholder="Same as ERPNext"
          description="Leave empty when the device is in the same time zone as your ERPNext server"
          data={zones}
          value={timeZone}
          onChange={setTimeZone}
          searchable
          clearable
          limit={200}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          label="Comm key set on the terminal"
          description="Optional. If the terminal's cloud server page has a Comm Key, enter it: a terminal that sends it may move to a new address without being approved again"
          value={pushCommKey}
          onChange={(event) => setPushCommKey(event.currentTarget.value)}
          autoComplete="off"
        />
        {error && <ApiErrorAlert error={error} title="The device was not approved" />}
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={approve.isPending}>
            Approve
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
