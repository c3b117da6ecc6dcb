// The day at a glance: travel, utilization, SLA compliance, unassigned,
// overtime and how evenly the work is spread; below, small charts of the
// work and travel per technician and of the day's SLA deadlines.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { zonedInstant } from '@tournee/contracts/zoned-time';
import { formatDuration } from '../geo/time.ts';
import { useBoard } from '../state/context.tsx';
import { buildRows } from '../timeline/layout.ts';
import { computeKpis, slaByHour, technicianLoads, type Kpis, type SlaHour, type TechnicianLoad } from './compute.ts';
import { SlaChart, TravelChart, WorkChart } from './KpiCharts.tsx';

interface DayFigures {
  readonly kpis: Kpis;
  readonly loads: readonly TechnicianLoad[];
  readonly slaHours: readonly SlaHour[];
}

export function useDayKpis(): Kpis | null {
  return useDayFigures()?.kpis ?? null;
}

function useDayFigures(): DayFigures | null {
  const plan = useBoard((s) => s.plan);
  const technicians = useBoard((s) => s.technicians);
  const shifts = useBoard((s) => s.shifts);
  const absences = useBoard((s) => s.absences);
  const date = useBoard((s) => s.date);
  const agencyId = useBoard((s) => s.agencyId);
  const agencies = useBoard((s) => s.agencies);
  const timezone = agencies.find((a) => a.id === agencyId)?.timezone ?? 'Europe/Paris';
  return useMemo(() => {
    if (!plan) return null;
    const rows = buildRows({ technicians, tours: plan.tours, interventions: plan.interventions, shifts, absences, day: date, timezone });
    return {
      kpis: computeKpis(rows, plan.tours, plan.interventions, zonedInstant(date, 24 * 60, timezone).getTime()),
      loads: technicianLoads(rows),
      slaHours: slaByHour(plan.tours, plan.interventions, date, timezone),
    };
  }, [plan, technicians, shifts, absences, date, timezone]);
}

export function KpiPanel() {
  const { t } = useTranslation();
  const figures = useDayFigures();
  if (!figures) return <p className="muted">{t('common.loading')}</p>;
  return (
    <div>
      <h2 className="panel-title">{t('kpis.title')}</h2>
      <KpiGrid kpis={figures.kpis} />
      <div className="kpi-charts">
        <WorkChart loads={figures.loads} />
        <TravelChart loads={figures.loads} />
        <SlaChart hours={figures.slaHours} />
      </div>
    </div>
  );
}

export function KpiGrid({ kpis, compare }: { kpis: Kpis; compare?: Kpis | null }) {
  const { t, i18n } = useTranslation();
  const pct = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  const km = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
  const items: { key: string; label: string; value: string; hint: string; delta?: number; better?: 'lower' | 'higher' }[] = [
    {
      key: 'travel',
      label: t('kpis.travel'),
      value: formatDuration(kpis.travelSeconds),
      hint: t('kpis.travelKm', { km: km.format(kpis.travelMeters / 1000) }),
      ...(compare ? { delta: kpis.travelSeconds - compare.travelSeconds, better: 'lower' as const } : {}),
    },
    {
      key: 'utilization',
      label: t('kpis.utilization'),
      value: kpis.utilization === null ? '—' : pct.format(kpis.utilization),
      hint: t('kpis.utilizationHint'),
      ...(compare && kpis.utilization !== null && compare.utilization !== null
        ? { delta: kpis.utilization - compare.utilization, better: 'higher' as const }
        : {}),
    },
    {
      key: 'sla',
      label: t('kpis.sla'),
      value: kpis.slaCompliance === null ? '—' : pct.format(kpis.slaCompliance),
      hint:
        kpis.slaAtRisk > 0
          ? `${t('kpis.slaHint', { count: kpis.slaMissed })} · ${t('kpis.slaAtRisk', { count: kpis.slaAtRisk })}`
          : t('kpis.slaHint', { count: kpis.slaMissed }),
    },
    {
      key: 'unassigned',
      label: t('kpis.unassigned'),
      value: String(kpis.unassigned),
      hint: t('kpis.visits', { count: kpis.visits }),
      ...(compare ? { delta: kpis.unassigned - compare.unassigned, better: 'lower' as const } : {}),
    },
    {
      key: 'overtime',
      label: t('kpis.overtime'),
      value: formatDuration(kpis.overtimeMinutes * 60),
      hint: t('kpis.overtimeHint'),
      ...(compare ? { delta: kpis.overtimeMinutes - compare.overtimeMinutes, better: 'lower' as const } : {}),
    },
    {
      key: 'balance',
      label: t('kpis.balance'),
      value: kpis.imbalance === null ? '—' : pct.format(Math.max(0, 1 - kpis.imbalance)),
      hint: t('kpis.balanceHint'),
    },
  ];
  return (
    <dl className="kpi-grid">
      {items.map((item) => (
        <div key={item.key} className="kpi" data-kpi={item.key}>
          <dt>{item.label}</dt>
          <dd>
            <span className="kpi-value">{item.value}</span>
            {item.delta !== undefined && Math.abs(item.delta) > 1e-9 && (
              <span className={`kpi-delta ${item.delta < 0 === (item.better === 'lower') ? 'is-better' : 'is-worse'}`}>{item.delta > 0 ? '▲' : '▼'}</span>
            )}
            <span className="kpi-hint">{item.hint}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
