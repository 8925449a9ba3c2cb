import { Button, Card, Checkbox, Group, MultiSelect, NumberInput, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Device, SyncSettings } from '../../../../app/api/contract';
import { SyncSettingsSchema } from '../../../../app/api/contract';
import { unwrap, useBackend } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { ErrorState, LoadingState } from '../../components/states';
import { formatWallClock } from '../../lib/format';
import { useUnsavedChanges } from '../../shell/unsaved-changes';
import { AdmsPortNotice } from './AdmsPortNotice';

type SyncFormValues = Omit<SyncSettings, 'pushConcurrency' | 'clockSkewWarningSeconds' | 'admsPort'> & {
  pushConcurrency: number | string;
  clockSkewWarningSeconds: number | string;
  /** Empty: the ADMS receiver is off. */
  admsPort: number | string;
};

function toSyncSettings(values: SyncFormValues): SyncSettings {
  return {
    ...values,
    pushConcurrency: Number(values.pushConcurrency),
    clockSkewWarningSeconds: Number(values.clockSkewWarningSeconds),
    admsPort: values.admsPort === '' ? null : Number(values.admsPort),
  };
}

const FIELD_MESSAGES: Record<string, string> = {
  pushConcurrency: 'Send between 1 and 32 at a time',
  clockSkewWarningSeconds: 'Warn at 10 seconds or more',
  admsPort: 'Ports run from 1 to 65535; leave empty to switch it off',
};

export function SyncCard({ settings, devices }: { settings: SyncSettings; devices: Device[] }) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const shiftTypes = useQuery({ queryKey: queryKeys.shiftTypes, queryFn: () => unwrap(backend.listShiftTypes()) });
  const form = useForm<SyncFormValues>({
    mode: 'controlled',
    initialValues: { ...settings, admsPort: settings.admsPort ?? '' },
    validate: (values) => {
      const parsed = SyncSettingsSchema.safeParse(toSyncSettings(values));
      if (parsed.success) return {};
      // A range slip gets the field's own wording; a rule of the contract (no port below 1024) keeps its reason.
      return Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), (issue.code !== 'custom' && FIELD_MESSAGES[String(issue.path[0])]) || issue.message]));
    },
    validateInputOnChange: true,
  });
  useUnsavedChanges('Sending punches', form.isDirty());
  const save = useMutation({
    mutationFn: (values: SyncFormValues) => backend.saveSyncSettings(toSyncSettings(values)),
    onSuccess: (result) => {
      if (result.ok) {
        notifications.show({ color: 'teal', message: 'Sending settings saved.' });
        form.resetDirty();
      }
      else notifications.show({ color: 'red', title: result.error.message, message: result.error.action });
      void queryClient.invalidateQueries({ queryKey: queryKeys.syncSettings });
    },
  });

  const chosen = form.getValues().shiftTypes;
  const setShiftType = (name: string, deviceIds: string[] | null) =>
    form.setFieldValue('shiftTypes', deviceIds === null ? chosen.filter((entry) => entry.name !== name) : [...chosen.filter((entry) => entry.name !== name), { name, deviceIds }]);

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="sync-title">
      <Title order={3} size="h4" id="sync-title" mb="md">
        Sending punches
      </Title>
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="md">
            <DateInput label="Ignore punches before" placeholder="Send every punch" clearable valueFormat="D MMM YYYY" {...form.getInputProps('importStartDate')} />
            <NumberInput label="Punches sent at once" min={1} max={32} clampBehavior="none" allowDecimal={false} allowNegative={false} {...form.getInputProps('pushConcurrency')} />
            <NumberInput label="Warn when a device clock is off by" suffix=" s" min={10} clampBehavior="none" allowDecimal={false} allowNegative={false} {...form.getInputProps('clockSkewWarningSeconds')} />
            <NumberInput
              label="Receive pushes from devices (ADMS) on port"
              description="For terminals set to upload by themselves"
              placeholder="Off"
              min={1}
              max={65535}
              clampBehavior="none"
              allowDecimal={false}
              allowNegative={false}
              hideControls
              {...form.getInputProps('admsPort')}
            />
          </SimpleGrid>
          <AdmsPortNotice saved={settings.admsPort} typed={form.getValues().admsPort} valid={!form.errors.admsPort} />
          <div>
            <Text size="sm" fw={500}>
              Shift types to update
            </Text>
            <Text size="xs" c="dimmed" mb="xs">
              After each sync, Punchbridge tells these shift types that their check-ins are complete, so Auto Attendance can run.
            </Text>
            {shiftTypes.isPending ? (
              <LoadingState label="Loading shift types from ERPNext…" />
            ) : shiftTypes.isError ? (
              <ErrorState error={shiftTypes.error} onRetry={() => void shiftTypes.refetch()} title="Shift types could not be loaded from ERPNext" />
            ) : shiftTypes.data.length === 0 ? (
              <Text size="sm" c="dimmed">
                ERPNext has no shift types.
              </Text>
            ) : (
              <Table verticalSpacing={6} aria-label="Shift types">
                <Table.Tbody>
                  {shiftTypes.data.map((shift) => {
                    const entry = chosen.find((candidate) => candidate.name === shift.name);
                    return (
                      <Table.Tr key={shift.name}>
                        <Table.Td>
                          <Checkbox label={shift.name} checked={entry !== undefined} onChange={(event) => setShiftType(shift.name, event.currentTarget.checked ? [] : null)} />
                          <Text size="xs" c="dimmed" ml={30}>
                            Check-ins complete up to {formatWallClock(shift.lastSyncOfCheckin)}
                          </Text>
                        </Table.Td>
                        <Table.Td w={340}>
                          {entry && (
                            <MultiSelect
                              aria-label={`Devices that feed ${shift.name}`}
                              placeholder={entry.deviceIds.length ? undefined : 'Fed by every device'}
                              data={devices.map((device) => ({ value: device.id, label: device.name }))}
                              value={entry.deviceIds}
                              onChange={(deviceIds) => setShiftType(shift.name, deviceIds)}
                              size="xs"
                              clearable
                            />
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            )}
          </div>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              Save sending settings
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
