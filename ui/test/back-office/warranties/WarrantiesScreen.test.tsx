import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../src/back-office/warranties/api.ts';
import { WarrantiesScreen } from '../../../src/back-office/warranties/WarrantiesScreen.tsx';
import { conflict, fakeHttp, invalid, plain, renderScreen } from '../billing/fake-http.tsx';

const T = { createdAt: '2026-03-01T09:00:00.000Z', updatedAt: '2026-03-05T09:00:00.000Z' };
const claimOf = (over: Partial<Claim> = {}): Claim => ({
  id: 'cl-1',
  agencyId: 'ag-aix',
  supplierId: 'sup-1',
  warrantyId: 'w1',
  equipmentId: 'eq-1',
  interventionId: 'i1',
  invoiceId: 'd1',
  kind: 'repair',
  status: 'submitted',
  reference: 'GAR-2026-AB12CD34',
  supplierReference: 'RMA-778',
  expectedCreditCents: 32000,
  receivedCreditCents: 0,
  creditNoteReference: null,
  submittedOn: '2026-03-02',
  answeredOn: null,
  creditedOn: null,
  notes: null,
  ...T,
  ...over,
});
const page = <X,>(items: X[]) => ({ items, total: items.length, limit: 200, offset: 0 });
const suppliers = [{ id: 'sup-1', code: 'DAIK', name: 'Daikin France', email: null, phone: null, accountNumber: null, notes: null, ...T }];
const equipment = {
  id: 'eq-1',
  siteId: 's1',
  category: 'heat_pump',
  brand: 'Daikin',
  model: 'Altherma 3',
  serialNumber: 'SN-4471',
  asSold: {},
  asMaintained: {},
  installedOn: '2024-05-02',
  warrantyEndsOn: '2027-05-02',
  counters: {},
  countersReadAt: null,
  active: true,
  notes: null,
  ...T,
};
const money = (text: string) => (_: string, el: Element | null) => !!el?.classList.contains('money') && plain(el.textContent) === text;

describe('WarrantiesScreen', () => {
  it('lists claims by status and supplier; the detail shows its history and the moves allowed, with the server’s refusal', async () => {
    let claim = claimOf();
    const { http, calls } = fakeHttp({
      'GET /api/suppliers': () => page(suppliers),
      'GET /api/warranty-claims': ({ query }) =>
        page(
          query.status && query.status !== claim.status
            ? []
            : [
                claim,
                claimOf({ id: 'cl-2', reference: 'GAR-2026-0000FFFF', status: 'draft', submittedOn: null, equipmentId: null, expectedCreditCents: 5000 }),
              ],
        ),
      'GET /api/warranty-claims/:id': () => claim,
      'GET /api/equipment/:id': () => equipment,
      'GET /api/journal-entries': () => page([]),
      'POST /api/warranty-claims/:id/transitions': ({ body }) => {
        if (body.to === 'accepted')
          throw conflict('a submitted claim cannot become accepted (allowed: refused, credited)', [
            { path: 'to', message: 'a submitted claim cannot become accepted (allowed: refused, credited)' },
          ]);
        claim = {
          ...claim,
          status: 'credited',
          receivedCreditCents: body.receivedCreditCents,
          creditNoteReference: body.creditNoteReference ?? null,
          creditedOn: body.on,
        };
        return claim;
      },
    });
    await renderScreen(<WarrantiesScreen agencyId="ag-aix" />, http);
    const table = await screen.findByRole('table', { name: 'Demandes de garantie' });
    const row = within(table).getByText('GAR-2026-AB12CD34').closest('tr')!;
    await waitFor(() => expect(within(row).getByText('Daikin Altherma 3 — SN-4471')).toBeTruthy());
    expect(within(row).getByText('Daikin France')).toBeTruthy();
    expect(within(row).getByText('Envoyée')).toBeTruthy();
    expect(within(row).getAllByText(money('320,00 €')).length).toBe(2); // expected, and still to recover
    expect(within(row).getByText(money('0,00 €'))).toBeTruthy();

    await userEvent.selectOptions(screen.getByLabelText('Statut'), 'submitted');
    await userEvent.selectOptions(screen.getByLabelText('Fournisseur'), 'sup-1');
    await waitFor(() =>
      expect(calls.filter((c) => c.path === '/api/warranty-claims').at(-1)!.query).toMatchObject({
        agencyId: 'ag-aix',
        status: 'submitted',
        supplierId: 'sup-1',
      }),
    );

    await userEvent.click(within(await screen.findByRole('table', { name: 'Demandes de garantie' })).getByRole('button', { name: 'GAR-2026-AB12CD34' }));
    expect(await screen.findByRole('heading', { name: 'Demande GAR-2026-AB12CD34' })).toBeTruthy();
    const history = screen.getByRole('heading', { name: 'Historique' }).parentElement!;
    expect(history.textContent).toContain('Demande ouverte');
    expect(history.textContent).toContain('02/03/2026 Envoyée au fournisseur');
    const actions = screen.getByRole('group', { name: 'Actions sur la demande' });
    expect(
      within(actions)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Acceptée par le fournisseur', 'Refusée par le fournisseur', 'Enregistrer l’avoir reçu']);

    // The server decides: its refusal is shown as it says it.
    await userEvent.click(within(actions).getByRole('button', { name: 'Acceptée par le fournisseur' }));
    await userEvent.click(screen.getByRole('button', { name: 'Confirmer' }));
    expect((await screen.findByRole('alert')).textContent).toContain('a submitted claim cannot become accepted');

    await userEvent.click(screen.getByRole('button', { name: 'Annuler' }));
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer l’avoir reçu' }));
    const received = screen.getByLabelText('Montant de l’avoir reçu (€)');
    expect((received as HTMLInputElement).value).toBe('320,00');
    await userEvent.clear(received);
    await userEvent.type(received, '300');
    await userEvent.type(screen.getByLabelText('Référence de l’avoir'), 'AV-2026-118');
    await userEvent.click(screen.getByRole('button', { name: 'Confirmer' }));
    expect(await screen.findByText('Demande passée au statut « Avoir reçu ».')).toBeTruthy();
    const post = calls.filter((c) => c.method === 'POST').at(-1)!;
    expect(post.body).toMatchObject({ to: 'credited', receivedCreditCents: 30000, creditNoteReference: 'AV-2026-118' });
    expect(
      within(screen.getByRole('group', { name: 'Actions sur la demande' }))
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Clore la demande']);
  });

  it('opens a claim; each field’s refusal is shown next to it', async () => {
    const { http, calls } = fakeHttp({
      'GET /api/suppliers': () => page(suppliers),
      'GET /api/warranty-claims': () => page([]),
      'POST /api/warranty-claims': () => {
        throw invalid('invalid request body', [{ path: 'supplierReference', message: 'Too big: expected string to have <=60 characters' }]);
      },
    });
    await renderScreen(<WarrantiesScreen agencyId="ag-aix" />, http);
    await userEvent.click(await screen.findByRole('button', { name: 'Ouvrir une demande' }));
    await userEvent.click(screen.getByRole('button', { name: 'Ouvrir la demande' }));
    expect(await screen.findByText('Obligatoire.')).toBeTruthy();
    expect(screen.getByText('Montant invalide (ex. 12,50).')).toBeTruthy();

    await waitFor(() => expect(screen.getAllByRole('option', { name: 'Daikin France' }).length).toBeGreaterThan(0));
    const form = screen.getByRole('form', { name: 'Nouvelle demande au fournisseur' });
    await userEvent.selectOptions(within(form).getByLabelText('Fournisseur'), 'sup-1');
    await userEvent.type(within(form).getByLabelText('Avoir attendu (€)'), '145,90');
    const ref = within(form).getByLabelText('Référence fournisseur');
    await userEvent.type(ref, 'R'.repeat(61));
    await userEvent.click(screen.getByRole('button', { name: 'Ouvrir la demande' }));
    await waitFor(() =>
      expect(document.getElementById(ref.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Too big: expected string to have <=60 characters'),
    );
    expect((ref as HTMLInputElement).value).toBe('R'.repeat(61));
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({ agencyId: 'ag-aix', supplierId: 'sup-1', kind: 'repair', expectedCreditCents: 14590 });
  });

  it('reports the amounts still to recover with their total, and the budgets with overruns highlighted', async () => {
    const { http, calls } = fakeHttp({
      'GET /api/suppliers': () => page(suppliers),
      'GET /api/warranty-claims': () => page([]),
      'GET /api/warranty-claims/recoverable': () => ({
        rows: [
          { supplierId: 'sup-1', supplierName: 'Daikin France', claims: 3, outstandingCents: 32000, unclaimedCents: 5000, shortfallCents: 2000 },
          { supplierId: 'sup-2', supplierName: 'Hayward', claims: 1, outstandingCents: 12050, unclaimedCents: 0, shortfallCents: 0 },
        ],
        totalCents: 51050,
      }),
      'GET /api/warranty-budgets': ({ query }) => ({
        year: Number(query.year),
        rows: [
          { kind: 'warranty', id: 'w1', label: 'Extension 5 ans PAC', budgetCents: 50000, revenueCents: 39000, spentCents: 61000, usedPercent: 122 },
          { kind: 'contract', id: 'ct1', label: 'CT-2026-014', budgetCents: 100000, revenueCents: 150000, spentCents: 20000, usedPercent: 20 },
        ],
      }),
    });
    await renderScreen(<WarrantiesScreen agencyId="ag-aix" />, http);
    await userEvent.click(screen.getByRole('tab', { name: 'À recouvrer' }));
    const report = await screen.findByRole('table', { name: 'Montants à recouvrer auprès des fournisseurs' });
    expect(plain(within(report).getByTestId('recoverable-total').textContent)).toBe('510,50 €');
    expect(plain(within(report).getByText('Daikin France').closest('tr')!.textContent)).toContain('390,00 €');
    expect(calls.find((c) => c.path === '/api/warranty-claims/recoverable')!.query).toEqual({ agencyId: 'ag-aix' });

    await userEvent.click(screen.getByRole('tab', { name: 'Budgets' }));
    const budgets = await screen.findByRole('table', { name: 'Garanties achetées et contrats : consommé / budget' });
    const over = within(budgets).getByText('Extension 5 ans PAC').closest('tr')!;
    expect(over.className).toContain('is-over');
    expect(within(over).getByText('Dépassement')).toBeTruthy();
    expect(within(budgets).getByText('CT-2026-014').closest('tr')!.className).not.toContain('is-over');
  });

  it('looks up an equipment’s warranty status from its site, with the rule that decided it', async () => {
    const { http, calls } = fakeHttp({
      'GET /api/suppliers': () => page(suppliers),
      'GET /api/warranty-claims': () => page([]),
      'GET /api/equipment': ({ query }) => page(query.siteId === 's1' ? [equipment] : []),
      'GET /api/sites': () =>
        page([
          {
            id: 's1',
            customerId: 'c1',
            sectorId: null,
            name: 'Villa Les Oliviers',
            address: '12 chemin des Vignes',
            postcode: '13100',
            city: 'Aix-en-Provence',
            lat: 43.5,
            lon: 5.4,
            accessNotes: null,
            ...T,
          },
        ]),
      'GET /api/equipment/:id/warranty-status': () => ({
        status: 'partly_covered',
        ruleCode: 'under_warranty',
        rule: 'manufacturer warranty until 2027-05-02',
        shares: {
          labour: { percent: 0, source: null, warrantyId: null, warrantyKind: null, contractId: null, supplierId: null },
          parts: { percent: 100, source: 'warranty', warrantyId: 'w1', warrantyKind: 'manufacturer', contractId: null, supplierId: 'sup-1' },
          travel: { percent: 0, source: null, warrantyId: null, warrantyKind: null, contractId: null, supplierId: null },
        },
        activeWarranties: [
          {
            id: 'w1',
            kind: 'manufacturer',
            supplierId: 'sup-1',
            startsOn: '2024-05-02',
            endsOn: '2027-05-02',
            labourPercent: 0,
            partsPercent: 100,
            travelPercent: 0,
          },
        ],
        endsOn: '2027-05-02',
      }),
    });
    await renderScreen(<WarrantiesScreen agencyId="ag-aix" />, http);
    await userEvent.click(screen.getByRole('tab', { name: 'Statut d’un équipement' }));
    await userEvent.type(screen.getByRole('searchbox'), 'oliviers{Enter}');
    await userEvent.click(await screen.findByRole('button', { name: /Villa Les Oliviers/ }));
    await userEvent.click(await screen.findByRole('button', { name: 'Daikin Altherma 3 — SN-4471' }));
    expect(await screen.findByText('Partiellement couvert')).toBeTruthy();
    expect(screen.getByText('Sous garantie')).toBeTruthy();
    // The rule's sentence in French, not the server's English one.
    expect(screen.getByText(/la garantie en cours prend en charge les postes ci-dessous/)).toBeTruthy();
    expect(screen.queryByText(/manufacturer warranty until 2027-05-02/)).toBeNull();
    const shares = screen.getByRole('table', { name: 'Prise en charge' });
    expect(plain(within(shares).getByText('Pièces').closest('tr')!.textContent)).toContain('100 %');
    expect(within(shares).getByText(/Garantie constructeur · remboursé par le fournisseur/)).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/sites')!.query).toMatchObject({ q: 'oliviers' });
    expect(calls.find((c) => c.path === '/api/equipment/eq-1/warranty-status')!.query.on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
