import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Intervention, Site } from '../../src/api/types.ts';
import { UrgentPanel } from '../../src/urgent/UrgentPanel.tsx';
import type { Api, InsertionAnswer, InsertionCandidate } from '../../src/api/endpoints.ts';
import { fakeApi, loggedInBoard } from '../support/fake-board.ts';
import { at } from '../support/fixtures.ts';
import { renderBoard } from '../support/render.tsx';

const site = {
  id: 'site-9',
  customerId: 'c',
  name: 'Résidence Les Oliviers',
  address: '3 chemin des Oliviers',
  postcode: '13100',
  city: 'Aix-en-Provence',
  lat: 43.54,
  lon: 5.43,
} as Site;

/** The server's candidate, with what the engine says unless told otherwise. */
function candidate(c: Partial<InsertionCandidate> & Pick<InsertionCandidate, 'technicianId' | 'position' | 'eta'>): InsertionCandidate {
  return {
    tourId: null,
    day: '2026-03-10',
    plannedStart: c.eta,
    plannedEnd: c.eta,
    addedTravelSeconds: 0,
    addedTravelMeters: 0,
    slaMet: null,
    delayed: 0,
    pushedOut: [],
    order: [],
    score: 1,
    ...c,
  };
}

function answer(candidates: InsertionCandidate[], travelTimes: 'road' | 'estimated' = 'road'): InsertionAnswer {
  return { interventionId: 'i-new', agencyId: 'ag-aix', day: '2026-03-10', candidates, rejected: [], travelTimes };
}

async function fillForm() {
  await userEvent.type(screen.getByLabelText('Client ou site'), 'oliv');
  await userEvent.click(await screen.findByRole('button', { name: /Résidence Les Oliviers/ }));
  await userEvent.type(screen.getByLabelText('Problème signalé'), 'Plus de chauffage');
  await userEvent.click(screen.getByRole('checkbox', { name: 'Pompe à chaleur' }));
  await userEvent.click(screen.getByRole('button', { name: 'Trouver les techniciens' }));
}

describe('UrgentPanel', () => {
  it('creates the request, shows the server’s ranked candidates and assigns the chosen one', async () => {
    const createIntervention = vi.fn(async () => ({ id: 'i-new', version: 1 }) as Intervention);
    const candidates = vi.fn(async () =>
      answer([
        candidate({ technicianId: 't-bruno', tourId: null, position: 0, eta: at('11:05'), addedTravelSeconds: 1500 }),
        candidate({ technicianId: 't-alice', tourId: 'tour-alice', position: 2, eta: at('11:50'), addedTravelSeconds: 600, delayed: 1 }),
      ]),
    );
    const assign = vi.fn(async () => ({}) as Awaited<ReturnType<Api['assign']>>);
    const { controller } = await loggedInBoard(fakeApi({ sites: vi.fn(async () => [site]), createIntervention, candidates, assign }));
    renderBoard(<UrgentPanel interventionId={null} onDone={() => {}} />, controller);
    await fillForm();
    expect(createIntervention).toHaveBeenCalledWith(
      expect.objectContaining({
        agencyId: 'ag-aix',
        siteId: 'site-9',
        problemDescription: 'Plus de chauffage',
        priority: 95,
        requiredSkills: [{ skillId: 'sk-hp', minLevel: 1 }],
        earliestDate: '2026-03-10',
        latestDate: '2026-03-10',
      }),
    );
    const items = await screen.findAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-technician-id'))).toEqual(['t-bruno', 't-alice']);
    expect(items[0]!.textContent).toContain('arrivée 11:05');
    expect(items[1]!.textContent).toContain('1 visite décalée');
    await userEvent.click(screen.getAllByRole('button', { name: 'Affecter' })[0]!);
    await waitFor(() => expect(assign).toHaveBeenCalledWith('i-new', expect.objectContaining({ technicianId: 't-bruno', version: 1, position: 0 })));
    expect(await screen.findByText(/Affectée à Bruno Durand/)).toBeTruthy();
  });

  it('says so when the server cannot rank the technicians, and asks again on demand', async () => {
    let calls = 0;
    const candidates = vi.fn(async () => {
      calls++;
      if (calls === 1) throw new Error('unavailable');
      return answer([candidate({ technicianId: 't-bruno', tourId: null, position: 0, eta: at('11:05'), addedTravelSeconds: 1500 })], 'estimated');
    });
    const { controller } = await loggedInBoard(
      fakeApi({
        sites: vi.fn(async () => [site]),
        createIntervention: vi.fn(async () => ({ id: 'i-new', version: 1 }) as Intervention),
        candidates,
      }),
    );
    renderBoard(<UrgentPanel interventionId={null} onDone={() => {}} />, controller);
    await fillForm();
    expect((await screen.findByRole('alert')).textContent).toContain('Le serveur n’a pas pu classer les techniciens.');
    expect(screen.queryAllByRole('listitem')).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    const items = await screen.findAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-technician-id'))).toEqual(['t-bruno']);
    expect(screen.getByText('Temps de trajet estimés (sans calcul routier).')).toBeTruthy();
  });

  it('asks for a site and a problem before searching', async () => {
    const { controller } = await loggedInBoard();
    renderBoard(<UrgentPanel interventionId={null} onDone={() => {}} />, controller);
    await userEvent.click(screen.getByRole('button', { name: 'Trouver les techniciens' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Choisissez un client ou un site.');
  });
});
