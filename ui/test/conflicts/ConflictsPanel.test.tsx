import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { FieldConflict } from '../../src/api/types.ts';
import { ConflictsPanel } from '../../src/conflicts/ConflictsPanel.tsx';
import { Notices } from '../../src/board/Notices.tsx';
import { fakeApi, loggedInBoard } from '../support/fake-board.ts';
import { renderBoard } from '../support/render.tsx';

const ACTION = '0b7f9a52-6c1e-4f3a-9d1b-2f6e8a4c5d10';

const report: FieldConflict = {
  actionId: ACTION,
  kind: 'complete',
  technicianId: 't-alice',
  technicianName: 'Alice Martin',
  agencyId: 'ag-aix',
  interventionId: 'i-1',
  reason: 'reassigned',
  message: 'The visit was reassigned to another technician while you were offline.',
  current: { visit: { interventionId: 'i-1', status: 'assigned', version: 5, assignedToYou: false, cancelReason: null } },
  payload: {
    kind: 'complete',
    id: ACTION,
    interventionId: 'i-1',
    baseVersion: 3,
    createdAt: '2026-03-10T09:55:00Z',
    workDone: 'Remplacement du ventilateur, test de pression OK',
    timeSpentMinutes: 75,
    partsUsed: [{ partId: 'p-1', quantity: 1 }],
    configurationChanges: [],
    signature: { signedBy: 'M. Dupont', image: `data:image/png;base64,${'A'.repeat(400)}` },
    photoIds: [],
    completedAt: '2026-03-10T09:50:00Z',
  },
  receivedAt: '2026-03-10T10:02:00Z',
  resolvedAt: null,
  resolution: null,
};

const stockConflict: FieldConflict = {
  ...report,
  actionId: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  kind: 'request_part',
  technicianName: 'Bruno Durand',
  technicianId: 't-bruno',
  interventionId: null,
  reason: 'out_of_stock',
  message: 'Not enough stock at the depot.',
  current: {
    shortage: { partId: 'p-9', reference: 'FLT-200', name: 'Filtre 200 µm', depotId: 'd-1', depotName: 'Dépôt Aix', onHand: 0, requested: 2 },
    requestStatus: 'backordered',
  },
  payload: {
    kind: 'request_part',
    id: 'x',
    requestId: 'y',
    partId: 'p-9',
    quantity: 2,
    what: 'part',
    note: 'Pour la piscine du camping',
    createdAt: '2026-03-10T08:00:00Z',
  },
  receivedAt: '2026-03-10T08:01:00Z',
};

describe('ConflictsPanel', () => {
  it('lists the agency’s open conflicts with both sides: what the technician did and what the record says', async () => {
    const conflicts = vi.fn(async () => [report, stockConflict]);
    const { controller } = await loggedInBoard(fakeApi({ conflicts }));
    expect(conflicts).toHaveBeenCalledWith({ agencyId: 'ag-aix', open: true, limit: 100 });
    renderBoard(<ConflictsPanel />, controller);
    const items = await screen.findAllByRole('listitem', { name: /Martin|Durand/ });
    expect(items).toHaveLength(2);
    const first = items[0]!;
    expect(within(first).getByText('Rapport d’intervention')).toBeTruthy();
    expect(within(first).getByRole('button', { name: 'Visite : Dupont — Aix-en-Provence' })).toBeTruthy();
    expect(within(first).getByText('Visite réaffectée entre-temps')).toBeTruthy();
    expect(within(first).getByText(/reçu 10 mars.*11:02/)).toBeTruthy();
    const field = within(first).getByRole('region', { name: 'Ce qu’a fait le technicien' });
    expect(within(field).getByText('Travaux : Remplacement du ventilateur, test de pression OK')).toBeTruthy();
    expect(within(field).getByText('Temps passé : 1 h 15')).toBeTruthy();
    expect(within(field).getByText('1 pièce utilisée')).toBeTruthy();
    expect(within(field).getByText('Signé par M. Dupont')).toBeTruthy();
    // The whole payload is there to read, the signature's image as a size note.
    expect(field.querySelector('pre')!.textContent).toContain('"baseVersion": 3');
    expect(field.querySelector('pre')!.textContent).toContain('[image/png,');
    const office = within(first).getByRole('region', { name: 'Ce que dit le dossier' });
    expect(within(office).getByText('Statut : Affectée (version 5)')).toBeTruthy();
    expect(within(office).getByText('N’est plus affectée à ce technicien')).toBeTruthy();

    const second = items[1]!;
    expect(within(second).getByText('Sans visite', { exact: false })).toBeTruthy();
    expect(within(second).getByText('Demande : 2 × p-9')).toBeTruthy();
    expect(within(second).getByText('Note : Pour la piscine du camping')).toBeTruthy();
    expect(within(second).getByText('FLT-200 Filtre 200 µm : 0 en stock (Dépôt Aix), 2 demandé')).toBeTruthy();
    expect(within(second).getByText('Demande conservée : en commande')).toBeTruthy();
  });

  it('marks a conflict handled with a note, and it leaves the list', async () => {
    const resolveConflict = vi.fn(async () => ({ ...report, resolvedAt: '2026-03-10T10:30:00Z', resolution: 'Rapport repris' }));
    const { controller } = await loggedInBoard(fakeApi({ conflicts: vi.fn(async () => [report]), resolveConflict }));
    renderBoard(<ConflictsPanel />, controller);
    const item = await screen.findByRole('listitem', { name: /Alice Martin/ });
    await userEvent.click(within(item).getByRole('button', { name: 'Marquer comme traité' }));
    expect(within(item).getByRole('alert').textContent).toBe('Indiquez ce qui a été décidé.');
    expect(resolveConflict).not.toHaveBeenCalled();
    await userEvent.type(within(item).getByLabelText('Décision prise'), 'Rapport repris, visite réaffectée à Alice');
    await userEvent.click(within(item).getByRole('button', { name: 'Marquer comme traité' }));
    await waitFor(() => expect(resolveConflict).toHaveBeenCalledWith(ACTION, 'Rapport repris, visite réaffectée à Alice'));
    expect(await screen.findByText('Aucun conflit ouvert pour cette agence.')).toBeTruthy();
    expect(controller.store.get().notices.some((n) => n.key === 'conflicts.resolvedNotice')).toBe(true);
  });

  it('shows a conflict arriving live at once, with a notice that opens the panel, then its payload once listed', async () => {
    const conflicts = vi.fn(async () => [] as FieldConflict[]);
    const { controller, socket } = await loggedInBoard(fakeApi({ conflicts }));
    renderBoard(
      <>
        <ConflictsPanel />
        <Notices />
      </>,
      controller,
    );
    expect(await screen.findByText('Aucun conflit ouvert pour cette agence.')).toBeTruthy();
    conflicts.mockImplementation(async () => [report]);
    const { payload: _payload, ...notice } = report;
    act(() => socket.serve('field:conflict', notice));
    const item = await screen.findByRole('listitem', { name: /Alice Martin/ });
    expect(controller.store.get().conflicts).toHaveLength(1);
    const toast = screen.getByText(/Conflit terrain \(Aix-en-Provence\) : une action de Alice Martin sur « Dupont — Aix-en-Provence »/);
    expect(toast).toBeTruthy();
    // The notice has no payload: the technician's side follows when the list is read again.
    await waitFor(() => expect(within(item).getByText('Temps passé : 1 h 15')).toBeTruthy(), { timeout: 3000 });
    await userEvent.click(screen.getByRole('button', { name: 'Voir' }));
    expect(controller.store.get().panel).toBe('conflicts');
  });

  it('keeps other agencies’ conflicts out of this agency’s list, but still says so', async () => {
    const { controller, socket } = await loggedInBoard(fakeApi());
    renderBoard(<ConflictsPanel />, controller);
    const { payload: _payload, ...notice } = report;
    act(() => socket.serve('field:conflict', { ...notice, agencyId: 'ag-marseille' }));
    expect(controller.store.get().conflicts).toHaveLength(0);
    expect(controller.store.get().notices.some((n) => n.key === 'notice.fieldConflict')).toBe(true);
  });
});
