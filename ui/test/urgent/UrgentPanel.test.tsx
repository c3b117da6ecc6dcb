import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Site } from '../../src/api/types.ts';
import { BackOfficeHttpContext } from '../../src/back-office/shared/client.ts';
import { UrgentPanel } from '../../src/urgent/UrgentPanel.tsx';
import { FakeBackOffice } from '../back-office/stock/fake-http.ts';
import type { Api, UrgentAnswer, UrgentCommitAnswer } from '../../src/api/endpoints.ts';
import { fakeApi, loggedInBoard } from '../support/fake-board.ts';
import { at, DAY } from '../support/fixtures.ts';
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

type Candidate = UrgentAnswer['candidates'][number];

function candidate(c: Partial<Candidate> & Pick<Candidate, 'technicianId' | 'technicianName' | 'position' | 'eta'>): Candidate {
  return {
    tourId: null,
    day: DAY,
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

function answer(over: Partial<UrgentAnswer> = {}): UrgentAnswer {
  return { agencyId: 'ag-aix', day: DAY, candidates: [], unavailable: [], slots: [], overtime: [], bumps: [], neighbours: [], travelTimes: 'road', ...over };
}

/** A full day: nobody fits, every reason, and every alternative. */
const FULL = answer({
  unavailable: [
    { technicianId: 't-alice', technicianName: 'Alice Martin', reasons: [{ code: 'capacity', overMinutes: 95 }] },
    { technicianId: 't-bruno', technicianName: 'Bruno Durand', reasons: [{ code: 'skill_level', skill: 'Pompe à chaleur', level: 1, required: 2 }] },
    { technicianId: 't-chloe', technicianName: 'Chloé Petit', reasons: [{ code: 'absent', kind: 'sick', until: '2026-03-11T23:00:00.000Z' }] },
    { technicianId: 't-dan', technicianName: 'Dan Roux', reasons: [{ code: 'shift_over', endedAt: at('15:00') }] },
    {
      technicianId: 't-eve',
      technicianName: 'Ève Blanc',
      reasons: [{ code: 'skill_missing', skills: ['Pompe à chaleur', 'Climatisation'] }, { code: 'not_working' }],
    },
    { technicianId: 't-fred', technicianName: 'Fred Noir', reasons: [{ code: 'parts_missing', parts: ['VENT-12'] }] },
  ],
  slots: [
    {
      day: '2026-03-11',
      windowStart: '2026-03-11T07:00:00.000Z',
      windowEnd: '2026-03-11T09:00:00.000Z',
      technicianId: 't-alice',
      technicianName: 'Alice Martin',
      eta: '2026-03-11T07:20:00.000Z',
    },
  ],
  overtime: [
    {
      technicianId: 't-alice',
      technicianName: 'Alice Martin',
      day: DAY,
      position: 3,
      eta: at('16:40'),
      plannedEnd: at('18:35'),
      overtimeMinutes: 95,
      overtimeBeforeMinutes: 0,
      addedTravelSeconds: 720,
      addedTravelMeters: 9000,
      pushedOut: 0,
    },
  ],
  bumps: [
    {
      technicianId: 't-alice',
      technicianName: 'Alice Martin',
      day: DAY,
      position: 1,
      eta: at('10:05'),
      addedTravelSeconds: 300,
      bumped: { interventionId: 'i-low', label: 'Villa Les Pins — Éguilles', priority: 20, plannedStart: at('10:00') },
      bumpedTo: { technicianId: 't-bruno', technicianName: 'Bruno Durand', plannedStart: at('14:00') },
    },
  ],
  neighbours: [
    {
      ...candidate({ technicianId: 't-marc', technicianName: 'Marc Voisin', position: 0, eta: at('16:50'), addedTravelSeconds: 1500 }),
      agencyId: 'ag-mrs',
      agencyName: 'Marseille',
    },
  ],
});

const committed = (over: Partial<UrgentCommitAnswer> = {}): UrgentCommitAnswer => ({
  interventionId: 'i-new',
  status: 'assigned',
  agencyId: 'ag-aix',
  technicianId: 't-alice',
  day: DAY,
  plannedStart: at('16:40'),
  overtimeMinutes: 0,
  pushedOut: [],
  bumped: null,
  ...over,
});

async function fillForm() {
  await userEvent.type(screen.getByLabelText('Client ou site'), 'oliv');
  await userEvent.click(await screen.findByRole('option', { name: /Résidence Les Oliviers/ }));
  await userEvent.type(screen.getByLabelText('Problème signalé'), 'Plus de chauffage');
  await userEvent.click(screen.getByRole('checkbox', { name: 'Pompe à chaleur' }));
  await userEvent.click(screen.getByRole('button', { name: 'Trouver les techniciens' }));
}

async function open(api: Partial<Api>) {
  const full = fakeApi(api);
  const { controller } = await loggedInBoard(full);
  // The site search is the board's (ui/src/work): GET /api/work/search.
  const search = new FakeBackOffice({
    'GET /api/work/search': () => ({
      customers: [{ id: 'c', name: 'Syndic des Oliviers', reference: null, phone: null, email: null, sites: [{ ...site, matched: true, equipment: [] }] }],
    }),
  });
  renderBoard(
    <BackOfficeHttpContext.Provider value={search}>
      <UrgentPanel interventionId={null} onDone={() => {}} />
    </BackOfficeHttpContext.Provider>,
    controller,
  );
  await fillForm();
  return full;
}

describe('UrgentPanel', () => {
  it('ranks the request as a draft (nothing created) and creates it assigned to the chosen technician', async () => {
    const rankUrgent = vi.fn(async () =>
      answer({
        candidates: [
          candidate({ technicianId: 't-bruno', technicianName: 'Bruno Durand', position: 0, eta: at('11:05'), addedTravelSeconds: 1500 }),
          candidate({ technicianId: 't-alice', technicianName: 'Alice Martin', position: 2, eta: at('11:50'), delayed: 1 }),
        ],
      }),
    );
    const commitUrgent = vi.fn(async () => committed({ technicianId: 't-bruno' }));
    const api = await open({ rankUrgent, commitUrgent });
    const draft = {
      agencyId: 'ag-aix',
      siteId: 'site-9',
      problemDescription: 'Plus de chauffage',
      priority: 95,
      estimatedDurationMinutes: 60,
      requiredSkills: [{ skillId: 'sk-hp', minLevel: 1 }],
    };
    await waitFor(() => expect(rankUrgent).toHaveBeenCalledWith(draft, DAY));
    const items = await screen.findAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-technician-id'))).toEqual(['t-bruno', 't-alice']);
    expect(items[0]!.textContent).toContain('Bruno Durand');
    expect(items[0]!.textContent).toContain('arrivée 11:05');
    expect(items[1]!.textContent).toContain('1 visite décalée');
    expect(api.createIntervention).not.toHaveBeenCalled();
    expect(commitUrgent).not.toHaveBeenCalled();
    await userEvent.click(screen.getAllByRole('button', { name: 'Affecter' })[0]!);
    await waitFor(() => expect(commitUrgent).toHaveBeenCalledWith(draft, { kind: 'assign', technicianId: 't-bruno', day: DAY, position: 0 }));
    expect(await screen.findByText(/Affectée à Bruno Durand/)).toBeTruthy();
  });

  it('on a full day says why for each technician, in words, and offers the alternatives', async () => {
    await open({ rankUrgent: vi.fn(async () => FULL) });
    expect((await screen.findByRole('status')).textContent).toContain('Personne ne peut la prendre le mardi 10 mars');
    const why = screen.getByText(/Pourquoi pas les 6 autres techniciens/).closest('details')!;
    expect(why.open).toBe(true);
    const text = why.textContent!;
    expect(text).toContain('Alice Martin\u00a0: journée pleine : finirait 1 h 35 après son horaire');
    expect(text).toContain('Bruno Durand\u00a0: niveau 1 en Pompe à chaleur, il faut le niveau 2');
    expect(text).toContain('Chloé Petit\u00a0: en arrêt maladie jusqu’au jeu. 12 mars');
    expect(text).toContain('Dan Roux\u00a0: journée terminée à 15:00');
    expect(text).toContain('Ève Blanc\u00a0: n’a pas les compétences Pompe à chaleur et Climatisation\u00a0; ne travaille pas ce jour-là');
    expect(text).toContain('Fred Noir\u00a0: pièces indisponibles : VENT-12');

    expect(screen.getByRole('heading', { name: 'Premiers créneaux libres' })).toBeTruthy();
    expect(screen.getByText('mercredi 11 mars, 08:00–10:00')).toBeTruthy();
    expect(screen.getByText(/avec Alice Martin, arrivée prévue 08:20/)).toBeTruthy();
    expect(screen.getByText('1 h 35 après sa journée')).toBeTruthy();
    expect(screen.getByText(/à la place de Villa Les Pins — Éguilles \(priorité 20\)/)).toBeTruthy();
    expect(screen.getByText('Cette visite irait à Bruno Durand à 14:00.')).toBeTruthy();
    expect(screen.getByText(/Marc Voisin/).textContent).toContain('(Marseille)');
    // No ids or codes on screen.
    const panel = document.querySelector('.urgent')!.textContent!;
    for (const raw of ['t-alice', 'i-low', 'ag-mrs', 'capacity', 'skill_level', 'sick', 'undefined']) expect(panel).not.toContain(raw);
  });

  it('books the first slot of a coming day', async () => {
    const commitUrgent = vi.fn(async () => committed({ day: '2026-03-11' }));
    await open({ rankUrgent: vi.fn(async () => FULL), commitUrgent });
    await userEvent.click(await screen.findByRole('button', { name: 'Planifier ce créneau' }));
    await waitFor(() => expect(commitUrgent).toHaveBeenCalledWith(expect.anything(), { kind: 'assign', technicianId: 't-alice', day: '2026-03-11' }));
    expect(await screen.findByText(/Affectée à Alice Martin/)).toBeTruthy();
  });

  it('forces overtime only once confirmed, from the keyboard', async () => {
    const commitUrgent = vi.fn(async () => committed({ overtimeMinutes: 95 }));
    await open({ rankUrgent: vi.fn(async () => FULL), commitUrgent });
    await userEvent.click(await screen.findByRole('button', { name: 'Forcer…' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('Affecter à Alice Martin ? L’intervention finirait à 18:35 et sa journée 1 h 35 après son horaire.');
    // The confirmation has the focus: Escape-free, Enter confirms.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Confirmer le dépassement' }));
    expect(commitUrgent).not.toHaveBeenCalled();
    await userEvent.keyboard('{Enter}');
    await waitFor(() =>
      expect(commitUrgent).toHaveBeenCalledWith(expect.anything(), { kind: 'assign', technicianId: 't-alice', day: DAY, position: 3, force: true }),
    );
    expect(await screen.findByText('Dépassement accepté : 1 h 35.')).toBeTruthy();
  });

  it('bumps a lower-priority visit once confirmed; cancelling sends nothing', async () => {
    const commitUrgent = vi.fn(async () => committed({ bumped: { interventionId: 'i-low', technicianId: 't-bruno' } }));
    await open({ rankUrgent: vi.fn(async () => FULL), commitUrgent });
    await userEvent.click(await screen.findByRole('button', { name: 'Décaler…' }));
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Annuler' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Décaler…' }));
    expect(screen.getByRole('alertdialog').textContent).toContain('à la place de Villa Les Pins — Éguilles ? Cette visite irait à Bruno Durand à 14:00.');
    await userEvent.click(screen.getByRole('button', { name: 'Confirmer le décalage' }));
    expect(commitUrgent).toHaveBeenCalledTimes(1);
    expect(commitUrgent).toHaveBeenCalledWith(expect.anything(), {
      kind: 'assign',
      technicianId: 't-alice',
      day: DAY,
      position: 1,
      bump: 'i-low',
      bumpedTo: 't-bruno',
    });
    expect(await screen.findByText('La visite décalée a été confiée à un autre technicien.')).toBeTruthy();
  });

  it('"Retour" keeps the request in the form, and it is saved to the queue only on purpose', async () => {
    const rankUrgent = vi.fn(async () => FULL);
    const commitUrgent = vi.fn(async () => committed({ status: 'requested', technicianId: null, day: null }));
    await open({ rankUrgent, commitUrgent });
    await screen.findByRole('heading', { name: 'Premiers créneaux libres' });
    await userEvent.click(screen.getByRole('button', { name: 'Retour' }));
    expect((screen.getByLabelText('Problème signalé') as HTMLTextAreaElement).value).toBe('Plus de chauffage');
    expect(screen.getByText(/Résidence Les Oliviers, 13100 Aix-en-Provence/)).toBeTruthy();
    expect((screen.getByRole('checkbox', { name: /Pompe à chaleur/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('combobox', { name: 'Niveau minimum en Pompe à chaleur' }) as HTMLSelectElement).value).toBe('1');
    expect(commitUrgent).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Trouver les techniciens' }));
    await waitFor(() => expect(rankUrgent).toHaveBeenCalledTimes(2));
    await userEvent.click(await screen.findByRole('button', { name: 'Enregistrer sans affecter' }));
    await waitFor(() => expect(commitUrgent).toHaveBeenCalledWith(expect.anything(), { kind: 'queue', day: DAY }));
    expect(await screen.findByText('Demande enregistrée dans « À planifier ».')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Nouvelle demande' }));
    expect((screen.getByLabelText('Problème signalé') as HTMLTextAreaElement).value).toBe('');
  });

  it('says so when the server cannot rank the technicians, and asks again on demand', async () => {
    let calls = 0;
    const rankUrgent = vi.fn(async () => {
      calls++;
      if (calls === 1) throw new Error('unavailable');
      return answer({
        candidates: [candidate({ technicianId: 't-bruno', technicianName: 'Bruno Durand', position: 0, eta: at('11:05') })],
        travelTimes: 'estimated',
      });
    });
    await open({ rankUrgent });
    expect((await screen.findByRole('alert')).textContent).toContain('Le serveur n’a pas pu classer les techniciens.');
    await userEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    const items = await screen.findAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-technician-id'))).toEqual(['t-bruno']);
    expect(screen.getByText('Temps de trajet estimés (sans calcul routier).')).toBeTruthy();
  });

  it('shows the server’s refusal and stays on the answers', async () => {
    const commitUrgent = vi.fn(async () => Promise.reject(Object.assign(new Error('the day changed meanwhile: try again'), { status: 409 })));
    await open({ rankUrgent: vi.fn(async () => FULL), commitUrgent });
    await userEvent.click(await screen.findByRole('button', { name: 'Planifier ce créneau' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Premiers créneaux libres' })).toBeTruthy();
  });

  it('for a visit of the queue nobody can take, says why for each technician instead of a dead end', async () => {
    const candidates = vi.fn(async () => ({
      interventionId: 'i-3',
      agencyId: 'ag-aix',
      day: DAY,
      candidates: [],
      rejected: [
        { technicianId: 't-alice', reason: 'capacity' as const },
        { technicianId: 't-bruno', reason: 'no_shift' as const },
      ],
      travelTimes: 'road' as const,
    }));
    const intervention = vi.fn(
      async () => ({ id: 'i-3', version: 2, estimatedDurationMinutes: 60, requiredSkills: [] }) as unknown as Awaited<ReturnType<Api['intervention']>>,
    );
    const { controller } = await loggedInBoard(fakeApi({ candidates, intervention }));
    renderBoard(<UrgentPanel interventionId="i-3" onDone={() => {}} />, controller);
    const why = (await screen.findByText('Pourquoi pas les 2 autres techniciens')).closest('details')!;
    expect(why.open).toBe(true);
    expect(why.textContent).toContain('Alice Martin\u00a0: journée pleine');
    expect(why.textContent).toContain('Bruno Durand\u00a0: absent ou ne travaille pas ce jour-là');
    expect(screen.getByText('Aucun technicien ne peut prendre cette visite ce jour-là.')).toBeTruthy();
  });

  it('for a visit of the queue on a full day, offers the same alternatives and applies the slot to that visit', async () => {
    const candidates = vi.fn(async () => ({
      interventionId: 'i-3',
      agencyId: 'ag-aix',
      day: DAY,
      candidates: [],
      rejected: [{ technicianId: 't-alice', reason: 'capacity' as const }],
      travelTimes: 'road' as const,
    }));
    const intervention = vi.fn(
      async () => ({ id: 'i-3', version: 2, estimatedDurationMinutes: 60, requiredSkills: [] }) as unknown as Awaited<ReturnType<Api['intervention']>>,
    );
    const rankQueued = vi.fn(async () => FULL);
    const placeQueued = vi.fn(async () => committed({ interventionId: 'i-3', day: '2026-03-11' }));
    const commitUrgent = vi.fn(async () => committed());
    const { controller } = await loggedInBoard(fakeApi({ candidates, intervention, rankQueued, placeQueued, commitUrgent }));
    renderBoard(<UrgentPanel interventionId="i-3" onDone={() => {}} />, controller);
    expect(await screen.findByRole('heading', { name: 'Premiers créneaux libres' })).toBeTruthy();
    expect(rankQueued).toHaveBeenCalledWith('i-3', DAY);
    expect(screen.getByRole('heading', { name: 'En heures supplémentaires' })).toBeTruthy();
    const why = screen.getByText('Pourquoi pas les 6 autres techniciens').closest('details')!;
    expect(why.textContent).toContain('Chloé Petit\u00a0: en arrêt maladie');
    await userEvent.click(screen.getByRole('button', { name: 'Planifier ce créneau' }));
    // With the version the board shows for it (the fixture's plan has it at 3).
    await waitFor(() => expect(placeQueued).toHaveBeenCalledWith('i-3', 3, { kind: 'assign', technicianId: 't-alice', day: '2026-03-11' }));
    expect(await screen.findByText(/Affectée à Alice Martin/)).toBeTruthy();
    // The stored visit is placed, never copied into a new request.
    expect(commitUrgent).not.toHaveBeenCalled();
  });

  it('asks for a site and a problem before searching', async () => {
    const { controller } = await loggedInBoard();
    renderBoard(<UrgentPanel interventionId={null} onDone={() => {}} />, controller);
    await userEvent.click(screen.getByRole('button', { name: 'Trouver les techniciens' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Choisissez un client ou un site.');
  });
});
