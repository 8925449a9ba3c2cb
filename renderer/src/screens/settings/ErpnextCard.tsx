import { useMemo, useState } from 'react';
import { Alert, Button, Card, Group, List, NumberInput, PasswordInput, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CircleCheck, KeyRound, PlugZap } from 'lucide-react';
import type { ApiError, ErpnextSettings, ErpnextTestResult } from '../../../../app/api/contract';
import { useBackend } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { ApiErrorAlert } from '../../components/states';
import { erpnextToForm, toErpnextInput, validateErpnextForm, type ErpnextFormValues } from './erpnext-form';
import { timeZoneOptions } from '../../lib/time-zones';
import { useUnsavedChanges } from '../../shell/unsaved-changes';

export function ErpnextCard({ settings }: { settings: ErpnextSettings | null }) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const zones = useMemo(() => timeZoneOptions(), []);
  const hasSecret = Boolean(settings?.hasApiSecret);
  const form = useForm<ErpnextFormValues>({
    mode: 'controlled',
    initialValues: erpnextToForm(settings),
    validate: (values) => validateErpnextForm(values, hasSecret),
    validateInputOnChange: true,
    // A test result speaks for the values it was made with: "Connected" must not stay beside an address typed since.
    onValuesChange: () => setTest(null),
  });
  const [test, setTest] = useState<{ result?: ErpnextTestResult; error?: ApiError } | null>(null);
  useUnsavedChanges('ERPNext connection', form.isDirty());
  const [saveError, setSaveError] = useState<ApiError | null>(null);

  const testing = useMutation({
    mutationFn: () => backend.testErpnext(toErpnextInput(form.getValues())),
    onMutate: () => setTest(null),
    onSuccess: (result) => setTest(result.ok ? { result: result.value } : { error: result.error }),
  });
  const save = useMutation({
    mutationFn: (values: ErpnextFormValues) => backend.saveErpnextSettings(toErpnextInput(values)),
    onSuccess: (result) => {
      if (!result.ok) return setSaveError(result.error);
      setSaveError(null);
      notifications.show({ color: 'teal', message: 'ERPNext settings saved.' });
      form.setFieldValue('apiSecret', '');
      form.resetDirty();
      void queryClient.invalidateQueries({ queryKey: queryKeys.erpnext });
      void queryClient.invalidateQueries({ queryKey: queryKeys.status });
      void queryClient.invalidateQueries({ queryKey: queryKeys.shiftTypes });
    },
  });

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="erpnext-title">
      <Title order={3} size="h4" id="erpnext-title" mb="md">
        ERPNext connection
      </Title>
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack gap="md">
          <TextInput label="ERPNext address" placeholder="https://erp.example.com" withAsterisk {...form.getInputProps('url')} />
          <SimpleGrid cols={2} spacing="md">
            <TextInput label="API key" description="From User > API Access in ERPNext" withAsterisk autoComplete="off" {...form.getInputProps('apiKey')} />
            <PasswordInput
              label="API secret"
              withAsterisk={!hasSecret}
              autoComplete="new-password"
              placeholder={hasSecret ? 'Stored — type to replace it' : ''}
              leftSection={hasSecret ? <KeyRound size={14} aria-hidden /> : undefined}
              description={hasSecret ? 'A secret is stored. It is never shown.' : 'From User > API Access > Generate Keys'}
              {...form.getInputProps('apiSecret')}
            />
          </SimpleGrid>
          <SimpleGrid cols={2} spacing="md">
            <Select
              label="Match device users by"
              data={[
                { value: 'attendance_device_id', label: 'Attendance Device ID (recommended)' },
                { value: 'name', label: 'Employee ID (e.g. HR-EMP-00001)' },
              ]}
              allowDeselect={false}
              {...form.getInputProps('employeeFieldname')}
            />
            <Select
              label="ERPNext time zone"
              placeholder="Read it from ERPNext"
              description="Only if ERPNext reports the wrong one"
              data={zones}
              searchable
              clearable
              limit={200}
              {...form.getInputProps('serverTimeZone')}
            />
          </SimpleGrid>
          <SimpleGrid cols={2} spacing="md">
            <NumberInput label="Office latitude" description="Only if ERPNext asks for a location" decimalScale={6} hideControls {...form.getInputProps('latitude')} />
            <NumberInput label="Office longitude" description="Only if ERPNext asks for a location" decimalScale={6} hideControls {...form.getInputProps('longitude')} />
          </SimpleGrid>
          <Group gap="xl" align="flex-start">
            <Switch label="Check the site's security certificate" description="Switch off only for a test server" {...form.getInputProps('verifyTls', { type: 'checkbox' })} />
            <TextInput label="Certificate file (CA)" placeholder="Not needed for most sites" style={{ flex: 1 }} {...form.getInputProps('caFile')} />
          </Group>
          {testing.isPending && <Text size="sm" c="dimmed" role="status">Connecting to ERPNext…</Text>}
          {test?.result && <TestResultView result={test.result} />}
          {test?.error && <ApiErrorAlert error={test.error} title="Could not connect to ERPNext" />}
          {saveError && <ApiErrorAlert error={saveError} title="The settings were not saved" />}
          <Group justify="space-between">
            <Button variant="default" leftSection={<PlugZap size={16} />} loading={testing.isPending} onClick={() => !form.validate().hasErrors && testing.mutate()}>
              Test connection
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save connection
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function TestResultView({ result }: { result: ErpnextTestResult }) {
  return (
    <Stack gap="xs">
      <Alert color="teal" variant="light" icon={<CircleCheck size={18} />} title="Connected to ERPNext" role="status">
        <List size="sm" spacing={2}>
          <List.Item>Signed in as {result.user}</List.Item>
          <List.Item>Check-ins are sent through {result.detectedPath}</List.Item>
          <List.Item>ERPNext time zone: {result.serverTimeZone ?? 'not reported — set it above'}</List.Item>
        </List>
      </Alert>
      {result.problems.map((problem) => (
        <Alert key={problem.code} color="orange" variant="light" title={problem.message}>
          <Text size="sm">{problem.action}</Text>
        </Alert>
      ))}
    </Stack>
  );
}
