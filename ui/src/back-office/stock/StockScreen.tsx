// The back office's Stock screen (issue 7): levels per depot of the agency
// (central depots and vans; search; rows under their minimum highlighted),
// the movements of a depot or a part, projected stock and the shortage list
// with supplier orders to create, supplier orders to receive, and the forms
// of the service desk: transfer depot → van, inventory adjustment.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, useBackOfficeHttp } from '../shared/client.ts';
import { Tabs } from '../shared/Tabs.tsx';
import { useLoad } from '../shared/useLoad.ts';
import { stockApi, isBelowMin, type Depot, type Part, type Supplier } from './api.ts';
import { AdjustmentForm } from './AdjustmentForm.tsx';
import { LevelsView, type Selection } from './LevelsView.tsx';
import { OrdersView } from './OrdersView.tsx';
import { ShortagesView } from './ShortagesView.tsx';
import { TransferForm } from './TransferForm.tsx';

export type StockView = 'levels' | 'shortages' | 'orders';
const VIEWS: readonly StockView[] = ['levels', 'shortages', 'orders'];

export interface Catalogue {
  /** The agency these depots belong to. */
  readonly agencyId: string;
  readonly depots: readonly Depot[];
  readonly parts: ReadonlyMap<string, Part>;
  readonly depotById: ReadonlyMap<string, Depot>;
  readonly suppliers: ReadonlyMap<string, Supplier>;
}

export function StockScreen({ agencyId }: { agencyId: string | null }) {
  const { t } = useTranslation();
  const http = useBackOfficeHttp();
  const api = useMemo(() => stockApi(http), [http]);
  const [view, setView] = useState<StockView>('levels');
  const [selection, setSelection] = useState<Selection | null>(null);
  /** Bumped after every movement: levels, movements, projections and orders reload. */
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => setVersion((v) => v + 1), []);
  // Another agency: nothing selected (its depots are others).
  useEffect(() => setSelection(null), [agencyId]);

  const catalogue = useLoad(async (): Promise<Catalogue> => {
    const [depots, parts, suppliers] = await Promise.all([api.depots(agencyId!), api.parts(), api.suppliers().catch(() => [])]);
    const sorted = [...depots].filter((d) => d.active).sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'central' ? -1 : 1));
    return {
      agencyId: agencyId!,
      depots: sorted,
      depotById: new Map(sorted.map((d) => [d.id, d])),
      parts: new Map(parts.map((p) => [p.id, p])),
      suppliers: new Map(suppliers.map((s) => [s.id, s])),
    };
  }, [api, agencyId], agencyId !== null);
  const levels = useLoad(() => api.levels(agencyId!), [api, agencyId, version], agencyId !== null);

  if (!agencyId) return <section className="bo-screen stock-screen" aria-labelledby="stock-title"><h1 id="stock-title">{t('stock.title')}</h1><p className="empty">{t('stock.noAgency')}</p></section>;

  const below = (levels.data ?? []).filter((l) => catalogue.data?.depotById.has(l.depotId) && isBelowMin(l)).length;
  const failure = catalogue.error ?? levels.error;

  return (
    <section className="bo-screen stock-screen" aria-labelledby="stock-title">
      <header className="bo-header">
        <h1 id="stock-title">{t('stock.title')}</h1>
        <button type="button" className="button small" onClick={() => { catalogue.reload(); changed(); }}>{t('stock.refresh')}</button>
      </header>
      {failure ? (
        <p className="form-error" role="alert">
          {t('stock.loadFailed', { message: errorMessage(failure) })}{' '}
          <button type="button" className="link" onClick={() => { catalogue.reload(); levels.reload(); }}>{t('stock.retry')}</button>
        </p>
      ) : null}
      <Tabs
        label={t('stock.tabsLabel')}
        idPrefix="stock"
        tabs={VIEWS.map((key) => ({ key, label: t(`stock.tabs.${key}`), badge: key === 'levels' ? below : undefined }))}
        current={view}
        onChange={setView}
      />
      {!catalogue.data || catalogue.data.agencyId !== agencyId ? (
        <p className="empty" role="status">{t('stock.loading')}</p>
      ) : (
        // Keyed by agency: the forms start afresh with the new agency's depots.
        <div key={agencyId} role="tabpanel" id={`stock-panel-${view}`} aria-labelledby={`stock-tab-${view}`} className="stock-body">
          {view === 'levels' && (
            <div className="stock-layout">
              <LevelsView api={api} catalogue={catalogue.data} levels={levels.data ?? []} loading={levels.loading} selection={selection} onSelect={setSelection} version={version} />
              <aside className="stock-forms" aria-label={t('stock.formsLabel')}>
                <TransferForm api={api} catalogue={catalogue.data} levels={levels.data ?? []} selection={selection} onDone={changed} />
                <AdjustmentForm api={api} catalogue={catalogue.data} levels={levels.data ?? []} selection={selection} onDone={changed} />
              </aside>
            </div>
          )}
          {view === 'shortages' && <ShortagesView api={api} agencyId={agencyId} catalogue={catalogue.data} version={version} onOrdered={changed} />}
          {view === 'orders' && <OrdersView api={api} catalogue={catalogue.data} version={version} onReceived={changed} />}
        </div>
      )}
    </section>
  );
}
