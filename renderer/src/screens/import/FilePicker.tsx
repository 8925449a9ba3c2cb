import { useRef, useState, type DragEvent } from 'react';
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { FileUp } from 'lucide-react';

const ACCEPT = '.dat,.txt,.csv,.xlsx';

/** A drop area with a "Choose a file" button: the file input stays a real input for the keyboard and tests. */
export function FilePicker({ fileName, onFile }: { fileName: string | null; onFile: (file: File) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  };
  return (
    <Paper
      withBorder
      p="lg"
      radius="md"
      style={{ borderStyle: 'dashed', borderWidth: 2, borderColor: over ? 'var(--mantine-color-teal-6)' : undefined, background: over ? 'var(--mantine-color-teal-0)' : undefined }}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="import-drop-area"
    >
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
          <FileUp size={28} aria-hidden color="var(--mantine-color-teal-7)" />
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text fw={500} truncate>
              {fileName ?? 'Drop a punch file here'}
            </Text>
            <Text size="sm" c="dimmed">
              USB attlog files (.dat, .txt) from the terminal, or CSV and XLSX spreadsheets, up to 20 MB.
            </Text>
          </Stack>
        </Group>
        <Button variant={fileName ? 'default' : 'filled'} onClick={() => input.current?.click()} style={{ flexShrink: 0 }}>
          {fileName ? 'Choose another file' : 'Choose a file'}
        </Button>
        <input
          ref={input}
          type="file"
          accept={ACCEPT}
          aria-label="Punch file"
          hidden
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) onFile(file);
            event.currentTarget.value = '';
          }}
        />
      </Group>
    </Paper>
  );
}
