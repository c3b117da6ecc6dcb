import { QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { I18nextProvider } from 'react-i18next';
import { StockScreen } from '../../../src/back-office/stock/StockScreen.tsx';
import type { Depot, Part, StockLevel, StockMovement, SupplierOrder } from '../../../src/back-office/stock/api.ts';
import { BackOfficeHttpContext } from '../../../src/back-office/shared/client.ts';
import { createBackOfficeQueryClient } from '../../../src/back-office/shared/query-client.ts';
import { createI18n, type Language } from '../../../src/i18n/index.ts';
import { apiError, FakeBackOffice, page } from './fake-http.ts';
import { loggedInBoard } from '../../support/fake-board.ts';
import { snapshot as snapshotFixture } from '../../support/fixtures.ts';
import { renderBoard } from '../../support/render.tsx';

const T = '2026-03-10T08:00:00.000Z';
const depot = (id: string, name: string, kind: 'central' | 'van', technicianId: string | null = null): Depot => ({
  id,
  agencyId: 'ag-1',
  code: id.toUpperCase(),
  name,
  kind,
  technicianId,
  allowNegative: false,
  active: true,
  createdAt: T,
  updatedAt: T,
});
const part = (id: string, reference: string, name: string, unitCostCents = 1000): Part => ({
  id,
  reference,
  name,
  unitCostCents,
  unitPriceCents: unitCostCents * 2,
  preferredSupplierId: 's-1',
  energyEfficient: false,
  active: true,
  createdAt: T,
  updatedAt: T,
});
const level = (depotId: string, partId: string, onHand: number, reserved: number, min: number | null, max: number | null): StockLevel => ({
  depotId,
  partId,
  onHand,
  reserved,
  free: onHand - reserved,
  minQuantity: min,
  maxQuantity: max,
  bin: null,
  updatedAt: T,
});

const DEPOTS = [depot('d-van', 'Fourgon Léa Martin', 'van', 't-1'), depot('d-central', 'Dépôt central Aix', 'central')];
const PARTS = [part('p-elec', 'CH-ELEC-ALL', 'Électrode d’allumage'), part('p-vase', 'CH-VASE-8L', 'Vase d’expansion 8 L', 4200)];
const SUPPLIER = {
  id: 's-1',
  code: 'THERMOSUD',
  name: 'Thermo Pièces Sud',
  email: null,
  phone: null,
  accountNumber: null,
  notes: null,
  createdAt: T,
  updatedAt: T,
};

const movement = (id: string, kind: StockMovement['kind'], quantity: number, occurredAt: string, extra: Partial<StockMovement> = {}): StockMovement => ({
  id,
  partId: 'p-elec',
  depotId: 'd-central',
  kind,
  quantity,
  unitCostCents: 1000,
  interventionId: null,
  supplierOrderLineId: null,
  customerOrderLineId: null,
  equipmentId: null,
  batchId: 'b',
  reason: null,
  occurredAt,
  createdById: null,
  createdAt: occurredAt,
  ...extra,
});

const ORDER: SupplierOrder = {
  id: 'o-1',
  supplierId: 's-1',
  depotId: 'd-central',
  reference: 'CF-AIX-0007',
  status: 'ordered',
  orderedOn: '2026-03-09',
  expectedOn: '2026-03-12',
  notes: null,
  lines: [
    { id: 'ol-1', partId: 'p-vase', quantity: 6, unitCostCents: 4200, receivedQuantity: 0 },
    { id: 'ol-2', partId: 'p-elec', quantity: 4, unitCostCents: 1000, receivedQuantity: 1 },
  ],
  createdAt: T,
  updatedAt: T,
};

function server() {
  let levels = [level('d-central', 'p-elec', 10, 2, 4, 12), level('d-central', 'p-vase', 1, 0, 2, 6), level('d-van', 'p-elec', 1, 0, 1, 2)];
  const fake = new FakeBackOffice({
    'GET /api/depots': () => page(DEPOTS),
    'GET /api/parts': () => page(PARTS),
    'GET /api/suppliers': () => page([SUPPLIER]),
    'GET /api/stock-levels': () => page(levels),
    'GET /api/supplier-orders': () => page([ORDER]),
    'GET /api/stock-movements': () =>
      page([
        movement('m-2', 'transfer_out', -2, '2026-03-09T07:30:00Z', { reason: 'Réassort fourgon' }),
        movement('m-1', 'receipt', 12, '2026-03-05T08:00:00Z', { supplierOrderLineId: 'ol-2' }),
      ]),
    'POST /api/stock-movements/transfers': ({ body }) => {
      const b = body as { fromDepotId: string; toDepotId: string; lines: Array<{ partId: string; quantity: number }> };
      const q = b.lines[0]!.quantity;
      levels = levels.map((l) =>
        l.partId === b.lines[0]!.partId && l.depotId === b.fromDepotId
          ? level(l.depotId, l.partId, l.onHand - q, l.reserved, l.minQuantity, l.maxQuantity)
          : l.partId === b.lines[0]!.partId && l.depotId === b.toDepotId
            ? level(l.depotId, l.partId, l.onHand + q, l.reserved, l.minQuantity, l.maxQuantity)
            : l,
      );
      return { batchId: 'b-1', movements: [], onHand: [], journalEntryId: null };
    },
  });
  return fake;
}

function renderStock(fake: FakeBackOffice, language: Language = 'fr') {
  const i18n = createI18n(language);
  return render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={createBackOfficeQueryClient()}>
        <BackOfficeHttpContext.Provider value={fake}>
          <StockScreen agencyId="ag-1" />
        </BackOfficeHttpContext.Provider>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}

const levelsTable = () => screen.getByRole('table', { name: /Niveaux de stock/ });
const rowOf = (depotName: string, reference: string) =>
  within(levelsTable())
    .getAllByRole('row')
    .find((r) => r.textContent!.includes(depotName) && r.textContent!.includes(reference))!;

describe('StockScreen', () => {
  it('lists the agency’s levels per depot, central first, with rows under their minimum highlighted, and searches parts', async () => {
    const fake = server();
    renderStock(fake);
    await screen.findByRole('table', { name: 'Niveaux de stock — 3 lignes' });
    expect(fake.callsTo('GET', '/api/stock-levels')[0]!.query).toMatchObject({ agencyId: 'ag-1' });
    const rows = within(levelsTable()).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent!.includes('Dépôt central Aix'))).toEqual([true, true, false]);
    const elec = rowOf('Dépôt central Aix', 'CH-ELEC-ALL');
    // on hand, reserved, free, min, max
    expect([...elec.querySelectorAll('td.num')].map((c) => c.textContent)).toEqual(['10', '2', '8', '4', '12']);
    expect(elec.className).not.toMatch(/below-min/);
    const vase = rowOf('Dépôt central Aix', 'CH-VASE-8L');
    expect(vase.className).toMatch(/below-min/);
    expect(within(vase).getByText('Sous le minimum')).toBeTruthy();
    // The tab counts the rows under their minimum.
    expect(within(screen.getByRole('tab', { name: /Niveaux/ })).getByText('1')).toBeTruthy();

    await userEvent.type(screen.getByRole('searchbox', { name: 'Rechercher une pièce' }), 'vase');
    await screen.findByRole('table', { name: 'Niveaux de stock — 1 ligne' });
    await userEvent.clear(screen.getByRole('searchbox', { name: 'Rechercher une pièce' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Sous le minimum uniquement' }));
    await screen.findByRole('table', { name: 'Niveaux de stock — 1 ligne' });
    expect(rowOf('Dépôt central Aix', 'CH-VASE-8L')).toBeTruthy();
  });

  it('shows the movements of a selected row, newest first, with their kind and what they refer to', async () => {
    const fake = server();
    renderStock(fake);
    await screen.findByRole('table', { name: /Niveaux de stock/ });
    await userEvent.click(rowOf('Dépôt central Aix', 'CH-ELEC-ALL'));
    const region = await screen.findByRole('region', { name: 'Mouvements de CH-ELEC-ALL — Dépôt central Aix' });
    await within(region).findByText('Transfert sortant');
    expect(fake.callsTo('GET', '/api/stock-movements').at(-1)!.query).toMatchObject({ depotId: 'd-central', partId: 'p-elec' });
    const rows = within(region).getAllByRole('row').slice(1);
    expect(rows[0]!.textContent).toContain('Transfert sortant');
    expect(rows[0]!.textContent).toContain('−2');
    expect(rows[0]!.textContent).toContain('Réassort fourgon');
    expect(rows[1]!.textContent).toContain('Réception');
    expect(rows[1]!.textContent).toContain('+12');
    await waitFor(() => expect(rows[1]!.textContent).toContain('Commande CF-AIX-0007'));
  });

  it('transfers a part from the central depot to a van, and both levels reload', async () => {
    const fake = server();
    renderStock(fake);
    await screen.findByRole('table', { name: /Niveaux de stock/ });
    await userEvent.click(rowOf('Dépôt central Aix', 'CH-ELEC-ALL'));
    const form = screen.getByRole('form', { name: 'Transfert dépôt → fourgon' });
    expect((within(form).getByLabelText('Depuis') as HTMLSelectElement).value).toBe('d-central');
    expect((within(form).getByLabelText('Pièce') as HTMLSelectElement).value).toBe('p-elec');
    expect(within(form).getByText('8 libres au départ')).toBeTruthy();
    await userEvent.selectOptions(within(form).getByLabelText('Vers'), 'd-van');
    const quantity = within(form).getByLabelText('Quantité');
    await userEvent.clear(quantity);
    await userEvent.type(quantity, '3');
    await userEvent.click(within(form).getByRole('button', { name: 'Transférer' }));
    await within(form).findByText('3 × CH-ELEC-ALL transféré vers Fourgon Léa Martin.');
    expect(fake.callsTo('POST', '/api/stock-movements/transfers')[0]!.body).toEqual({
      fromDepotId: 'd-central',
      toDepotId: 'd-van',
      lines: [{ partId: 'p-elec', quantity: 3 }],
    });
    await waitFor(() => expect(rowOf('Dépôt central Aix', 'CH-ELEC-ALL').querySelectorAll('td.num')[0]!.textContent).toBe('7'));
    expect(rowOf('Fourgon Léa Martin', 'CH-ELEC-ALL').querySelectorAll('td.num')[0]!.textContent).toBe('4');
  });

  it('shows the server’s refusal next to the field it names and keeps what was typed', async () => {
    const fake = server().on('POST /api/stock-movements/transfers', () => {
      throw apiError(409, 'not enough stock: no movement takes a depot below zero', [
        { path: 'lines[0].quantity', message: 'only 10 of part CH-ELEC-ALL on hand in Dépôt central Aix; 50 asked' },
      ]);
    });
    renderStock(fake);
    await screen.findByRole('table', { name: /Niveaux de stock/ });
    const form = screen.getByRole('form', { name: 'Transfert dépôt → fourgon' });
    await userEvent.selectOptions(within(form).getByLabelText('Vers'), 'd-van');
    await userEvent.selectOptions(within(form).getByLabelText('Pièce'), 'p-elec');
    const quantity = within(form).getByLabelText('Quantité');
    await userEvent.clear(quantity);
    await userEvent.type(quantity, '50');
    await userEvent.type(within(form).getByLabelText('Motif (facultatif)'), 'Chantier');
    await userEvent.click(within(form).getByRole('button', { name: 'Transférer' }));
    const message = await within(form).findByText('only 10 of part CH-ELEC-ALL on hand in Dépôt central Aix; 50 asked');
    expect(quantity.getAttribute('aria-invalid')).toBe('true');
    expect(quantity.getAttribute('aria-describedby')).toContain(message.id);
    expect(within(form).getByText('not enough stock: no movement takes a depot below zero')).toBeTruthy();
    expect((quantity as HTMLInputElement).value).toBe('50');
    expect((within(form).getByLabelText('Motif (facultatif)') as HTMLInputElement).value).toBe('Chantier');
    expect((within(form).getByLabelText('Vers') as HTMLSelectElement).value).toBe('d-van');
  });

  it('records an inventory count with its reason; a missing reason is shown next to the reason', async () => {
    const fake = server();
    let adjusted: unknown = null;
    fake.on('POST /api/stock-movements/adjustments', ({ body }) => {
      const b = body as { reason: string };
      if (!b.reason) throw apiError(400, 'invalid request', [{ path: 'reason', message: 'Too small: expected string to have >=1 characters' }]);
      adjusted = body;
      return { batchId: 'b', movements: [{ id: 'm' }], onHand: [{ partId: 'p-vase', depotId: 'd-central', onHand: 3 }], journalEntryId: 'j' };
    });
    renderStock(fake);
    await screen.findByRole('table', { name: /Niveaux de stock/ });
    await userEvent.click(rowOf('Dépôt central Aix', 'CH-VASE-8L'));
    const form = screen.getByRole('form', { name: 'Ajustement d’inventaire' });
    expect(within(form).getByText('1 en stock')).toBeTruthy();
    await userEvent.type(within(form).getByLabelText('Quantité comptée', { selector: 'input[type=number]' }), '3');
    await userEvent.click(within(form).getByRole('button', { name: 'Enregistrer l’ajustement' }));
    const reason = within(form).getByLabelText('Motif');
    await within(form).findByText('Too small: expected string to have >=1 characters');
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect((within(form).getByLabelText('Quantité comptée', { selector: 'input[type=number]' }) as HTMLInputElement).value).toBe('3');
    await userEvent.type(reason, 'Inventaire tournant');
    await userEvent.click(within(form).getByRole('button', { name: 'Enregistrer l’ajustement' }));
    await within(form).findByText('Ajustement enregistré : 3 en stock.');
    expect(adjusted).toEqual({ depotId: 'd-central', reason: 'Inventaire tournant', lines: [{ partId: 'p-vase', countedQuantity: 3 }] });
  });

  it('lists shortages and creates the suggested supplier order; a duplicate reference is shown next to the reference', async () => {
    const shortage = {
      partId: 'p-vase',
      partReference: 'CH-VASE-8L',
      partName: 'Vase d’expansion 8 L',
      depotId: 'd-central',
      depotName: 'Dépôt central Aix',
      minQuantity: 2,
      maxQuantity: 6,
      lowest: { quantity: 1, on: '2026-03-10' },
      projected: 1,
      suggestedQuantity: 5,
      estimatedCostCents: 21000,
    };
    const fake = server()
      .on('GET /api/stock/shortages', () => ({ shortages: [shortage], suggestions: [{ supplierId: 's-1', lines: [shortage], estimatedCostCents: 21000 }] }))
      .on('GET /api/stock/projection', () => page([{ ...shortage, onHand: 1, reserved: 0, customerOrders: 0, supplierOrders: 0, timeline: [] }]));
    let attempts = 0;
    fake.on('POST /api/supplier-orders', ({ body }) => {
      if (attempts++ === 0) throw apiError(409, 'already exists', [{ path: 'reference', message: 'is already used' }]);
      return { ...ORDER, id: 'o-2', reference: (body as { reference: string }).reference, lines: [] };
    });
    renderStock(fake);
    await userEvent.click(await screen.findByRole('tab', { name: 'Prévisions et ruptures' }));
    const shortages = await screen.findByRole('table', { name: '1 rupture prévue' });
    expect(within(shortages).getByText('CH-VASE-8L')).toBeTruthy();
    expect(within(shortages).getByText('1 le 10/03/2026')).toBeTruthy();
    expect(within(shortages).getByText(/210,00/)).toBeTruthy();
    const proposal = screen.getByRole('form', { name: 'Thermo Pièces Sud → Dépôt central Aix' });
    expect((within(proposal).getByLabelText('Quantité à commander de CH-VASE-8L') as HTMLInputElement).value).toBe('5');
    await userEvent.click(within(proposal).getByRole('button', { name: 'Créer la commande fournisseur' }));
    await within(proposal).findByText('is already used');
    const reference = within(proposal).getByLabelText('Référence de commande') as HTMLInputElement;
    expect(reference.getAttribute('aria-invalid')).toBe('true');
    await userEvent.clear(reference);
    await userEvent.type(reference, 'CF-AIX-0100');
    await userEvent.click(within(proposal).getByRole('button', { name: 'Créer la commande fournisseur' }));
    await screen.findByText('Commande CF-AIX-0100 créée.');
    const sent = fake.callsTo('POST', '/api/supplier-orders').at(-1)!.body as Record<string, unknown>;
    expect(sent).toMatchObject({
      supplierId: 's-1',
      depotId: 'd-central',
      reference: 'CF-AIX-0100',
      status: 'ordered',
      lines: [{ partId: 'p-vase', quantity: 5 }],
    });
    expect(typeof sent.expectedOn).toBe('string');
  });

  it('restocks a van under its minimum from the central depot; a refused line shows its message next to it', async () => {
    const shortage = {
      partId: 'p-elec',
      partReference: 'CH-ELEC-ALL',
      partName: 'Électrode d’allumage',
      depotId: 'd-van',
      depotName: 'Fourgon Léa Martin',
      minQuantity: 1,
      maxQuantity: 2,
      lowest: { quantity: 0, on: '2026-03-10' },
      projected: 0,
      suggestedQuantity: 2,
      estimatedCostCents: 2000,
    };
    const fake = server()
      .on('GET /api/stock/shortages', () => ({ shortages: [shortage], suggestions: [{ supplierId: 's-1', lines: [shortage], estimatedCostCents: 2000 }] }))
      .on('GET /api/stock/projection', () => page([]));
    let tries = 0;
    fake.on('POST /api/stock-movements/transfers', () => {
      if (tries++ === 0)
        throw apiError(409, 'not enough stock: no movement takes a depot below zero', [
          { path: 'lines[0].quantity', message: 'only 1 of part CH-ELEC-ALL on hand in Dépôt central Aix; 2 asked' },
        ]);
      return { batchId: 'b', movements: [], onHand: [], journalEntryId: null };
    });
    renderStock(fake);
    await userEvent.click(await screen.findByRole('tab', { name: 'Prévisions et ruptures' }));
    const proposal = await screen.findByRole('form', { name: 'Thermo Pièces Sud → Fourgon Léa Martin' });
    await userEvent.click(within(proposal).getByRole('button', { name: 'Réassortir depuis Dépôt central Aix' }));
    await within(proposal).findByText('only 1 of part CH-ELEC-ALL on hand in Dépôt central Aix; 2 asked');
    const quantity = within(proposal).getByLabelText('Quantité à commander de CH-ELEC-ALL') as HTMLInputElement;
    expect(quantity.getAttribute('aria-invalid')).toBe('true');
    await userEvent.clear(quantity);
    await userEvent.type(quantity, '1');
    await userEvent.click(within(proposal).getByRole('button', { name: 'Réassortir depuis Dépôt central Aix' }));
    await screen.findByText('Fourgon Léa Martin réapprovisionné depuis le dépôt central.');
    expect(fake.callsTo('POST', '/api/stock-movements/transfers').at(-1)!.body).toEqual({
      fromDepotId: 'd-central',
      toDepotId: 'd-van',
      reason: 'Réassort fourgon',
      lines: [{ partId: 'p-elec', quantity: 1 }],
    });
    expect(fake.callsTo('POST', '/api/supplier-orders')).toEqual([]);
  });

  it('receives a supplier order line by line; a refused line shows its message next to it', async () => {
    const fake = server();
    let tries = 0;
    fake.on('POST /api/supplier-orders/:id/receipts', ({ body }) => {
      if (tries++ === 0) throw apiError(422, 'more than ordered', [{ path: 'lines[1].quantity', message: '3 still expected on this line' }]);
      return { batchId: 'b', movements: [], onHand: [], journalEntryId: null, body };
    });
    renderStock(fake);
    await userEvent.click(await screen.findByRole('tab', { name: 'Commandes fournisseurs' }));
    const table = await screen.findByRole('table', { name: '1 commande fournisseur' });
    await userEvent.click(within(table).getByText('CF-AIX-0007'));
    const form = await screen.findByRole('form', { name: 'Commande CF-AIX-0007' });
    const elec = within(form).getByLabelText('Quantité reçue de CH-ELEC-ALL') as HTMLInputElement;
    expect(elec.value).toBe('3');
    await userEvent.clear(elec);
    await userEvent.type(elec, '9');
    await userEvent.click(within(form).getByRole('button', { name: 'Enregistrer la réception' }));
    await within(form).findByText('3 still expected on this line');
    expect(elec.getAttribute('aria-invalid')).toBe('true');
    expect(elec.value).toBe('9');
    await userEvent.clear(elec);
    await userEvent.type(elec, '3');
    await userEvent.click(within(form).getByRole('button', { name: 'Enregistrer la réception' }));
    await screen.findByText('Réception de CF-AIX-0007 enregistrée.');
    expect(fake.callsTo('POST', '/api/supplier-orders/o-1/receipts').at(-1)!.body).toEqual({
      lines: [
        { lineId: 'ol-1', quantity: 6 },
        { lineId: 'ol-2', quantity: 3 },
      ],
    });
  });

  it('follows the board’s agency: another agency’s depots, nothing selected', async () => {
    const fake = server();
    const other = depot('d-mrs', 'Dépôt central Marseille', 'central');
    fake.on('GET /api/depots', ({ query }) => page(query.agencyId === 'ag-2' ? [{ ...other, agencyId: 'ag-2' }] : DEPOTS));
    fake.on('GET /api/stock-levels', ({ query }) =>
      page(query.agencyId === 'ag-2' ? [level('d-mrs', 'p-vase', 4, 0, 2, 6)] : [level('d-central', 'p-elec', 10, 2, 4, 12)]),
    );
    const i18n = createI18n('fr');
    const queryClient = createBackOfficeQueryClient();
    const ui = (agencyId: string) => (
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          <BackOfficeHttpContext.Provider value={fake}>
            <StockScreen agencyId={agencyId} />
          </BackOfficeHttpContext.Provider>
        </QueryClientProvider>
      </I18nextProvider>
    );
    const { rerender } = render(ui('ag-1'));
    await screen.findByRole('table', { name: 'Niveaux de stock — 1 ligne' });
    await userEvent.click(rowOf('Dépôt central Aix', 'CH-ELEC-ALL'));
    rerender(ui('ag-2'));
    await waitFor(() => expect(rowOf('Dépôt central Marseille', 'CH-VASE-8L')).toBeTruthy());
    const form = screen.getByRole('form', { name: 'Transfert dépôt → fourgon' });
    expect((within(form).getByLabelText('Depuis') as HTMLSelectElement).value).toBe('d-mrs');
    expect((within(form).getByLabelText('Pièce') as HTMLSelectElement).value).toBe('');
    expect(screen.getByText('Choisissez un dépôt ou une ligne pour voir ses mouvements.')).toBeTruthy();
  });

  it('speaks English when asked', async () => {
    renderStock(server(), 'en');
    await screen.findByRole('table', { name: 'Stock levels — 3 rows' });
    expect(screen.getByRole('tab', { name: 'Projection & shortages' })).toBeTruthy();
    expect(screen.getByRole('form', { name: 'Transfer depot → van' })).toBeTruthy();
    expect(screen.getAllByText('Below minimum').length).toBeGreaterThan(0);
  });

  it('says so when no agency is chosen', () => {
    const fake = server();
    const i18n = createI18n('fr');
    render(
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={createBackOfficeQueryClient()}>
          <BackOfficeHttpContext.Provider value={fake}>
            <StockScreen agencyId={null} />
          </BackOfficeHttpContext.Provider>
        </QueryClientProvider>
      </I18nextProvider>,
    );
    expect(screen.getByText('Choisissez une agence pour voir son stock.')).toBeTruthy();
    expect(fake.calls).toEqual([]);
  });
});

describe('StockScreen on the board: the stock follows what the board hears', () => {
  async function onBoard() {
    const fake = server();
    const { controller, socket } = await loggedInBoard();
    renderBoard(
      <QueryClientProvider client={createBackOfficeQueryClient()}>
        <BackOfficeHttpContext.Provider value={fake}>
          <StockScreen agencyId="ag-1" />
        </BackOfficeHttpContext.Provider>
      </QueryClientProvider>,
      controller,
    );
    await screen.findByRole('table', { name: 'Niveaux de stock — 3 lignes' });
    return { fake, socket };
  }
  /** The day as the server resends it periodically: the same sequence, nothing new. */
  const snapshotOf = (sequence: number) => snapshotFixture({ sequence });
  const delta = (sequence: number) => ({
    agencyId: 'ag-aix',
    date: '2026-03-10',
    epoch: 'e1',
    sequence,
    reason: 'assignment' as const,
    tours: [],
    removedTours: [],
    interventions: [],
    removedInterventions: [],
    sentAt: '2026-03-10T07:00:00Z',
  });

  it('reads the levels again when a plan change arrives (a visit assigned reserves its parts), not on a snapshot with nothing new', async () => {
    const { fake, socket } = await onBoard();
    const before = fake.callsTo('GET', '/api/stock-levels').length;
    fake.on('GET /api/stock-levels', () => page([level('d-central', 'p-elec', 10, 6, 4, 12), level('d-van', 'p-elec', 1, 0, 1, 2)]));
    act(() => socket.serve('plan:snapshot', { ...snapshotOf(10) }));
    act(() => socket.serve('plan:delta', delta(11)));
    await screen.findByRole('table', { name: 'Niveaux de stock — 2 lignes' });
    expect(fake.callsTo('GET', '/api/stock-levels')).toHaveLength(before + 1);
  });

  it('reads the levels again when the socket is back after a loss', async () => {
    const { fake, socket } = await onBoard();
    fake.on('GET /api/stock-levels', () => page([level('d-van', 'p-elec', 1, 0, 1, 2)]));
    act(() => {
      for (const handler of socket.handlers.get('disconnect') ?? []) handler();
    });
    act(() => {
      for (const handler of socket.handlers.get('connect') ?? []) handler();
    });
    await screen.findByRole('table', { name: 'Niveaux de stock — 1 ligne' });
  });
});
