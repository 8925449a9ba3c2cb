// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureApi } from '../../testing/fixture-api';
import { renderApp } from '../../testing/render';

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
});
