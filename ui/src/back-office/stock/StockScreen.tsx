// The back office's Stock screen (issue 7): levels per depot of the agency
// (central depots and vans; search; rows under their minimum highlighted),
// the movements of a depot or a part, projected stock and the shortage list
// with supplier orders to create, supplier orders to receive, and the forms
// of the service desk: transfer depot → van, inventory adjustment.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, useBackOfficeHttp } from '../shared/client.ts';
import { Tabs } from '../shared/Tabs.tsx';
import { useInvalidateOnBoardEvents } from '../shared/board-invalidation.ts';
import { stockApi, isBelowMin } from './api.ts';
import { AdjustmentForm } from './AdjustmentForm.tsx';
import { LevelsView, type Selection } from './LevelsView.tsx';
import { OrdersView } from './OrdersView.tsx';
import { ShortagesView } from './ShortagesView.tsx';
import { stockKeys, useCatalogue, useLevels, useStockChanged } from './stock-queries.ts';
import { TransferForm } from './TransferForm.tsx';

export type StockView = 'levels' | 'shortages' | 'orders';
const VIEWS: readonly StockView[] = ['levels', 'shortages', 'orders'];

export function StockScreen({ agencyId }: { agencyId: string | null }) {
  const { t } = useTranslation();
  const http = useBackOfficeHttp();
  const api = useMemo(() => stockApi(http), [http]);
  const [view, setView] = useState<StockView>('levels');
  const [selection, setSelection] = useState<Selection | null>(null);
  // After every movement: levels, movements, projections and orders are read again (the catalogue is not).
  const changed = useStockChanged();
  // And when the board hears the plan or the field change them.
  useInvalidateOnBoardEvents([stockKeys.all]);
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: stockKeys.catalogueAll });
    changed();
  };
  // Another agency: nothing selected (its depots are others).
  useEffect(() => setSelection(null), [agencyId]);

  const catalogue = useCatalogue(api, agencyId);
  const levels = useLevels(api, agencyId);

  if (!agencyId)
    return (
      <section className="bo-screen stock-screen" aria-labelledby="stock-title">
        <h1 id="stock-title">{t('stock.title')}</h1>
        <p className="empty">{t('stock.noAgency')}</p>
      </section>
    );

  const below = (levels.data ?? []).filter((l) => catalogue.data?.depotById.has(l.depotId) && isBelowMin(l)).length;
  const failure = catalogue.error ?? levels.error;

  return (
    <section className="bo-screen stock-screen" aria-labelledby="stock-title">
      <header className="bo-header">
        <h1 id="stock-title">{t('stock.title')}</h1>
        <button type="button" className="button small" onClick={refresh}>
          {t('stock.refresh')}
        </button>
      </header>
      {failure ? (
        <p className="form-error" role="alert">
          {t('stock.loadFailed', { message: errorMessage(failure) })}{' '}
          <button type="button" className="link" onClick={refresh}>
            {t('stock.retry')}
          </button>
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
        <p className="empty" role="status">
          {t('stock.loading')}
        </p>
      ) : (
        // Keyed by agency: the forms start afresh with the new agency's depots.
        <div key={agencyId} role="tabpanel" id={`stock-panel-${view}`} aria-labelledby={`stock-tab-${view}`} className="stock-body">
          {view === 'levels' && (
            <div className="stock-layout">
              <LevelsView
                api={api}
                catalogue={catalogue.data}
                levels={levels.data ?? []}
                loading={levels.isFetching}
                selection={selection}
                onSelect={setSelection}
              />
              <aside className="stock-forms" aria-label={t('stock.formsLabel')}>
                <TransferForm api={api} catalogue={catalogue.data} levels={levels.data ?? []} selection={selection} onDone={changed} />
                <AdjustmentForm api={api} catalogue={catalogue.data} levels={levels.data ?? []} selection={selection} onDone={changed} />
              </aside>
            </div>
          )}
          {view === 'shortages' && <ShortagesView api={api} agencyId={agencyId} catalogue={catalogue.data} onOrdered={changed} />}
          {view === 'orders' && <OrdersView api={api} catalogue={catalogue.data} onReceived={changed} />}
        </div>
      )}
    </section>
  );
}
