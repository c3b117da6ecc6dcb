// Every conflict code the server sends has its sentence in French (and
// English), written from the code and what the server found — never the
// server's English message (issue 12, point 8).
import { CONFLICT_REASONS } from '@tournee/contracts/replication';
import { describe, expect, it } from 'vitest';
import { conflictDetail } from '../../src/conflicts/conflict-detail.ts';
import { createI18n } from '../../src/i18n/index.ts';

const fr = createI18n('fr');
const en = createI18n('en');

describe('conflict detail', () => {
  it.each(CONFLICT_REASONS)('%s has a French and an English sentence', (reason) => {
    for (const i18n of [fr, en]) {
      const text = conflictDetail(i18n.t.bind(i18n), i18n.language, { reason, current: {} });
      expect(text).not.toBe('');
      expect(text).not.toMatch(/conflicts\.detail/);
    }
  });

  it('writes what the server found the French way', () => {
    const t = fr.t.bind(fr);
    const visit = { interventionId: 'i-1', version: 3, assignedToYou: true };
    expect(conflictDetail(t, 'fr', { reason: 'status_changed', current: { visit: { ...visit, status: 'done', cancelReason: null } } })).toBe(
      'Le statut de la visite a changé entre-temps (maintenant « Terminée ») : l’action du technicien n’a pas été appliquée.',
    );
    expect(conflictDetail(t, 'fr', { reason: 'cancelled', current: { visit: { ...visit, status: 'cancelled', cancelReason: 'Client absent' } } })).toBe(
      'La visite a été annulée (« Client absent ») : l’action du technicien n’a pas été appliquée.',
    );
    expect(conflictDetail(t, 'fr', { reason: 'other_day', current: { plannedDay: '2026-12-09' } })).toMatch(/^La visite est prévue le mercredi 9 décembre :/);
  });
});
