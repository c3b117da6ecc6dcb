// The back office's screens inside the board: the same top bar (agency),
// the chosen screen below. Each screen loads its own data over REST, through
// the back office's query cache (shared/query-client.ts), kept while the back
// office is open: going from Stock to Garanties and back shows what was read.
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import type { Section } from '../board/section.ts';
import { useBoard } from '../state/context.tsx';
import { BillingScreen } from './billing/BillingScreen.tsx';
import { ImportScreen } from './import/ImportScreen.tsx';
import { OverdueScreen } from './overdue/OverdueScreen.tsx';
import { createBackOfficeQueryClient } from './shared/query-client.ts';
import { StockScreen } from './stock/StockScreen.tsx';
import { WarrantiesScreen } from './warranties/WarrantiesScreen.tsx';
import { WebhooksScreen } from './webhooks/WebhooksScreen.tsx';

export function BackOffice({ section }: { section: Exclude<Section, 'planning'> }) {
  const agencyId = useBoard((s) => s.agencyId);
  const [queryClient] = useState(createBackOfficeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <main className="back-office" id={`section-${section}`}>
        {section === 'stock' && <StockScreen agencyId={agencyId} />}
        {section === 'warranties' && <WarrantiesScreen agencyId={agencyId} />}
        {section === 'billing' && <BillingScreen agencyId={agencyId} />}
        {section === 'overdue' && <OverdueScreen agencyId={agencyId} />}
        {section === 'import' && <ImportScreen agencyId={agencyId} />}
        {section === 'webhooks' && <WebhooksScreen />}
      </main>
    </QueryClientProvider>
  );
}
