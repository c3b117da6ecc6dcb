// The back office's shared helpers (ui/src/back-office/shared): money and day
// formatting, validation details per field. (Paging through a list route is
// the typed client's: ui/test/api/client.test.ts.)
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/api/http.ts';
import { errorAt, errorMessage, fieldErrors } from '../../../src/back-office/shared/client.ts';
import { addDays, formatDay, formatMoney, formatQuantity, todayIso } from '../../../src/back-office/shared/format.ts';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('back-office shared helpers', () => {
  it('formats cents, days and quantities in the UI’s language', () => {
    expect(nbsp(formatMoney(123456, 'fr'))).toBe('1 234,56 €');
    expect(formatMoney(123456, 'en')).toBe('€1,234.56');
    expect(formatMoney(null, 'fr')).toBe('—');
    expect(formatDay('2026-03-05', 'fr')).toBe('05/03/2026');
    expect(formatDay('2026-03-05', 'en')).toBe('05 Mar 2026');
    expect(formatDay(null)).toBe('—');
    expect(formatQuantity(-2, 'fr')).toBe('−2');
    expect(formatQuantity(3, 'fr', true)).toBe('+3');
    expect(nbsp(formatQuantity(12000, 'fr'))).toBe('12 000');
    expect(todayIso(new Date('2026-03-05T23:30:00Z'))).toBe('2026-03-06'); // Paris is an hour ahead
    expect(addDays('2026-02-27', 3)).toBe('2026-03-02');
  });

  it('reads the server’s validation details per field, by full path and by last name', () => {
    const error = new ApiError(409, 'not enough stock', [
      { path: 'lines[0].quantity', in: 'body', message: 'only 1 on hand' },
      { path: 'toDepotId', in: 'body', message: 'no such depot of yours' },
      { path: '', in: 'body', message: 'status ordered' },
    ]);
    const errors = fieldErrors(error);
    expect(errors['lines[0].quantity']).toBe('only 1 on hand');
    expect(errors.quantity).toBe('only 1 on hand');
    expect(errorAt(errors, 'lines[1].quantity', 'toDepotId')).toBe('no such depot of yours');
    expect(errorMessage(error)).toBe('not enough stock — status ordered');
    expect(fieldErrors(new Error('boom'))).toEqual({});
    expect(errorMessage(new Error('boom'))).toBe('boom');
  });
});
