// "Optimize": plan the selected day of the selected agency, follow the job's
// progress events, compare the indicators before and after, then accept or
// discard. A server that applies runs directly (no preview) is said so plainly.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanningRun } from '../api/endpoints.ts';
import { formatDuration } from '../geo/time.ts';
import { KpiGrid, useDayKpis } from '../kpis/KpiPanel.tsx';
import type { Kpis } from '../kpis/compute.ts';
import { describe } from '../state/controller.ts';
import { useBoard, useController } from '../state/context.tsx';

type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly jobId: string; readonly runId: string; readonly before: Kpis | null }
  | { readonly kind: 'done'; readonly run: PlanningRun; readonly before: Kpis | null }
  | { readonly kind: 'failed'; readonly message: string };

const BUDGETS = [10_000, 30_000, 60_000] as const;
const POLL_MS = 1_500;

export function OptimizePanel() {
  const { t, i18n } = useTranslation();
  const controller = useController();
  const agencyId = useBoard((s) => s.agencyId);
  const agencies = useBoard((s) => s.agencies);
  const date = useBoard((s) => s.date);
  const jobs = useBoard((s) => s.jobs);
  const kpis = useDayKpis();
  const [budget, setBudget] = useState<number>(BUDGETS[0]);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [polled, setPolled] = useState<PlanningRun | null>(null);
  const kpisRef = useRef(kpis);
  kpisRef.current = kpis;
  const agency = agencies.find((a) => a.id === agencyId);

  const run = async () => {
    if (!agencyId) return;
    try {
      const { jobId, runId } = await controller.startPlanning({ agencyId, days: [date], timeLimitMs: budget });
      setPolled(null);
      setPhase({ kind: 'running', jobId, runId, before: kpisRef.current });
    } catch (error) {
      setPhase({ kind: 'failed', message: describe(error) });
    }
  };

  // Progress events drive the bar; a slow poll is the safety net if an event is missed.
  const running = phase.kind === 'running' ? phase : null;
  const event = running ? jobs[running.jobId] : undefined;
  useEffect(() => {
    if (!running) return;
    let live = true;
    const poll = async () => {
      const r = await controller.api.planningRun(running.runId).catch(() => null);
      if (!live || !r) return;
      setPolled(r);
      if (r.status === 'succeeded') setPhase({ kind: 'done', run: r, before: running.before });
      else if (r.status === 'failed' || r.status === 'cancelled') setPhase({ kind: 'failed', message: r.error ?? t('optimize.failed') });
    };
    const timer = setInterval(() => void poll(), POLL_MS);
    if (event && (event.state === 'succeeded' || event.state === 'failed')) void poll();
    return () => { live = false; clearInterval(timer); };
  }, [running?.runId, event?.state]); // eslint-disable-line react-hooks/exhaustive-deps

  const progress = event?.progress ?? polled?.progress ?? 0;
  const pct = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });

  const decide = async (accept: boolean) => {
    if (phase.kind !== 'done') return;
    try {
      if (accept) await controller.api.acceptRun(phase.run.id);
      else await controller.api.discardRun(phase.run.id);
      controller.notify('success', accept ? 'optimize.accepted' : 'optimize.discarded');
      await controller.resync();
      setPhase({ kind: 'idle' });
    } catch (error) {
      controller.notify('error', 'notice.saveFailed', { message: describe(error) });
    }
  };

  return (
    <div className="optimize">
      <h2 className="panel-title">{t('optimize.title')}</h2>
      <p className="muted">{t('optimize.scope', { agency: agency?.name ?? '—', date })}</p>
      <div className="field-row">
        <label className="field">
          <span>{t('optimize.budget')}</span>
          <select value={budget} onChange={(e) => setBudget(Number(e.target.value))} disabled={phase.kind === 'running'}>
            {BUDGETS.map((b) => <option key={b} value={b}>{formatDuration(b / 1000)}</option>)}
          </select>
        </label>
        <button type="button" className="button primary" onClick={() => void run()} disabled={!agencyId || phase.kind === 'running'}>
          {phase.kind === 'running' ? t('optimize.running') : t('optimize.run')}
        </button>
      </div>
      {phase.kind === 'running' && (
        <div className="progress-block">
          <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress * 100)} aria-label={t('optimize.progress')}>
            <span style={{ width: `${Math.max(2, progress * 100)}%` }} />
          </div>
          <p className="muted" aria-live="polite">{pct.format(progress)} {event?.message ? `— ${t(`optimize.stage.${stageKey(event.message)}`, { defaultValue: event.message })}` : ''}</p>
        </div>
      )}
      {phase.kind === 'failed' && <p className="form-error" role="alert">{phase.message}</p>}
      {phase.kind === 'done' && (
        <div className="optimize-result">
          <h3>{t('optimize.compare')}</h3>
          <Compare before={phase.before} after={kpis} run={phase.run} />
          {phase.run.preview ? (
            <div className="actions">
              <button type="button" className="button primary" onClick={() => void decide(true)}>{t('optimize.accept')}</button>
              <button type="button" className="button" onClick={() => void decide(false)}>{t('optimize.discard')}</button>
            </div>
          ) : (
            <div className="actions">
              <p className="hint">{t('optimize.appliedDirectly')}</p>
              <button type="button" className="button" onClick={() => setPhase({ kind: 'idle' })}>{t('common.close')}</button>
            </div>
          )}
        </div>
      )}
      {phase.kind === 'idle' && kpis && (
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

function Compare({ before, after, run }: { before: Kpis | null; after: Kpis | null; run: PlanningRun }) {
  const { t, i18n } = useTranslation();
  const km = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
  const summary = run.result?.summary;
  const previous = run.result?.before;
  // A preview run's "after" is its result; an applied run's is the board's day now.
  const afterTravel = run.preview ? summary?.travelSeconds : after?.travelSeconds ?? summary?.travelSeconds;
  const afterKm = run.preview ? summary?.travelMeters : after?.travelMeters ?? summary?.travelMeters;
  const afterUnassigned = run.preview ? summary?.unassigned : after?.unassigned ?? summary?.unassigned;
  const beforeTravel = previous?.travelSeconds ?? before?.travelSeconds;
  const beforeKm = previous?.travelMeters ?? before?.travelMeters;
  const beforeUnassigned = previous?.unassigned ?? before?.unassigned;
  const cell = (v: number | undefined, f: (n: number) => string) => (v === undefined ? '—' : f(v));
  return (
    <table className="compare">
      <thead>
        <tr><th scope="col">{t('optimize.indicator')}</th><th scope="col">{t('optimize.before')}</th><th scope="col">{t('optimize.after')}</th></tr>
      </thead>
      <tbody>
        <tr><th scope="row">{t('kpis.travel')}</th><td>{cell(beforeTravel, formatDuration)}</td><td>{cell(afterTravel, formatDuration)}</td></tr>
        <tr><th scope="row">{t('kpis.distance')}</th><td>{cell(beforeKm, (m) => `${km.format(m / 1000)} km`)}</td><td>{cell(afterKm, (m) => `${km.format(m / 1000)} km`)}</td></tr>
        <tr><th scope="row">{t('kpis.unassigned')}</th><td>{cell(beforeUnassigned, String)}</td><td>{cell(afterUnassigned, String)}</td></tr>
        <tr><th scope="row">{t('kpis.overtime')}</th><td>{cell(before?.overtimeMinutes, (m) => formatDuration(m * 60))}</td><td>{run.preview ? '—' : cell(after?.overtimeMinutes, (m) => formatDuration(m * 60))}</td></tr>
      </tbody>
    </table>
  );
}
