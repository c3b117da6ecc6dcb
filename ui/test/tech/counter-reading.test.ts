import { describe, expect, it } from 'vitest';
import { checkReading, counterChoices, parseReading } from '../../src/tech/counter-reading.ts';

describe('the meter-reading form', () => {
  it('offers the equipment’s counters first, with their last reading, then the usual ones', () => {
    const choices = counterChoices({ start_cycles: 830, operating_hours: 5120, defrost_cycles: 12 });
    expect(choices.slice(0, 3)).toEqual([
      { counter: 'defrost_cycles', unit: null, last: 12 },
      { counter: 'operating_hours', unit: 'h', last: 5120 },
      { counter: 'start_cycles', unit: 'cycles', last: 830 },
    ]);
    expect(choices.slice(3).map((c) => c.counter)).toContain('burner_hours');
    expect(choices.filter((c) => c.counter === 'operating_hours')).toHaveLength(1);
  });

  it.each([
    ['5120', 5120],
    ['5 120', 5120],
    ['5\u202f120,5', 5120.5],
    ['5120.5', 5120.5],
    ['', null],
    ['-3', null],
    ['12a', null],
    ['1,2,3', null],
  ])('reads %j as %j', (text, value) => expect(parseReading(text)).toBe(value));

  it('refuses a value below the last reading unless the meter was replaced or zeroed', () => {
    const hours = { counter: 'operating_hours', unit: 'h' as const, last: 5120 };
    expect(checkReading(hours, '5 000', false, null)).toEqual({ value: 5000, problem: 'below_last' });
    expect(checkReading(hours, '12', true, null)).toEqual({ value: 12, problem: null });
    expect(checkReading(hours, '5 120', false, null)).toEqual({ value: 5120, problem: null });
    expect(checkReading(hours, 'douze', false, null).problem).toBe('not_a_number');
    expect(checkReading(hours, '1000000000', false, null).problem).toBe('too_large');
  });

  it('asks for the unit of a counter the product does not know', () => {
    const own = { counter: 'defrost_cycles', unit: null, last: null };
    expect(checkReading(own, '14', false, null).problem).toBe('unit_missing');
    expect(checkReading(own, '14', false, 'cycles')).toEqual({ value: 14, problem: null });
  });
});
