// One technician's row of the timeline: the name (selects the technician),
// then the track: shift, absences (hatched, with their reason), overtime,
// travel, lunch break (where the engine put it) and visits (status
// colour, stop number), the drag preview's ghost when the row is the target,
// and the current time.
import type { KeyboardEvent, PointerEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { STATUS_COLORS } from '../board/colors.ts';
import { formatDuration, formatMinute } from '../geo/time.ts';
import { useBoard, useController } from '../state/context.tsx';
import type { Bar, TimelineRow } from './layout.ts';
import type { Preview } from './move-preview.ts';
import type { TimeScale } from './scale.ts';
import { shortLabel } from './short-label.ts';

type VisitBar = Extract<Bar, { kind: 'visit' }>;

export interface TimelineLaneProps {
  readonly row: TimelineRow;
  readonly rowIndex: number;
  readonly scale: TimeScale;
  /** Minutes of the day now, or null when now is outside the day shown. */
  readonly nowMinute: number | null;
  /** Set on the first row: the drag reads the pointer against this track. */
  readonly trackRef?: Ref<HTMLDivElement> | undefined;
  /** The visit being dragged, if any. */
  readonly draggedId: string | null;
  /** The drag preview, when this row is where the visit would go. */
  readonly ghost: Preview | null;
  readonly isTarget: boolean;
  readonly onVisitPointerDown: (e: PointerEvent, bar: VisitBar) => void;
  readonly onVisitKey: (e: KeyboardEvent, bar: VisitBar, rowIndex: number) => void;
}

export function TimelineLane({ row, rowIndex, scale, nowMinute, trackRef, draggedId, ghost, isTarget, onVisitPointerDown, onVisitKey }: TimelineLaneProps) {
  const { t } = useTranslation();
  const controller = useController();
  const reloading = useBoard((s) => (row.tour ? s.reloading[row.tour.id] === true : false));
  const selectedTechnicianId = useBoard((s) => s.selectedTechnicianId);
  const selectedInterventionId = useBoard((s) => s.selectedInterventionId);
  const { at, span } = scale;
  const visits = row.bars.filter((b) => b.kind === 'visit').length;

  return (
    <div
      role="row"
      className={`timeline-row${isTarget ? ' is-target' : ''}${reloading ? ' is-reloading' : ''}${selectedTechnicianId === row.technician.id ? ' is-selected' : ''}`}
      data-technician-id={row.technician.id}
    >
      {/* The row's header holds the button: a rowheader cannot itself be a toggle (aria-pressed is not allowed on it). */}
      <div role="rowheader" className="timeline-rowheader">
        <button
          type="button"
          className="timeline-name"
          onClick={() => controller.select({ technicianId: row.technician.id })}
          aria-pressed={selectedTechnicianId === row.technician.id}
        >
          <span className="swatch" style={{ background: row.color }} aria-hidden="true" />
          <span className="timeline-name-text">
            {row.technician.firstName} {row.technician.lastName}
          </span>
          <span className="timeline-name-meta">
            {row.awayAllDay
              ? t(`timeline.away.${row.away[0]!.kind}`)
              : t('timeline.rowSummary', { count: visits, until: row.end !== null ? formatMinute(row.end) : '—' })}
          </span>
        </button>
      </div>
      <div className="timeline-track" ref={trackRef} role="gridcell">
        {scale.hours.map((m) => (
          <span key={m} className="timeline-gridline" style={{ left: at(m) }} aria-hidden="true" />
        ))}
        {row.shift && (
          <span
            className="timeline-shift"
            style={{ left: at(row.shift.start), width: span(row.shift.start, row.shift.end) }}
            title={t('timeline.shift', { from: formatMinute(row.shift.start), to: formatMinute(row.shift.end) })}
          />
        )}
        {!row.shift && !row.awayAllDay && <span className="timeline-off">{t('timeline.noShift')}</span>}
        {row.away.map((band) => {
          const from = Math.max(band.start, scale.from);
          const to = Math.min(band.end, scale.to);
          if (to <= from) return null;
          const reason = t(`timeline.away.${band.kind}`);
          const title = row.awayAllDay
            ? t('timeline.awayAllDay', { reason })
            : t('timeline.awayBetween', { reason, from: formatMinute(band.start), to: formatMinute(band.end) });
          return (
            <span
              key={`away${band.start}`}
              // A tour planned before the absence keeps its visits over the band: the reason goes to the band's end, clear of them.
              className={`timeline-away${visits > 0 ? ' is-under-visits' : ''}`}
              style={{ left: at(from), width: span(from, to) }}
              title={band.note ? `${title} — ${band.note}` : title}
              data-testid="away-band"
            >
              <span className="timeline-away-label">{row.awayAllDay ? title : reason}</span>
            </span>
          );
        })}
        {row.overtime && (
          <span
            className="timeline-overtime"
            style={{ left: at(row.overtime.start), width: span(row.overtime.start, row.overtime.end) }}
            title={t('timeline.overtime', { duration: formatDuration((row.overtime.end - row.overtime.start) * 60) })}
          />
        )}
        {row.bars.map((bar) => {
          if (bar.kind === 'travel') {
            return (
              <span
                key={`t${bar.end}`}
                className="timeline-travel"
                style={{ left: at(bar.start), width: span(bar.start, bar.end) }}
                title={t('timeline.travel', { duration: formatDuration(bar.seconds) })}
              />
            );
          }
          if (bar.kind === 'break') {
            return <span key="break" className="timeline-break" style={{ left: at(bar.start), width: span(bar.start, bar.end) }} title={t('timeline.break')} />;
          }
          const dragging = draggedId === bar.interventionId;
          return (
            <button
              key={bar.interventionId}
              type="button"
              className={`timeline-visit${bar.urgent ? ' is-urgent' : ''}${bar.locked ? ' is-locked' : ''}${dragging ? ' is-dragged' : ''}${selectedInterventionId === bar.interventionId ? ' is-selected' : ''}`}
              style={{ left: at(bar.start), width: span(bar.start, bar.end), background: STATUS_COLORS[bar.status] }}
              data-intervention-id={bar.interventionId}
              // The name holds the bar's visible text (stop and short label, as a speech user says it); the full label is in the title (the description).
              aria-label={t('timeline.visitLabel', {
                stop: bar.stop,
                label: shortLabel(bar.label),
                from: formatMinute(bar.start),
                to: formatMinute(bar.end),
                status: t(`status.${bar.status}`),
              })}
              aria-grabbed={dragging}
              title={`${bar.stop}. ${bar.label} — ${formatMinute(bar.start)}–${formatMinute(bar.end)} (${t(`status.${bar.status}`)})`}
              onPointerDown={(e) => onVisitPointerDown(e, bar)}
              onClick={() => controller.select({ interventionId: bar.interventionId, technicianId: row.technician.id })}
              onKeyDown={(e) => onVisitKey(e, bar, rowIndex)}
            >
              <span className="timeline-visit-stop">{bar.stop}</span> <span className="timeline-visit-label">{shortLabel(bar.label)}</span>
            </button>
          );
        })}
        {ghost && (
          <span
            className={`timeline-ghost is-${ghost.verdict}`}
            style={{ left: at(ghost.start), width: span(ghost.start, ghost.end) }}
            data-testid="drag-preview"
          >
            <span
              className="timeline-ghost-arrival"
              style={{ left: `${((ghost.arrival - ghost.start) / Math.max(1, ghost.end - ghost.start)) * 100}%` }}
              aria-hidden="true"
            />
          </span>
        )}
        {nowMinute !== null && <span className="timeline-now" style={{ left: at(nowMinute) }} aria-hidden="true" />}
      </div>
    </div>
  );
}
