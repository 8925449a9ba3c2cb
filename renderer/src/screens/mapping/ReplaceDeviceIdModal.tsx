import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';

export interface DeviceIdReplacement {
  userId: string;
  employee: string;
  employeeName: string;
  currentDeviceId: string;
}

/** "Save to ERPNext" would replace Attendance Device IDs employees already have: show them, and ask. */
export function ReplaceDeviceIdModal({
  replacements,
  saving,
  onConfirm,
  onCancel,
}: {
  replacements: DeviceIdReplacement[];
  saving: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const many = replacements.length > 1;
  return (
    <Modal opened={replacements.length > 0} onClose={onCancel} size="lg" title={many ? `Replace ${replacements.length} Attendance Device IDs in ERPNext?` : 'Replace an Attendance Device ID in ERPNext?'}>
      <Stack gap="sm">
        <Text size="sm">
          {many ? 'These employees already have' : 'This employee already has'} an Attendance Device ID in ERPNext. Saving replaces it, and punches of the old
          ID will no longer be matched to {many ? 'them' : 'this employee'}.
        </Text>
        <Table withTableBorder verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Employee</Table.Th>
              <Table.Th>Attendance Device ID</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {replacements.map((replacement) => (
              <Table.Tr key={replacement.userId}>
                <Table.Td>{`${replacement.employeeName} (${replacement.employee})`}</Table.Td>
                <Table.Td ff="monospace">{`${replacement.currentDeviceId} → ${replacement.userId}`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="sm" c="dimmed">
          To keep the ERPNext value, choose "Map in Punchbridge only" instead.
        </Text>
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onCancel} data-autofocus>
            Keep it
          </Button>
          <Button color="orange" loading={saving} onClick={onConfirm}>
            Replace and save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
