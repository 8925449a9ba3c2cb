import { useRef, useState } from 'react';
import { Alert, Button, Card, Group, Loader, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CircleCheck, FileUp } from 'lucide-react';
import type { ApiError, ImportOutcome, ImportPreview } from '../../../../app/api/contract';
import { toApiError, unwrap, useBackend } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { PageHeader } from '../../components/PageHeader';
import { ApiErrorAlert, EmptyMessage } from '../../components/states';
import { MAX_IMPORT_BYTES, fileToBase64 } from '../../lib/file-base64';
import { formatCount, formatWallClock, plural } from '../../lib/format';
import { hrefFor } from '../../shell/router';
import { ColumnFields, DateOrderField } from './ColumnFields';
import { guessMapping, toColumnMapping, type MappingDraft } from './column-guess';
import { FilePicker } from './FilePicker';
import { ProblemTable, SampleTable } from './PreviewTables';

interface PickedFile {
  /** Changes with every pick, so the same name picked twice is previewed again. */
  token: number;
  name: string;
  contentBase64: string;
}

export function ImportScreen() {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const devices = useQuery({ queryKey: queryKeys.devices, queryFn: () => backend.listDevices() });
  const [file, setFile] = useState<PickedFile | null>(null);
  const picks = useRef(0);
  const [fileError, setFileError] = useState<ApiError | null>(null);
  const [pickedDevice, setDeviceId] = useState<string | null>(null);
  const deviceId = pickedDevice ?? (devices.data?.length === 1 ? devices.data[0]!.id : null);
  // null until the person changes a column: the guess from the headers stands until then.
  const [chosenColumns, setDraft] = useState<MappingDraft | null>(null);
  const [outcome, setOutcome] = useState<{ fileName: string; value: ImportOutcome; leftOut: number } | null>(null);

  const pick = async (picked: File) => {
    setOutcome(null);
    setDraft(null);
    setHeaders(null);
    setFileError(null);
    if (picked.size > MAX_IMPORT_BYTES) {
      setFile(null);
      setFileError({ code: 'too-large', message: `${picked.name} is larger than 20 MB.`, action: 'Split it into smaller files and import them one by one.' });
      return;
    }
    picks.current += 1;
    setFile({ token: picks.current, name: picked.name, contentBase64: await fileToBase64(picked) });
  };

  const [headers, setHeaders] = useState<string[] | null>(null);
  const draft = chosenColumns ?? (headers ? guessMapping(headers) : null);
  const mapping = draft ? toColumnMapping(draft) : null;
  const preview = useQuery({
    queryKey: ['import-preview', file?.token, mapping] as const,
    queryFn: async () => {
      const value = await unwrap(backend.previewImport({ fileName: file!.name, contentBase64: file!.contentBase64, ...(mapping ? { mapping } : {}) }));
      if (value.kind !== 'attlog' && !mapping) setHeaders(value.headers);
      return value;
    },
    enabled: file !== null,
    staleTime: Infinity,
    retry: false,
    placeholderData: (previous) => previous,
  });
  const spreadsheet = preview.data && preview.data.kind !== 'attlog';

  const run = useMutation({
    mutationFn: (acceptProblems: boolean) =>
      backend.importPunches({ fileName: file!.name, contentBase64: file!.contentBase64, deviceId: deviceId!, acceptProblems, ...(mapping ? { mapping } : {}) }),
    onSuccess: (result) => {
      if (!result.ok) return;
      setOutcome({ fileName: file!.name, value: result.value, leftOut: preview.data?.problemCount ?? result.value.problems.length });
      setFile(null);
      setDraft(null);
      void queryClient.invalidateQueries({ queryKey: queryKeys.punchesVersion });
      void queryClient.invalidateQueries({ queryKey: queryKeys.status });
    },
  });

  const ready = preview.data && !preview.isFetching && (preview.data.punchCount ?? 0) > 0 && (!spreadsheet || mapping !== null);

  return (
    <Stack gap="md">
      <PageHeader title="Import" description="Bring in punches from a USB stick or a spreadsheet. Punches already in Punchbridge are recognised and not imported twice." />
      {outcome && <OutcomeCard outcome={outcome} deviceId={deviceId} />}
      {devices.data?.length === 0 ? (
        <EmptyMessage title="Add a device first" description="Imported punches belong to a device, so its time zone and IN/OUT rules apply to them." icon={<FileUp size={28} />}>
          <Button component="a" href={hrefFor('/devices', { add: '1' })}>
            Add a device
          </Button>
        </EmptyMessage>
      ) : (
        <>
          <FilePicker fileName={file?.name ?? null} onFile={(picked) => void pick(picked)} />
          {fileError && <ApiErrorAlert error={fileError} />}
          {file && (
            <Card withBorder padding="lg" radius="md">
              <Stack gap="md">
                <Group align="flex-start" gap="md">
                  <Select
                    label="Device these punches came from"
                    placeholder="Choose a device"
                    data={(devices.data ?? []).map((device) => ({ value: device.id, label: device.name }))}
                    value={deviceId}
                    onChange={setDeviceId}
                    required
                    w={320}
                  />
                  {spreadsheet && draft && mapping && (
                    <DateOrderField value={draft.dateOrder} detected={preview.data?.dateOrder ?? null} onChange={(dateOrder) => setDraft({ ...draft, dateOrder })} />
                  )}
                </Group>
                {spreadsheet && draft && <ColumnFields headers={preview.data!.headers} draft={draft} onChange={setDraft} />}
                {preview.isError ? (
                  <ApiErrorAlert error={toApiError(preview.error)} />
                ) : !preview.data ? (
                  <Group gap="sm" role="status">
                    <Loader size="sm" />
                    <Text c="dimmed">Reading the file…</Text>
                  </Group>
                ) : (
                  <PreviewSummary preview={preview.data} needsColumns={Boolean(spreadsheet) && mapping === null} />
                )}
                {run.data && !run.data.ok && <ApiErrorAlert error={run.data.error} />}
                <Group justify="space-between">
                  <Text size="xs" c="dimmed">
                    The device's time zone and IN/OUT rules apply to the imported punches.
                  </Text>
                  <Group gap="sm">
                    <Button variant="default" onClick={() => setFile(null)}>
                      Cancel
                    </Button>
                    <Button disabled={!ready || !deviceId} loading={run.isPending} onClick={() => run.mutate((preview.data?.problemCount ?? 0) > 0)}>
                      {importLabel(preview.data)}
                    </Button>
                  </Group>
                </Group>
                {preview.data && !preview.isError && (
                  <>
                    <ProblemTable preview={preview.data} />
                    <SampleTable preview={preview.data} />
                  </>
                )}
              </Stack>
            </Card>
          )}
        </>
      )}
    </Stack>
  );
}

function importLabel(preview: ImportPreview | undefined): string {
  if (!preview || preview.punchCount === null) return 'Import';
  const count = preview.punchCount;
  if (preview.problemCount === 0) return `Import ${plural(count, 'punch', 'punches')}`;
  return `Import ${formatCount(count)} readable ${count === 1 ? 'row' : 'rows'}, leave ${formatCount(preview.problemCount)} out`;
}

function PreviewSummary({ preview, needsColumns }: { preview: ImportPreview; needsColumns: boolean }) {
  if (needsColumns) return <Text size="sm">Choose the columns with the user id and the time to see what the file gives.</Text>;
  if (preview.punchCount === null && preview.dateOrder === null) {
    return <Text size="sm">Choose how the dates are written to see the punches the file gives, with the date each is stored under.</Text>;
  }
  const count = preview.punchCount ?? 0;
  return (
    <Text size="sm" aria-live="polite">
      {preview.kind === 'attlog' ? 'USB attlog file: ' : ''}
      <Text span fw={600}>
        {plural(count, 'punch', 'punches')}
      </Text>
      {preview.firstTime && preview.lastTime ? ` from ${formatWallClock(preview.firstTime)} to ${formatWallClock(preview.lastTime)}` : ''}
      {preview.problemCount > 0 ? `, and ${plural(preview.problemCount, 'row')} that cannot be read.` : '.'}
    </Text>
  );
}

function OutcomeCard({ outcome, deviceId }: { outcome: { fileName: string; value: ImportOutcome; leftOut: number }; deviceId: string | null }) {
  const { value } = outcome;
  return (
    <Alert color="teal" variant="light" icon={<CircleCheck size={18} />} title={`${outcome.fileName} is imported`} role="status">
      <Stack gap="xs">
        <Text size="sm">
          {plural(value.read, 'punch', 'punches')} read: {formatCount(value.inserted)} new, {formatCount(value.alreadyKnown)} already known
          {outcome.leftOut > 0 ? `, ${plural(outcome.leftOut, 'row')} left out` : ''}. New punches go to ERPNext at the next sync.
        </Text>
        <Group>
          <Button size="xs" variant="white" component="a" href={hrefFor('/punches', { device: deviceId ?? undefined })}>
            See the punches
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
