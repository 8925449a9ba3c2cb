import { Stack, Table, Text, Title } from '@mantine/core';
import type { ImportPreview } from '../../../../app/api/contract';
import { formatCount, formatWallClock } from '../../lib/format';

/** The rows as written, and for spreadsheets the time each is stored as, so a misread date shows. */
export function SampleTable({ preview }: { preview: ImportPreview }) {
  if (preview.sampleRows.length === 0) return <Text c="dimmed" size="sm">The file has no rows.</Text>;
  const showStored = preview.kind !== 'attlog' && preview.punchCount !== null;
  return (
    <Stack gap="xs">
      <Title order={4}>First rows of the file</Title>
      <Table.ScrollContainer minWidth={480} mah={260}>
        <Table striped withTableBorder stickyHeader aria-label="First rows of the file" fz="sm" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              {preview.headers.map((header, index) => (
                <Table.Th key={index} style={{ whiteSpace: 'nowrap' }}>
                  {header || `Column ${index + 1}`}
                </Table.Th>
              ))}
              {showStored && <Table.Th style={{ whiteSpace: 'nowrap' }}>Stored as</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.sampleRows.map((row, rowIndex) => (
              <Table.Tr key={rowIndex}>
                {preview.headers.map((_, index) => (
                  <Table.Td key={index} style={{ whiteSpace: 'nowrap' }}>
                    {row[index] ?? ''}
                  </Table.Td>
                ))}
                {showStored && <StoredTime time={preview.sampleTimes[rowIndex] ?? null} />}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function StoredTime({ time }: { time: string | null }) {
  return (
    <Table.Td style={{ whiteSpace: 'nowrap' }} fw={time ? 600 : undefined} c={time ? undefined : 'dimmed'}>
      {time ? formatWallClock(time) : 'Not imported'}
    </Table.Td>
  );
}

export function ProblemTable({ preview }: { preview: ImportPreview }) {
  if (preview.problemCount === 0) return null;
  const hidden = preview.problemCount - preview.problems.length;
  return (
    <Stack gap="xs">
      <Title order={4} c="red.8">
        {preview.problemCount === 1 ? '1 row cannot be read' : `${formatCount(preview.problemCount)} rows cannot be read`}
      </Title>
      <Table.ScrollContainer minWidth={400} mah={220}>
        <Table withTableBorder stickyHeader aria-label="Rows that cannot be read" fz="sm" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>Line</Table.Th>
              <Table.Th>Why</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.problems.map((problem) => (
              <Table.Tr key={`${problem.line}-${problem.reason}`}>
                <Table.Td>{problem.line}</Table.Td>
                <Table.Td>{problem.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {hidden > 0 && (
        <Text size="sm" c="dimmed">
          and {formatCount(hidden)} more.
        </Text>
      )}
    </Stack>
  );
}
