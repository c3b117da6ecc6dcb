// Moving a visit on the timeline: with the pointer (picked up after a few
// pixels, followed on the window, dropped on pointer up, Escape cancels) or
// with the keyboard (Enter picks up, ↑↓ technician, ←→ 15 min, Enter drops,
// Escape cancels). While it moves the server's engine previews the move; a
// drop saves exactly what the preview showed, or is refused if it was blocked.
// A drop that costs something — overtime, a missed SLA, visits pushed out of
// the day, or a visit the technician has already received — asks first
// (`confirming`, shown by MoveConfirm.tsx).
import {
  type KeyboardEvent as ReactKeyboardEvent,
  type PointerEvent as ReactPointerEvent,
  type RefObject,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http.ts';
import { useController } from '../state/context.tsx';
import type { DragState } from '../state/dispatching.ts';
import { useStore } from '../state/store.ts';
import { type DropTarget, dropTarget } from './drag-target.ts';
import type { Bar, TimelineRow } from './layout.ts';
import { type MoveTarget, type Preview, previewOf, useMovePreview } from './move-preview.ts';
import { previewText } from './preview-text.ts';
import { formatDuration } from '../geo/time.ts';

/** Minutes an arrow key moves a visit by. */
const KEY_STEP_MINUTES = 15;
/** Pixels the pointer must travel before a press becomes a drag (so a click still just selects). */
const DRAG_THRESHOLD_PX = 5;

type VisitBar = Extract<Bar, { kind: 'visit' }>;

/** One thing a drop would cost, said before it is saved (i18n key under timeline.confirm and its values). */
export interface MoveRisk {
  readonly key: 'overtime' | 'late' | 'pushedOut' | 'dispatched';
  readonly values?: Readonly<Record<string, string | number>>;
}

/** A drop waiting for the dispatcher's yes. */
export interface PendingMove {
  readonly interventionId: string;
  readonly label: string;
  readonly technicianId: string;
  readonly technicianName: string;
  readonly position: number;
  readonly version: number;
  readonly risks: readonly MoveRisk[];
}

/** What a drop at this preview would cost, worth a confirmation; empty: save at once. */
export function moveRisks(preview: Preview, status: string | undefined): MoveRisk[] {
  const risks: MoveRisk[] = [];
  if (preview.overtimeMinutes >= 1) risks.push({ key: 'overtime', values: { duration: formatDuration(preview.overtimeMinutes * 60) } });
  if (preview.problems.includes('late_for_deadline')) risks.push({ key: 'late' });
  if (preview.pushedOut > 0) risks.push({ key: 'pushedOut', values: { count: preview.pushedOut } });
  if (status === 'dispatched') risks.push({ key: 'dispatched' });
  return risks;
}

export interface TimelineDrag {
  readonly drag: DragState | null;
  /** The first row's track: the pointer's position is read against it. */
  readonly trackRef: RefObject<HTMLDivElement | null>;
  readonly target: DropTarget | null;
  readonly moveTarget: MoveTarget | null;
  readonly preview: Preview | null;
  /** A newer evaluation has been asked for and has not come back yet. */
  readonly pending: boolean;
  readonly previewText: string;
  /** What screen readers hear (aria-live). */
  readonly announcement: string;
  readonly startPointerDrag: (e: ReactPointerEvent, bar: VisitBar) => void;
  readonly onVisitKey: (e: ReactKeyboardEvent, bar: VisitBar, rowIndex: number) => void;
  /** A costly drop waiting for confirmation. */
  readonly confirming: PendingMove | null;
  readonly acceptMove: () => void;
  readonly rejectMove: () => void;
}

export function useTimelineDrag(rows: readonly TimelineRow[], range: { from: number; to: number }, date: string, timezone: string): TimelineDrag {
  const { t } = useTranslation();
  const controller = useController();
  const drag = useStore(controller.drag, (d) => d);
  const trackRef = useRef<HTMLDivElement | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [confirming, setConfirming] = useState<PendingMove | null>(null);
  const span = range.to - range.from;

  const target = useMemo(() => (drag ? dropTarget(drag, rows, trackRef.current, range) : null), [drag, rows, range]);
  const moveTarget = useMemo(() => (target ? { technicianId: rows[target.row]!.technician.id, start: target.start } : null), [target, rows]);
  const evaluate = useCallback(
    async (interventionId: string, to: MoveTarget) =>
      previewOf(await controller.evaluateMove(interventionId, to.technicianId, to.start, controller.drag.get()?.version), date, timezone, to.start),
    [controller, date, timezone],
  );
  const { preview, pending } = useMovePreview(drag?.interventionId ?? null, moveTarget, evaluate);

  const text = useMemo(() => {
    if (!target) return '';
    const { technician } = rows[target.row]!;
    return previewText(t, `${technician.firstName} ${technician.lastName}`, preview);
  }, [preview, target, rows, t]);

  const drop = useCallback(async () => {
    const d = controller.drag.get();
    controller.drag.set(null);
    if (!d || !target || !moveTarget) return;
    if (!controller.store.get().plan) return;
    const row = rows[target.row]!;
    // Dropped before the preview came back: ask now, the drop does what the preview says.
    let p = preview;
    if (!p) {
      try {
        p = await evaluate(d.interventionId, moveTarget);
      } catch (error) {
        // Someone changed the visit since it was picked up: the save path says so and reloads the tours.
        if (error instanceof ApiError && error.isConflict) {
          await controller.moveVisit(d.interventionId, { technicianId: row.technician.id, position: 0 }, d.version);
          setAnnouncement(t('timeline.notSaved'));
          return;
        }
      }
    }
    if (!p || p.verdict === 'blocked') {
      setAnnouncement(t('timeline.dropRefused'));
      controller.notify('warning', 'timeline.dropRefused');
      return;
    }
    const current = controller.tourOf(d.interventionId);
    const sameSpot =
      current?.technicianId === row.technician.id &&
      Math.abs(p.start - (rows.flatMap((r) => r.bars).find((b) => b.kind === 'visit' && b.interventionId === d.interventionId)?.start ?? -1)) < 1;
    if (sameSpot) return;
    const view = controller.store.get().plan?.interventions[d.interventionId];
    const pending: PendingMove = {
      interventionId: d.interventionId,
      label: view?.label ?? '',
      technicianId: row.technician.id,
      technicianName: `${row.technician.firstName} ${row.technician.lastName}`,
      // The position the engine timed: the assignment stores what the preview showed.
      position: p.position,
      version: d.version,
      risks: moveRisks(p, view?.status),
    };
    if (pending.risks.length > 0) {
      setConfirming(pending);
      return;
    }
    await save(pending);
  }, [controller, target, moveTarget, preview, evaluate, rows, t]); // eslint-disable-line react-hooks/exhaustive-deps

  const save = async (move: PendingMove) => {
    setAnnouncement(t('timeline.saving'));
    const ok = await controller.moveVisit(move.interventionId, { technicianId: move.technicianId, position: move.position }, move.version);
    setAnnouncement(ok ? t('timeline.saved') : t('timeline.notSaved'));
  };
  const acceptMove = () => {
    const move = confirming;
    setConfirming(null);
    if (move) void save(move);
  };
  const rejectMove = () => {
    setConfirming(null);
    setAnnouncement(t('timeline.cancelled'));
  };

  // Pointer drags (from here or from the queue) are followed on the window.
  useEffect(() => {
    if (!drag || drag.keyboard) return;
    const move = (e: PointerEvent) => {
      const d = controller.drag.get();
      if (d) controller.drag.set({ ...d, pointer: { x: e.clientX, y: e.clientY } });
    };
    const up = () => void drop();
    const cancel = (e: KeyboardEvent) => {
      if (e.key === 'Escape') controller.drag.set(null);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up, { once: true });
    window.addEventListener('keydown', cancel);
    return () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('keydown', cancel);
    };
  }, [drag !== null && !drag.keyboard, controller, drop]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (drag?.keyboard && text) setAnnouncement(text);
  }, [drag?.keyboard, text]);

  const startPointerDrag = (e: ReactPointerEvent, bar: VisitBar) => {
    if (bar.locked || e.button !== 0) return;
    const track = trackRef.current?.getBoundingClientRect();
    if (!track) return;
    const origin = { x: e.clientX, y: e.clientY };
    const grabOffset = ((e.clientX - track.left) / track.width) * span + range.from - bar.start;
    const beginIfMoved = (m: PointerEvent) => {
      if (Math.hypot(m.clientX - origin.x, m.clientY - origin.y) < DRAG_THRESHOLD_PX) return;
      window.removeEventListener('pointermove', beginIfMoved);
      controller.startDrag(bar.interventionId, { grabOffset, pointer: { x: m.clientX, y: m.clientY }, keyboard: null });
    };
    window.addEventListener('pointermove', beginIfMoved);
    window.addEventListener('pointerup', () => window.removeEventListener('pointermove', beginIfMoved), { once: true });
  };

  const onVisitKey = (e: ReactKeyboardEvent, bar: VisitBar, rowIndex: number) => {
    const d = controller.drag.get();
    if (!d || !d.keyboard) {
      if ((e.key === 'Enter' || e.key === ' ') && !bar.locked) {
        e.preventDefault();
        controller.startDrag(bar.interventionId, { grabOffset: 0, pointer: { x: 0, y: 0 }, keyboard: { row: rowIndex, start: bar.start } });
        controller.select({ interventionId: bar.interventionId });
      }
      return;
    }
    const k = d.keyboard;
    const set = (row: number, start: number) => controller.drag.set({ ...d, keyboard: { row: Math.max(0, Math.min(rows.length - 1, row)), start } });
    switch (e.key) {
      case 'ArrowUp':
        e.preventDefault();
        set(k.row - 1, k.start);
        break;
      case 'ArrowDown':
        e.preventDefault();
        set(k.row + 1, k.start);
        break;
      case 'ArrowLeft':
        e.preventDefault();
        set(k.row, k.start - KEY_STEP_MINUTES);
        break;
      case 'ArrowRight':
        e.preventDefault();
        set(k.row, k.start + KEY_STEP_MINUTES);
        break;
      case 'Enter':
      case ' ':
        e.preventDefault();
        void drop();
        break;
      case 'Escape':
        e.preventDefault();
        controller.drag.set(null);
        setAnnouncement(t('timeline.cancelled'));
        break;
    }
  };

  return {
    drag,
    trackRef,
    target,
    moveTarget,
    preview,
    pending,
    previewText: text,
    announcement,
    startPointerDrag,
    onVisitKey,
    confirming,
    acceptMove,
    rejectMove,
  };
}
