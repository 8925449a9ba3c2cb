// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureApi } from '../../testing/fixture-api';
import { renderApp } from '../../testing/render';

afterEach(cleanup);

describe('the dashboard', () => {
  it('shows the first-run steps until ERPNext and a device are set up', async () => {
    renderApp(createFixtureApi({ scenario: 'first-run' }), '#/');
    expect(await screen.findByText("Let's get Punchbridge ready", {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open ERPNext settings' }).getAttribute('href')).toBe('#/settings');
    expect(screen.getByRole('button', { name: 'Sync now' }).hasAttribute('disabled')).toBe(true);
  });

  it('names the punches that hold a Shift Type back and opens them', async () => {
    renderApp(createFixtureApi({ punchCount: 1_000 }), '#/');
    expect(await screen.findByText(/Shift Type "General Shift" cannot move past .*: \d+ punches of its devices are not in ERPNext yet, the first from user/, {}, { timeout: 10_000 })).toBeTruthy();
    const open = screen.getByRole('link', { name: 'Open the punches not sent yet' });
    expect(open.getAttribute('href')).toBe('#/punches?state=pending%2Cfailed%2Cunmatched%2Crejected');
  });

  it('opens the punch list filtered to a state from its count', async () => {
    renderApp(createFixtureApi({ punchCount: 1_000 }), '#/');
    fireEvent.click(await screen.findByRole('link', { name: /Will retry: show these punches/ }, { timeout: 10_000 }));
    await waitFor(() => expect(window.location.hash).toBe('#/punches?state=failed'));
    expect(await screen.findByText(/punches? match the filters/, {}, { timeout: 10_000 })).toBeTruthy();
  });

  it('shows live progress per device while syncing, then the new run', async () => {
    renderApp(createFixtureApi({ punchCount: 300, syncStepMs: 150 }), '#/');
    fireEvent.click(await screen.findByRole('button', { name: 'Sync now' }, { timeout: 10_000 }));
    expect(await screen.findByText('Syncing now')).toBeTruthy();
    expect(await screen.findByRole('progressbar', { name: /Main gate: (Connecting|Reading people|Reading punches)/ })).toBeTruthy();
    expect(await screen.findByRole('progressbar', { name: 'Canteen: Failed' }, { timeout: 5_000 })).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('Syncing now')).toBeNull(), { timeout: 10_000 });
  });

  it('says a sync is under way, and what it is doing, where the next sync time stands between runs', async () => {
    renderApp(createFixtureApi({ punchCount: 300, syncStepMs: 150 }), '#/');
    // The navigation's status line and the last-sync card both tell the schedule.
    await waitFor(() => expect(screen.getAllByText('Next sync 25 Nov 2026, 09:45')).toHaveLength(2), { timeout: 10_000 });
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    await waitFor(() => expect(screen.getAllByText(/^Syncing now: reading \d devices$/)).toHaveLength(2), { timeout: 10_000 });
    expect(screen.queryByText(/No sync scheduled/)).toBeNull();
    await waitFor(() => expect(screen.getAllByText(/^Syncing now: sending \d+ of 40 punches to ERPNext$/)).toHaveLength(2), { timeout: 10_000 });
    await waitFor(() => expect(screen.getAllByText('Next sync 25 Nov 2026, 09:45')).toHaveLength(2), { timeout: 10_000 });
  });

  it('shows the time trap\'s stop with every wrong checkin until the person says the role is fixed', async () => {
    renderApp(createFixtureApi({ scenario: 'time-trap' }), '#/');
    const banner = await screen.findByRole('alert', { name: /Pushing to ERPNext has stopped/ }, { timeout: 10_000 });
    const table = screen.getByRole('table', { name: 'Checkins saved at the wrong time' });
    for (const name of ['EMP-CKIN-11-2026-000412', 'EMP-CKIN-11-2026-000413', 'EMP-CKIN-11-2026-000414']) expect(table.textContent).toContain(name);
    expect(banner.textContent).toContain('HR User or HR Manager');
    fireEvent.click(screen.getByRole('button', { name: 'The role is fixed: push again' }));
    await waitFor(() => expect(screen.queryByRole('alert', { name: /Pushing to ERPNext has stopped/ })).toBeNull(), { timeout: 10_000 });
  });
});
