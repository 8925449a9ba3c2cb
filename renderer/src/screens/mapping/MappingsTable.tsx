import { Button, Table, Text } from '@mantine/core';
import { Unlink } from 'lucide-react';
import type { EmployeeMapping } from '../../../../app/api/contract';
import { formatWallClock } from '../../lib/format';

export interface MappingsTableProps {
  mappings: EmployeeMapping[];
  /** Device names by id; a mapping names only the device id. */
  deviceNames: ReadonlyMap<string, string>;
  removing: { userId: string; deviceId: string | null } | null;
  onUnmap: (mapping: EmployeeMapping) => void;
}

export function MappingsTable({ mappings, deviceNames, removing, onUnmap }: MappingsTableProps) {
  return (
    <Table verticalSpacing="sm" aria-label="People linked to employees">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>User ID</Table.Th>
          <Table.Th>On device</Table.Th>
          <Table.Th>Employee</Table.Th>
          <Table.Th>Kept in</Table.Th>
          <Table.Th>Linked on</Table.Th>
          <Table.Th w={120} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {mappings.map((mapping) => (
          <Table.Tr key={`${mapping.deviceId}/${mapping.userId}`}>
            <Table.Td>
              <Text size="sm" ff="monospace">
                {mapping.userId}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{mapping.deviceId === null ? 'Every device' : (deviceNames.get(mapping.deviceId) ?? 'A removed device')}</Text>
            </Table.Td>
            <Table.Td>
              {mapping.employeeName && <Text size="sm">{mapping.employeeName}</Text>}
              <Text size={mapping.employeeName ? 'xs' : 'sm'} c={mapping.employeeName ? 'dimmed' : undefined} ff="monospace">
                {mapping.employee}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{mapping.inErpnext ? 'ERPNext (Attendance Device ID)' : 'Punchbridge only'}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{formatWallClock(mapping.createdAt)}</Text>
            </Table.Td>
            <Table.Td>
              <Button
                size="compact-sm"
                variant="subtle"
                color="red"
                leftSection={<Unlink size={14} />}
                loading={removing?.userId === mapping.userId && removing.deviceId === mapping.deviceId}
                onClick={() => onUnmap(mapping)}
                aria-label={`Unlink user ${mapping.userId} from ${mapping.employeeName ?? mapping.employee}`}
              >
                Unlink
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
