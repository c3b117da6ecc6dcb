// "Optimize": plan the selected day of the selected agency as a preview (the
// server computes it and applies nothing), follow the job's progress events,
// compare the day's indicators before and after, see what changes for each
// technician (listed here, drawn on the map by ProposedTours.tsx), then accept
// one technician's day or all of it (the server applies it and broadcasts the
// new tours as plan deltas) or discard. The run's state lives in the store
// (optimize-run.ts), so switching tabs — or reloading the page — keeps it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanIndicators, PlanningRun, PlanningSummary } from '../api/endpoints.ts';
import { formatDuration, formatSeconds, formatSignedDuration } from '../geo/time.ts';
import { KpiGrid, useDayKpis } from '../kpis/KpiPanel.tsx';
import { messageText } from '../i18n/message-text.ts';
import { useBoard, useController } from '../state/context.tsx';
import { ProposedChanges } from './ProposedChanges.tsx';
import './optimize.css';

const BUDGETS = [10_000, 30_000, 60_000] as const;

export function OptimizePanel() {
  const { t, i18n } = useTranslation();
  const controller = useController();
  const agencyId = useBoard((s) => s.agencyId);
  const agencies = useBoard((s) => s.agencies);
  const date = useBoard((s) => s.date);
  const jobs = useBoard((s) => s.jobs);
  const optimize = useBoard((s) => s.optimize);
  const kpis = useDayKpis();
  const [budget, setBudget] = useState<number>('timeLimitMs' in optimize ? optimize.timeLimitMs : BUDGETS[0]);

  const busy = optimize.kind === 'starting' || optimize.kind === 'running' || optimize.kind === 'deciding';
  // The run's own scope once there is one (the dispatcher may have moved to another agency or day since).
  const run = 'run' in optimize ? optimize.run : null;
  const scopeAgency = agencies.find((a) => a.id === (run?.agencyId ?? agencyId))?.name ?? '—';
  const dayFormat = new Intl.DateTimeFormat(i18n.language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  // The day in words, the board's way (never 2026-12-09 on screen).
  const scopeDate = (run?.days ?? [date]).map((d) => dayFormat.format(new Date(`${d}T12:00:00Z`))).join(', ');
  const pct = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  const event = optimize.kind === 'running' ? jobs[optimize.jobId] : undefined;
  const progress = optimize.kind === 'running' ? (event?.progress ?? optimize.run?.progress ?? 0) : 0;

  return (
    <div className="optimize">
      <h2 className="panel-title">{t('optimize.title')}</h2>
      <p className="muted">{t('optimize.scope', { agency: scopeAgency, date: scopeDate })}</p>
      {(optimize.kind === 'idle' || optimize.kind === 'starting' || optimize.kind === 'running' || optimize.kind === 'failed') && (
        <div className="field-row">
          <label className="field">
            <span>{t('optimize.budget')}</span>
            <select value={budget} onChange={(e) => setBudget(Number(e.target.value))} disabled={busy}>
              {BUDGETS.map((b) => (
                <option key={b} value={b}>
                  {formatSeconds(b / 1000)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button primary" onClick={() => void controller.startOptimize(budget)} disabled={!agencyId || busy}>
            {busy ? t('optimize.running') : optimize.kind === 'failed' ? t('optimize.retry') : t('optimize.run')}
          </button>
        </div>
      )}

      {(optimize.kind === 'starting' || optimize.kind === 'running') && (
        <div className="progress-block">
          <div
            className="progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(progress * 100)}
            aria-label={t('optimize.progress')}
          >
            <span style={{ width: `${Math.max(2, progress * 100)}%` }} />
          </div>
          <p className="muted" aria-live="polite">
            {pct.format(progress)} {event?.message ? `— ${t(`optimize.stage.${stageKey(event.message)}`, { defaultValue: event.message })}` : ''}
          </p>
          {optimize.kind === 'running' && (
            <button type="button" className="button small" onClick={() => void controller.discardPlan()}>
              {t('optimize.cancel')}
            </button>
          )}
        </div>
      )}

      {optimize.kind === 'failed' && (
        <p className="form-error" role="alert">
          {optimize.message || t('optimize.failed')}
        </p>
      )}

      {(optimize.kind === 'review' || optimize.kind === 'deciding' || optimize.kind === 'stale') && (
        <div className="optimize-result">
          <h3>{t('optimize.compare')}</h3>
          <Compare run={optimize.run} />
          <Changes summary={optimize.run.result?.summary} />
          {optimize.kind !== 'stale' && optimize.changes && (
            <ProposedChanges
              changes={optimize.changes}
              timezone={agencies.find((a) => a.id === optimize.run.agencyId)?.timezone ?? 'Europe/Paris'}
              onAccept={optimize.kind === 'review' ? (technicianId) => void controller.acceptPlan(technicianId) : null}
              accepting={optimize.kind === 'deciding' ? optimize.technicianId : undefined}
            />
          )}
          {optimize.kind === 'stale' ? (
            <>
              <p className="form-error" role="alert">
                {optimize.coded ? messageText(t, i18n.language, optimize.coded) : `${t('optimize.stale')} ${optimize.message}`}
              </p>
              <div className="actions">
                <button
                  type="button"
                  className="button primary"
                  onClick={() => {
                    controller.closeOptimize();
                    void controller.startOptimize(optimize.timeLimitMs);
                  }}
                >
                  {t('optimize.rerun')}
                </button>
                <button type="button" className="button" onClick={() => void controller.discardPlan()}>
                  {t('optimize.discard')}
                </button>
              </div>
            </>
          ) : (
            <>
              <p className="muted">{t('optimize.previewNote')}</p>
              {optimize.kind === 'review' && optimize.error && (
                <p className="form-error" role="alert">
                  {optimize.errorCoded ? messageText(t, i18n.language, optimize.errorCoded) : optimize.error}
                </p>
              )}
              <div className="actions">
                <button type="button" className="button primary" onClick={() => void controller.acceptPlan()} disabled={optimize.kind === 'deciding'}>
                  {optimize.kind === 'deciding' && optimize.decision === 'accept' && !optimize.technicianId
                    ? t('optimize.accepting')
                    : optimize.changes?.technicians.some((c) => c.accepted)
                      ? t('optimize.acceptRest')
                      : t('optimize.accept')}
                </button>
                <button type="button" className="button" onClick={() => void controller.discardPlan()} disabled={optimize.kind === 'deciding'}>
                  {optimize.kind === 'deciding' && optimize.decision === 'discard' ? t('optimize.discarding') : t('optimize.discard')}
                </button>
              </div>
            </>
          )}
        </div>
      )}

      {optimize.kind === 'accepted' && (
        <div className="optimize-result" role="status">
          <h3>{t('optimize.acceptedTitle')}</h3>
          <Compare run={optimize.run} />
          <p className="success">
            {t('optimize.accepted')}{' '}
            {t('optimize.acceptedSummary', { planned: optimize.run.result?.summary.planned ?? 0, unassigned: optimize.run.result?.summary.unassigned ?? 0 })}
          </p>
          <div className="actions">
            <button type="button" className="button" onClick={() => controller.closeOptimize()}>
              {t('optimize.newRun')}
            </button>
          </div>
        </div>
      )}

      {(optimize.kind === 'idle' || optimize.kind === 'failed') && kpis && (
        <>
          <h3>{t('optimize.now')}</h3>
          <KpiGrid kpis={kpis} />
        </>
      )}
    </div>
  );
}

const STAGES = ['loading', 'solving', 'storing', 'publishing'] as const;
function stageKey(message: string): string {
  const m = message.toLowerCase();
  return STAGES.find((s) => m.startsWith(s)) ?? 'other';
}

type Better = 'lower' | 'higher' | 'neither';
type RowKey = 'planned' | 'unassigned' | 'travel' | 'distance' | 'work' | 'overtime' | 'tours';
interface Row {
  readonly key: RowKey;
  readonly before: (b: PlanIndicators) => number;
  readonly after: (s: PlanningSummary) => number | undefined;
  readonly format: 'count' | 'duration' | 'km';
  /**
   * Which way is better. Working time and the number of tours are shown
   * uncoloured: more work can mean more visits planned, fewer tours can mean
   * longer days — neither is better on its own.
   */
  readonly better: Better;
}

const ROWS: readonly Row[] = [
  { key: 'planned', before: (b) => b.planned, after: (s) => s.planned, format: 'count', better: 'higher' },
  { key: 'unassigned', before: (b) => b.unassigned, after: (s) => s.unassigned, format: 'count', better: 'lower' },
  { key: 'travel', before: (b) => b.travelSeconds, after: (s) => s.travelSeconds, format: 'duration', better: 'lower' },
  { key: 'distance', before: (b) => b.travelMeters, after: (s) => s.travelMeters, format: 'km', better: 'lower' },
  { key: 'work', before: (b) => b.workSeconds, after: (s) => s.workSeconds, format: 'duration', better: 'neither' },
  { key: 'overtime', before: (b) => b.overtimeSeconds, after: (s) => s.overtimeSeconds, format: 'duration', better: 'lower' },
  { key: 'tours', before: (b) => b.tours, after: (s) => s.tours, format: 'count', better: 'neither' },
];

/** Whether a change is for the better, the worse, or neither (null: no change). */
export function verdict(delta: number, better: Better, format: Row['format']): 'better' | 'worse' | 'neutral' | null {
  // Durations and distances below the display's precision are no change.
  const epsilon = format === 'duration' ? 30 : format === 'km' ? 500 : 0.5;
  if (Math.abs(delta) < epsilon) return null;
  if (better === 'neither') return 'neutral';
  return delta < 0 === (better === 'lower') ? 'better' : 'worse';
}

function Compare({ run }: { run: PlanningRun }) {
  const { t, i18n } = useTranslation();
  const km = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
  const count = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
  const summary = run.result?.summary;
  const before = run.result?.before ?? null;
  const show = (v: number | undefined, format: Row['format']) =>
    v === undefined ? '—' : format === 'duration' ? formatDuration(v) : format === 'km' ? `${km.format(v / 1000)} km` : count.format(v);
  const signed = (d: number, format: Row['format']) => (format === 'duration' ? formatSignedDuration(d) : `${d < 0 ? '−' : '+'}${show(Math.abs(d), format)}`);
  return (
    <>
      <table className="compare">
        <thead>
          <tr>
            <th scope="col">{t('optimize.indicator')}</th>
            <th scope="col">{t('optimize.before')}</th>
            <th scope="col">{t('optimize.after')}</th>
            <th scope="col">{t('optimize.difference')}</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((row) => {
            const b = before ? row.before(before) : undefined;
            const a = summary ? row.after(summary) : undefined;
            const delta = a !== undefined && b !== undefined ? a - b : undefined;
            const v = delta === undefined ? null : verdict(delta, row.better, row.format);
            return (
              <tr key={row.key} data-indicator={row.key}>
                <th scope="row">{t(`optimize.row.${row.key}`)}</th>
                <td>{show(b, row.format)}</td>
                <td>{show(a, row.format)}</td>
                <td className={`compare-delta${v ? ` is-${v}` : ''}`} data-verdict={v ?? 'same'}>
                  {delta === undefined ? '—' : v === null ? '=' : signed(delta, row.format)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!before && <p className="muted">{t('optimize.beforeUnknown')}</p>}
    </>
  );
}

function Changes({ summary }: { summary: PlanningSummary | undefined }) {
  const { t } = useTranslation();
  if (!summary) return null;
  if (summary.toursChanged === 0 && summary.interventionsChanged === 0) return <p className="optimize-changes">{t('optimize.unchanged')}</p>;
  return (
    <p className="optimize-changes">
      {t('optimize.changes', {
        tours: t('optimize.changesTours', { count: summary.toursChanged }),
        visits: t('optimize.changesVisits', { count: summary.interventionsChanged }),
      })}
    </p>
  );
}
