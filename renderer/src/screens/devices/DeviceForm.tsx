import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Group, NumberInput, PasswordInput, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { KeyRound, PlugZap } from 'lucide-react';
import type { ApiError, Device, DeviceProbeResult } from '../../../../app/api/contract';
import { useBackend } from '../../api/api-context';
import { ApiErrorAlert } from '../../components/states';
import { timeZoneOptions } from '../../lib/time-zones';
import { deviceToForm, newDeviceForm, toDeviceInput, validateDeviceForm, type CommKeyChoice, type DeviceFormValues } from './device-form';
import { ProbeResultView } from './ProbeResultView';

const LOG_TYPE_RULES = [
  { value: 'auto', label: 'Use the IN/OUT key pressed on the device' },
  { value: 'in', label: 'Every punch is a check-in (IN)' },
  { value: 'out', label: 'Every punch is a check-out (OUT)' },
  { value: 'none', label: 'Leave IN/OUT empty (ERPNext decides by shift)' },
];

export interface DeviceFormProps {
  device: Device | null;
  skewLimit: number;
  saving: boolean;
  saveError: ApiError | null;
  onSave: (values: DeviceFormValues) => void;
  onCancel: () => void;
  /** An approved ADMS terminal: it pushes its punches, so there is no connection to test. */
  pushDevice?: boolean;
}

export function DeviceForm({ device, skewLimit, saving, saveError, onSave, onCancel, pushDevice = false }: DeviceFormProps) {
  const backend = useBackend();
  const zones = useMemo(() => timeZoneOptions(), []);
  const form = useForm<DeviceFormValues>({
    mode: 'controlled',
    initialValues: device ? deviceToForm(device) : newDeviceForm(),
    validate: validateDeviceForm,
    validateInputOnChange: true,
  });
  const [probe, setProbe] = useState<{ result?: DeviceProbeResult; error?: ApiError } | null>(null);
  const test = useMutation({
    mutationFn: () => {
      const input = toDeviceInput(form.getValues());
      return backend.testDevice({
        host: input.host,
        port: input.port,
        transport: input.transport,
        ...(input.commKey === undefined ? { deviceId: device?.id } : { commKey: input.commKey }),
      });
    },
    onMutate: () => setProbe(null),
    onSuccess: (result) => setProbe(result.ok ? { result: result.value } : { error: result.error }),
  });
  const values = form.getValues();
  const testBlocker = whyNoTest(validateDeviceForm(values));
  // The form is taller than a small window: what the person just asked for is brought into view.
  const outcome = useRef<HTMLDivElement>(null);
  const nameTaken = saveError?.code === 'device-name-taken';
  const showFirstError = (formElement: HTMLFormElement | null | undefined) => {
    const invalid = formElement?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    invalid?.focus({ preventScroll: true });
  };
  useEffect(() => {
    if (probe || (saveError && !nameTaken)) outcome.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [probe, saveError, nameTaken]);
  useEffect(() => {
    if (!nameTaken) return;
    // The service found the name taken: say it at the name, where it is fixed.
    form.setFieldError('name', `${saveError.message} ${saveError.action}`);
    requestAnimationFrame(() => showFirstError(outcome.current?.closest('form')));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [saveError]);

  return (
    <form
      onSubmit={form.onSubmit(onSave, (_errors, _values, event) => {
        const formElement = event?.currentTarget as HTMLFormElement | undefined;
        // After React has drawn the errors, so that the first one is marked.
        requestAnimationFrame(() => showFirstError(formElement));
      })}
      noValidate
      aria-label={device ? `Edit ${device.name}` : 'Add a device'}
    >
      <Stack gap="md">
        <TextInput label="Name" description="How HR staff will recognise it" placeholder="Main gate" withAsterisk data-autofocus {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <TextInput label="Network address" placeholder="192.168.1.201" withAsterisk style={{ gridColumn: pushDevice ? '1 / -1' : 'span 2' }} {...form.getInputProps('host')} />
          {!pushDevice && <NumberInput label="Port" min={1} max={65535} allowDecimal={false} hideControls {...form.getInputProps('port')} />}
        </SimpleGrid>
        {/* A push (ADMS) terminal calls us: nothing connects to it, so the connection settings do not apply. */}
        {!pushDevice && (
          <>
            <div>
              <Text size="sm" fw={500} mb={4} id="transport-label">
                Connection
              </Text>
              <SegmentedControl
                aria-labelledby="transport-label"
                data={[
                  { value: 'auto', label: 'Automatic (TCP, then UDP)' },
                  { value: 'udp', label: 'UDP only (older devices)' },
                ]}
                {...form.getInputProps('transport')}
              />
            </div>
            <CommKeyField
              hasStoredKey={Boolean(device?.hasCommKey)}
              choice={values.commKeyChoice}
              onChoice={(choice) => form.setFieldValue('commKeyChoice', choice)}
              inputProps={form.getInputProps('commKey')}
            />
            <NumberInput
              label="Timeout"
              description="How long the device may take to prepare, send or clear a full log (60 s suits most)"
              min={5}
              max={600}
              suffix=" s"
              allowDecimal={false}
              {...form.getInputProps('timeoutSeconds')}
            />
          </>
        )}
        <Select
          label="Time zone of the device clock"
          placeholder="Same as ERPNext"
          description="Leave empty when the device is in the same time zone as your ERPNext server"
          data={zones}
          searchable
          clearable
          nothingFoundMessage="No time zone by that name"
          limit={200}
          {...form.getInputProps('timeZone')}
        />
        {pushDevice && (
          <Select
            label="The terminal reads the time zone in"
            description="If the terminal's clock jumps after it connects, switch this and restart the terminal"
            data={[
              { value: 'hours', label: 'Hours, e.g. 5.5 (most terminals)' },
              { value: 'minutes', label: 'Minutes, e.g. 330 (some firmwares)' },
            ]}
            allowDeselect={false}
            {...form.getInputProps('admsTimeZoneUnit')}
          />
        )}
        <Select label="Check-in or check-out" data={LOG_TYPE_RULES} allowDeselect={false} {...form.getInputProps('logTypeRule')} />
        {values.logTypeRule === 'auto' && (
          <SimpleGrid cols={2} spacing="md">
            <TextInput label="Keys that mean IN" description="Device state codes, e.g. 0, 4" {...form.getInputProps('inStates')} />
            <TextInput label="Keys that mean OUT" description="Device state codes, e.g. 1, 5" {...form.getInputProps('outStates')} />
          </SimpleGrid>
        )}
        {!pushDevice && (
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <Select
              label="Clear punches from the device"
              style={{ gridColumn: 'span 2' }}
              data={[
                { value: 'never', label: 'Never (recommended)' },
                { value: 'when-fuller-than', label: 'When its memory is fuller than…' },
              ]}
              allowDeselect={false}
              {...form.getInputProps('clearMode')}
            />
            {values.clearMode === 'when-fuller-than' && (
              <NumberInput label="Percent full" min={1} max={100} suffix="%" allowDecimal={false} {...form.getInputProps('clearPercent')} />
            )}
          </SimpleGrid>
        )}
        <Group gap="xl">
          <Switch label="Read this device" description="Switch off to skip it during syncs" {...form.getInputProps('enabled', { type: 'checkbox' })} />
          {!pushDevice && (
            <Switch label="Receive punches as they happen" description="Keeps a connection open to the device" {...form.getInputProps('live', { type: 'checkbox' })} />
          )}
        </Group>
        <div ref={outcome} style={{ scrollMarginBottom: 72 }}>
          <Stack gap="md">
            {test.isPending && <Text size="sm" c="dimmed" role="status">Connecting to the device…</Text>}
            {probe?.result && <ProbeResultView result={probe.result} skewLimit={skewLimit} />}
            {probe?.error && <ApiErrorAlert error={probe.error} title="Could not connect to the device" />}
            {saveError && !nameTaken && <ApiErrorAlert error={saveError} title="The device was not saved" />}
          </Stack>
        </div>
        <Group justify="space-between">
          {pushDevice ? (
            <Text size="sm" c="dimmed" maw={300}>
              This terminal sends its punches to Punchbridge by itself (ADMS push).
            </Text>
          ) : (
            <Group gap="sm" wrap="nowrap">
              <Button variant="default" leftSection={<PlugZap size={16} />} onClick={() => test.mutate()} loading={test.isPending} disabled={testBlocker !== null} aria-describedby={testBlocker ? 'test-blocker' : undefined}>
                Test connection
              </Button>
              {testBlocker && (
                <Text size="xs" c="dimmed" id="test-blocker" maw={220}>
                  {testBlocker}
                </Text>
              )}
            </Group>
          )}
          <Group gap="sm">
            <Button variant="subtle" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              {device ? 'Save changes' : 'Add device'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

/** Why the connection cannot be tested yet, in the words of the field to fix; null when it can. */
function whyNoTest(errors: Partial<Record<keyof DeviceFormValues, unknown>>): string | null {
  if (errors.host) return 'Enter a valid network address to test the connection.';
  if (errors.port) return 'Enter a port from 1 to 65535 to test the connection.';
  if (errors.commKey) return 'Fix the comm key to test the connection.';
  return null;
}

/** The comm key is write-only: a stored key is shown as "stored", never read back. */
interface CommKeyFieldProps {
  hasStoredKey: boolean;
  choice: CommKeyChoice;
  onChoice: (choice: CommKeyChoice) => void;
  inputProps: ReturnType<ReturnType<typeof useForm<DeviceFormValues>>['getInputProps']>;
}

function CommKeyField({ hasStoredKey, choice, onChoice, inputProps }: CommKeyFieldProps) {
  if (hasStoredKey && choice !== 'change') {
    return (
      <div>
        <Text size="sm" fw={500} mb={4}>
          Comm key
        </Text>
        <Group gap="sm">
          <KeyRound size={16} aria-hidden />
          <Text size="sm" c={choice === 'clear' ? 'orange' : undefined}>
            {choice === 'clear' ? 'The stored key will be removed when you save' : 'A comm key is stored'}
          </Text>
          <Button size="compact-sm" variant="light" onClick={() => onChoice('change')}>
            Change
          </Button>
          {choice === 'keep' ? (
            <Button size="compact-sm" variant="subtle" color="red" onClick={() => onChoice('clear')}>
              Remove
            </Button>
          ) : (
            <Button size="compact-sm" variant="subtle" onClick={() => onChoice('keep')}>
              Keep it
            </Button>
          )}
        </Group>
      </div>
    );
  }
  return (
    <PasswordInput
      label="Comm key"
      description={hasStoredKey ? 'Enter the new key; leave empty to remove it' : 'Only if a key is set on the device (Menu > Comm. > Connection)'}
      placeholder="No key"
      autoComplete="off"
      inputMode="numeric"
      {...inputProps}
    />
  );
}
