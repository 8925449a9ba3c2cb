import { Button, Card, Group, NumberInput, Stack, Switch, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Schedule } from '../../../../app/api/contract';
import { ScheduleSchema } from '../../../../app/api/contract';
import { useBackend } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { formatWallClock } from '../../lib/format';
import { useUnsavedChanges } from '../../shell/unsaved-changes';

export function ScheduleCard({ schedule }: { schedule: Schedule }) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const form = useForm({
    mode: 'controlled',
    initialValues: { intervalMinutes: schedule.intervalMinutes as number | string, runAtStart: schedule.runAtStart },
    validate: (values) => {
      const parsed = ScheduleSchema.safeParse({ ...values, intervalMinutes: Number(values.intervalMinutes === '' ? Number.NaN : values.intervalMinutes) });
      return parsed.success ? {} : { intervalMinutes: values.intervalMinutes === '' ? 'Enter how many minutes apart' : parsed.error.issues[0]?.message };
    },
    validateInputOnChange: true,
  });
  useUnsavedChanges('Schedule', form.isDirty());
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.schedule });
    void queryClient.invalidateQueries({ queryKey: queryKeys.status });
  };
  const save = useMutation({
    mutationFn: (values: { intervalMinutes: number | string; runAtStart: boolean }) => backend.setSchedule({ intervalMinutes: Number(values.intervalMinutes), runAtStart: values.runAtStart }),
    onSuccess: (result) => {
      if (result.ok) notifications.show({ color: 'teal', message: 'Schedule saved.' });
      else notifications.show({ color: 'red', title: result.error.message, message: result.error.action });
      refresh();
    },
  });
  const pause = useMutation({ mutationFn: (paused: boolean) => backend.setPaused({ paused }), onSuccess: refresh });

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="schedule-title">
      <Title order={3} size="h4" id="schedule-title" mb="md">
        Schedule
      </Title>
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack gap="md">
          {/* No clamping: 0 must be an error that says why, not a silent "1 minutes". */}
          <NumberInput label="Sync every" suffix=" min" min={1} max={1440} clampBehavior="none" allowDecimal={false} allowNegative={false} w={220} {...form.getInputProps('intervalMinutes')} />
          <Switch label="Sync when Punchbridge starts" {...form.getInputProps('runAtStart', { type: 'checkbox' })} />
          <Switch
            label="Pause automatic sync"
            description={schedule.paused ? 'Nothing runs until you resume; "Sync now" still works.' : schedule.nextRunAt ? `Next sync: ${formatWallClock(schedule.nextRunAt)}` : undefined}
            checked={schedule.paused}
            disabled={pause.isPending}
            onChange={(event) => pause.mutate(event.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Text size="xs" c="dimmed" style={{ flex: 1 }}>
              Pausing takes effect at once.
            </Text>
            <Button type="submit" loading={save.isPending}>
              Save schedule
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
