import { Select, SimpleGrid } from '@mantine/core';
import type { MappingDraft } from './column-guess';

const DATE_ORDERS = [
  { value: 'ymd', label: 'Year, month, day (2026-11-25)' },
  { value: 'dmy', label: 'Day, month, year (25/11/2026)' },
  { value: 'mdy', label: 'Month, day, year (11/25/2026)' },
];

export function ColumnFields({ headers, draft, onChange }: { headers: string[]; draft: MappingDraft; onChange: (draft: MappingDraft) => void }) {
  const columns = headers.map((header, index) => ({ value: header, label: header || `Column ${index + 1}` }));
  const set = (key: keyof MappingDraft) => (value: string | null) => onChange({ ...draft, [key]: value });
  return (
    <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="sm" verticalSpacing="xs">
      <Select label="User id column" placeholder="Choose a column" data={columns} value={draft.userId} onChange={set('userId')} required allowDeselect={false} />
      <Select
        label={draft.timeOfDay ? 'Date column' : 'Date and time column'}
        placeholder="Choose a column"
        data={columns}
        value={draft.time}
        onChange={set('time')}
        required
        allowDeselect={false}
      />
      <Select label="Time of day column" placeholder="None: in the date column" data={columns} value={draft.timeOfDay} onChange={set('timeOfDay')} clearable />
      <Select label="In/out state column" placeholder="None" data={columns} value={draft.state} onChange={set('state')} clearable />
    </SimpleGrid>
  );
}

const FROM_THE_FILE = 'file';

/**
 * The date order: told from the file by default; when the file cannot tell day from month the
 * field asks, and says so, rather than reading every date one way without a word.
 */
export function DateOrderField({ value, detected, onChange }: { value: MappingDraft['dateOrder']; detected: MappingDraft['dateOrder']; onChange: (value: MappingDraft['dateOrder']) => void }) {
  const asking = value === null && detected === null;
  const detectedLabel = DATE_ORDERS.find((order) => order.value === detected)?.label;
  return (
    <Select
      label="Dates in the file are written"
      data={[{ value: FROM_THE_FILE, label: asking ? 'Choose: the file does not tell' : 'As the file shows' }, ...DATE_ORDERS]}
      value={value ?? FROM_THE_FILE}
      onChange={(picked) => onChange(picked === FROM_THE_FILE || picked === null ? null : (picked as MappingDraft['dateOrder']))}
      description={value === null && detectedLabel ? `Told from the file: ${detectedLabel}` : undefined}
      error={asking ? 'No day above 12 shows whether the day or the month comes first: choose one' : undefined}
      // Below the field, like the error, so the field stays level with the device field beside it.
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      allowDeselect={false}
      w={320}
    />
  );
}
