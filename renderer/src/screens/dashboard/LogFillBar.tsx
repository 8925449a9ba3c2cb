import { Progress, Text } from '@mantine/core';
import type { Device } from '../../../../app/api/contract';
import { formatCount, formatDay } from '../../lib/format';

/** How full a device's attendance log is, and the day it fills at the rate of its recent reads. */
export function LogFillBar({ device }: { device: Device }) {
  const { recordCount, recordCapacity, logFull } = device;
  if (recordCount === null || recordCapacity === null || recordCapacity === 0) return null;
  const percent = Math.min(100, Math.round((recordCount / recordCapacity) * 100));
  const forecast =
    logFull?.kind === 'full-by'
      ? `full by ${formatDay(`${logFull.day} 00:00:00`)} at about ${formatCount(logFull.perDay)} a day`
      : logFull?.kind === 'not-filling'
        ? 'not filling up'
        : 'not enough history yet to tell when it is full';
  const label = `Log ${percent}% full (${formatCount(recordCount)} of ${formatCount(recordCapacity)} records)`;
  return (
    <div>
      <Progress value={percent} color={percent >= 90 ? 'red' : percent >= 75 ? 'orange' : 'teal'} size="sm" mt="xs" aria-label={label} />
      <Text size="xs" c="dimmed" mt={4}>
        {label}, {forecast}.
      </Text>
    </div>
  );
}
