import { describe, expect, it } from 'vitest';
import { en } from '../../../src/i18n/en.ts';
import { fr } from '../../../src/i18n/fr.ts';
import { formatRate, mappingKeyLabel, type Translate } from '../../../src/back-office/accounting/labels.ts';

/** A tiny t over a dictionary: dotted keys, {{name}} values. */
const translator =
  (dict: object): Translate =>
  (key, values = {}) => {
    const text = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], dict);
    if (typeof text !== 'string') throw new Error(`missing ${key}`);
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
  };

describe('mapping key labels', () => {
  it.each([
    ['sales.labour', 'Ventes — main-d’œuvre'],
    ['sales.travel.1000', 'Ventes — déplacements (TVA 10\u202f%)'],
    ['vat.550', 'TVA collectée 5,5\u202f%'],
    ['vat.210', 'TVA collectée 2,1\u202f%'],
    ['customers', 'Clients (collectif)'],
    ['bank', 'Banque'],
    ['bank.direct_debit', 'Banque — prélèvement'],
    ['stock_variation', 'Variation des stocks'],
  ])('names %s in French: %s', (key, label) => expect(mappingKeyLabel(key, translator(fr), 'fr')).toBe(label));

  it('names them in English too, with the English rate format', () => {
    expect(mappingKeyLabel('sales.part.2000', translator(en), 'en')).toBe('Sales — parts (20% VAT)');
    expect(formatRate(550, 'en')).toBe('5.5%');
  });
});
