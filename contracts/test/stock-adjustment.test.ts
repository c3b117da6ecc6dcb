// A stock adjustment line gives the change or what was counted: one of them, and says which fault it is.
import { describe, expect, it } from 'vitest';
import { AdjustmentInput } from '../src/back-office/stock.ts';

const ID = '0193a0e4-8f2a-7c3d-9b1e-2f4a5c6d7e8f';
const messages = (line: Record<string, unknown>) => {
  const result = AdjustmentInput.safeParse({ depotId: ID, reason: 'comptage', lines: [{ partId: ID, ...line }] });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('AdjustmentInput lines', () => {
  it('takes a change or a count', () => {
    expect(messages({ quantity: -2 })).toEqual([]);
    expect(messages({ countedQuantity: 4 })).toEqual([]);
  });

  it('names what is missing when neither is given, and refuses both', () => {
    expect(messages({})).toEqual(['lines.0.quantity: give quantity (the change) or countedQuantity (what was counted)']);
    expect(messages({ quantity: 1, countedQuantity: 4 })).toEqual(['lines.0.quantity: give quantity or countedQuantity, not both']);
  });
});
