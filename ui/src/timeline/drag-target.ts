// Where a dragged visit would land: the row under the pointer and the start
// minute it points at (snapped to 5 minutes), or what the arrow keys chose.
import type { DragState } from '../state/dispatching.ts';
import type { TimelineRow } from './layout.ts';

/** Pointer drops snap to this many minutes. */
const SNAP_MINUTES = 5;
/** A pointer this far beside the track still targets it (px). */
const SIDE_TOLERANCE_PX = 40;

export interface DropTarget {
  /** Index in the timeline's rows. */
  readonly row: number;
  /** Minutes of the day. */
  readonly start: number;
}

export function dropTarget(
  drag: DragState,
  rows: readonly TimelineRow[],
  track: HTMLDivElement | null,
  range: { from: number; to: number },
): DropTarget | null {
  if (drag.keyboard) return { row: drag.keyboard.row, start: drag.keyboard.start };
  if (!track) return null;
  const rect = track.getBoundingClientRect();
  const rowEls = track.closest('.timeline-grid')?.querySelectorAll<HTMLElement>('.timeline-row') ?? [];
  let row = -1;
  rowEls.forEach((el, i) => {
    const r = el.getBoundingClientRect();
    if (drag.pointer.y >= r.top && drag.pointer.y < r.bottom) row = i;
  });
  if (row < 0 || row >= rows.length || drag.pointer.x < rect.left - SIDE_TOLERANCE_PX || drag.pointer.x > rect.right + SIDE_TOLERANCE_PX) return null;
  const minute = range.from + ((drag.pointer.x - rect.left) / rect.width) * (range.to - range.from) - drag.grabOffset;
  return { row, start: Math.round(minute / SNAP_MINUTES) * SNAP_MINUTES };
}
