// Every text the server sends as a code (contracts/src/message-codes.ts) has
// its French and English words, and its parameters come out in the locale:
// a code added on the server without a French text fails here.
import { MESSAGE_CODES } from '@tournee/contracts/message-codes';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { fr } from '../../src/i18n/fr.ts';
import { createI18n } from '../../src/i18n/index.ts';
import { messageText } from '../../src/i18n/message-text.ts';

const lookup = (dict: object, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], dict);

describe('server message codes', () => {
  it.each(MESSAGE_CODES)('%s has a French and an English text', (code) => {
    for (const dict of [fr, en]) {
      const text = lookup(dict.message, code);
      expect(typeof text, `${code}`).toBe('string');
      expect((text as string).trim()).not.toBe('');
    }
  });

  it('writes the parameters the French way: days in words, known values translated', () => {
    const i18n = createI18n('fr');
    const t = i18n.t.bind(i18n);
    expect(messageText(t, 'fr', { code: 'plan.changed_since_preview', params: { days: '2026-12-07', visits: 2, tours: 1 } })).toBe(
      'Le plan de l’agence pour lundi 7 décembre 2026 a changé depuis cet aperçu (2 visite(s) et 1 tournée(s) modifiées) : rien n’a été appliqué. Relancez une optimisation.',
    );
    expect(messageText(t, 'fr', { code: 'plan.already_decided', params: { decision: 'discarded' } })).toBe('Cet aperçu a déjà été abandonné.');
    const english = createI18n('en');
    expect(messageText(english.t.bind(english), 'en', { code: 'plan.days_past', params: { days: '2026-12-07' } })).toBe(
      'The days of this preview (Monday, December 7, 2026) are past.',
    );
  });
});
