// Above the refused punches: one entry per reason ERPNext gave, with what to change (and a link to
// that document in ERPNext), whether the cause still holds, and "Send again" for the whole group.
import { Accordion, Badge, Button, Group, ScrollArea, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ExternalLink, RotateCw, Search } from 'lucide-react';
import type { RefusalGroup } from '../../../../app/api/contract';
import { useBackend } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { plainReason } from '../../components/StateBadge';
import { formatDay, plural } from '../../lib/format';

export interface RefusalGroupsProps {
  /** Show the punches of one reason in the list below. */
  onShow: (searchText: string) => void;
  /** Punches went back to the queue. */
  onRequeued: () => void;
}

const CHANGE_BADGE = {
  true: { color: 'red', label: 'Not fixed yet' },
  false: { color: 'teal', label: 'Fixed: ready to send' },
  null: { color: 'gray', label: 'Check in ERPNext' },
} as const;

/** The reason's words before any HTML link: what the list's search finds in the stored reason. */
export function searchTextFor(reason: string): string {
  return plainReason(reason.split('<')[0]!).slice(0, 200);
}

export function RefusalGroups({ onShow, onRequeued }: RefusalGroupsProps) {
  const backend = useBackend();
  const refusals = useQuery({ queryKey: queryKeys.refusals, queryFn: () => backend.listRefusals() });
  const groups = refusals.data ?? [];
  if (groups.length === 0) return null;
  return (
    <section aria-label="Why ERPNext refused punches">
      <ScrollArea.Autosize mah="30dvh" type="auto" offsetScrollbars>
        <Accordion variant="contained" radius="sm" defaultValue="refusal-0" chevronPosition="left">
          {groups.map((group, index) => (
            // The value becomes part of element ids: an index, not ERPNext's text.
            <RefusalItem key={group.reason} value={`refusal-${index}`} group={group} onShow={onShow} onRequeued={onRequeued} />
          ))}
        </Accordion>
      </ScrollArea.Autosize>
    </section>
  );
}

function RefusalItem({ value, group, onShow, onRequeued }: { value: string; group: RefusalGroup } & RefusalGroupsProps) {
  const backend = useBackend();
  const badge = CHANGE_BADGE[String(group.stillRefused) as keyof typeof CHANGE_BADGE];
  const resend = useMutation({
    mutationFn: () => backend.retryRefusals({ reason: group.reason }),
    onSuccess: (result) => {
      if (result.ok) {
        notifications.show({
          color: result.value.stillRefused === false ? 'teal' : 'yellow',
          title: `${plural(result.value.requeued, 'punch', 'punches')} will be sent again at the next sync`,
          message: result.value.now,
          autoClose: 10_000,
        });
      } else {
        notifications.show({ color: 'red', title: result.error.message, message: result.error.action });
      }
      onRequeued();
    },
  });
  return (
    <Accordion.Item value={value}>
      <Accordion.Control>
        <Group gap="sm" wrap="nowrap">
          <Badge color="red" variant="light" style={{ flexShrink: 0 }}>
            {plural(group.count, 'punch', 'punches')}
          </Badge>
          <Text size="sm" fw={500} truncate title={plainReason(group.reason)} style={{ flex: 1, minWidth: 0 }}>
            {plainReason(group.reason)}
          </Text>
          <Badge color={badge.color} variant="outline" style={{ flexShrink: 0 }}>
            {badge.label}
          </Badge>
        </Group>
      </Accordion.Control>
      <Accordion.Panel>
        <Stack gap={6}>
          <Text size="sm">
            <Text span fw={600}>What to change: </Text>
            {group.whatToChange}
          </Text>
          <Text size="sm" c={group.stillRefused === false ? 'teal.9' : group.stillRefused ? 'red.9' : undefined}>
            <Text span fw={600}>Now: </Text>
            {group.now}
          </Text>
          <Group gap="xs" mt={4}>
            {group.link && (
              <Button component="a" href={group.link.url} target="_blank" rel="noreferrer" size="xs" variant="light" leftSection={<ExternalLink size={14} />}>
                {group.link.label}
              </Button>
            )}
            <Button size="xs" variant="default" leftSection={<Search size={14} />} onClick={() => onShow(searchTextFor(group.reason))}>
              Show these punches
            </Button>
            <Button size="xs" color={group.stillRefused === true ? 'orange' : undefined} leftSection={<RotateCw size={14} />} loading={resend.isPending} onClick={() => resend.mutate()}>
              {group.stillRefused === true ? 'Send again anyway' : 'Send again'}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {group.userIds.length === 1 ? 'Device user' : 'Device users'} {group.userIds.join(', ')} · {formatDay(group.firstTime)} to {formatDay(group.lastTime)}
          </Text>
        </Stack>
      </Accordion.Panel>
    </Accordion.Item>
  );
}
