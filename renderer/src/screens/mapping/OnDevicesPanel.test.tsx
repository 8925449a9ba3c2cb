// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureApi } from '../../testing/fixture-api';
import { renderApp } from '../../testing/render';
import { describeOutcome } from './OnDevicesPanel';

afterEach(cleanup);

async function openOnDevices() {
  const backend = createFixtureApi({ punchCount: 200 });
  renderApp(backend, '#/mapping');
  fireEvent.click(await screen.findByRole('tab', { name: 'On the devices' }, { timeout: 10_000 }));
  fireEvent.click(await screen.findByRole('button', { name: 'Check the devices' }));
  return backend;
}

describe('on the devices', () => {
  it('shows who is on which device, previews the changes and applies only the ticked ones', async () => {
    const backend = await openOnDevices();
    const table = await screen.findByRole('table', { name: 'Employees on the devices' }, { timeout: 10_000 });
    const devices = (await backend.listDevices()).filter((device) => device.enabled && device.status !== 'error');
    expect(within(table).getByRole('img', { name: `Ngozi Adeyemi is not on ${devices[0]!.name}` })).toBeTruthy();
    expect(within(table).getByRole('img', { name: `Chen Wang is on ${devices[0]!.name}, 2 fingerprints` })).toBeTruthy();
    // Leavers are only offered for removal when asked.
    expect(screen.queryByText(/Remove 1013/)).toBeNull();

    const firstAdd = screen.getAllByRole('checkbox', { name: 'Add 1107 as "Ngozi Adeyemi"' });
    firstAdd.slice(1).forEach((checkbox) => fireEvent.click(checkbox));
    const renames = screen.getAllByRole('checkbox', { name: /Rename 1042/ });
    renames.forEach((checkbox) => fireEvent.click(checkbox));
    const chenAdds = screen.queryAllByRole('checkbox', { name: /Add 1063/ });
    chenAdds.forEach((checkbox) => fireEvent.click(checkbox));
    fireEvent.click(screen.getByRole('button', { name: 'Apply 1 change' }));

    expect(await screen.findByText('1 change made on the devices', {}, { timeout: 5_000 })).toBeTruthy();
    const history = await backend.listDeviceUserChanges({});
    expect(history.map((entry) => [entry.deviceName, entry.kind, entry.userId])).toEqual([[devices[0]!.name, 'add', '1107']]);
    await waitFor(() => expect(screen.getByRole('img', { name: `Ngozi Adeyemi is on ${devices[0]!.name}, 0 fingerprints` })).toBeTruthy());
  });

  it('asks before removing leavers, naming each one', async () => {
    await openOnDevices();
    await screen.findByRole('table', { name: 'Employees on the devices' }, { timeout: 10_000 });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Also remove people who left' }));
    await screen.findAllByRole('checkbox', { name: 'Remove 1013 "Tomasz Nowak" (left)' }, { timeout: 5_000 });
    fireEvent.click(screen.getByRole('button', { name: /^Apply \d+ changes$/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove people from the devices?' });
    expect(within(dialog).getAllByText(/Remove 1013 "Tomasz Nowak"/).length).toBeGreaterThan(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows the changes a push device has not answered yet as waiting, since when, and does not offer them again', async () => {
    await openOnDevices();
    const waiting = (await screen.findByRole('heading', { name: 'Waiting for the device' }, { timeout: 10_000 })).parentElement!;
    expect(within(waiting).getByText('Add 1107 as "Ngozi Adeyemi"')).toBeTruthy();
    expect(within(waiting).getByText(/not fetched by the device yet/)).toBeTruthy();
    expect(within(waiting).getByText(/queued \d+ Nov 2026, \d\d:\d\d; fetched by the device, no answer yet/)).toBeTruthy();
    const warehouse = screen.getAllByRole('heading', { name: 'Warehouse', level: 4 }).map((heading) => heading.parentElement!);
    const [proposed] = warehouse.filter((group) => !waiting.contains(group));
    expect(within(proposed!).queryByRole('checkbox', { name: 'Add 1107 as "Ngozi Adeyemi"' })).toBeNull();
    expect(within(proposed!).getByRole('checkbox', { name: 'Add 1063 as "Chen Wang"' })).toBeTruthy();
    expect(screen.getAllByRole('checkbox', { name: 'Add 1107 as "Ngozi Adeyemi"' }).length).toBeGreaterThan(0);
  });

  it('counts changes queued for a push device apart from ones that could not be confirmed', () => {
    const result = (outcome: 'done' | 'queued' | 'unconfirmed') => ({ kind: 'add' as const, userId: '7', employee: 'HR-EMP-7', name: 'Asha Rao', previousName: null, outcome, error: null });
    expect(describeOutcome([{ deviceId: 'd1', deviceName: 'Gate', error: null, results: [result('done'), result('queued'), result('queued'), result('unconfirmed')] }])).toEqual({ done: 1, queued: 2, notDone: 1 });
  });
});
