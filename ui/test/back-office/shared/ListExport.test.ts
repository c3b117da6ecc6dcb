// The URL « Exporter » asks for (ui/src/back-office/shared/ListExport.tsx): the
// list's route with the screen's filters, empty ones left out, and the format.
import { describe, expect, it } from 'vitest';
import { listExportUrl } from '../../../src/back-office/shared/ListExport.tsx';

describe('listExportUrl', () => {
  it('carries the filters shown, leaves out the empty ones, and asks for the format', () => {
    expect(listExportUrl({ list: 'billing-documents', query: { agencyId: 'ag-aix', kind: 'invoice', status: '' } }, 'xlsx')).toBe(
      '/api/list-exports/billing-documents?agencyId=ag-aix&kind=invoice&format=xlsx',
    );
    expect(listExportUrl({ list: 'shortages', query: { agencyId: 'ag-aix', horizonDays: 60, depotId: undefined, depotKind: 'van' } }, 'csv')).toBe(
      '/api/list-exports/shortages?agencyId=ag-aix&horizonDays=60&depotKind=van&format=csv',
    );
    expect(listExportUrl({ list: 'supplier-orders', query: { agencyId: 'ag-aix', open: true, partId: null } }, 'csv')).toBe(
      '/api/list-exports/supplier-orders?agencyId=ag-aix&open=true&format=csv',
    );
  });
});
