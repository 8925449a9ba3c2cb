// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFixtureApi } from '../../testing/fixture-api';
import { renderApp, renderWithBackend } from '../../testing/render';
import { DeviceForm } from './DeviceForm';

afterEach(cleanup);

describe('the device form', () => {
  it('explains mistakes as the user types and clears them once fixed', async () => {
    renderApp(createFixtureApi({ scenario: 'first-run' }), '#/devices?add=1');
    const address = await screen.findByRole('textbox', { name: /network address/i });
    fireEvent.change(address, { target: { value: '192.168.1.300' } });
    expect(await screen.findByText('Enter an IPv4 address such as 192.168.1.201 or a host name')).toBeTruthy();
    fireEvent.change(address, { target: { value: '192.168.1.201' } });
    await waitFor(() => expect(screen.queryByText('Enter an IPv4 address such as 192.168.1.201 or a host name')).toBeNull());

    fireEvent.change(screen.getByLabelText(/comm key/i), { target: { value: '12ab' } });
    expect(await screen.findByText('The comm key is a number of up to 6 digits, as set on the device')).toBeTruthy();
  });

  it('will not save without a name, then adds the device', async () => {
    const backend = createFixtureApi({ scenario: 'first-run' });
    renderApp(backend, '#/devices?add=1');
    fireEvent.change(await screen.findByRole('textbox', { name: /network address/i }), { target: { value: '10.0.0.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add device' }));
    expect(await screen.findByText('Give the device a name, such as "Main gate"')).toBeTruthy();
    expect(await backend.listDevices()).toHaveLength(0);

    fireEvent.change(screen.getByRole('textbox', { name: /^name/i }), { target: { value: 'Back door' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add device' }));
    await waitFor(async () => expect((await backend.listDevices()).map((device) => device.name)).toEqual(['Back door']), { timeout: 5_000 });
    expect(await screen.findByRole('cell', { name: /Back door/ })).toBeTruthy();
  });

  it('shows what the connection test found, or what to do when it fails', async () => {
    renderApp(createFixtureApi({ scenario: 'first-run' }), '#/devices?add=1');
    const address = await screen.findByRole('textbox', { name: /network address/i });
    fireEvent.change(address, { target: { value: '192.168.1.202' } });
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText('Serial number: CQZ7231460999')).toBeTruthy();
    expect(screen.getByText(/6 min 52 s ahead of this computer/)).toBeTruthy();

    fireEvent.change(address, { target: { value: '192.168.1.204' } });
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText('Could not connect to the device')).toBeTruthy();
    expect(screen.getByText('Check that the device is on and reachable at 192.168.1.204:4370')).toBeTruthy();
  });

  it('shows no connection settings for a push terminal, which nothing connects to', async () => {
    const backend = createFixtureApi({ punchCount: 10 });
    const [device] = await backend.listDevices();
    const props = { device: device!, skewLimit: 120, saving: false, saveError: null, onSave: () => undefined, onCancel: () => undefined };
    renderWithBackend(backend, <DeviceForm {...props} pushDevice />);
    expect(await screen.findByText('This terminal sends its punches to Punchbridge by itself (ADMS push).')).toBeTruthy();
    for (const label of [/^port/i, /comm key/i, /clear punches/i, /receive punches as they happen/i]) expect(screen.queryByLabelText(label)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Test connection' })).toBeNull();
    cleanup();

    renderWithBackend(backend, <DeviceForm {...props} />);
    expect(await screen.findByLabelText(/^port/i)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Test connection' })).toBeTruthy();
  });

  it('confirms removal by saying the punches read are kept', async () => {
    renderApp(createFixtureApi({ punchCount: 200 }), '#/devices');
    fireEvent.click(await screen.findByRole('button', { name: 'More for Canteen' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Remove device' }));
    expect(await screen.findByText(/The punches already read from it are kept/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Remove device' }));
    expect(await screen.findByText(/Canteen was removed\. .* read from it are kept\./)).toBeTruthy();
  });

  it('saves a trace for support as a file and says what it holds', async () => {
    const saved: { name: string; text: string }[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:trace');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, text: this.href });
    });
    renderApp(createFixtureApi({ punchCount: 10 }), '#/devices');
    fireEvent.click(await screen.findByRole('button', { name: 'More for Main gate' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Save a trace for support' }));
    expect(await screen.findByText(/Saved punchbridge-trace-dev-main-gate-.*\.json \(2 packets\)\. The comm key and people's names are masked/)).toBeTruthy();
    expect(saved).toEqual([{ name: expect.stringMatching(/^punchbridge-trace-dev-main-gate-/), text: 'blob:trace' }]);
    vi.restoreAllMocks();
  });
});

describe('the device list', () => {
  it('shows how a device without a serial number is known, and why', async () => {
    renderApp(createFixtureApi(), '#/devices');
    const identity = await screen.findByLabelText(/^MAC 00:17:61:50:42:04: This device reports no serial number/);
    expect(identity.textContent).toContain('MAC 00:17:61:50:42:04');
    expect(screen.getByText(/CQZ7231460123/)).toBeTruthy();
  });
});
