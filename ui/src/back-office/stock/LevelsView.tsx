// Stock levels of the agency's depots (central depots first, then the vans):
// on hand, reserved, free, min/max; search by part reference or name; rows
// whose free stock is under the minimum highlighted. Selecting a row shows
// its movements and fills the forms.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../shared/DataTable.tsx';
import { formatQuantity } from '../shared/format.ts';
import { isBelowMin, type StockApi, type StockLevel } from './api.ts';
import { MovementsPanel } from './MovementsPanel.tsx';
import type { Catalogue } from './stock-queries.ts';

export interface Selection {
  readonly depotId: string;
  readonly partId: string;
}

interface Row extends StockLevel {
  readonly key: string;
  readonly reference: string;
  readonly name: string;
  readonly depotName: string;
  readonly depotKind: 'central' | 'van';
  readonly below: boolean;
}

export function LevelsView({
  api,
  catalogue,
  levels,
  loading,
  selection,
  onSelect,
}: {
  api: StockApi;
  catalogue: Catalogue;
  levels: readonly StockLevel[];
  loading: boolean;
  selection: Selection | null;
  onSelect: (s: Selection | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const [depotId, setDepotId] = useState('');
  const [search, setSearch] = useState('');
  const [belowOnly, setBelowOnly] = useState(false);

  const rows = useMemo((): Row[] => {
    const q = search.trim().toLocaleLowerCase();
    const order = new Map(catalogue.depots.map((d, i) => [d.id, i]));
    return levels
      .flatMap((l): Row[] => {
        const depot = catalogue.depotById.get(l.depotId);
        const part = catalogue.parts.get(l.partId);
        if (!depot || !part) return [];
        return [
          {
            ...l,
            key: `${l.depotId}|${l.partId}`,
            reference: part.reference,
            name: part.name,
            depotName: depot.name,
            depotKind: depot.kind,
            below: isBelowMin(l),
          },
        ];
      })
      .filter(
        (r) =>
          (!depotId || r.depotId === depotId) &&
          (!belowOnly || r.below) &&
          (!q || r.reference.toLocaleLowerCase().includes(q) || r.name.toLocaleLowerCase().includes(q)),
      )
      .sort((a, b) => order.get(a.depotId)! - order.get(b.depotId)! || a.reference.localeCompare(b.reference));
  }, [levels, catalogue, depotId, search, belowOnly]);

  const n = (v: number | null) => (v === null ? '—' : formatQuantity(v, i18n.language));
  const columns: Column<Row>[] = [
    {
      key: 'depot',
      header: t('stock.col.depot'),
      className: 'col-depot',
      cell: (r) => (
        <span>
          {r.depotName} <span className="chip">{t(`stock.depotKind.${r.depotKind}`)}</span>
        </span>
      ),
    },
    { key: 'reference', header: t('stock.col.reference'), cell: (r) => <code>{r.reference}</code> },
    { key: 'name', header: t('stock.col.name'), cell: (r) => r.name },
    { key: 'onHand', header: t('stock.col.onHand'), numeric: true, cell: (r) => n(r.onHand) },
    { key: 'reserved', header: t('stock.col.reserved'), numeric: true, cell: (r) => n(r.reserved) },
    { key: 'free', header: t('stock.col.free'), numeric: true, cell: (r) => <strong>{n(r.free)}</strong> },
    { key: 'min', header: t('stock.col.min'), numeric: true, cell: (r) => n(r.minQuantity) },
    { key: 'max', header: t('stock.col.max'), numeric: true, cell: (r) => n(r.maxQuantity) },
    { key: 'bin', header: t('stock.col.bin'), cell: (r) => r.bin ?? '' },
    { key: 'status', header: t('stock.col.status'), cell: (r) => (r.below ? <span className="chip warn">{t('stock.belowMin')}</span> : null) },
  ];
  const selectedKey = selection ? `${selection.depotId}|${selection.partId}` : null;
  const centrals = catalogue.depots.filter((d) => d.kind === 'central');
  const vans = catalogue.depots.filter((d) => d.kind === 'van');

  return (
    <div className="bo-card stock-levels">
      <div className="bo-toolbar" role="search">
        <label className="field">
          <span>{t('stock.depot')}</span>
          <select value={depotId} onChange={(e) => setDepotId(e.target.value)}>
            <option value="">{t('stock.allDepots')}</option>
            {centrals.length > 0 && (
              <optgroup label={t('stock.centralDepots')}>
                {centrals.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </optgroup>
            )}
            {vans.length > 0 && (
              <optgroup label={t('stock.vans')}>
                {vans.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <label className="field field-search">
          <span>{t('stock.search')}</span>
          <input type="search" value={search} placeholder={t('stock.searchPlaceholder')} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <label className="field-check">
          <input type="checkbox" checked={belowOnly} onChange={(e) => setBelowOnly(e.target.checked)} />
          <span>{t('stock.belowMinOnly')}</span>
        </label>
        {loading && (
          <span className="muted" role="status">
            {t('stock.loading')}
          </span>
        )}
      </div>
      <DataTable
        caption={t('stock.levelsCaption', { count: rows.length })}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.key}
        rowClassName={(r) => (r.below ? 'is-warning below-min' : undefined)}
        onRowClick={(r) => onSelect(selectedKey === r.key ? null : { depotId: r.depotId, partId: r.partId })}
        selectedKey={selectedKey}
        empty={loading ? t('stock.loading') : t('stock.noLevels')}
        className="stock-levels-table"
      />
      <MovementsPanel
        api={api}
        catalogue={catalogue}
        depotId={selection?.depotId ?? (depotId || null)}
        partId={selection?.partId ?? null}
        onClear={selection ? () => onSelect(null) : undefined}
      />
    </div>
  );
}
