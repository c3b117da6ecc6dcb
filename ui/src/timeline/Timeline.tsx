// The day as a Gantt chart, one row per technician: visits (status colour,
// stop number), travel before each, the lunch break, the shift, overtime.
// A visit is moved by dragging it onto another row or time — or with the
// keyboard: Enter picks it up, arrows move it (↑↓ technician, ←→ 15 min),
// Enter drops, Escape cancels. While it moves, the preview says when the
// technician would arrive and what it costs; dropping saves it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http.ts';
import { STATUS_COLORS } from '../board/colors.ts';
import { minutesSinceLocalMidnight } from '@tournee/contracts/zoned-time';
import { formatDuration, formatMinute, formatSignedDuration } from '../geo/time.ts';
import type { DragState } from '../state/dispatching.ts';
import { useBoard, useController } from '../state/context.tsx';
import { useStore } from '../state/store.ts';
import { type MoveTarget, previewOf, useMovePreview } from './move-preview.ts';
import { type Bar, buildRows, type TimelineRow, visibleRange } from './layout.ts';

const SNAP = 5;
const KEY_STEP = 15;

export function Timeline() {
  const { t } = useTranslation();
  const controller = useController();
  const plan = useBoard((s) => s.plan);
  const technicians = useBoard((s) => s.technicians);
  const shifts = useBoard((s) => s.shifts);
  const date = useBoard((s) => s.date);
  const agencyId = useBoard((s) => s.agencyId);
  const agencies = useBoard((s) => s.agencies);
  const reloading = useBoard((s) => s.reloading);
  const selectedInterventionId = useBoard((s) => s.selectedInterventionId);
  const selectedTechnicianId = useBoard((s) => s.selectedTechnicianId);
  const drag = useStore(controller.drag, (d) => d);
  const timezone = agencies.find((a) => a.id === agencyId)?.timezone ?? 'Europe/Paris';
  const trackRef = useRef<HTMLDivElement | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const rows = useMemo(
    () => buildRows({ technicians, tours: plan?.tours ?? {}, interventions: plan?.interventions ?? {}, shifts, day: date, timezone }),
    [technicians, plan?.tours, plan?.interventions, shifts, date, timezone],
  );
  const range = useMemo(() => visibleRange(rows), [rows]);
  const span = range.to - range.from;
  const pct = (minute: number) => `${((minute - range.from) / span) * 100}%`;
  const width = (a: number, b: number) => `${(Math.max(0, b - a) / span) * 100}%`;

  const target = useMemo(() => (drag ? targetOf(drag, rows, trackRef.current, range) : null), [drag, rows, range]);
  const moveTarget = useMemo(() => (target ? { technicianId: rows[target.row]!.technician.id, start: target.start } : null), [target, rows]);
  const evaluate = useCallback(
    async (interventionId: string, to: MoveTarget) =>
      previewOf(await controller.evaluateMove(interventionId, to.technicianId, to.start, controller.drag.get()?.version), date, timezone, to.start),
    [controller, date, timezone],
  );
  const { preview, pending } = useMovePreview(drag?.interventionId ?? null, moveTarget, evaluate);

  const previewText = useMemo(() => {
    if (!target) return '';
    const row = rows[target.row]!;
    const to = t('timeline.preview.to', { name: `${row.technician.firstName} ${row.technician.lastName}` });
    if (!preview) return `${to} · ${t('timeline.preview.checking')}`;
    const estimated = preview.estimated ? [t('timeline.preview.estimated')] : [];
    if (preview.refusal) return [to, ...preview.problems.map((p) => t(`timeline.problem.${p}`, { count: preview.pushedOut, duration: '' })), preview.refusal, ...estimated].join(' · ');
    const parts = [
      to,
      t('timeline.preview.arrival', { time: formatMinute(preview.arrival) }),
      t('timeline.preview.start', { time: formatMinute(preview.start) }),
      t('timeline.preview.extraTravel', { duration: formatSignedDuration(preview.extraTravelSeconds) }),
    ];
    if (preview.delayedVisits > 0) parts.push(t('timeline.preview.delayed', { count: preview.delayedVisits }));
    for (const p of preview.problems) parts.push(t(`timeline.problem.${p}`, { count: preview.pushedOut, duration: formatDuration(preview.overtimeMinutes * 60) }));
    return [...parts, ...estimated].join(' · ');
  }, [preview, target, rows, t]);

  const drop = useCallback(async () => {
    const d = controller.drag.get();
    controller.drag.set(null);
    if (!d || !target || !moveTarget || !plan) return;
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
    const sameSpot = current?.technicianId === row.technician.id && Math.abs(p.start - (rows.flatMap((r) => r.bars).find((b) => b.kind === 'visit' && b.interventionId === d.interventionId)?.start ?? -1)) < 1;
    if (sameSpot) return;
    setAnnouncement(t('timeline.saving'));
    // The position the engine timed: the assignment stores what the preview showed.
    const ok = await controller.moveVisit(d.interventionId, { technicianId: row.technician.id, position: p.position }, d.version);
    setAnnouncement(ok ? t('timeline.saved') : t('timeline.notSaved'));
  }, [controller, target, moveTarget, preview, evaluate, plan, rows, t]);

  // Pointer drags (from here or from the queue) are followed on the window.
  useEffect(() => {
    if (!drag || drag.keyboard) return;
    const move = (e: PointerEvent) => {
      const d = controller.drag.get();
      if (d) controller.drag.set({ ...d, pointer: { x: e.clientX, y: e.clientY } });
    };
    const up = () => void drop();
    const cancel = (e: KeyboardEvent) => { if (e.key === 'Escape') controller.drag.set(null); };
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
    if (drag?.keyboard && previewText) setAnnouncement(previewText);
  }, [drag?.keyboard, previewText]);

  const startPointerDrag = (e: React.PointerEvent, bar: Extract<Bar, { kind: 'visit' }>) => {
    if (bar.locked || e.button !== 0) return;
    const track = trackRef.current?.getBoundingClientRect();
    if (!track) return;
    const origin = { x: e.clientX, y: e.clientY };
    const grabOffset = ((e.clientX - track.left) / track.width) * span + range.from - bar.start;
    const beginIfMoved = (m: PointerEvent) => {
      // A few pixels before it becomes a drag, so a click still just selects.
      if (Math.hypot(m.clientX - origin.x, m.clientY - origin.y) < 5) return;
      window.removeEventListener('pointermove', beginIfMoved);
      controller.startDrag(bar.interventionId, { grabOffset, pointer: { x: m.clientX, y: m.clientY }, keyboard: null });
    };
    window.addEventListener('pointermove', beginIfMoved);
    window.addEventListener('pointerup', () => window.removeEventListener('pointermove', beginIfMoved), { once: true });
  };

  const onVisitKey = (e: React.KeyboardEvent, bar: Extract<Bar, { kind: 'visit' }>, rowIndex: number) => {
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
      case 'ArrowUp': e.preventDefault(); set(k.row - 1, k.start); break;
      case 'ArrowDown': e.preventDefault(); set(k.row + 1, k.start); break;
      case 'ArrowLeft': e.preventDefault(); set(k.row, k.start - KEY_STEP); break;
      case 'ArrowRight': e.preventDefault(); set(k.row, k.start + KEY_STEP); break;
      case 'Enter': case ' ': e.preventDefault(); void drop(); break;
      case 'Escape': e.preventDefault(); controller.drag.set(null); setAnnouncement(t('timeline.cancelled')); break;
    }
  };

  const hours: number[] = [];
  for (let m = range.from; m <= range.to; m += 60) hours.push(m);
  const nowMinute = minutesSinceLocalMidnight(new Date(), date, timezone);

  return (
    <section className={`timeline${drag ? ' is-dragging' : ''}`} aria-label={t('timeline.region')}>
      <p className="sr-only" aria-live="polite">{announcement}</p>
      <p className="sr-only" id="timeline-help">{t('timeline.keyboardHelp')}</p>
      <div className="timeline-grid" role="grid" aria-describedby="timeline-help" aria-rowcount={rows.length + 1}>
        <div className="timeline-head" role="row">
          <div className="timeline-name" role="columnheader">{t('timeline.technician')}</div>
          <div className="timeline-axis" role="columnheader" aria-label={t('timeline.hours')}>
            {hours.map((m) => (
              <span key={m} className="timeline-hour" style={{ left: pct(m) }}>{formatMinute(m)}</span>
            ))}
          </div>
        </div>
        {rows.length === 0 && <p className="timeline-empty">{t('timeline.empty')}</p>}
        {rows.map((row, rowIndex) => (
          <div
            key={row.technician.id}
            role="row"
            className={`timeline-row${target?.row === rowIndex ? ' is-target' : ''}${row.tour && reloading[row.tour.id] ? ' is-reloading' : ''}${selectedTechnicianId === row.technician.id ? ' is-selected' : ''}`}
            data-technician-id={row.technician.id}
          >
            <button
              type="button"
              role="rowheader"
              className="timeline-name"
              onClick={() => controller.select({ technicianId: row.technician.id })}
              aria-pressed={selectedTechnicianId === row.technician.id}
            >
              <span className="swatch" style={{ background: row.color }} aria-hidden="true" />
              <span className="timeline-name-text">{row.technician.firstName} {row.technician.lastName}</span>
              <span className="timeline-name-meta">{rowSummary(row, t)}</span>
            </button>
            <div className="timeline-track" ref={rowIndex === 0 ? trackRef : undefined} role="gridcell">
              {hours.map((m) => <span key={m} className="timeline-gridline" style={{ left: pct(m) }} aria-hidden="true" />)}
              {row.shift && (
                <span className="timeline-shift" style={{ left: pct(row.shift.start), width: width(row.shift.start, row.shift.end) }} title={t('timeline.shift', { from: formatMinute(row.shift.start), to: formatMinute(row.shift.end) })} />
              )}
              {!row.shift && <span className="timeline-off">{t('timeline.noShift')}</span>}
              {row.overtime && (
                <span className="timeline-overtime" style={{ left: pct(row.overtime.start), width: width(row.overtime.start, row.overtime.end) }} title={t('timeline.overtime', { duration: formatDuration((row.overtime.end - row.overtime.start) * 60) })} />
              )}
              {row.bars.map((bar) => {
                if (bar.kind === 'travel') {
                  return <span key={`t${bar.end}`} className="timeline-travel" style={{ left: pct(bar.start), width: width(bar.start, bar.end) }} title={t('timeline.travel', { duration: formatDuration(bar.seconds) })} />;
                }
                if (bar.kind === 'break') {
                  return <span key="break" className="timeline-break" style={{ left: pct(bar.start), width: width(bar.start, bar.end) }} title={t('timeline.break')} />;
                }
                const dragging = drag?.interventionId === bar.interventionId;
                return (
                  <button
                    key={bar.interventionId}
                    type="button"
                    className={`timeline-visit${bar.urgent ? ' is-urgent' : ''}${bar.locked ? ' is-locked' : ''}${dragging ? ' is-dragged' : ''}${selectedInterventionId === bar.interventionId ? ' is-selected' : ''}`}
                    style={{ left: pct(bar.start), width: width(bar.start, bar.end), background: STATUS_COLORS[bar.status] }}
                    data-intervention-id={bar.interventionId}
                    aria-label={t('timeline.visitLabel', { stop: bar.stop, label: bar.label, from: formatMinute(bar.start), to: formatMinute(bar.end), status: t(`status.${bar.status}`) })}
                    aria-grabbed={dragging}
                    title={`${bar.stop}. ${bar.label} — ${formatMinute(bar.start)}–${formatMinute(bar.end)} (${t(`status.${bar.status}`)})`}
                    onPointerDown={(e) => startPointerDrag(e, bar)}
                    onClick={() => controller.select({ interventionId: bar.interventionId, technicianId: row.technician.id })}
                    onKeyDown={(e) => onVisitKey(e, bar, rowIndex)}
                  >
                    <span className="timeline-visit-stop">{bar.stop}</span>
                    <span className="timeline-visit-label">{shortLabel(bar.label)}</span>
                  </button>
                );
              })}
              {target?.row === rowIndex && preview && (
                <span
                  className={`timeline-ghost is-${preview.verdict}`}
                  style={{ left: pct(preview.start), width: width(preview.start, preview.end) }}
                  data-testid="drag-preview"
                >
                  <span className="timeline-ghost-arrival" style={{ left: `${((preview.arrival - preview.start) / Math.max(1, preview.end - preview.start)) * 100}%` }} aria-hidden="true" />
                </span>
              )}
              {nowMinute >= range.from && nowMinute <= range.to && <span className="timeline-now" style={{ left: pct(nowMinute) }} aria-hidden="true" />}
            </div>
          </div>
        ))}
      </div>
      {drag && target && (
        <div className={`drag-card is-${preview?.verdict ?? 'pending'}`} data-technician-id={moveTarget?.technicianId} data-pending={pending ? 'true' : undefined} role="status" style={drag.keyboard ? undefined : { transform: `translate(${drag.pointer.x + 16}px, ${drag.pointer.y + 16}px)` }}>
          <strong>{t(`timeline.verdict.${preview?.verdict ?? 'pending'}`)}</strong>
          <span>{previewText}</span>
        </div>
      )}
    </section>
  );
}

function rowSummary(row: TimelineRow, t: (key: 'timeline.rowSummary', values: { count: number; until: string }) => string): string {
  const visits = row.bars.filter((b) => b.kind === 'visit').length;
  return t('timeline.rowSummary', { count: visits, until: row.end !== null ? formatMinute(row.end) : '—' });
}

const CIVILITY = /^(M\.|Mme|Mlle|Mr|Mrs|Ms|Dr|et|and)$/i;

/**
 * Bars are narrow: "M. et Mme Patrick Simon — Pélissanne" shows as
 * "Simon · Pélissanne" (the full label stays in the tooltip and for screen readers).
 */
export function shortLabel(label: string): string {
  const [name = label, town] = label.split(' — ');
  const words = name.trim().split(/\s+/);
  const person = words.length > 1 && CIVILITY.test(words[0]!);
  const short = person ? words[words.length - 1]! : name;
  return town ? `${short} · ${town}` : short;
}

/** Row and start minute under the pointer (or chosen with the keyboard). */
function targetOf(drag: DragState, rows: readonly TimelineRow[], track: HTMLDivElement | null, range: { from: number; to: number }): { row: number; start: number } | null {
  if (drag.keyboard) return { row: drag.keyboard.row, start: drag.keyboard.start };
  if (!track) return null;
  const rect = track.getBoundingClientRect();
  const rowEls = track.closest('.timeline-grid')?.querySelectorAll<HTMLElement>('.timeline-row') ?? [];
  let row = -1;
  rowEls.forEach((el, i) => {
    const r = el.getBoundingClientRect();
    if (drag.pointer.y >= r.top && drag.pointer.y < r.bottom) row = i;
  });
  if (row < 0 || row >= rows.length || drag.pointer.x < rect.left - 40 || drag.pointer.x > rect.right + 40) return null;
  const minute = range.from + ((drag.pointer.x - rect.left) / rect.width) * (range.to - range.from) - drag.grabOffset;
  return { row, start: Math.round(minute / SNAP) * SNAP };
}

