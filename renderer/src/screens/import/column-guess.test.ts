import { describe, expect, it } from 'vitest';
import { guessMapping, toColumnMapping } from './column-guess';

describe('guessMapping', () => {
  it('finds a user id and a date-time column', () => {
    expect(guessMapping(['Emp No', 'Name', 'Check Time', 'Status'])).toMatchObject({ userId: 'Emp No', time: 'Check Time', timeOfDay: null, state: 'Status' });
  });

  it('pairs a date column with a time-of-day column', () => {
    expect(guessMapping(['User ID', 'Date', 'Time'])).toMatchObject({ userId: 'User ID', time: 'Date', timeOfDay: 'Time', state: null });
  });

  it('leaves columns it cannot place empty, and no mapping is sent until both are chosen', () => {
    const draft = guessMapping(['a', 'b']);
    expect(draft).toMatchObject({ userId: null, time: null });
    expect(toColumnMapping(draft)).toBeNull();
    expect(toColumnMapping({ ...draft, userId: 'a', time: 'b', dateOrder: 'dmy' })).toEqual({ userId: 'a', time: 'b', dateOrder: 'dmy' });
  });
});
