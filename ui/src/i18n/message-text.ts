// A server text sent as a code with parameters (contracts/src/message-codes.ts),
// in the UI's language: days and instants in the locale's format, known values
// (a decision, a status) translated, the rest as sent.
import type { TFunction } from 'i18next';
import type { CodedMessage } from '@tournee/contracts/message-codes';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T/;

export function messageText(t: TFunction, language: string, coded: CodedMessage): string {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(coded.params ?? {})) params[key] = typeof value === 'number' ? value : paramText(t, language, key, value);
  return t(`message.${coded.code}`, { ...params, interpolation: { escapeValue: false } });
}

function paramText(t: TFunction, language: string, key: string, value: string): string {
  const known = t(`message.value.${key}.${value}`, { defaultValue: '' });
  if (known) return known;
  const parts = value.split(', ');
  if (parts.every((p) => DAY.test(p))) {
    const format = new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    return parts.map((d) => format.format(new Date(`${d}T00:00:00Z`))).join(', ');
  }
  if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) {
    return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(value));
  }
  return value;
}
