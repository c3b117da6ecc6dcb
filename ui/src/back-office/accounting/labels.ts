// What a mapping key is called on screen: "Ventes — main-d’œuvre (TVA 10 %)",
// "TVA collectée 5,5 %", "Banque — carte bancaire". Pure: the translation
// function and the language come in (table-tested in ui/test/back-office).
export type Translate = (key: string, values?: Record<string, unknown>) => string;

/** 550 → "5,5 %" (fr) or "5.5%" (en). */
export function formatRate(rateBp: number, language: string): string {
  const n = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 2 }).format(rateBp / 100);
  return language === 'en' ? `${n}%` : `${n}\u202f%`;
}

export function mappingKeyLabel(key: string, t: Translate, language: string): string {
  const [head, second, third] = key.split('.');
  switch (head) {
    case 'sales': {
      const kind = t(`accountingExport.kind.${second}`);
      return third === undefined
        ? t('accountingExport.key.sales', { kind })
        : t('accountingExport.key.salesAtRate', { kind, rate: formatRate(Number(third), language) });
    }
    case 'vat':
      return t('accountingExport.key.vat', { rate: formatRate(Number(second), language) });
    case 'bank':
      return second === undefined ? t('accountingExport.key.bank') : t('accountingExport.key.bankMethod', { method: t(`accountingExport.method.${second}`) });
    default:
      return t(`accountingExport.key.${head}`);
  }
}
