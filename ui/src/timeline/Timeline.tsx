// The day as a Gantt chart, one row per technician: visits (status colour,
// stop number), travel before each, the lunch break, the shift, overtime.
// A visit is moved by dragging it onto another row or time — or with the
// keyboard: Enter picks it up, arrows move it (↑↓ technician, ←→ 15 min),
// Enter drops, Escape cancels. While it moves, the preview says when the
// technician would arrive and what it costs; dropping saves it — after a
// confirmation when it costs overtime, an SLA, visits pushed out or changes a
// visit already sent to the technician. Ctrl-Z undoes the last moves.
// Absences (leave, training…) are drawn hatched with their reason.
//
// This file lays the parts out: the axis (TimelineAxis.tsx), one lane per
// technician (TimelineLane.tsx), the drag (use-timeline-drag.ts) and its card
// (DragCard.tsx); the rows themselves are computed by layout.ts.
import { minutesSinceLocalMidnight } from '@tournee/contracts/zoned-time';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useBoard, useController } from '../state/context.tsx';
import { DragCard } from './DragCard.tsx';
import { MoveConfirm } from './MoveConfirm.tsx';
import { buildRows, visibleRange } from './layout.ts';
import { timeScale } from './scale.ts';
import { TimelineAxis } from './TimelineAxis.tsx';
import { TimelineLane } from './TimelineLane.tsx';
import { useTimelineDrag } from './use-timeline-drag.ts';

export function Timeline() {
  const { t } = useTranslation();
  const plan = useBoard((s) => s.plan);
  const technicians = useBoard((s) => s.technicians);
  const shifts = useBoard((s) => s.shifts);
  const absences = useBoard((s) => s.absences);
  const controller = useController();
  const date = useBoard((s) => s.date);
  const agencyId = useBoard((s) => s.agencyId);
  const agencies = useBoard((s) => s.agencies);
  const timezone = agencies.find((a) => a.id === agencyId)?.timezone ?? 'Europe/Paris';

  const rows = useMemo(
    () => buildRows({ technicians, tours: plan?.tours ?? {}, interventions: plan?.interventions ?? {}, shifts, absences, day: date, timezone }),
    [technicians, plan?.tours, plan?.interventions, shifts, absences, date, timezone],
  );
  const range = useMemo(() => visibleRange(rows), [rows]);
  const scale = useMemo(() => timeScale(range), [range]);
  const drag = useTimelineDrag(rows, range, date, timezone);
  const now = minutesSinceLocalMidnight(new Date(), date, timezone);
  const nowMinute = now >= range.from && now <= range.to ? now : null;

  // Ctrl-Z (⌘-Z) undoes the last move, unless the dispatcher is typing in a field (its own undo).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'z') return;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))) return;
      if (!controller.canUndo()) return;
      e.preventDefault();
      void controller.undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);

  return (
    <section className={`timeline${drag.drag ? ' is-dragging' : ''}`} aria-label={t('timeline.region')}>
      <p className="sr-only" aria-live="polite">
        {drag.announcement}
      </p>
      <p className="sr-only" id="timeline-help">
        {t('timeline.keyboardHelp')}
      </p>
      <div className="timeline-grid" role="grid" aria-describedby="timeline-help" aria-rowcount={rows.length + 1}>
        <TimelineAxis scale={scale} />
        {rows.length === 0 && <p className="timeline-empty">{t('timeline.empty')}</p>}
        {rows.map((row, rowIndex) => {
          const isTarget = drag.target?.row === rowIndex;
          return (
            <TimelineLane
              key={row.technician.id}
              row={row}
              rowIndex={rowIndex}
              scale={scale}
              nowMinute={nowMinute}
              trackRef={rowIndex === 0 ? drag.trackRef : undefined}
              draggedId={drag.drag?.interventionId ?? null}
              ghost={isTarget ? drag.preview : null}
              isTarget={isTarget}
              onVisitPointerDown={drag.startPointerDrag}
              onVisitKey={drag.onVisitKey}
            />
          );
        })}
      </div>
      <DragCard drag={drag} />
      {drag.confirming && <MoveConfirm move={drag.confirming} onAccept={drag.acceptMove} onReject={drag.rejectMove} />}
    </section>
  );
}
