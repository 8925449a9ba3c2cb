import { useState } from 'react';
import { Badge, Button, Code, Group, ScrollArea, SegmentedControl, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { RotateCw, ScrollText } from 'lucide-react';
import type { LogLine } from '../../../../app/api/contract';
import { useBackend } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { EmptyMessage, ErrorState, LoadingState } from '../../components/states';
import { formatWallClock } from '../../lib/format';

const LEVEL_COLORS: Record<LogLine['level'], string> = { debug: 'gray', info: 'blue', warn: 'orange', error: 'red' };
const LEVELS_SHOWN = { all: ['debug', 'info', 'warn', 'error'], problems: ['warn', 'error'], info: ['info', 'warn', 'error'] } as const;

export function LogView() {
  const backend = useBackend();
  const [shown, setShown] = useState<keyof typeof LEVELS_SHOWN>('info');
  const log = useQuery({ queryKey: queryKeys.log, queryFn: () => backend.readLog({ lines: 1000 }) });
  if (log.isPending) return <LoadingState label="Reading the log…" />;
  if (log.isError) return <ErrorState error={log.error} onRetry={() => void log.refetch()} title="The log could not be read" />;
  const lines = log.data.filter((line) => (LEVELS_SHOWN[shown] as readonly string[]).includes(line.level)).reverse();
  return (
    <>
      <Group justify="space-between" mb="sm">
        <SegmentedControl
          aria-label="Which lines to show"
          value={shown}
          onChange={(value) => setShown(value as keyof typeof LEVELS_SHOWN)}
          data={[
            { value: 'problems', label: 'Problems only' },
            { value: 'info', label: 'Normal' },
            { value: 'all', label: 'Everything' },
          ]}
        />
        <Button variant="default" size="xs" leftSection={<RotateCw size={14} />} onClick={() => void log.refetch()} loading={log.isFetching}>
          Refresh
        </Button>
      </Group>
      {lines.length === 0 ? (
        <EmptyMessage title="Nothing in the log" description="Lines appear here as Punchbridge works." icon={<ScrollText size={28} />} />
      ) : (
        <ScrollArea h="calc(100dvh - 260px)" type="auto" viewportProps={{ tabIndex: 0, 'aria-label': 'Log lines' }}>
          <Table verticalSpacing={4} striped aria-label="App log, newest first">
            <Table.Tbody>
              {lines.map((line, index) => (
                <Table.Tr key={index}>
                  <Table.Td w={170}>
                    {/* Log lines carry UTC instants; people read this computer's time. */}
                    <Text size="xs" ff="monospace" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {formatWallClock(line.time, { seconds: true })}
                    </Text>
                  </Table.Td>
                  <Table.Td w={70}>
                    <Badge size="xs" variant="light" color={LEVEL_COLORS[line.level]}>
                      {line.level}
                    </Badge>
                  </Table.Td>
                  <Table.Td w={80}>
                    <Code>{line.module}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace" style={{ wordBreak: 'break-word' }}>
                      {line.message}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </>
  );
}
