import type { ReactNode } from 'react';
import { AppShell, Badge, Box, Group, NavLink, ScrollArea, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Cpu, FileUp, History, LayoutDashboard, ListChecks, Settings, Users } from 'lucide-react';
import { useBackend } from '../api/api-context';
import { queryKeys } from '../api/query-keys';
import { formatCount } from '../lib/format';
import { describeSchedule, type ScheduleStatus } from '../lib/sync-schedule';
import { hrefFor, useRoute } from './router';

interface NavEntry {
  path: string;
  label: string;
  icon: ReactNode;
  count?: number;
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

  const entries: NavEntry[] = [
    { path: '/', label: 'Dashboard', icon: <LayoutDashboard size={18} /> },
    { path: '/devices', label: 'Devices', icon: <Cpu size={18} />, count: troubledDevices, countLabel: 'devices need attention', color: 'orange' },
    { path: '/mapping', label: 'Employee mapping', icon: <Users size={18} />, count: status.data?.unmatchedUsers, countLabel: 'people not linked to an employee', color: 'orange' },
    { path: '/punches', label: 'Punches', icon: <ListChecks size={18} />, count: held, countLabel: 'punches ERPNext refused or that will be retried', color: 'red' },
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
                rightSection={
                  entry.count ? (
                    <Badge size="sm" color={entry.color} variant="filled" circle={entry.count < 10} aria-label={`${formatCount(entry.count)} ${entry.countLabel}`}>
                      {entry.count > 999 ? '999+' : entry.count}
                    </Badge>
                  ) : null
                }
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
