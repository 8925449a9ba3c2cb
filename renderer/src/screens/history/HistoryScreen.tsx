import { Stack, Tabs } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader';
import { navigate, useRoute } from '../../shell/router';
import { DeviceUserChangeList } from './DeviceUserChangeList';
import { LogView } from './LogView';
import { RunDetail } from './RunDetail';
import { RunList } from './RunList';

export function HistoryScreen() {
  const { path, params } = useRoute();
  const runId = Number(path.split('/')[2]);
  if (Number.isInteger(runId) && runId > 0) return <RunDetail id={runId} />;
  const requested = params.get('tab');
  const tab = requested === 'log' || requested === 'device-users' ? requested : 'runs';
  return (
    <Stack gap="md">
      <PageHeader title="History" description="Every sync, and what Punchbridge has been doing." />
      <Tabs value={tab} onChange={(value) => navigate('/history', { tab: value === 'log' || value === 'device-users' ? value : undefined })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="runs">
            Syncs
          </Tabs.Tab>
          <Tabs.Tab value="device-users">
            Changes on devices
          </Tabs.Tab>
          <Tabs.Tab value="log">
            App log
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="runs" pt="md">
          <RunList />
        </Tabs.Panel>
        <Tabs.Panel value="device-users" pt="md">
          <DeviceUserChangeList />
        </Tabs.Panel>
        <Tabs.Panel value="log" pt="md">
          <LogView />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
