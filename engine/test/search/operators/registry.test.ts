import { describe, expect, it } from 'vitest';
import { OPERATORS } from '../../../src/search/operators/registry.ts';

describe('operator registry', () => {
  it('offers the classic neighbourhoods, each once, relocate first (the cheapest)', () => {
    const names = OPERATORS.map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names[0]).toBe('relocate');
    expect(names).toEqual(
      expect.arrayContaining(['relocate', 'swap', '2-opt*', 'or-opt-2', 'or-opt-3', 'cross-exchange-2-1', 'cross-exchange-1-2', 'cross-exchange-2-2']),
    );
  });
});
