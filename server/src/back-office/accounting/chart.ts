// The accounts of the French chart (Plan comptable général) the back office
// posts to. Stock uses permanent inventory: parts in stock sit in 37 and each
// movement moves their value against 6037 (variation des stocks de
// marchandises). Purchases themselves (607/401 from the supplier's invoice)
// are booked by the accountant from the supplier's documents, not here.

export interface Account {
  readonly number: string;
  readonly label: string;
}

export const ACCOUNTS = {
  stock: { number: '37', label: 'Stocks de marchandises' },
  stockVariation: { number: '6037', label: 'Variation des stocks de marchandises' },
  customers: { number: '411', label: 'Clients' },
  suppliers: { number: '401', label: 'Fournisseurs' },
  supplierCreditsToReceive: { number: '4098', label: 'Fournisseurs - Avoirs non encore reçus' },
  bank: { number: '512', label: 'Banque' },
  cash: { number: '531', label: 'Caisse' },
  services: { number: '706', label: 'Prestations de services' },
  goods: { number: '707', label: 'Ventes de marchandises' },
  otherIncome: { number: '7088', label: "Autres produits d'activités annexes (refacturation garanties)" },
  otherCharges: { number: '658', label: 'Charges diverses de gestion courante' },
} as const satisfies Record<string, Account>;

/** TVA collectée, one sub-account of 44571 per rate (so the VAT return reads them directly). */
export function vatAccount(rateBp: number): Account {
  switch (rateBp) {
    case 2000:
      return { number: '4457120', label: 'TVA collectée 20 %' };
    case 1000:
      return { number: '4457110', label: 'TVA collectée 10 %' };
    case 550:
      return { number: '4457155', label: 'TVA collectée 5,5 %' };
    default:
      return { number: '4457100', label: `TVA collectée ${rateBp / 100} %` };
  }
}

export const JOURNALS = {
  VT: 'Ventes',
  BQ: 'Banque',
  ST: 'Stocks',
  OD: 'Opérations diverses',
} as const;
export type Journal = keyof typeof JOURNALS;
