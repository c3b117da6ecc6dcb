// The Importer's mapping table and report in happy-dom: fields and reasons in
// French words, examples in French formats, the refused lines with their column.
import { QueryClientProvider } from '@tanstack/react-query';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { importApi, type ImportBatch } from '../../../src/back-office/import/api.ts';
import { ImportReport } from '../../../src/back-office/import/ImportReport.tsx';
import { MappingTable } from '../../../src/back-office/import/MappingTable.tsx';
import { createBackOfficeQueryClient } from '../../../src/back-office/shared/query-client.ts';
import { fakeHttp, renderScreen } from '../billing/fake-http.tsx';

const batch: ImportBatch = {
  id: 'b1',
  kind: 'customers',
  status: 'checked',
  fileName: 'clients.csv',
  format: 'csv',
  userName: 'Claire',
  headers: ['Réf client', 'Raison sociale', 'Courriel'],
  mapping: { 'Réf client': 'reference', 'Raison sociale': 'name', Courriel: 'email' },
  rowCount: 2400,
  processed: 2400,
  created: 2300,
  updated: 1,
  unchanged: 98,
  refused: 1,
  error: null,
  dryRunAt: '2026-12-08T09:30:00.000Z',
  importedAt: null,
  undoneAt: null,
  createdAt: '2026-12-08T09:29:00.000Z',
};

describe('Importer', () => {
  it('says what a dry run would do, with refused lines named by their column and reason in French', async () => {
    const { http } = fakeHttp({
      'GET /api/imports/:id/report': ({ query }) =>
        query.action === 'refuse'
          ? {
              items: [
                {
                  line: 4,
                  action: 'refuse',
                  reference: 'C-101',
                  errors: [{ field: 'email', column: 'Courriel', code: 'invalid_email', message: 'not an email address' }],
                },
              ],
              total: 1,
            }
          : { items: [{ line: 2, action: 'update', reference: 'C-001', changed: ['name', 'phone'] }], total: 1 },
    });
    await renderScreen(
      <QueryClientProvider client={createBackOfficeQueryClient()}>
        <ImportReport api={importApi(http)} batch={batch} />
      </QueryClientProvider>,
      http,
    );
    expect(screen.getByText('Simulation : rien n’a encore été enregistré.')).toBeTruthy();
    expect(screen.getByText('À créer').nextSibling?.textContent?.replace(/\s/g, '')).toBe('2300');
    const refused = await screen.findByText('Courriel');
    expect(refused.closest('div')!.textContent).toBe('Courriel : adresse e-mail invalide');
    const changed = (await screen.findByText('Nom, Téléphone')).closest('tr')!;
    expect(within(changed).getByText('C-001')).toBeTruthy();
  });

  it('proposes the fields in words, shows examples in French formats, and hands back the edited mapping', async () => {
    const onChange = vi.fn();
    const { http } = fakeHttp({});
    await renderScreen(
      <MappingTable
        kind="equipment"
        headers={['Référence', 'Mise en service', 'Charge (kg)']}
        preview={[['EQ-1', '2015-01-01', '0.8']]}
        mapping={{ Référence: 'reference', 'Mise en service': 'installedOn', 'Charge (kg)': 'asSold' }}
        disabled={false}
        onChange={onChange}
      />,
      http,
    );
    expect(screen.getByText('01/01/2015')).toBeTruthy();
    expect(screen.getByText('0,8')).toBeTruthy();
    const charge = screen.getByLabelText('Champ — Charge (kg)') as HTMLSelectElement;
    expect(charge.selectedOptions[0]!.textContent).toBe('Caractéristique d’origine (configuration vendue)');
    expect([...(screen.getByLabelText('Champ — Référence') as HTMLSelectElement).options].map((o) => o.textContent)).toContain('Référence site *');
    await userEvent.selectOptions(charge, '');
    expect(onChange).toHaveBeenCalledWith({ Référence: 'reference', 'Mise en service': 'installedOn', 'Charge (kg)': null });
  });
});
