// The back office's screens inside the board: the same top bar (agency),
// the chosen screen below. Each screen loads its own data over REST.
import type { Section } from '../board/section.ts';
import { useBoard } from '../state/context.tsx';
import { BillingScreen } from './billing/BillingScreen.tsx';
import { StockScreen } from './stock/StockScreen.tsx';
import { WarrantiesScreen } from './warranties/WarrantiesScreen.tsx';

export function BackOffice({ section }: { section: Exclude<Section, 'planning'> }) {
  const agencyId = useBoard((s) => s.agencyId);
  return (
    <main className="back-office" id={`section-${section}`}>
      {section === 'stock' && <StockScreen agencyId={agencyId} />}
      {section === 'warranties' && <WarrantiesScreen agencyId={agencyId} />}
      {section === 'billing' && <BillingScreen agencyId={agencyId} />}
    </main>
  );
}
