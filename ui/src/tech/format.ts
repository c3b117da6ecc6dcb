// Times and days as the technician reads them: in their agency's time zone,
// in the app's language.
const locale = (language: string) => (language === 'en' ? 'en-GB' : 'fr-FR');

export function formatTime(iso: string | null, timeZone: string, language: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(language), { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
}

export function formatDateTime(iso: string | null, timeZone: string, language: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(language), { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
}

/** A calendar day (`YYYY-MM-DD`) such as "mar. 3 déc.". */
export function formatDay(day: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

export function formatDate(day: string | null, language: string): string {
  if (!day) return '';
  return new Intl.DateTimeFormat(locale(language), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day.slice(0, 10)}T12:00:00Z`),
  );
}

/** A number with the language's decimal sign: "13,5" in French. */
export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: 3 }).format(value);
}

export const configValue = (value: unknown): string =>
  value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
