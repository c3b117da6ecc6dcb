// "Nouvelle intervention" on the board: the search finds a customer by name
// (each address once), the keyboard picks, a customer and site are created
// inline with the town search, the checks name the fields, and the request
// sent is the one the server expects; on save the board reloads its day.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BackOfficeHttpContext } from '../../src/back-office/shared/client.ts';
import type { CustomerHit, Place } from '../../src/work/api.ts';
import { NewInterventionButton } from '../../src/work/NewInterventionButton.tsx';
import { apiError, FakeBackOffice } from '../back-office/stock/fake-http.ts';
import { loggedInBoard } from '../support/fake-board.ts';
import { DAY } from '../support/fixtures.ts';
import { renderBoard } from '../support/render.tsx';

const bertrand: CustomerHit = {
  id: 'c-1',
  name: 'Mme Sophie Bertrand',
  reference: 'CLI-7781',
  phone: '04 90 12 34 56',
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
      matched: false,
      equipment: [{ id: 'e-1', category: 'heat_pump', brand: 'Daikin', model: 'Altherma', serialNumber: 'PAC-2021-0042', matched: false }],
    },
    {
      id: 's-2',
      name: 'Maison de campagne',
      address: '3 place de l’Église',
      postcode: '13210',
      city: 'Saint-Rémy-de-Provence',
      lat: 43.79,
      lon: 4.83,
      sectorId: 'sec-1',
      customerId: 'c-1',
      country: 'FR',
      accessNotes: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      contactName: null,
      contactPhone: null,
      matched: false,
      equipment: [],
    },
  ],
};
const pertuis: Place = {
  insee: '84089',
  name: 'Pertuis',
  postcode: '84120',
  lat: 43.69,
  lon: 5.5,
  population: 19_847,
  sectorId: 'sec-1',
  sectorName: 'Pays d’Aix nord',
};

function server() {
  return new FakeBackOffice({
    'GET /api/work/search': ({ query }) => ({ customers: String(query.q).toLowerCase().includes('bertrand') ? [bertrand] : [] }),
    'GET /api/work/places': () => ({ places: [pertuis] }),
    'GET /api/parts': () => ({ items: [], total: 0, limit: 8, offset: 0 }),
    'POST /api/work/interventions': () => ({ id: 'i-new', version: 1, status: 'requested' }),
  });
}

async function open(fake: FakeBackOffice) {
  const { controller } = await loggedInBoard();
  const workCreated = vi.spyOn(controller, 'workCreated').mockResolvedValue();
  renderBoard(
    <BackOfficeHttpContext.Provider value={fake}>
      <NewInterventionButton />
    </BackOfficeHttpContext.Provider>,
    controller,
  );
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: /Nouvelle intervention/ }));
  const dialog = screen.getByRole('dialog', { name: 'Nouvelle intervention' });
  return { user, dialog, workCreated, controller };
}

describe('Nouvelle intervention', () => {
  it('finds Mme Bertrand by name, each address once, and picks her site with the keyboard', async () => {
    const fake = server();
    const { user, dialog, workCreated } = await open(fake);
    const search = within(dialog).getByRole('combobox', { name: 'Client, site ou équipement' });
    expect(document.activeElement).toBe(search);
    await user.type(search, 'Bertrand');
    await within(dialog).findByRole('option', { name: /Créer le client/ });
    const list = within(dialog).getByRole('listbox', { name: 'Clients et sites trouvés' });
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'Mme Sophie Bertrand 04 90 12 34 56 · 2 sites',
      '12 chemin des Vignes 84120 Pertuis',
      'Maison de campagne 3 place de l’Église, 13210 Saint-Rémy-de-Provence',
      'Créer le client « Bertrand »',
    ]);
    expect(fake.callsTo('GET', '/api/work/search').at(-1)!.query).toMatchObject({ q: 'Bertrand', agencyId: 'ag-aix' });
    // Down to her first site, Enter.
    await user.keyboard('{ArrowDown}{Enter}');
    expect(within(dialog).getByText('Mme Sophie Bertrand')).toBeTruthy();
    expect((within(dialog).getByRole('radio', { name: '12 chemin des Vignes 84120 Pertuis' }) as HTMLInputElement).checked).toBe(true);
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Équipement' }), 'Pompe à chaleur Daikin Altherma · n° PAC-2021-0042');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Nature' }), 'Dépannage');
    await user.click(within(dialog).getByRole('radio', { name: 'Haute' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Pompe à chaleur' }));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Niveau minimal pour Pompe à chaleur' }), 'niveau 3');
    await user.click(within(dialog).getByRole('button', { name: 'Ajouter une plage' }));
    // The day field's name says the day in French (« À faire au plus tard le : Mar. 24 mars 2026 »).
    // (The browser's picker sets the whole day at once; an empty field keeps the day it had.)
    fireEvent.change(within(dialog).getByLabelText(/^À faire au plus tard le : /), { target: { value: '2026-03-12' } });
    expect(
      within(dialog)
        .getByLabelText(/^À faire au plus tard le : /)
        .getAttribute('aria-label'),
    ).toBe('À faire au plus tard le : Jeu. 12 mars 2026');
    // The window's times are 24 h text: « 8h30 » reads as 08:30, the arrow keys step by a quarter of an hour.
    const start = within(dialog).getByRole('textbox', { name: 'Début de la plage 1' });
    await user.clear(start);
    await user.type(start, '8h30');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect((start as HTMLInputElement).value).toBe('08:00');
    await user.click(within(dialog).getByRole('button', { name: 'Créer l’intervention' }));

    await waitFor(() => expect(fake.callsTo('POST', '/api/work/interventions')).toHaveLength(1));
    expect(fake.callsTo('POST', '/api/work/interventions')[0]!.body).toMatchObject({
      agencyId: 'ag-aix',
      customer: { id: 'c-1' },
      site: { id: 's-1' },
      equipment: { id: 'e-1' },
      kind: 'corrective',
      priority: 60,
      earliestDate: DAY,
      latestDate: '2026-03-12',
      requiredSkills: [{ skillId: 'sk-hp', minLevel: 3 }],
      timeWindows: [
        { start: '2026-03-10T07:00:00.000Z', end: '2026-03-10T11:00:00.000Z' },
        { start: '2026-03-11T07:00:00.000Z', end: '2026-03-11T11:00:00.000Z' },
        { start: '2026-03-12T07:00:00.000Z', end: '2026-03-12T11:00:00.000Z' },
      ],
    });
    await waitFor(() => expect(workCreated).toHaveBeenCalledWith('i-new'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /Nouvelle intervention/ }));
  });

  it('creates the customer and site inline, placing the site in a town of the agency', async () => {
    const fake = server();
    const { user, dialog } = await open(fake);
    await user.type(within(dialog).getByRole('combobox', { name: 'Client, site ou équipement' }), 'M. Jean Nouveau');
    await user.click(await within(dialog).findByRole('option', { name: 'Créer le client « M. Jean Nouveau »' }));
    expect((within(dialog).getByLabelText('Nom du client') as HTMLInputElement).value).toBe('M. Jean Nouveau');
    await user.type(within(dialog).getByLabelText('Adresse (n° et rue)'), '4 rue des Lilas');
    await user.type(within(dialog).getByRole('combobox', { name: 'Commune' }), 'pertuis');
    await user.click(await within(dialog).findByRole('option', { name: /Pertuis 84120 · 19\s847 hab\. secteur Pays d’Aix nord/ }));
    expect((within(dialog).getByLabelText('Code postal') as HTMLInputElement).value).toBe('84120');
    await user.click(within(dialog).getByRole('button', { name: 'Créer l’intervention' }));
    await waitFor(() => expect(fake.callsTo('POST', '/api/work/interventions')).toHaveLength(1));
    expect(fake.callsTo('POST', '/api/work/interventions')[0]!.body).toMatchObject({
      customer: { new: { name: 'M. Jean Nouveau' } },
      site: { new: { address: '4 rue des Lilas', postcode: '84120', city: 'Pertuis', lat: 43.69, lon: 5.5, sectorId: 'sec-1' } },
      timeWindows: [],
    });
  });

  it('marks what is missing without sending, and shows a refusal of the server on its field', async () => {
    const fake = server();
    const { user, dialog } = await open(fake);
    await user.click(within(dialog).getByRole('button', { name: 'Créer l’intervention' }));
    expect(within(dialog).getByRole('alert').textContent).toContain('Le formulaire contient 2 erreur(s)');
    expect(within(dialog).getByText('Choisissez un client ou créez-le.')).toBeTruthy();
    expect(fake.callsTo('POST', '/api/work/interventions')).toHaveLength(0);

    fake.on('POST /api/work/interventions', () => {
      throw apiError(403, 'customer.id: this customer has no site in your agency', [
        { path: 'customer.id', message: 'this customer has no site in your agency' },
      ]);
    });
    await user.type(within(dialog).getByRole('combobox', { name: 'Client, site ou équipement' }), 'bertrand');
    await user.click(await within(dialog).findByRole('option', { name: /^12 chemin des Vignes/ }));
    await act(async () => {
      await user.click(within(dialog).getByRole('button', { name: 'Créer l’intervention' }));
    });
    expect((await within(dialog).findByRole('alert')).textContent).toContain('customer.id: this customer has no site in your agency');
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('closes on Escape, giving the focus back', async () => {
    const { user } = await open(server());
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /Nouvelle intervention/ }));
  });
});

describe('Nouvelle intervention from an equipment', () => {
  it('opens with its customer, site and equipment chosen', async () => {
    const fake = server();
    const { controller } = await loggedInBoard();
    renderBoard(
      <BackOfficeHttpContext.Provider value={fake}>
        <NewInterventionButton preset={{ q: 'PAC-2021-0042', siteId: 's-1', equipmentId: 'e-1' }} />
      </BackOfficeHttpContext.Provider>,
      controller,
    );
    fake.on('GET /api/work/search', () => ({ customers: [bertrand] }));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /Nouvelle intervention/ }));
    const dialog = screen.getByRole('dialog', { name: 'Nouvelle intervention' });
    await waitFor(() => expect(within(dialog).queryByText('Mme Sophie Bertrand')).toBeTruthy());
    expect(fake.callsTo('GET', '/api/work/search')[0]!.query).toMatchObject({ q: 'PAC-2021-0042' });
    expect((within(dialog).getByRole('radio', { name: '12 chemin des Vignes 84120 Pertuis' }) as HTMLInputElement).checked).toBe(true);
    expect((within(dialog).getByRole('combobox', { name: 'Équipement' }) as HTMLSelectElement).value).toBe('e-1');
  });
});
