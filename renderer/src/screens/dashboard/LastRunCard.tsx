import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { RunSummary } from '../../../../app/api/contract';
import { RunOutcomeBadge } from '../../components/DeviceStatusBadge';
import { durationBetween, formatCount, formatWallClock } from '../../lib/format';
import { describeSchedule, type ScheduleStatus } from '../../lib/sync-schedule';
import { hrefFor } from '../../shell/router';

const TRIGGERS = { manual: 'started by hand', schedule: 'scheduled', startup: 'at start-up', wake: 'after the computer woke', cli: 'from the command line' };

export function LastRunCard({ run, schedule }: { run: RunSummary | null; schedule: ScheduleStatus }) {
  const next = describeSchedule(schedule);
  return (
    <Card withBorder padding="lg" aria-labelledby="last-run-title">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={3} size="h4" id="last-run-title">
          Last sync
        </Title>
        {run && <RunOutcomeBadge outcome={run.outcome} />}
      </Group>
      {run ? (
        <Stack gap="sm">
          <Text size="sm">
            {/* Dated by its start, as History lists runs. */}
            Started {formatWallClock(run.startedAt)} · {TRIGGERS[run.trigger]} · took {durationBetween(run.startedAt, run.finishedAt)}
          </Text>
          <SimpleGrid cols={4} spacing="xs">
            <Figure label="Read" value={run.counts.read} />
            <Figure label="New" value={run.counts.new} />
            <Figure label="Sent" value={run.counts.synced} />
            <Figure label="Held" value={run.counts.unmatched + run.counts.rejected + run.counts.failed} />
          </SimpleGrid>
          {run.errors.map((error, index) => (
            <Stack key={index} gap={0} role="alert">
              <Text size="sm" c="red" fw={500}>
                {error.message}
              </Text>
              <Text size="sm">{error.action}</Text>
              {error.code.startsWith('erpnext') && (
                <Anchor href={hrefFor('/settings')} size="sm">
                  Open ERPNext settings
                </Anchor>
              )}
            </Stack>
          ))}
          <Anchor href={hrefFor(`/history/${run.id}`)} size="sm">
            See the details of this sync
          </Anchor>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          No sync yet. Press "Sync now" to read your devices.
        </Text>
      )}
      <Text size="sm" mt="md" c={next.tone === 'paused' ? 'orange' : next.tone === 'running' ? 'teal.8' : undefined}>
        {next.text}
      </Text>
    </Card>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <Text size="xl" fw={700} lh={1.2}>
        {formatCount(value)}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </div>
  );
}
