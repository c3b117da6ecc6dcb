// Projected stock (on hand − reservations − customer orders + supplier
// orders, day by day over the horizon) and the shortage list: parts whose
// projection falls below their minimum, with the supplier orders to place,
// grouped by supplier and depot — "create the supplier order" places one.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../shared/client.ts';
import { DataTable, type Column } from '../shared/DataTable.tsx';
import { formatDay, formatMoney, formatQuantity } from '../shared/format.ts';
import type { Projection, Shortage, StockApi } from './api.ts';
import { SuggestedOrder, type OrderProposal } from './SuggestedOrder.tsx';
import { useProjection, useShortages, type Catalogue } from './stock-queries.ts';
import { ListExport } from '../shared/ListExport.tsx';

const HORIZONS = [7, 14, 30, 60] as const;

export function ShortagesView({ api, agencyId, catalogue, onOrdered }: { api: StockApi; agencyId: string; catalogue: Catalogue; onOrdered: () => void }) {
  const { t, i18n } = useTranslation();
  const [horizon, setHorizon] = useState<number>(30);
  const [search, setSearch] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  /** '' (all), 'central', 'van', or one depot's id. */
  const [where, setWhere] = useState('');
  const inScope = (depotId: string) => {
    if (!where) return true;
    if (where === 'central' || where === 'van') return catalogue.depotById.get(depotId)?.kind === where;
    return depotId === where;
  };
  const shortages = useShortages(api, agencyId, horizon);
  const projection = useProjection(api, agencyId, horizon);
  const lang = i18n.language;
  const n = (v: number | null) => (v === null ? '—' : formatQuantity(v, lang));

  // One proposal per supplier and depot: a supplier order goes to one depot.
  const proposals = useMemo((): OrderProposal[] => {
    const out: OrderProposal[] = [];
    for (const s of shortages.data?.suggestions ?? []) {
      const byDepot = new Map<string, Shortage[]>();
      for (const line of s.lines) byDepot.set(line.depotId, [...(byDepot.get(line.depotId) ?? []), line]);
      for (const [depotId, lines] of byDepot) out.push({ key: `${s.supplierId ?? 'none'}|${depotId}`, supplierId: s.supplierId, depotId, lines });
    }
    return out
      .filter((p) => inScope(p.depotId))
      .sort((a, b) => (catalogue.depotById.get(a.depotId)?.kind === 'central' ? 0 : 1) - (catalogue.depotById.get(b.depotId)?.kind === 'central' ? 0 : 1));
  }, [shortages.data, catalogue, where]); // eslint-disable-line react-hooks/exhaustive-deps

  const q = search.trim().toLocaleLowerCase();
  const matches = (r: { partReference: string; partName: string; depotId: string }) =>
    inScope(r.depotId) && (!q || r.partReference.toLocaleLowerCase().includes(q) || r.partName.toLocaleLowerCase().includes(q));

  const shortageColumns: Column<Shortage>[] = [
    { key: 'reference', header: t('stock.col.reference'), cell: (r) => <code>{r.partReference}</code> },
    { key: 'name', header: t('stock.col.name'), cell: (r) => r.partName },
    { key: 'depot', header: t('stock.col.depot'), className: 'col-depot', cell: (r) => r.depotName },
    { key: 'min', header: t('stock.col.min'), numeric: true, cell: (r) => n(r.minQuantity) },
    { key: 'max', header: t('stock.col.max'), numeric: true, cell: (r) => n(r.maxQuantity) },
    {
      key: 'lowest',
      header: t('stock.col.lowest'),
      cell: (r) => t('stock.shortages.lowestOn', { quantity: n(r.lowest.quantity), date: formatDay(r.lowest.on, lang) }),
    },
    { key: 'projected', header: t('stock.col.projected'), numeric: true, cell: (r) => n(r.projected) },
    { key: 'suggested', header: t('stock.col.suggested'), numeric: true, cell: (r) => <strong>{n(r.suggestedQuantity)}</strong> },
    { key: 'cost', header: t('stock.col.cost'), numeric: true, cell: (r) => formatMoney(r.estimatedCostCents, lang) },
  ];
  const projectionColumns: Column<Projection>[] = [
    { key: 'reference', header: t('stock.col.reference'), cell: (r) => <code>{r.partReference}</code> },
    { key: 'name', header: t('stock.col.name'), cell: (r) => r.partName },
    { key: 'depot', header: t('stock.col.depot'), className: 'col-depot', cell: (r) => r.depotName },
    { key: 'onHand', header: t('stock.col.onHand'), numeric: true, cell: (r) => n(r.onHand) },
    { key: 'reserved', header: t('stock.col.reserved'), numeric: true, cell: (r) => n(r.reserved) },
    { key: 'customerOrders', header: t('stock.col.customerOrders'), numeric: true, cell: (r) => n(r.customerOrders) },
    { key: 'supplierOrders', header: t('stock.col.supplierOrders'), numeric: true, cell: (r) => n(r.supplierOrders) },
    { key: 'projected', header: t('stock.col.projected'), numeric: true, cell: (r) => <strong>{n(r.projected)}</strong> },
    {
      key: 'lowest',
      header: t('stock.col.lowest'),
      cell: (r) => t('stock.shortages.lowestOn', { quantity: n(r.lowest.quantity), date: formatDay(r.lowest.on, lang) }),
    },
    { key: 'min', header: t('stock.col.min'), numeric: true, cell: (r) => n(r.minQuantity) },
  ];
  const failure = shortages.error ?? projection.error;

  return (
    <div className="stock-shortages">
      <div className="bo-toolbar">
        <label className="field">
          <span>{t('stock.shortages.horizon')}</span>
          <select value={horizon} onChange={(e) => setHorizon(Number(e.target.value))}>
            {HORIZONS.map((h) => (
              <option key={h} value={h}>
                {t('stock.shortages.days', { count: h })}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('stock.depot')}</span>
          <select value={where} onChange={(e) => setWhere(e.target.value)}>
            <option value="">{t('stock.allDepots')}</option>
            <option value="central">{t('stock.centralDepots')}</option>
            <option value="van">{t('stock.vans')}</option>
            <optgroup label={t('stock.depot')}>
              {catalogue.depots.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <label className="field field-search">
          <span>{t('stock.search')}</span>
          <input type="search" value={search} placeholder={t('stock.searchPlaceholder')} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <ListExport
          choices={[
            {
              list: 'shortages',
              query: { agencyId, horizonDays: horizon, ...(where === 'central' || where === 'van' ? { depotKind: where } : where ? { depotId: where } : {}) },
            },
          ]}
        />
        {(shortages.isFetching || projection.isFetching) && (
          <span className="muted" role="status">
            {t('stock.loading')}
          </span>
        )}
      </div>
      {failure ? (
        <p className="form-error" role="alert">
          {t('stock.loadFailed', { message: errorMessage(failure) })}
        </p>
      ) : null}

      <section className="bo-card" aria-labelledby="stock-suggestions-title">
        <h2 id="stock-suggestions-title">{t('stock.shortages.suggestions')}</h2>
        {created && (
          <p className="bo-success" role="status">
            {created}
          </p>
        )}
        {shortages.data && proposals.length === 0 && <p className="muted">{t('stock.shortages.noSuggestion')}</p>}
        <div className="stock-proposals">
          {proposals.map((p) => (
            <SuggestedOrder
              key={`${p.key}|${p.lines.map((l) => `${l.partId}:${l.suggestedQuantity}`).join(',')}`}
              api={api}
              catalogue={catalogue}
              proposal={p}
              onDone={(message) => {
                setCreated(message);
                onOrdered();
              }}
            />
          ))}
        </div>
      </section>

      <section className="bo-card" aria-labelledby="stock-shortages-title">
        <h2 id="stock-shortages-title">{t('stock.shortages.title')}</h2>
        <DataTable
          caption={t('stock.shortages.caption', { count: (shortages.data?.shortages ?? []).filter(matches).length })}
          captionHidden
          columns={shortageColumns}
          rows={(shortages.data?.shortages ?? []).filter(matches)}
          rowKey={(r) => `${r.depotId}|${r.partId}`}
          rowClassName={(r) => (r.lowest.quantity < 0 ? 'is-danger' : 'is-warning')}
          empty={shortages.isFetching ? t('stock.loading') : t('stock.shortages.empty')}
          className="stock-shortages-table"
        />
      </section>

      <section className="bo-card" aria-labelledby="stock-projection-title">
        <h2 id="stock-projection-title">{t('stock.projection.title')}</h2>
        <DataTable
          caption={t('stock.projection.title')}
          captionHidden
          columns={projectionColumns}
          rows={(projection.data ?? []).filter(matches)}
          rowKey={(r) => `${r.depotId}|${r.partId}`}
          rowClassName={(r) => (r.minQuantity !== null && r.lowest.quantity < r.minQuantity ? 'is-warning' : undefined)}
          empty={projection.isFetching ? t('stock.loading') : t('stock.projection.empty')}
          className="stock-projection-table"
        />
      </section>
    </div>
  );
}
