// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportPreview, ImportPreviewInput } from '../../../../app/api/contract';
import { createFixtureApi } from '../../testing/fixture-api';
import { renderApp } from '../../testing/render';

afterEach(cleanup);

const CSV = 'Emp No,Check Time\n7,2026-11-02 08:59:12\n8,2026-11-31 09:00:00\n';

function previewOf(input: ImportPreviewInput): ImportPreview {
  const mapped = input.mapping !== undefined;
  return {
    kind: 'csv',
    headers: ['Emp No', 'Check Time'],
    sampleRows: [['7', '2026-11-02 08:59:12'], ['8', '2026-11-31 09:00:00']],
    sampleTimes: mapped ? ['2026-11-02 08:59:12', null] : [null, null],
    dateOrder: mapped ? 'ymd' : null,
    dateOrderDetected: mapped,
    punchCount: mapped ? 1 : null,
    problems: mapped ? [{ line: 3, reason: '"2026-11-31 09:00:00" is not a real date and time' }] : [],
    problemCount: mapped ? 1 : 0,
    firstTime: mapped ? '2026-11-02 08:59:12' : null,
    lastTime: mapped ? '2026-11-02 08:59:12' : null,
  };
}

describe('the Import screen', () => {
  it('guesses the columns, shows the bad row by line, and imports the rest only as the button says', async () => {
    const backend = createFixtureApi({ punchCount: 10 });
    vi.spyOn(backend, 'previewImport').mockImplementation(async (input) => ({ ok: true, value: previewOf(input) }));
    const run = vi.spyOn(backend, 'importPunches').mockResolvedValue({ ok: true, value: { read: 1, inserted: 1, alreadyKnown: 0, problems: [] } });
    renderApp(backend, '#/import');

    const input = await screen.findByLabelText('Punch file', {}, { timeout: 10_000 });
    fireEvent.change(input, { target: { files: [new File([CSV], 'shift.csv', { type: 'text/csv' })] } });
    expect(await screen.findByText('"2026-11-31 09:00:00" is not a real date and time', {}, { timeout: 10_000 })).toBeTruthy();
    fireEvent.click(screen.getByRole('combobox', { name: /Device these punches came from/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Main gate', hidden: true }));

    const importButton = await screen.findByRole('button', { name: 'Import 1 readable row, leave 1 out' });
    await waitFor(() => expect(importButton.hasAttribute('disabled')).toBe(false));
    fireEvent.click(importButton);
    await waitFor(() => expect(run).toHaveBeenCalled());
    expect(run.mock.calls[0]![0]).toMatchObject({
      fileName: 'shift.csv',
      contentBase64: btoa(CSV),
      deviceId: 'dev-main-gate',
      acceptProblems: true,
      mapping: { userId: 'Emp No', time: 'Check Time' },
    });
    expect(await screen.findByText(/1 punch read: 1 new, 0 already known, 1 row left out\./)).toBeTruthy();
  });
});
