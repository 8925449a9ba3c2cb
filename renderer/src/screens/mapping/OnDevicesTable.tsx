// Per employee, on which terminals they are: the overview a preview brings back.
import { Badge, Table, Text, Tooltip } from '@mantine/core';
import { Check, Minus } from 'lucide-react';
import type { DeviceUserOverview } from '../../../../app/api/contract';
import { plural } from '../../lib/format';

const LEAVERS = new Set(['Left', 'Inactive']);

export function OnDevicesTable({ overview }: { overview: DeviceUserOverview }) {
  const readable = overview.devices.filter((device) => device.error === null);
  const onDevice = new Map(readable.map((device) => [device.deviceId, new Set(device.userIds)]));
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing="xs" striped aria-label="Employees on the devices">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Employee</Table.Th>
            <Table.Th>Device ID</Table.Th>
            <Table.Th>Status</Table.Th>
            {readable.map((device) => (
              <Table.Th key={device.deviceId} ta="center">
                {device.deviceName}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {overview.employees.map((employee) => {
            const leaver = LEAVERS.has(employee.status);
            return (
              <Table.Tr key={employee.employee}>
                <Table.Td>
                  <Text size="sm">
                    {employee.employeeName}{' '}
                    <Text span size="xs" c="dimmed">
                      {employee.employee}
                    </Text>
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {employee.userId}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={leaver ? 'gray' : 'teal'}>
                    {employee.status}
                  </Badge>
                </Table.Td>
                {readable.map((device) => {
                  const present = onDevice.get(device.deviceId)!.has(employee.userId);
                  const fingers = present ? device.fingerprints?.[employee.userId] : undefined;
                  const label = `${employee.employeeName} ${present ? 'is' : 'is not'} on ${device.deviceName}${fingers === undefined ? '' : `, ${plural(fingers, 'fingerprint')}`}`;
                  return (
                    <Table.Td key={device.deviceId} ta="center">
                      <Tooltip label={label} withArrow>
                        <span role="img" aria-label={label} style={{ display: 'inline-flex', color: present ? (leaver ? 'var(--mantine-color-orange-7)' : 'var(--mantine-color-teal-7)') : 'var(--mantine-color-gray-6)' }}>
                          {present ? <Check size={16} /> : <Minus size={16} />}
                          {fingers !== undefined && (
                            <Text span size="xs" ml={4} c="dimmed" aria-hidden>
                              {fingers}
                            </Text>
                          )}
                        </span>
                      </Tooltip>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
