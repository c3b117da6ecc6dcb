import { describe, expect, it } from 'vitest';
import type { DragState } from '../../src/state/dispatching.ts';
import { dropTarget } from '../../src/timeline/drag-target.ts';

const drag = (over: Partial<DragState> = {}): DragState => ({
  interventionId: 'i-1',
  version: 1,
  grabOffset: 0,
  pointer: { x: 0, y: 0 },
  keyboard: null,
  ...over,
});

describe('dropTarget', () => {
  it('takes the row and start chosen with the arrow keys as they are', () => {
    expect(dropTarget(drag({ keyboard: { row: 2, start: 617 } }), [], null, { from: 420, to: 1140 })).toEqual({ row: 2, start: 617 });
  });

  it('has no target for a pointer drag before the timeline is laid out', () => {
    expect(dropTarget(drag({ pointer: { x: 300, y: 40 } }), [], null, { from: 420, to: 1140 })).toBeNull();
  });
});
