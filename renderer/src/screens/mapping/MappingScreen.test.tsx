// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureApi } from '../../testing/fixture-api';
import { renderApp } from '../../testing/render';
import { describeMapOutcome } from './MappingScreen';

afterEach(cleanup);

describe('employee mapping', () => {
  it('suggests the employee by name, maps with one click and says how many punches went back to the queue', async () => {
    const backend = createFixtureApi({ punchCount: 2_000 });
    const held = (await backend.listUnmatchedUsers()).find((user) => user.userId === '1042')!.punchCount;
    renderApp(backend, '#/mapping');
    const suggestion = await screen.findByRole('button', { name: /Suggested: José Álvarez \(HR-EMP-00001\)/ }, { timeout: 10_000 });
    // "Zoe Muller" on the device is Zoë Müller, not Ayşe Müller who only shares the surname.
    expect(await screen.findByRole('button', { name: /Suggested: Zoë Müller/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Suggested: Ayşe Müller/ })).toBeNull();

    fireEvent.click(suggestion);
    expect(await screen.findByText('1 person selected')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save to ERPNext' }));
    // José already has Attendance Device ID 3000 in ERPNext: shown, and asked, before it is replaced.
    const dialog = await screen.findByRole('dialog', { name: 'Replace an Attendance Device ID in ERPNext?' });
    expect(within(dialog).getByText('José Álvarez (HR-EMP-00001)')).toBeTruthy();
    expect(within(dialog).getByText('3000 → 1042')).toBeTruthy();
    expect((await backend.listUnmatchedUsers()).some((user) => user.userId === '1042')).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Replace and save' }));
    expect(await screen.findByText(`1 person linked. ${held} held punches went back to the queue and will be sent at the next sync.`, {}, { timeout: 5_000 })).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('JOSE ALVAREZ')).toBeNull());
  });

  it('asks for an employee before saving a selected person', async () => {
    renderApp(createFixtureApi({ punchCount: 500 }), '#/mapping');
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select Lukasz Wojcik' }, { timeout: 10_000 }));
    expect(await screen.findByText('Choose an employee for 1 selected person first.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save to ERPNext' }).hasAttribute('disabled')).toBe(true);
  });

  it('keeps the Attendance Device ID when the person cancels the replacement', async () => {
    const backend = createFixtureApi({ punchCount: 2_000 });
    renderApp(backend, '#/mapping');
    fireEvent.click(await screen.findByRole('button', { name: /Suggested: José Álvarez \(HR-EMP-00001\)/ }, { timeout: 10_000 }));
    fireEvent.click(await screen.findByRole('button', { name: 'Save to ERPNext' }));
    const dialog = await screen.findByRole('dialog', { name: 'Replace an Attendance Device ID in ERPNext?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await backend.listUnmatchedUsers()).some((user) => user.userId === '1042')).toBe(true);
    expect(screen.getByText('1 person selected')).toBeTruthy();
  });

  it('words the outcome for nothing held', () => {
    expect(describeMapOutcome({ mapped: 2, requeued: 0, failures: [] })).toBe('2 people linked. No punches were waiting for them.');
  });
});
