// The "Nouvelle intervention" form as data: its checks name the field and the
// reason, and the request repeats the daily windows on each day of the period
// in the agency's time zone.
import { describe, expect, it } from 'vitest';
import type { CustomerHit, Place } from '../../src/work/api.ts';
import { checkDraft, emptyDraft, newSite, toNewWork, type WorkDraft } from '../../src/work/draft.ts';

const pertuis: Place = {
  insee: '84089',
  name: 'Pertuis',
  postcode: '84120',
  lat: 43.69,
  lon: 5.5,
  population: 19000,
  sectorId: 'sec-1',
  sectorName: 'Pays d’Aix',
};
const bertrand: CustomerHit = {
  id: 'c-1',
  name: 'Mme Sophie Bertrand',
  reference: null,
  phone: null,
  email: null,
  sites: [
    {
      id: 's-1',
      name: null,
      address: '12 chemin des Vignes',
      postcode: '84120',
      city: 'Pertuis',
      lat: 43.69,
      lon: 5.5,
      sectorId: 'sec-1',
      customerId: 'c-1',
      country: 'FR',
      accessNotes: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      contactName: null,
      contactPhone: null,
      matched: true,
      equipment: [],
    },
  ],
};

const filled = (patch: Partial<WorkDraft> = {}): WorkDraft => ({
  ...emptyDraft('2026-12-08'),
  customer: { kind: 'existing', hit: bertrand },
  site: { kind: 'existing', hit: bertrand.sites[0]! },
  ...patch,
});

describe('checkDraft', () => {
  it('asks for a customer and a site first', () => {
    expect(checkDraft(emptyDraft('2026-12-08'))).toEqual({ customer: { key: 'customer' }, site: { key: 'site' } });
    expect(checkDraft(filled())).toEqual({});
  });

  it("checks a new customer and site: name, email, address, a town in the agency's sectors, a 5-digit postcode", () => {
    const draft = filled({
      customer: { kind: 'new', name: ' ', phone: '', email: 'pas-un-email' },
      site: { ...newSite(), address: '' },
    });
    expect(checkDraft(draft)).toEqual({
      customerName: { key: 'customerName' },
      customerEmail: { key: 'email' },
      address: { key: 'address' },
      town: { key: 'town' },
      postcode: { key: 'postcode' },
    });
    const outside = filled({ site: { ...newSite({ ...pertuis, sectorId: null, sectorName: null }), address: '1 rue' } });
    expect(checkDraft(outside)).toEqual({ town: { key: 'townOutside' } });
  });

  it('checks dates, windows and quantities', () => {
    expect(checkDraft(filled({ latestDate: '2026-12-01' }))).toEqual({ latestDate: { key: 'dates' } });
    expect(checkDraft(filled({ windows: [{ start: '12:00', end: '08:00' }], latestDate: '2026-12-09' }))).toEqual({ window0: { key: 'window' } });
    expect(
      checkDraft(
        filled({
          windows: [
            { start: '08:00', end: '12:00' },
            { start: '11:00', end: '14:00' },
          ],
          latestDate: '2026-12-09',
        }),
      ),
    ).toEqual({ windows: { key: 'windowsOverlap' } });
    // Two windows a day: at most 10 days (the server keeps 20 windows).
    expect(
      checkDraft(
        filled({
          windows: [
            { start: '08:00', end: '12:00' },
            { start: '14:00', end: '18:00' },
          ],
          latestDate: '2026-12-17',
        }),
      ),
    ).toEqual({}); // 10 days
    expect(
      checkDraft(
        filled({
          windows: [
            { start: '08:00', end: '12:00' },
            { start: '14:00', end: '18:00' },
          ],
          latestDate: '2026-12-18',
        }),
      ).windows,
    ).toEqual({
      key: 'tooManyDays',
      values: { days: 10 },
    });
    expect(checkDraft(filled({ parts: [{ partId: 'p', label: 'Filtre', quantity: 0 }] }))).toEqual({ part0: { key: 'quantity' } });
    expect(checkDraft(filled({ durationMinutes: 2 }))).toEqual({ duration: { key: 'duration' } });
  });
});

describe('toNewWork', () => {
  it('names the existing customer and site, and repeats each window on every day in Paris time', () => {
    const input = toNewWork(
      filled({ windows: [{ start: '08:00', end: '12:00' }], latestDate: '2026-12-09', priority: 'high', skills: { 'sk-1': 2 }, problem: '  Bruit  ' }),
      'ag-1',
      'Europe/Paris',
    );
    expect(input).toMatchObject({
      agencyId: 'ag-1',
      customer: { id: 'c-1' },
      site: { id: 's-1' },
      kind: 'preventive',
      problemDescription: 'Bruit',
      priority: 60,
      estimatedDurationMinutes: 60,
      earliestDate: '2026-12-08',
      latestDate: '2026-12-09',
      requiredSkills: [{ skillId: 'sk-1', minLevel: 2 }],
      parts: [],
    });
    expect(input.timeWindows).toEqual([
      { start: '2026-12-08T07:00:00.000Z', end: '2026-12-08T11:00:00.000Z' },
      { start: '2026-12-09T07:00:00.000Z', end: '2026-12-09T11:00:00.000Z' },
    ]);
    expect(input.equipment).toBeUndefined();
  });

  it('describes a new customer, a new site placed in its town, and a new equipment', () => {
    const input = toNewWork(
      filled({
        customer: { kind: 'new', name: ' M. Jean Nouveau ', phone: '06 11 22 33 44', email: '' },
        site: { ...newSite(pertuis), address: ' 4 rue des Lilas ', contactName: 'Jean' },
        equipment: { kind: 'new', category: 'pool_filtration', brand: 'Hayward', model: '', serialNumber: 'HW-9' },
      }),
      'ag-1',
      'Europe/Paris',
    );
    expect(input.customer).toEqual({ new: { name: 'M. Jean Nouveau', phone: '06 11 22 33 44', email: undefined } });
    expect(input.site).toEqual({
      new: {
        address: '4 rue des Lilas',
        postcode: '84120',
        city: 'Pertuis',
        lat: 43.69,
        lon: 5.5,
        sectorId: 'sec-1',
        contactName: 'Jean',
        contactPhone: undefined,
        accessNotes: undefined,
      },
    });
    expect(input.equipment).toEqual({ new: { category: 'pool_filtration', brand: 'Hayward', model: undefined, serialNumber: 'HW-9' } });
    expect(input.timeWindows).toEqual([]);
  });
});
