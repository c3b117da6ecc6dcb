// Interventions of the day on no tour, with the reason the plan in force gave
// (the day's applied run: GET /api/plans?applied=true, reloaded by the
// controller on agency/day changes and planning deltas), filters and search. Each can be dragged onto the timeline, or sent to "find a
// technician" (ranked candidates) — the keyboard path.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Intervention } from '../api/types.ts';
import { STATUS_COLORS, isUrgent } from '../board/colors.ts';
import { formatDuration } from '../geo/time.ts';
import { useBoard, useController } from '../state/context.tsx';
import { filterQueue, NO_FILTERS, type QueueFilters, type QueueItem, waitingInterventions } from './filter.ts';
import { REASONS, reasonLabel } from './reasons.ts';

export function UnassignedQueue({ onFindTechnician }: { onFindTechnician: (interventionId: string) => void }) {
  const { t, i18n } = useTranslation();
  const controller = useController();
  const plan = useBoard((s) => s.plan);
  const reasons = useBoard((s) => s.reasons);
  const sectors = useBoard((s) => s.sectors);
  const skills = useBoard((s) => s.skills);
  const agencyId = useBoard((s) => s.agencyId);
  const selected = useBoard((s) => s.selectedInterventionId);
  const [filters, setFilters] = useState<QueueFilters>(NO_FILTERS);
  const [records, setRecords] = useState<ReadonlyMap<string, Intervention>>(new Map());
  const [matches, setMatches] = useState({ siteIds: new Set<string>(), equipmentIds: new Set<string>() });

  const waiting = useMemo(() => (plan ? waitingInterventions(plan.interventions, plan.tours) : []), [plan]);
  const waitingKey = waiting.map((w) => `${w.id}:${w.version}`).join(',');

  // Full records (skills, problem, equipment) for the waiting ones, in one request.
  useEffect(() => {
    if (!agencyId || waiting.length === 0) return;
    let live = true;
    void controller.api
      .interventions({ agencyId, status: 'requested,planned' })
      .then((list) => {
        if (live) setRecords(new Map(list.map((r) => [r.id, r])));
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [agencyId, waitingKey]); // eslint-disable-line react-hooks/exhaustive-deps

  // Sites and equipment matching the search, asked of the server (debounced).
  useEffect(() => {
    const q = filters.search.trim();
    if (q.length < 2) return setMatches({ siteIds: new Set(), equipmentIds: new Set() });
    const timer = setTimeout(() => {
      void Promise.all([controller.api.sites(q).catch(() => []), controller.api.equipment({ serialNumber: q }).catch(() => [])]).then(([sites, equipment]) =>
        setMatches({ siteIds: new Set(sites.map((s) => s.id)), equipmentIds: new Set(equipment.map((e) => e.id)) }),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [filters.search, controller]);

  const items: QueueItem[] = useMemo(
    () =>
      waiting.map((view) => {
        const unassigned = reasons[view.id] ?? null;
        return { view, record: records.get(view.id) ?? null, reason: unassigned?.reason ?? null, unassigned };
      }),
    [waiting, records, reasons],
  );
  const shown = useMemo(() => filterQueue(items, filters, matches), [items, filters, matches]);
  const skillName = (id: string) => skills.find((s) => s.id === id)?.name ?? id;
  const sectorName = (id: string | null) => sectors.find((s) => s.id === id)?.name ?? null;
  const set = (patch: Partial<QueueFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const dateTime = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'short' });

  return (
    <div className="queue">
      <div className="queue-filters" role="search">
        <label className="field field-search">
          <span className="sr-only">{t('queue.search')}</span>
          <input type="search" value={filters.search} placeholder={t('queue.searchPlaceholder')} onChange={(e) => set({ search: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('queue.sector')}</span>
          <select value={filters.sectorId} onChange={(e) => set({ sectorId: e.target.value })}>
            <option value="">{t('queue.all')}</option>
            {sectors.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('queue.skill')}</span>
          <select value={filters.skillId} onChange={(e) => set({ skillId: e.target.value })}>
            <option value="">{t('queue.all')}</option>
            {skills.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('queue.reason')}</span>
          <select value={filters.reason} onChange={(e) => set({ reason: e.target.value as QueueFilters['reason'] })}>
            <option value="">{t('queue.all')}</option>
            {REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`reason.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-check">
          <input type="checkbox" checked={filters.urgentOnly} onChange={(e) => set({ urgentOnly: e.target.checked })} />
          <span>{t('queue.urgentOnly')}</span>
        </label>
      </div>
      <p className="queue-count" aria-live="polite">
        {t('queue.count', { count: shown.length, total: items.length })}
      </p>
      {shown.length === 0 && <p className="empty">{items.length === 0 ? t('queue.emptyAll') : t('queue.emptyFiltered')}</p>}
      <ul className="queue-list" aria-label={t('queue.title')}>
        {shown.map(({ view, record, reason, unassigned }) => (
          <li
            key={view.id}
            className={`queue-item${isUrgent(view) ? ' is-urgent' : ''}${selected === view.id ? ' is-selected' : ''}`}
            data-intervention-id={view.id}
          >
            {/* The handle is for the pointer only: a button here was a tab stop that did nothing from the keyboard. The
                keyboard's way to assign is "Trouver un technicien" below (or Enter on a timeline bar to move it). */}
            <span
              className="queue-grip"
              aria-hidden="true"
              title={t('queue.dragHint', { label: view.label })}
              onPointerDown={(e) => {
                if (e.button !== 0) return;
                e.preventDefault();
                controller.startDrag(view.id, { grabOffset: 0, pointer: { x: e.clientX, y: e.clientY }, keyboard: null });
              }}
            >
              ⠿
            </span>
            <button type="button" className="queue-main" onClick={() => controller.select({ interventionId: view.id })}>
              <span className="queue-line">
                <span className="priority" data-level={view.priority >= 80 ? 'urgent' : view.priority >= 60 ? 'high' : 'normal'}>
                  {t('queue.priority', { value: view.priority })}
                </span>
                <strong className="queue-label">{view.label}</strong>
              </span>
              <span className="queue-line queue-meta">
                <span className="status-dot" style={{ background: STATUS_COLORS[view.status] }} aria-hidden="true" />
                <span>{t(`status.${view.status}`)}</span>
                <span>· {formatDuration(view.estimatedDurationMinutes * 60)}</span>
                {sectorName(view.sectorId) && <span>· {sectorName(view.sectorId)}</span>}
                {view.slaDeadline && <span className="sla">· {t('queue.sla', { when: dateTime.format(new Date(view.slaDeadline)) })}</span>}
              </span>
              {record?.problemDescription && <span className="queue-problem">{record.problemDescription}</span>}
              {unassigned?.missingParts?.length ? (
                <span className="queue-parts">{t('reason.missingParts', { refs: unassigned.missingParts.join(', ') })}</span>
              ) : null}
              <span className="queue-line queue-tags">
                {unassigned && <span className={`chip reason-${unassigned.reason}`}>{reasonLabel(t, unassigned, i18n.language)}</span>}
                {view.lat === null && !reason && <span className="chip reason-no_location">{t('reason.no_location')}</span>}
                {record?.requiredSkills.map((s) => (
                  <span key={s.skillId} className="chip">
                    {skillName(s.skillId)} ≥ {s.minLevel}
                  </span>
                ))}
              </span>
            </button>
            <button type="button" className="button small" onClick={() => onFindTechnician(view.id)}>
              {t('queue.findTechnician')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
