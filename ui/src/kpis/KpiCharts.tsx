// Small charts under the day's indicators, where a look beats a table: work per
// technician against their shift (overtime drawn past it), travel per technician,
// and the SLA deadlines of the day hour by hour. Plain SVG: three bar charts do
// not pay for a charting library's weight in the board's bundle, and SVG keeps
// the figures as text (visible beside each bar, in each bar's <title> and in the
// chart's aria-label), so nothing is told by colour alone.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../geo/time.ts';
import type { SlaHour, TechnicianLoad } from './compute.ts';
import './kpi-charts.css';

const W = 320;
const ROW_H = 32;
const BAR_Y = 16;
const BAR_H = 10;

const duration = (minutes: number) => formatDuration(Math.round(minutes) * 60);

/** Visits and travel against the shift: the track is the shift, what goes past it is overtime. */
export function WorkChart({ loads }: { loads: readonly TechnicianLoad[] }) {
  const { t } = useTranslation();
  const id = `kpi${useId().replace(/[^\w-]/g, '')}`;
  const shown = loads.filter((l) => l.shiftMinutes > 0 || l.visitMinutes > 0);
  if (shown.length === 0) return null;
  const scale = Math.max(1, ...shown.map((l) => Math.max(l.shiftMinutes, l.visitMinutes + l.travelMinutes) + l.overtimeMinutes));
  const x = (minutes: number) => (minutes / scale) * W;
  const describe = (l: TechnicianLoad) =>
    t('kpis.chart.workRow', {
      name: l.name,
      work: duration(l.visitMinutes + l.travelMinutes),
      visits: duration(l.visitMinutes),
      travel: duration(l.travelMinutes),
      shift: l.shiftMinutes > 0 ? duration(l.shiftMinutes) : t('kpis.chart.noShift'),
    }) + (l.overtimeMinutes > 0 ? ` ${t('kpis.chart.overtimeRow', { overtime: duration(l.overtimeMinutes) })}` : '');
  return (
    <figure className="kpi-chart" data-chart="work">
      <figcaption>
        <span className="kpi-chart-title">{t('kpis.chart.work')}</span>
        <span className="kpi-chart-legend" aria-hidden="true">
          <span className="swatch is-visit" /> {t('kpis.chart.visits')}
          <span className="swatch is-travel" /> {t('kpis.chart.travel')}
          <span className="swatch is-shift" /> {t('kpis.chart.shift')}
          <span className="swatch is-overtime" /> {t('kpis.chart.overtime')}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${shown.length * ROW_H}`}
        role="img"
        aria-label={`${t('kpis.chart.work')} : ${shown.map(describe).join(' ; ')}`}
        className="kpi-chart-svg"
      >
        <Patterns id={id} />
        {shown.map((l, index) => {
          const y = index * ROW_H;
          const work = l.visitMinutes + l.travelMinutes;
          const value =
            l.shiftMinutes > 0
              ? t('kpis.chart.workValue', { work: duration(work), shift: duration(l.shiftMinutes) })
              : `${duration(work)} · ${t('kpis.chart.noShift')}`;
          return (
            <g key={l.technicianId} data-technician={l.technicianId}>
              <title>{describe(l)}</title>
              <text x={0} y={y + 11} className="kpi-chart-label">
                {l.name}
              </text>
              <text x={W} y={y + 11} textAnchor="end" className={`kpi-chart-value${l.overtimeMinutes > 0 ? ' is-over' : ''}`}>
                {l.overtimeMinutes > 0 ? `${value} · ${t('kpis.chart.overtimeShort', { overtime: duration(l.overtimeMinutes) })}` : value}
              </text>
              {l.shiftMinutes > 0 && <rect x={0} y={y + BAR_Y} width={x(l.shiftMinutes)} height={BAR_H} className="bar-shift" />}
              <rect x={0} y={y + BAR_Y} width={x(l.visitMinutes)} height={BAR_H} fill={l.color} className="bar-visit" />
              <rect x={x(l.visitMinutes)} y={y + BAR_Y} width={x(l.travelMinutes)} height={BAR_H} fill={`url(#${id}-travel)`} className="bar-travel" />
              {l.overtimeMinutes > 0 && (
                <rect
                  x={x(Math.max(l.shiftMinutes, 0))}
                  y={y + BAR_Y - 2}
                  width={x(l.overtimeMinutes)}
                  height={BAR_H + 4}
                  fill={`url(#${id}-over)`}
                  className="bar-overtime"
                />
              )}
              {l.shiftMinutes > 0 && (
                <line x1={x(l.shiftMinutes)} x2={x(l.shiftMinutes)} y1={y + BAR_Y - 3} y2={y + BAR_Y + BAR_H + 3} className="bar-shift-end" />
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** Time and distance on the road per technician, longest first. */
export function TravelChart({ loads }: { loads: readonly TechnicianLoad[] }) {
  const { t, i18n } = useTranslation();
  const km = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const shown = loads.filter((l) => l.travelMinutes > 0 || l.travelMeters > 0).sort((a, b) => b.travelMinutes - a.travelMinutes);
  if (shown.length === 0) return null;
  const scale = Math.max(1, ...shown.map((l) => l.travelMinutes));
  const describe = (l: TechnicianLoad) =>
    t('kpis.chart.travelRow', { name: l.name, time: duration(l.travelMinutes), km: km.format(l.travelMeters / 1000), count: l.visits });
  return (
    <figure className="kpi-chart" data-chart="travel">
      <figcaption>
        <span className="kpi-chart-title">{t('kpis.chart.travelTitle')}</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${shown.length * ROW_H}`}
        role="img"
        aria-label={`${t('kpis.chart.travelTitle')} : ${shown.map(describe).join(' ; ')}`}
        className="kpi-chart-svg"
      >
        {shown.map((l, index) => {
          const y = index * ROW_H;
          return (
            <g key={l.technicianId} data-technician={l.technicianId}>
              <title>{describe(l)}</title>
              <text x={0} y={y + 11} className="kpi-chart-label">
                {l.name}
              </text>
              <text x={W} y={y + 11} textAnchor="end" className="kpi-chart-value">
                {t('kpis.chart.travelValue', { time: duration(l.travelMinutes), km: km.format(l.travelMeters / 1000) })}
              </text>
              <rect x={0} y={y + BAR_Y} width={W} height={BAR_H} className="bar-track" />
              <rect x={0} y={y + BAR_Y} width={(l.travelMinutes / scale) * W} height={BAR_H} fill={l.color} className="bar-visit" />
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

const COL_H = 70;

/** The day's SLA deadlines per hour: kept, at risk (tight or still queued), missed. */
export function SlaChart({ hours }: { hours: readonly SlaHour[] }) {
  const { t, i18n } = useTranslation();
  const id = `kpi${useId().replace(/[^\w-]/g, '')}`;
  const hourFormat = new Intl.DateTimeFormat(i18n.language, { hour: 'numeric', timeZone: 'UTC' });
  const hourLabel = (h: number) => (h < 0 ? t('kpis.chart.before') : hourFormat.format(new Date(Date.UTC(2000, 0, 1, h))));
  if (hours.length === 0)
    return (
      <figure className="kpi-chart" data-chart="sla">
        <figcaption>
          <span className="kpi-chart-title">{t('kpis.chart.sla')}</span>
        </figcaption>
        <p className="muted">{t('kpis.chart.noDeadline')}</p>
      </figure>
    );
  const max = Math.max(1, ...hours.map((h) => h.met + h.atRisk + h.missed));
  const colW = Math.min(40, W / hours.length);
  const unit = (COL_H - 14) / max;
  const describe = (h: SlaHour) =>
    `${hourLabel(h.hour)} : ${[
      h.met ? t('kpis.chart.met', { count: h.met }) : null,
      h.atRisk ? t('kpis.chart.atRisk', { count: h.atRisk }) : null,
      h.missed ? t('kpis.chart.missed', { count: h.missed }) : null,
    ]
      .filter(Boolean)
      .join(', ')}`;
  return (
    <figure className="kpi-chart" data-chart="sla">
      <figcaption>
        <span className="kpi-chart-title">{t('kpis.chart.sla')}</span>
        <span className="kpi-chart-legend" aria-hidden="true">
          <span className="swatch is-met" /> {t('kpis.chart.legendMet')}
          <span className="swatch is-risk" /> {t('kpis.chart.legendAtRisk')}
          <span className="swatch is-missed" /> {t('kpis.chart.legendMissed')}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${COL_H + 14}`} role="img" aria-label={`${t('kpis.chart.sla')} : ${hours.map(describe).join(' ; ')}`} className="kpi-chart-svg">
        <Patterns id={id} />
        <line x1={0} x2={W} y1={COL_H} y2={COL_H} className="axis" />
        {hours.map((h, index) => {
          const cx = index * colW + colW / 2;
          const bw = colW * 0.6;
          let top = COL_H;
          const seg = (n: number, cls: string, fill?: string) => {
            if (n === 0) return null;
            top -= n * unit;
            return <rect x={cx - bw / 2} y={top} width={bw} height={n * unit} className={cls} {...(fill ? { fill } : {})} />;
          };
          const met = seg(h.met, 'bar-met');
          const risk = seg(h.atRisk, 'bar-risk');
          const missed = seg(h.missed, 'bar-missed', `url(#${id}-over)`);
          return (
            <g key={h.hour} data-hour={h.hour}>
              <title>{describe(h)}</title>
              {met}
              {risk}
              {missed}
              <text x={cx} y={top - 3} textAnchor="middle" className={`kpi-chart-value${h.missed > 0 ? ' is-over' : ''}`}>
                {h.missed > 0 ? `${h.met + h.atRisk + h.missed} ✕` : h.met + h.atRisk}
              </text>
              <text x={cx} y={COL_H + 11} textAnchor="middle" className="kpi-chart-label">
                {hourLabel(h.hour)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** Hatchings, so travel and overtime (and missed deadlines) read without colour. */
function Patterns({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={`${id}-travel`} width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="4" height="4" className="pattern-travel-bg" />
        <line x1="0" y1="0" x2="0" y2="4" className="pattern-travel-line" />
      </pattern>
      <pattern id={`${id}-over`} width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
        <rect width="5" height="5" className="pattern-over-bg" />
        <line x1="0" y1="0" x2="0" y2="5" className="pattern-over-line" />
      </pattern>
    </defs>
  );
}
