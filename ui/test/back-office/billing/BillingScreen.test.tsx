import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Intervention } from '../../../src/api/types.ts';
import type { BillingDocument } from '../../../src/back-office/billing/api.ts';
import { BillingScreen } from '../../../src/back-office/billing/BillingScreen.tsx';
import { conflict, fakeHttp, invalid, plain, renderScreen } from './fake-http.tsx';
import { documentOf, issuedInvoice } from './fixtures.ts';

const page = (items: BillingDocument[]) => ({ items, total: items.length, limit: 100, offset: 0 });
/** An amount as shown (French spacing normalised). */
const money = (text: string) => (_: string, el: Element | null) => !!el?.classList.contains('money') && plain(el.textContent) === text;
const describedBy = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent;

const doneVisit = {
  id: 'i-done',
  agencyId: 'ag-aix',
  kind: 'corrective',
  status: 'done',
  problemDescription: 'PAC en défaut HP',
  report: null,
  actualEnd: '2026-03-09T15:00:00.000Z',
  plannedStart: '2026-03-09T13:00:00.000Z',
  earliestDate: null,
} as unknown as Intervention;

describe('BillingScreen', () => {
  it('lists documents with totals and what remains due, shows a draft’s lines and issues it with its number', async () => {
    let draft = documentOf();
    const issued = issuedInvoice();
    const { http, calls } = fakeHttp({
      'GET /api/billing-documents': () => page([draft, issued]),
      'GET /api/billing-documents/:id': ({ params }) => (params.id === draft.id ? draft : issued),
      'POST /api/billing-documents/:id/issue': () => {
        draft = {
          ...draft,
          status: 'issued',
          series: 'F2026',
          number: 'F2026-00008',
          issuedOn: '2026-03-10',
          dueOn: '2026-04-09',
          payments: [],
          balance: { totalCents: 10725, creditedCents: 0, paidCents: 0, dueCents: 10725, status: 'unpaid' },
        };
        return draft;
      },
      'GET /api/warranty-claims': () => ({ items: [], total: 0, limit: 50, offset: 0 }),
    });
    await renderScreen(<BillingScreen agencyId="ag-aix" />, http);

    const table = await screen.findByRole('table', { name: 'Devis, factures et avoirs' });
    const issuedRow = within(table).getByText('F2026-00007').closest('tr')!;
    expect(within(issuedRow).getByText('Émis')).toBeTruthy();
    expect(within(issuedRow).getAllByText(money('107,25 €')).length).toBe(2); // total incl. VAT and, once asked, what remains due
    expect(within(issuedRow).getByText(money('97,50 €'))).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/billing-documents')!.query).toMatchObject({ agencyId: 'ag-aix' });

    await userEvent.click(within(table).getByRole('button', { name: '(brouillon)' }));
    const lines = await screen.findByRole('table', { name: 'Lignes' });
    const part = within(lines).getByText('Compresseur').closest('tr')!;
    expect(within(part).getByText(money('-200,00 €'))).toBeTruthy(); // warranty deducted
    expect(within(part).getAllByText(money('200,00 €')).length).toBeGreaterThan(0); // supplier's share
    const totals = screen.getByRole('table', { name: 'Totaux' });
    expect(plain(totals.textContent)).toContain('TVA 10 %');
    expect(within(totals).getByText(money('9,75 €'))).toBeTruthy();
    expect(plain(within(totals).getByText('Total TTC').closest('tr')!.textContent)).toContain('107,25 €');
    expect(screen.getByRole('button', { name: 'Modifier les lignes' })).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Émettre' }));
    await screen.findByText('Émis : numéro attribué F2026-00008.');
    expect(screen.getByRole('heading', { name: 'Facture F2026-00008' })).toBeTruthy();
    // Issued: never edited, paid or credited instead.
    expect(screen.queryByRole('button', { name: 'Modifier les lignes' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Établir un avoir' })).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/billing-documents/d-draft/issue')).toBe(true);
  });

  it('records a payment: the server’s refusal next to the amount, what was typed kept, then what remains due', async () => {
    let invoice = issuedInvoice();
    const { http, calls } = fakeHttp({
      'GET /api/billing-documents': () => page([invoice]),
      'GET /api/billing-documents/:id': () => invoice,
      'GET /api/warranty-claims': () => ({ items: [], total: 0, limit: 50, offset: 0 }),
      'POST /api/billing-documents/:id/payments': ({ body }) => {
        if (body.amountCents > 10725) throw conflict('only 10725 cents are due on F2026-00007', [{ path: 'amountCents', message: 'at most 10725' }]);
        const balance = {
          totalCents: 10725,
          creditedCents: 0,
          paidCents: body.amountCents,
          dueCents: 10725 - body.amountCents,
          status: 'partially_paid' as const,
        };
        invoice = {
          ...invoice,
          balance,
          payments: [
            {
              id: 'pay1',
              invoiceId: invoice.id,
              amountCents: body.amountCents,
              receivedOn: body.receivedOn,
              method: body.method,
              reference: null,
              createdAt: '2026-03-10T10:00:00Z',
            },
          ],
        };
        return { payment: invoice.payments![0], balance };
      },
    });
    await renderScreen(<BillingScreen agencyId="ag-aix" />, http);
    await userEvent.click(await screen.findByRole('button', { name: 'F2026-00007' }));
    // What the warranty covers, in words from the lines — never the server's stored sentence.
    const coverage = screen.getByText('Garantie', { selector: 'dt' }).nextElementSibling!;
    expect(coverage.textContent).toMatch(/Pièce 100\s%/);
    expect(coverage.textContent).not.toContain('Pièces sous garantie constructeur');
    await userEvent.click(await screen.findByRole('button', { name: 'Enregistrer un paiement' }));

    const amount = screen.getByLabelText('Montant (€)');
    expect((amount as HTMLInputElement).value).toBe('107,25');
    await userEvent.clear(amount);
    await userEvent.type(amount, '200');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer le paiement' }));
    await waitFor(() => expect(describedBy(amount)).toBe('at most 10725'));
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toContain('only 10725 cents are due');
    expect((amount as HTMLInputElement).value).toBe('200');

    await userEvent.clear(amount);
    await userEvent.type(amount, '50');
    await userEvent.selectOptions(screen.getByLabelText('Mode'), 'cheque');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer le paiement' }));
    expect(plain((await screen.findByText(/Paiement enregistré/)).textContent)).toBe('Paiement enregistré. Reste dû : 57,25 €.');
    expect(plain(screen.getByTestId('amount-due').textContent)).toBe('57,25 €');
    const post = calls.filter((c) => c.method === 'POST' && c.path.endsWith('/payments')).at(-1)!;
    expect(post.body).toMatchObject({ amountCents: 5000, method: 'cheque' });
  });

  it('drafts an invoice from a done visit, showing the server’s refusal next to the field it names', async () => {
    let refuse = true;
    const draft = documentOf({ id: 'd-new' });
    const { http, calls } = fakeHttp({
      'GET /api/billing-documents': () => page([]),
      'GET /api/billing-documents/:id': () => draft,
      'GET /api/interventions': () => ({ items: [doneVisit], total: 1, limit: 200, offset: 0 }),
      'POST /api/interventions/:id/billing-documents': () => {
        if (refuse) {
          refuse = false;
          throw conflict('a on_site intervention is invoiced once done', [{ path: 'kind', message: 'quote it instead, or finish the visit first' }]);
        }
        return draft;
      },
    });
    await renderScreen(<BillingScreen agencyId="ag-aix" />, http);
    await screen.findByText('Aucun document ne correspond aux filtres.');
    await userEvent.click(screen.getByRole('button', { name: 'Nouveau depuis une intervention' }));
    const visit = screen.getByLabelText('Intervention terminée');
    await waitFor(() => expect(within(visit).getByRole('option', { name: /PAC en défaut HP/ })).toBeTruthy());
    expect(calls.find((c) => c.path === '/api/interventions')!.query).toMatchObject({ agencyId: 'ag-aix', status: 'done,closed' });

    await userEvent.click(screen.getByRole('button', { name: 'Créer le brouillon' }));
    expect(await screen.findByText('Choisissez une intervention.')).toBeTruthy();

    await userEvent.selectOptions(visit, 'i-done');
    await userEvent.selectOptions(screen.getByLabelText('Cause de la panne'), 'wear');
    await userEvent.click(screen.getByRole('button', { name: 'Créer le brouillon' }));
    expect(await screen.findByText('quote it instead, or finish the visit first')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('invoiced once done');
    expect((visit as HTMLSelectElement).value).toBe('i-done');

    await userEvent.click(screen.getByRole('button', { name: 'Créer le brouillon' }));
    expect(await screen.findByRole('heading', { name: 'Facture (brouillon)' })).toBeTruthy();
    const post = calls.filter((c) => c.method === 'POST').at(-1)!;
    expect(post.path).toBe('/api/interventions/i-done/billing-documents');
    expect(post.body).toEqual({ kind: 'invoice', cause: 'wear' });
  });

  it('edits a draft’s lines: a cell’s refusal is shown next to it and nothing typed is lost', async () => {
    const draft = documentOf();
    const { http, calls } = fakeHttp({
      'GET /api/billing-documents': () => page([draft]),
      'GET /api/billing-documents/:id': () => draft,
      'PUT /api/billing-documents/:id/lines': () => {
        throw invalid('invalid request body', [{ path: 'lines[0].unitPriceCents', message: 'Too big: expected number to be <=1000000000' }]);
      },
    });
    await renderScreen(<BillingScreen agencyId="ag-aix" />, http);
    await userEvent.click(await screen.findByRole('button', { name: '(brouillon)' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Modifier les lignes' }));

    const price = screen.getByLabelText('Prix unitaire de la ligne 1');
    expect((price as HTMLInputElement).value).toBe('65,00');
    await userEvent.clear(price);
    await userEvent.type(price, 'douze');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer les lignes' }));
    await waitFor(() => expect(describedBy(price)).toBe('Montant invalide (ex. 12,50).'));
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);

    await userEvent.clear(price);
    await userEvent.type(price, '70,5');
    await userEvent.selectOptions(screen.getByLabelText('TVA de la ligne 2'), '2000');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer les lignes' }));
    await waitFor(() => expect(describedBy(price)).toBe('Too big: expected number to be <=1000000000'));
    expect((price as HTMLInputElement).value).toBe('70,5');
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.body).toMatchObject({
      lines: [
        { kind: 'labour', quantity: 1.5, unitPriceCents: 7050, coveragePercent: 0 },
        { kind: 'part', partId: 'p1', vatRateBp: 2000, supplierId: 'sup-1', warrantyId: 'w1', installed: true },
      ],
    });
  });

  it('records the customer’s decision on a quote and invoices it; credits an issued invoice and opens its supplier claims', async () => {
    let quote = documentOf({
      id: 'q1',
      kind: 'quote',
      status: 'issued',
      series: 'D2026',
      number: 'D2026-00003',
      issuedOn: '2026-03-01',
      validUntil: '2026-03-31',
    });
    const invoice = issuedInvoice();
    const fromQuote = documentOf({ id: 'd-from-quote', quoteId: 'q1' });
    const note = documentOf({
      id: 'cn1',
      kind: 'credit_note',
      creditedInvoiceId: invoice.id,
      lines: [],
      vatBreakdown: [{ rateBp: 1000, baseCents: 2000, vatCents: 200 }],
      grossCents: 2000,
      coveredCents: 0,
      netCents: 2000,
      vatCents: 200,
      totalCents: 2200,
      supplierShareCents: 0,
    });
    const claims: unknown[] = [];
    const { http, calls } = fakeHttp({
      'GET /api/billing-documents': () => page([quote, invoice]),
      'GET /api/billing-documents/:id': ({ params }) =>
        (({ q1: quote, [invoice.id]: invoice, 'd-from-quote': fromQuote, cn1: note }) as Record<string, BillingDocument>)[params.id],
      'POST /api/billing-documents/:id/decision': ({ body }) => (quote = { ...quote, status: body.accepted ? 'accepted' : 'declined' }),
      'POST /api/billing-documents/:id/invoice': () => fromQuote,
      'POST /api/billing-documents/:id/credit-notes': ({ body }) => {
        if (!body.lines)
          throw conflict('the invoice has 10725 cents left to credit; this credit note would be 99999', [{ path: 'lines', message: 'more than the invoice' }]);
        return note;
      },
      'GET /api/warranty-claims': () => ({ items: claims, total: claims.length, limit: 50, offset: 0 }),
      'POST /api/billing-documents/:id/warranty-claims': () => {
        claims.push({ id: 'cl1', reference: 'GAR-2026-00AA11BB', status: 'draft', expectedCreditCents: 20000 });
        return claims;
      },
    });
    await renderScreen(<BillingScreen agencyId="ag-aix" />, http);

    await userEvent.click(await screen.findByRole('button', { name: 'D2026-00003' }));
    expect(await screen.findByRole('heading', { name: 'Devis D2026-00003' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Enregistrer un paiement' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Accepté par le client' }));
    expect(await screen.findByText('Devis accepté par le client.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Facturer ce devis' }));
    expect(await screen.findByRole('heading', { name: 'Facture (brouillon)' })).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/billing-documents/q1/decision', '/api/billing-documents/q1/invoice']);

    await userEvent.click(screen.getByRole('button', { name: 'F2026-00007' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Ouvrir les demandes fournisseur' }));
    expect(await screen.findByText('1 demande fournisseur ouverte.')).toBeTruthy();
    expect(plain(screen.getByText(/GAR-2026-00AA11BB/).textContent)).toBe('GAR-2026-00AA11BB — Brouillon — 200,00 €');

    await userEvent.click(screen.getByRole('button', { name: 'Établir un avoir' }));
    await userEvent.click(screen.getByRole('button', { name: 'Créer l’avoir (brouillon)' }));
    expect(await screen.findByText('more than the invoice')).toBeTruthy();
    await userEvent.click(screen.getByLabelText('Un montant'));
    await userEvent.type(screen.getByLabelText('Motif'), 'Geste commercial');
    await userEvent.type(screen.getByLabelText('Montant HT (€)'), '20');
    await userEvent.click(screen.getByRole('button', { name: 'Créer l’avoir (brouillon)' }));
    expect(await screen.findByRole('heading', { name: 'Avoir (brouillon)' })).toBeTruthy();
    expect(calls.filter((c) => c.path.endsWith('/credit-notes')).at(-1)!.body).toEqual({
      lines: [{ kind: 'other', description: 'Geste commercial', netCents: 2000, vatRateBp: 1000 }],
    });
    // A credit note's lines come from its invoice: issued or deleted, never edited here.
    expect(screen.queryByRole('button', { name: 'Modifier les lignes' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Émettre' })).toBeTruthy();
  });

  it('shows the month’s journal entries balanced and links the FEC export', async () => {
    const entry = (n: number, debit: number) => ({
      id: `je${n}`,
      journal: 'VT',
      fiscalYear: 2026,
      number: n,
      date: '2026-03-10',
      label: `Facture F2026-0000${n}`,
      pieceRef: `F2026-0000${n}`,
      pieceDate: '2026-03-10',
      sourceKind: 'invoice',
      sourceId: `d${n}`,
      agencyId: 'ag-aix',
      createdAt: '2026-03-10T10:00:00Z',
      lines: [
        { position: 1, account: '411', accountLabel: 'Clients', auxAccount: 'C001', auxLabel: 'Camping', label: 'Client', debitCents: debit, creditCents: 0 },
        {
          position: 2,
          account: '706',
          accountLabel: 'Prestations',
          auxAccount: null,
          auxLabel: null,
          label: 'Prestations',
          debitCents: 0,
          creditCents: debit - 100,
        },
        { position: 3, account: '4457110', accountLabel: 'TVA', auxAccount: null, auxLabel: null, label: 'TVA', debitCents: 0, creditCents: 100 },
      ],
    });
    const { http, calls } = fakeHttp({
      'GET /api/billing-documents': () => page([]),
      'GET /api/journal-entries': () => ({ items: [entry(1, 10725), entry(2, 5000)], total: 2, limit: 200, offset: 0 }),
    });
    await renderScreen(<BillingScreen agencyId="ag-aix" />, http, 'fr', 'admin');
    await userEvent.click(screen.getByRole('tab', { name: 'Comptabilité' }));
    const month = screen.getByLabelText('Mois');
    await userEvent.clear(month);
    await userEvent.type(month, '2026-02');
    await screen.findByRole('table', { name: 'Écritures du mois' });
    expect(calls.filter((c) => c.path === '/api/journal-entries').at(-1)!.query).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(screen.getByText('Équilibré')).toBeTruthy();
    expect(plain(screen.getByTestId('journal-debit').textContent)).toBe('157,25 €');
    expect(plain(screen.getByTestId('journal-credit').textContent)).toBe('157,25 €');
    expect(screen.getByRole('link', { name: 'Télécharger le FEC du mois' }).getAttribute('href')).toBe('/api/accounting/fec?from=2026-02-01&to=2026-02-28');
  });

  it('speaks English with English money', async () => {
    const { http } = fakeHttp({
      'GET /api/billing-documents': () => page([issuedInvoice()]),
      'GET /api/billing-documents/:id': () => issuedInvoice(),
    });
    await renderScreen(<BillingScreen agencyId="ag-aix" />, http, 'en');
    const table = await screen.findByRole('table', { name: 'Quotes, invoices and credit notes' });
    expect(within(table).getAllByText('€107.25').length).toBeGreaterThan(0);
    expect(within(table).getByText('Remaining due')).toBeTruthy();
  });
});
