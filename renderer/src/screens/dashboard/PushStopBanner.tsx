import { Alert, Button, ScrollArea, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { OctagonX, ShieldCheck } from 'lucide-react';
import type { AppStatus } from '../../../../app/api/contract';
import { useBackend } from '../../api/api-context';

type Stop = NonNullable<AppStatus['pushStop']>;

// Checkin names and times read badly broken over two lines: the list scrolls sideways instead.
const NO_WRAP = { th: { whiteSpace: 'nowrap' }, td: { whiteSpace: 'nowrap' } } as const;

/**
 * The time trap's stop (docs/frappe-hr.md §0.5): nothing goes to ERPNext until the person says the
 * API user's role is fixed. It lists every checkin ERPNext saved at the wrong time, for HR to
 * delete there.
 */
export function PushStopBanner({ stop }: { stop: Stop }) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const lift = useMutation({
    mutationFn: () => backend.liftPushStop(),
    onSuccess: (result) => {
      if (!result.ok) notifications.show({ color: 'red', title: result.error.message, message: result.error.action, autoClose: 12_000 });
      void queryClient.invalidateQueries();
    },
  });

  if (stop.liftedAt !== null) {
    return (
      <Alert color="blue" variant="light" icon={<ShieldCheck size={18} />} title="Checking the fix: the next push sends one punch and checks its time">
        <Text size="sm">If ERPNext keeps the punch time, the rest follow; if not, pushing stops again and the list below grows.</Text>
      </Alert>
    );
  }
  const count = stop.wrongCheckins.length;
  return (
    <Alert color="red" variant="light" icon={<OctagonX size={18} />} title="Pushing to ERPNext has stopped: ERPNext replaced punch times" role="alert">
      <Text size="sm">
        The API user may not set the Time field of Employee Checkin, so ERPNext saved {count === 1 ? 'this checkin' : `these ${count} checkins`} at the
        moment {count === 1 ? 'it' : 'they'} arrived instead of the punch time. No punch is sent until you lift the stop.
      </Text>
      <ScrollArea.Autosize mah={220} my="sm" type="auto">
        <Table striped withTableBorder fz="sm" aria-label="Checkins saved at the wrong time" styles={NO_WRAP}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Checkin to delete</Table.Th>
              <Table.Th>Employee</Table.Th>
              <Table.Th>Punch time</Table.Th>
              <Table.Th>Saved as</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {stop.wrongCheckins.map((wrong) => (
              <Table.Tr key={wrong.checkinName}>
                <Table.Td>{wrong.checkinName}</Table.Td>
                <Table.Td>{wrong.employee ?? '—'}</Table.Td>
                <Table.Td>{wrong.sentTime}</Table.Td>
                <Table.Td>{wrong.savedTime}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      <Text size="sm">
        In ERPNext give the API user the HR User or HR Manager role and delete the checkins above. Then press the button: Punchbridge sends one punch
        first and checks its time before the rest, and sends these punches again with their own time.
      </Text>
      <Button mt="sm" color="red" variant="white" loading={lift.isPending} onClick={() => lift.mutate()}>
        The role is fixed: push again
      </Button>
    </Alert>
  );
}
