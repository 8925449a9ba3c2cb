// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureApi } from '../testing/fixture-api';
import { renderApp } from '../testing/render';

afterEach(cleanup);

describe('the navigation', () => {
  it('says what each count badge counts, to the eye (tooltip) and to a screen reader, never a bare number', async () => {
    const backend = createFixtureApi({ punchCount: 1_000 });
    const { counts, unmatchedUsers } = await backend.getStatus();
    const held = counts.rejected + counts.failed;
    expect(counts.rejected).toBeGreaterThan(0);
    expect(counts.failed).toBeGreaterThan(0);
    renderApp(backend, '#/');

    const nav = await screen.findByRole('navigation', { name: 'Main' }, { timeout: 10_000 });
    const punches = await within(nav).findByRole('link', { name: /^Punches/ }, { timeout: 10_000 });
    const punchesCount = `${held} punches held: ${counts.rejected} refused by ERPNext, ${counts.failed} will retry`;
    expect(punches.textContent).toContain(punchesCount);
    expect(within(nav).getByRole('link', { name: `Punches ${punchesCount}` })).toBe(punches);
    const mapping = within(nav).getByRole('link', { name: /^Employee mapping/ });
    expect(mapping.textContent).toContain(`${unmatchedUsers} device users not linked to an employee`);
    const devices = within(nav).getByRole('link', { name: /^Devices/ });
    expect(devices.textContent).toMatch(/\d devices? needs? attention/);

    // The number the badge shows is for the eye; a screen reader reads the sentence instead.
    const badge = within(punches).getByText(String(held));
    expect(badge.closest('[aria-hidden="true"]')).not.toBeNull();
    fireEvent.mouseEnter(badge.closest('.mantine-Badge-root')!);
    expect((await screen.findByRole('tooltip', {}, { timeout: 5_000 })).textContent).toBe(punchesCount);
  });
});
