import { Button, Checkbox, Group, Table, Text, Tooltip } from '@mantine/core';
import { Sparkles } from 'lucide-react';
import type { EmployeeSummary, UnmatchedUser } from '../../../../app/api/contract';
import { EmployeePicker } from '../../components/EmployeePicker';
import { formatCount, formatDay } from '../../lib/format';
import { useSuggestions } from './use-suggestions';

export const unmatchedKey = (user: UnmatchedUser) => `${user.deviceId ?? user.deviceSerial}/${user.userId}`;

export interface UnmatchedTableProps {
  users: UnmatchedUser[];
  selected: ReadonlySet<string>;
  chosen: ReadonlyMap<string, EmployeeSummary>;
  onToggle: (key: string, select: boolean) => void;
  onToggleAll: (select: boolean) => void;
  onChoose: (key: string, employee: EmployeeSummary | null) => void;
}

export function UnmatchedTable({ users, selected, chosen, onToggle, onToggleAll, onChoose }: UnmatchedTableProps) {
  const all = users.length > 0 && users.every((user) => selected.has(unmatchedKey(user)));
  return (
    <Table.ScrollContainer minWidth={680}>
      <Table verticalSpacing="sm" aria-label="People on the devices who are not linked to an employee">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <Checkbox size="xs" aria-label="Select everyone" checked={all} indeterminate={!all && selected.size > 0} onChange={() => onToggleAll(!all)} />
            </Table.Th>
            <Table.Th>Person on the device</Table.Th>
            <Table.Th ta="right">Held punches</Table.Th>
            <Table.Th>Seen</Table.Th>
            <Table.Th w={270}>Employee in ERPNext</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <UnmatchedRow
              key={unmatchedKey(user)}
              user={user}
              selected={selected.has(unmatchedKey(user))}
              employee={chosen.get(unmatchedKey(user)) ?? null}
              onToggle={(select) => onToggle(unmatchedKey(user), select)}
              onChoose={(employee) => onChoose(unmatchedKey(user), employee)}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

interface UnmatchedRowProps {
  user: UnmatchedUser;
  selected: boolean;
  employee: EmployeeSummary | null;
  onToggle: (select: boolean) => void;
  onChoose: (employee: EmployeeSummary | null) => void;
}

function UnmatchedRow({ user, selected, employee, onToggle, onChoose }: UnmatchedRowProps) {
  const suggestions = useSuggestions(user.nameOnDevice);
  const best = suggestions.data?.[0];
  const label = user.nameOnDevice ?? `user ${user.userId}`;
  return (
    <Table.Tr bg={selected ? 'var(--mantine-color-teal-0)' : undefined}>
      <Table.Td>
        <Checkbox size="xs" aria-label={`Select ${label}`} checked={selected} onChange={(event) => onToggle(event.currentTarget.checked)} />
      </Table.Td>
      <Table.Td maw={260}>
        {user.nameOnDevice ? (
          <Text size="sm" fw={500} lineClamp={2} title={user.nameOnDevice}>
            {user.nameOnDevice}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            No name stored
          </Text>
        )}
        <Text size="xs" c="dimmed" truncate title={`User ID ${user.userId} on ${user.deviceName}`}>
          ID {user.userId} · {user.deviceName}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm">{formatCount(user.punchCount)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
          {formatDay(user.firstSeen)}
        </Text>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          to {formatDay(user.lastSeen)}
        </Text>
      </Table.Td>
      <Table.Td>
        <EmployeePicker
          aria-label={`Employee for ${label}`}
          value={employee}
          onChange={(picked) => {
            onChoose(picked);
            if (picked) onToggle(true);
          }}
          suggestions={suggestions.data?.map((suggestion) => suggestion.candidate)}
          size="sm"
        />
        {employee && (
          <Text size="xs" c="dimmed" mt={2}>
            {[employee.name, employee.department].filter(Boolean).join(' · ')}
          </Text>
        )}
        {best && employee?.name !== best.candidate.name && (
          <Group gap={4} mt={4} wrap="nowrap">
            <Tooltip label={`The names are ${Math.round(best.score * 100)}% alike`}>
              <Sparkles size={12} color="var(--mantine-color-grape-6)" aria-hidden />
            </Tooltip>
            <Button
              size="compact-xs"
              variant="subtle"
              color="grape"
              onClick={() => {
                onChoose(best.candidate);
                onToggle(true);
              }}
            >
              {/* The employee ID is what tells two people of one name apart: the name gives way first. */}
              <Group gap={4} wrap="nowrap" maw={230}>
                <Text span size="xs" truncate>
                  Suggested: {best.candidate.employeeName}
                </Text>{' '}
                <Text span size="xs" style={{ flexShrink: 0 }}>
                  ({best.candidate.name})
                </Text>
              </Group>
            </Button>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
