import { describe, expect, it } from 'vitest';
import { filterQueue, NO_FILTERS, type QueueItem, waitingInterventions } from '../../src/queue/filter.ts';
import type { Intervention } from '../../src/api/types.ts';
import { interventions, tours } from '../support/fixtures.ts';

const byId = <T extends { id: string }>(items: T[]) => Object.fromEntries(items.map((i) => [i.id, i]));

describe('queue filter', () => {
  const extra = { ...interventions[2]!, id: 'i-4', label: 'Hôtel Régence — Aix-en-Provence', priority: 40, sectorId: 'sec-1', siteId: 'site-x' };
  const waiting = waitingInterventions(byId([...interventions, extra]), byId(tours));
  const record = (id: string, skillId: string, problem: string, equipmentId: string | null = null) =>
    ({ id, requiredSkills: [{ skillId, minLevel: 1 }], problemDescription: problem, equipmentId }) as unknown as Intervention;
  const items: QueueItem[] = waiting.map((view) => ({
    view,
    record: view.id === 'i-3' ? record('i-3', 'sk-pool', 'Pompe de filtration bruyante') : record('i-4', 'sk-hp', 'Entretien annuel', 'eq-9'),
    reason: view.id === 'i-3' ? 'no_skill' : null,
  }));

  it('keeps the interventions on no tour, most urgent first', () => {
    expect(waiting.map((w) => w.id)).toEqual(['i-3', 'i-4']);
  });

  it('filters by sector, skill, reason and urgency', () => {
    expect(filterQueue(items, { ...NO_FILTERS, sectorId: 'sec-1' }).map((i) => i.view.id)).toEqual(['i-4']);
    expect(filterQueue(items, { ...NO_FILTERS, skillId: 'sk-pool' }).map((i) => i.view.id)).toEqual(['i-3']);
    expect(filterQueue(items, { ...NO_FILTERS, reason: 'no_skill' }).map((i) => i.view.id)).toEqual(['i-3']);
    expect(filterQueue(items, { ...NO_FILTERS, urgentOnly: true }).map((i) => i.view.id)).toEqual(['i-3']);
  });

  it('searches the customer and town without accents, the problem, and the sites and equipment the server matched', () => {
    expect(filterQueue(items, { ...NO_FILTERS, search: 'regence' }).map((i) => i.view.id)).toEqual(['i-4']);
    expect(filterQueue(items, { ...NO_FILTERS, search: 'filtration' }).map((i) => i.view.id)).toEqual(['i-3']);
    const matches = { siteIds: new Set<string>(), equipmentIds: new Set(['eq-9']) };
    expect(filterQueue(items, { ...NO_FILTERS, search: 'SN-123' }, matches).map((i) => i.view.id)).toEqual(['i-4']);
  });

  it('filters on parts_unavailable like any other reason', () => {
    const withParts = items.map((item) =>
      item.view.id === 'i-4'
        ? {
            ...item,
            reason: 'parts_unavailable' as const,
            unassigned: { interventionId: 'i-4', reason: 'parts_unavailable' as const, availableFrom: '2026-03-12', missingParts: ['R-1'] },
          }
        : item,
    );
    expect(filterQueue(withParts, { ...NO_FILTERS, reason: 'parts_unavailable' }).map((i) => i.view.id)).toEqual(['i-4']);
  });
});
