// « Visites en retard »: the service-plan visits of the agency that are past
// due — a due day gone by, or a usage counter at its threshold — with the
// customer, the site, the equipment, what made the visit due and how late it
// is (GET /api/overdue-visits, scoped to the top bar's agency as the server
// scopes it to the dispatcher's). « Créer la visite » creates the plan's next
// visit now (POST /api/service-plans/:id/visit: the plan's kind, skills,
// duration and priority), which then waits in the board's queue; a visit
// already created shows its status instead.
import type { TFunction } from 'i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryLabel } from '../../tech/equipment-labels.ts';
import { ApiError, errorMessage, useBackOfficeHttp } from '../shared/client.ts';
import { DataTable, type Column } from '../shared/DataTable.tsx';
import { todayIso } from '../shared/format.ts';
import { ListExport } from '../shared/ListExport.tsx';
import { overdueApi, type OverdueVisit } from './api.ts';
import { dueReason, lateness } from './reason.ts';
import './overdue.css';

const overdueKey = (agencyId: string | null, today: string) => ['overdue-visits', agencyId, today] as const;

export function OverdueScreen({ agencyId }: { agencyId: string | null }) {
  const { t, i18n } = useTranslation();
  const http = useBackOfficeHttp();
  const api = useMemo(() => overdueApi(http), [http]);
  const queryClient = useQueryClient();
  const today = todayIso();
  const list = useQuery({ queryKey: overdueKey(agencyId, today), queryFn: () => api.list(agencyId!, today), enabled: agencyId !== null });
  const [failures, setFailures] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: (v: OverdueVisit) => api.createVisit(v.servicePlanId),
    onSuccess: (_created, v) => setFailures(({ [v.servicePlanId]: _gone, ...rest }) => rest),
    onError: (error, v) => setFailures((f) => ({ ...f, [v.servicePlanId]: failureText(error, t) })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['overdue-visits'] }),
  });

  const columns: Column<OverdueVisit>[] = [
    {
      key: 'customer',
      header: t('overdue.customer'),
      cell: (v) => (
        <>
          <strong>{v.customerName}</strong>
          {v.customerPhone && (
            <div>
              <a href={`tel:${v.customerPhone.replace(/\s+/g, '')}`}>{v.customerPhone}</a>
            </div>
          )}
        </>
      ),
    },
    {
      key: 'site',
      header: t('overdue.site'),
      cell: (v) => (
        <>
          {v.address}
          <div className="muted">
            {v.postcode} {v.city}
          </div>
        </>
      ),
    },
    {
      key: 'equipment',
      header: t('overdue.equipment'),
      cell: (v) =>
        v.equipmentId ? (
          <>
            {v.equipmentCategory ? categoryLabel(v.equipmentCategory, i18n.language) : t('overdue.equipmentUnknown')}
            {(v.equipmentBrand || v.equipmentModel) && <div className="muted">{[v.equipmentBrand, v.equipmentModel].filter(Boolean).join(' ')}</div>}
          </>
        ) : (
          <span className="muted">{t('overdue.wholeSite')}</span>
        ),
    },
    {
      key: 'plan',
      header: t('overdue.plan'),
      cell: (v) => (
        <>
          {v.planName}
          <div className="muted">{t('overdue.contract', { reference: v.contractReference })}</div>
        </>
      ),
    },
    { key: 'reason', header: t('overdue.reason'), cell: (v) => <span className="overdue-reason">{dueReason(v, t, i18n.language)}</span> },
    {
      key: 'late',
      header: t('overdue.late'),
      numeric: true,
      cell: (v) => (
        <>
          {/* On a phone the rows are cards without the header: the figure keeps its name. */}
          <span className="overdue-cell-label">{t('overdue.late')} : </span>
          <strong className="overdue-late">{lateness(v, t, i18n.language)}</strong>
        </>
      ),
    },
    {
      key: 'action',
      header: t('overdue.action'),
      cell: (v) =>
        v.openInterventionId ? (
          <span className="chip">{t('overdue.visitExists', { status: t(`status.${v.openInterventionStatus ?? 'requested'}` as never) })}</span>
        ) : (
          <>
            <button
              type="button"
              className="button small primary"
              disabled={create.isPending && create.variables?.servicePlanId === v.servicePlanId}
              onClick={() => create.mutate(v)}
              aria-label={t('overdue.createFor', { customer: v.customerName, plan: v.planName })}
            >
              {create.isPending && create.variables?.servicePlanId === v.servicePlanId ? t('overdue.creating') : t('overdue.create')}
            </button>
            {failures[v.servicePlanId] && (
              <div className="field-error" role="alert">
                {failures[v.servicePlanId]}
              </div>
            )}
          </>
        ),
    },
  ];

  const rows = list.data ?? [];
  const waiting = rows.filter((v) => !v.openInterventionId).length;
  return (
    <section className="bo-screen overdue-screen" aria-labelledby="overdue-title">
      <header className="bo-header">
        <h1 id="overdue-title">{t('overdue.title')}</h1>
        {list.data && <span className="muted">{t('overdue.summary', { count: rows.length, waiting })}</span>}
        {agencyId && <ListExport choices={[{ list: 'overdue-visits', query: { agencyId, today } }]} />}
      </header>
      <p className="muted">{t('overdue.intro')}</p>
      {list.isError && (
        <p className="field-error" role="alert">
          {t('overdue.loadFailed', { message: errorMessage(list.error) })}
        </p>
      )}
      {list.isPending && agencyId !== null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <DataTable
          caption={t('overdue.caption')}
          captionHidden
          columns={columns}
          rows={rows}
          rowKey={(v) => v.servicePlanId}
          rowClassName={(v) => (v.openInterventionId ? 'is-handled' : undefined)}
          empty={t('overdue.empty')}
          className="overdue-table"
        />
      )}
    </section>
  );
}

function failureText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && error.status === 403) return t('overdue.failed.agency');
  // Made meanwhile (another dispatcher, the nightly generation) — or made and cancelled: the list, refreshed, says which.
  if (error instanceof ApiError && error.status === 409 && error.details.some((d) => d.message === 'visit exists already')) return t('overdue.failed.exists');
  if (error instanceof ApiError && error.status === 409) return t('overdue.failed.inactive');
  return t('overdue.failed.other', { message: errorMessage(error) });
}
