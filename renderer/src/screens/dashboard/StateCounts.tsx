import { Card, SimpleGrid, Text, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { PunchState } from '../../../../app/api/contract';
import { PUNCH_STATES } from '../../../../app/api/contract';
import { STATE_COLORS, STATE_LABELS } from '../../components/StateBadge';
import { formatCount } from '../../lib/format';
import { hrefFor } from '../../shell/router';

/** Each count opens the punch list filtered to its state. */
export function StateCounts({ counts }: { counts: Record<PunchState, number> }) {
  return (
    <Card withBorder padding="lg" aria-labelledby="state-counts-title">
      <Title order={3} size="h4" id="state-counts-title" mb="sm">
        All punches
      </Title>
      <SimpleGrid cols={3} spacing="xs">
        {PUNCH_STATES.map((state) => (
          <UnstyledButton
            key={state}
            component="a"
            href={hrefFor('/punches', { state })}
            p="xs"
            style={{ borderRadius: 8, borderLeft: `4px solid var(--mantine-color-${STATE_COLORS[state]}-6)`, background: 'var(--mantine-color-gray-0)' }}
          >
            <Text size="lg" fw={700} lh={1.2}>
              {formatCount(counts[state])}
            </Text>
            <Text size="xs" c="dimmed" lineClamp={2}>
              {STATE_LABELS[state]}
              <VisuallyHidden>: show these punches</VisuallyHidden>
            </Text>
          </UnstyledButton>
        ))}
      </SimpleGrid>
    </Card>
  );
}
