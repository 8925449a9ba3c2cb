import type { ReactNode } from 'react';
import { AppShell, Badge, Box, Group, NavLink, ScrollArea, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Cpu, FileUp, History, LayoutDashboard, ListChecks, Settings, Users } from 'lucide-react';
import { useBackend } from '../api/api-context';
import { queryKeys } from '../api/query-keys';
import { plural } from '../lib/format';
import { describeSchedule, type ScheduleStatus } from '../lib/sync-schedule';
import { hrefFor, useRoute } from './router';

interface NavEntry {
  path: string;
  label: string;
  icon: ReactNode;
  count?: number;
  /** What the count counts, in a sentence: the tooltip, and what a screen reader reads for it. */
  countLabel?: string;
  color?: string;
}

export function Layout({ children }: { children: ReactNode }) {
  const backend = useBackend();
  const { path } = useRoute();
  const status = useQuery({ queryKey: queryKeys.status, queryFn: () => backend.getStatus() });
  const devices = useQuery({ queryKey: queryKeys.devices, queryFn: () => backend.listDevices() });
  const troubledDevices = devices.data?.filter((device) => device.status === 'error' || device.status === 'warning').length ?? 0;
  const counts = status.data?.counts;
  const held = counts ? counts.rejected + counts.failed : 0;
  const unmatchedUsers = status.data?.unmatchedUsers ?? 0;

  const entries: NavEntry[] = [
    { path: '/', label: 'Dashboard', icon: <LayoutDashboard size={18} /> },
    { path: '/devices', label: 'Devices', icon: <Cpu size={18} />, count: troubledDevices, countLabel: `${plural(troubledDevices, 'device needs', 'devices need')} attention`, color: 'orange' },
    { path: '/mapping', label: 'Employee mapping', icon: <Users size={18} />, count: unmatchedUsers, countLabel: `${plural(unmatchedUsers, 'device user')} not linked to an employee`, color: 'orange' },
    { path: '/punches', label: 'Punches', icon: <ListChecks size={18} />, count: held, countLabel: counts ? heldPunchesLabel(counts.rejected, counts.failed) : undefined, color: 'red' },
    { path: '/import', label: 'Import', icon: <FileUp size={18} /> },
    { path: '/history', label: 'History', icon: <History size={18} /> },
    { path: '/settings', label: 'Settings', icon: <Settings size={18} /> },
  ];
  const isActive = (entry: NavEntry) => (entry.path === '/' ? path === '/' : path === entry.path || path.startsWith(`${entry.path}/`));

  return (
    <AppShell navbar={{ width: 256, breakpoint: 0 }} padding="lg">
      <AppShell.Navbar p="sm" aria-label="Main">
        <AppShell.Section>
          <Group gap={8} px="xs" py="sm">
            <Box w={26} h={26} bg="teal.7" style={{ borderRadius: 6, display: 'grid', placeItems: 'center' }} aria-hidden>
              <Text c="white" fw={700} size="sm">
                P
              </Text>
            </Box>
            <Text fw={700} size="lg">
              Punchbridge
            </Text>
            {status.data?.mode === 'demo' && (
              <Badge size="xs" variant="outline" color="grape">
                Demo
              </Badge>
            )}
          </Group>
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea} mt="xs">
          <nav>
            {entries.map((entry) => (
              <NavLink
                key={entry.path}
                href={hrefFor(entry.path)}
                label={<Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>{entry.label}</Text>}
                leftSection={entry.icon}
                active={isActive(entry)}
                aria-current={isActive(entry) ? 'page' : undefined}
                variant="light"
                style={{ borderRadius: 6 }}
                rightSection={entry.count && entry.countLabel ? <CountBadge count={entry.count} label={entry.countLabel} color={entry.color} /> : null}
              />
            ))}
          </nav>
        </AppShell.Section>
        <AppShell.Section>
          {status.isError ? (
            <Text size="xs" c="red" px="xs" py="xs" role="status">
              The Punchbridge service is not answering
            </Text>
          ) : (
            status.data && <SyncStatusLine status={status.data} />
          )}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Box maw={1400} mx="auto">
          {children}
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

function heldPunchesLabel(refused: number, retrying: number): string {
  if (retrying === 0) return `${plural(refused, 'punch', 'punches')} refused by ERPNext`;
  if (refused === 0) return `${plural(retrying, 'punch', 'punches')} will retry`;
  return `${plural(refused + retrying, 'punch', 'punches')} held: ${refused.toLocaleString('en-US')} refused by ERPNext, ${retrying.toLocaleString('en-US')} will retry`;
}

/** The number is for the eye; a screen reader hears the sentence, which the tooltip shows too. */
function CountBadge({ count, label, color }: { count: number; label: string; color?: string }) {
  return (
    <Tooltip label={label} openDelay={200} position="right" withArrow>
      <Badge size="sm" color={color} variant="filled" circle={count < 10}>
        <span aria-hidden="true">{count > 999 ? '999+' : count}</span>
        <VisuallyHidden>{label}</VisuallyHidden>
      </Badge>
    </Tooltip>
  );
}

function SyncStatusLine({ status }: { status: ScheduleStatus }) {
  const { text, tone } = describeSchedule(status);
  return (
    <Tooltip label="Change the schedule under Settings" openDelay={400}>
      <Text size="xs" c={tone === 'running' ? 'teal' : tone === 'paused' ? 'orange' : 'dimmed'} px="xs" py="xs" role="status" aria-live="polite">
        {text}
      </Text>
    </Tooltip>
  );
}
