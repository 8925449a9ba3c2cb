// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFixtureApi } from '../../testing/fixture-api';
import { renderApp } from '../../testing/render';

afterEach(cleanup);

describe('the punch list', () => {
  it('renders only the visible rows of 100,000 and fetches pages as the user scrolls', async () => {
    const backend = createFixtureApi({ punchCount: 100_000 });
    const query = vi.spyOn(backend, 'queryPunches');
    renderApp(backend, '#/punches');
    expect(await screen.findByText('100,000 punches in all.', {}, { timeout: 10_000 })).toBeTruthy();
    const grid = screen.getByRole('grid', { name: 'Punches' });
    await waitFor(() => expect(within(grid).getAllByRole('row').length).toBeGreaterThan(10));
    expect(within(grid).getAllByRole('row').length).toBeLessThan(60);
    expect(query.mock.calls.map(([input]) => input.offset)).toEqual([0]);

    const scroller = screen.getByTestId('punch-scroller');
    scroller.scrollTop = 44 * 50_000;
    fireEvent.scroll(scroller);
    await waitFor(() => expect(grid.querySelector('[aria-rowindex="50002"]')?.textContent).toMatch(/\d{2}:\d{2}:\d{2}/));
    const offsets = query.mock.calls.map(([input]) => input.offset);
    expect(offsets).toContain(50_000 - (50_000 % 200));
    expect(offsets.length).toBeLessThanOrEqual(3);
  });

  it('opens filtered by the state in the address, with ERPNext reasons in the detail', async () => {
    const backend = createFixtureApi({ punchCount: 2_000 });
    renderApp(backend, '#/punches?state=unmatched');
    expect(await screen.findByText(/punches match the filters/, {}, { timeout: 10_000 })).toBeTruthy();
    const grid = screen.getByRole('grid', { name: 'Punches' });
    await waitFor(() => expect(within(grid).getAllByText('No employee').length).toBeGreaterThan(3));
    expect(within(grid).queryByText('In ERPNext')).toBeNull();

    fireEvent.click(within(grid).getAllByText('No employee')[0]!);
    const detail = await screen.findByRole('dialog');
    expect(within(detail).getByText(/No Employee found for the given employee field value\. 'attendance_device_id': \d+/)).toBeTruthy();
  });

  it('sends selected punches again and says how many', async () => {
    const backend = createFixtureApi({ punchCount: 2_000 });
    renderApp(backend, '#/punches?state=failed');
    const grid = await screen.findByRole('grid', { name: 'Punches' }, { timeout: 10_000 });
    await waitFor(() => expect(within(grid).getAllByRole('checkbox').length).toBeGreaterThan(3));
    const [, first, second] = within(grid).getAllByRole('checkbox');
    fireEvent.click(first!);
    fireEvent.click(second!);
    expect(await screen.findByText('2 selected')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send again' }));
    expect(await screen.findByText('2 punches will be sent again at the next sync.')).toBeTruthy();
  });

  it('is worked from the keyboard: arrows move, Space selects, Enter opens the detail', async () => {
    const backend = createFixtureApi({ punchCount: 2_000 });
    renderApp(backend, '#/punches?state=failed');
    const grid = await screen.findByRole('grid', { name: 'Punches' }, { timeout: 10_000 });
    await waitFor(() => expect(grid.getAttribute('aria-activedescendant')).toBe('punch-row-0'));
    grid.focus();
    expect(document.activeElement).toBe(grid);

    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(grid.getAttribute('aria-activedescendant')).toBe('punch-row-2');
    fireEvent.keyDown(grid, { key: ' ' });
    expect(await screen.findByText('1 selected')).toBeTruthy();
    expect(document.getElementById('punch-row-2')?.getAttribute('aria-selected')).toBe('true');

    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(await screen.findByRole('dialog')).toBeTruthy();
  });

  it('"Select all" acts on every punch the filters match, not only the loaded rows', async () => {
    const backend = createFixtureApi({ punchCount: 5_000 });
    const retry = vi.spyOn(backend, 'retryPunches');
    renderApp(backend, '#/punches?state=failed,rejected');
    const total = Number((await screen.findByText(/punches match the filters/, {}, { timeout: 10_000 })).textContent!.replace(/[^\d]/g, ''));
    expect(total).toBeGreaterThan(200);
    const grid = screen.getByRole('grid', { name: 'Punches' });
    await waitFor(() => expect(within(grid).getAllByRole('checkbox').length).toBeGreaterThan(3));
    fireEvent.click(within(grid).getByRole('checkbox', { name: 'Select the punches shown' }));
    fireEvent.click(await screen.findByRole('button', { name: `Select all ${total.toLocaleString('en-US')} that match the filters` }));
    expect(await screen.findByText(`All ${total.toLocaleString('en-US')} punches that match the filters selected`)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send again' }));
    await waitFor(() => expect(retry).toHaveBeenCalledWith({ filter: { states: ['failed', 'rejected'] } }));
  });
});
