import { ActionIcon, Badge, Button, Group, Menu, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { Clock, EllipsisVertical, FileDown, Pencil, Trash2 } from 'lucide-react';
import type { Device } from '../../../../app/api/contract';
import { DeviceStatusBadge } from '../../components/DeviceStatusBadge';
import { describeDeviceIdentity } from '../../lib/device-identity';
import { describeSkew, formatDay, formatWallClock } from '../../lib/format';

const RULE_LABELS = { auto: 'IN/OUT from the device keys', in: 'Every punch is IN', out: 'Every punch is OUT', none: 'No IN/OUT' };

export interface DeviceTableProps {
  devices: Device[];
  /** Approved ADMS terminals: they push to Punchbridge, so their address is where they push from. */
  pushDeviceIds: ReadonlySet<string>;
  skewLimit: number;
  settingTimeOf: string | null;
  onEdit: (device: Device) => void;
  onRemove: (device: Device) => void;
  onSetTime: (device: Device) => void;
  onSaveTrace: (device: Device) => void;
}

export function DeviceTable({ devices, pushDeviceIds, skewLimit, settingTimeOf, onEdit, onRemove, onSetTime, onSaveTrace }: DeviceTableProps) {
  return (
    <Table.ScrollContainer minWidth={680}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Devices">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Device</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Last read</Table.Th>
            <Table.Th>Clock</Table.Th>
            <Table.Th w={60}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {devices.map((device) => {
            // A push terminal is never connected to, so its clock cannot be set from here.
            const pushes = pushDeviceIds.has(device.id);
            const skewed = device.clockSkewSeconds !== null && Math.abs(device.clockSkewSeconds) > skewLimit;
            return (
              <Table.Tr key={device.id}>
                <Table.Td maw={240}>
                  <Text fw={500} lineClamp={2} title={device.name}>
                    {device.name}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {pushes ? (
                      <>
                        <Badge size="xs" variant="light" color="grape" mr={6} style={{ verticalAlign: 'text-bottom' }}>
                          Push
                        </Badge>
                        from {device.host}
                      </>
                    ) : (
                      `${device.host}:${device.port}`
                    )}
                    {device.serialNumber && <DeviceIdentity serial={device.serialNumber} />}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {RULE_LABELS[device.logTypeRule]}
                    {device.timeZone ? ` · ${device.timeZone}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td miw={150}>
                  <DeviceStatusBadge status={device.enabled ? device.status : 'disabled'} />
                  {device.lastError && (
                    <Tooltip label={device.lastError.action} multiline maw={320}>
                      <Text size="xs" c="red" mt={4} maw={240} lineClamp={2}>
                        {device.lastError.message}
                      </Text>
                    </Tooltip>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{formatDay(device.lastReadAt)}</Text>
                  {device.lastReadAt && (
                    <Text size="xs" c="dimmed">
                      {formatWallClock(device.lastReadAt).split(', ')[1]}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {device.clockSkewSeconds === null ? (
                    <Text size="sm" c="dimmed">—</Text>
                  ) : skewed ? (
                    <Stack gap={4} align="flex-start">
                      <Text size="sm" c="orange" style={{ whiteSpace: 'nowrap' }}>
                        {describeSkew(device.clockSkewSeconds)}
                      </Text>
                      {!pushes && (
                        <Button size="compact-xs" variant="light" color="orange" leftSection={<Clock size={12} />} loading={settingTimeOf === device.id} onClick={() => onSetTime(device)}>
                          Set time
                        </Button>
                      )}
                    </Stack>
                  ) : (
                    <Text size="sm">Correct</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Tooltip label="Edit">
                      <ActionIcon variant="subtle" aria-label={`Edit ${device.name}`} onClick={() => onEdit(device)}>
                        <Pencil size={16} />
                      </ActionIcon>
                    </Tooltip>
                    <Menu position="bottom-end">
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray" aria-label={`More for ${device.name}`}>
                          <EllipsisVertical size={16} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        {!pushes && (
                          <Menu.Item leftSection={<Clock size={14} />} onClick={() => onSetTime(device)}>
                            Set the device clock to this computer's time
                          </Menu.Item>
                        )}
                        {!pushes && (
                          <Menu.Item leftSection={<FileDown size={14} />} onClick={() => onSaveTrace(device)}>
                            Save a trace for support
                          </Menu.Item>
                        )}
                        <Menu.Item color="red" leftSection={<Trash2 size={14} />} onClick={() => onRemove(device)}>
                          Remove device
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The serial number, or how a device without one is known, with the reason on hover and for screen readers. */
function DeviceIdentity({ serial }: { serial: string }) {
  const { text, explanation } = describeDeviceIdentity(serial);
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {' · '}
      {explanation ? (
        <Tooltip label={explanation} multiline maw={320}>
          <span tabIndex={0} style={{ textDecoration: 'underline dotted' }} aria-label={`${text}: ${explanation}`}>
            {text}
          </span>
        </Tooltip>
      ) : (
        text
      )}
    </span>
  );
}
