// The company's chart of accounts for the exports (issue 13): what each kind
// of posting is called in the accounting package in place. The ledger keeps
// posting to the default chart (chart.ts), so the books never change when the
// mapping does; the journal export translates each line through this mapping
// (journal-export.ts). A key the company has not set takes the default
// account; a key set to null, or a VAT rate the default chart does not know,
// is unmapped, and the export refuses to run, naming it.
import { AccountingMappingInput, PAYMENT_METHODS, SALES_KINDS, VAT_RATES_BP, type AccountingMapping, type MappedAccount } from '@tournee/contracts/back-office';
import type { Db, Tx } from '../db.ts';
import { invalid } from '../errors.ts';
import { ACCOUNTS, vatAccount, type Account } from './chart.ts';

export type Group = AccountingMapping['lines'][number]['group'];

const asMapped = (a: Account): MappedAccount => ({ account: a.number, label: a.label });

/** The VAT rates whose account the default chart names (4457120, 4457110, 4457155). */
const DEFAULT_VAT_RATES = new Set([2000, 1000, 550]);

/** The default account of a key: the chart the ledger posts to; null when it has none (another VAT rate). */
export function defaultAccount(key: string): MappedAccount | null {
  const [head, kind, rate] = key.split('.');
  switch (head) {
    case 'sales':
      return asMapped(kind === 'part' ? ACCOUNTS.goods : ACCOUNTS.services);
    case 'vat': {
      const bp = Number(kind);
      return DEFAULT_VAT_RATES.has(bp) ? asMapped(vatAccount(bp)) : null;
    }
    case 'customers':
      return asMapped(ACCOUNTS.customers);
    case 'bank':
      return asMapped(ACCOUNTS.bank);
    case 'cash':
      return asMapped(ACCOUNTS.cash);
    case 'stock':
      return asMapped(ACCOUNTS.stock);
    case 'stock_variation':
      return asMapped(ACCOUNTS.stockVariation);
    case 'suppliers':
      return asMapped(ACCOUNTS.suppliers);
    case 'supplier_credits':
      return asMapped(ACCOUNTS.supplierCreditsToReceive);
    case 'warranty_income':
      return asMapped(ACCOUNTS.otherIncome);
    case 'other_charges':
      return asMapped(ACCOUNTS.otherCharges);
    default:
      void rate;
      return null;
  }
}

const groupOf = (key: string): Group => {
  const head = key.split('.')[0]!;
  if (head === 'sales' || head === 'vat' || head === 'customers' || head === 'bank') return head;
  return head === 'cash' ? 'bank' : 'stock';
};

/** The keys the screen lists, in its order; a per-rate sales key or another VAT rate the company set is listed too. */
export function listedKeys(custom: Readonly<Record<string, unknown>>): string[] {
  const base = [
    ...SALES_KINDS.map((k) => `sales.${k}`),
    ...VAT_RATES_BP.map((bp) => `vat.${bp}`),
    'customers',
    'bank',
    ...PAYMENT_METHODS.map((m) => `bank.${m}`),
    'cash',
    'stock',
    'stock_variation',
    'suppliers',
    'supplier_credits',
    'warranty_income',
    'other_charges',
  ];
  const extra = Object.keys(custom)
    .filter((k) => !base.includes(k))
    .sort();
  return [...base, ...extra];
}

export interface MappingSettings {
  readonly mapping: Readonly<Record<string, MappedAccount | null>>;
  readonly customerAuxPrefix: string;
  readonly updatedAt: Date | null;
}

const SETTINGS_ID = 'company';

export async function loadMapping(prisma: Db | Tx): Promise<MappingSettings> {
  const row = await prisma.accountingSettings.findUnique({ where: { id: SETTINGS_ID } });
  if (!row) return { mapping: {}, customerAuxPrefix: '', updatedAt: null };
  // Validated on the way in; read defensively all the same (a hand edit of the row).
  const parsed = AccountingMappingInput.safeParse({ mapping: row.mapping, customerAuxPrefix: row.customerAuxPrefix });
  if (!parsed.success) throw invalid(`the stored chart-of-accounts mapping is invalid: ${parsed.error.issues[0]?.message ?? 'unreadable'}; save it again`);
  return { ...parsed.data, updatedAt: row.updatedAt };
}

export async function saveMapping(prisma: Db, input: AccountingMappingInput, userId: string | null): Promise<MappingSettings> {
  const data = { mapping: input.mapping, customerAuxPrefix: input.customerAuxPrefix, updatedById: userId };
  await prisma.accountingSettings.upsert({ where: { id: SETTINGS_ID }, create: { id: SETTINGS_ID, ...data }, update: data });
  return loadMapping(prisma);
}

/** The mapping as the screen shows it. */
export function describeMapping(settings: MappingSettings): AccountingMapping {
  return {
    lines: listedKeys(settings.mapping).map((key) => {
      const custom = settings.mapping[key];
      return {
        key,
        group: groupOf(key),
        defaultAccount: defaultAccount(key),
        custom: custom ?? null,
        unmapped: custom === null || (custom === undefined && defaultAccount(key) === null),
      };
    }),
    customerAuxPrefix: settings.customerAuxPrefix,
    updatedAt: settings.updatedAt?.toISOString() ?? null,
  };
}

/**
 * The account a key resolves to: the company's for this key, else for the
 * broader key (sales.labour.1000 → sales.labour; bank.card → bank), else the
 * default chart's. Null: unmapped.
 */
export function resolveAccount(settings: Pick<MappingSettings, 'mapping'>, key: string): MappedAccount | null {
  const chain = [key];
  const parts = key.split('.');
  if (parts[0] === 'sales' && parts.length === 3) chain.push(`sales.${parts[1]}`);
  if (parts[0] === 'bank' && parts.length === 2) chain.push('bank');
  for (const k of chain) {
    const set = settings.mapping[k];
    if (set === null) return null;
    if (set) return set;
  }
  for (const k of chain) {
    const fallback = defaultAccount(k);
    if (fallback) return fallback;
  }
  return null;
}
