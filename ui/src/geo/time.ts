// Times on the board are read in the agency's time zone (a dispatcher in Aix
// plans Aix's day), whatever the browser's zone is. Intl does the zone maths.

const formatters = new Map<string, Intl.DateTimeFormat>();
function parts(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

function fields(instant: Date, tz: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of parts(tz).formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** The calendar day (YYYY-MM-DD) of an instant in a zone. */
export function dayIn(instant: Date, tz: string): string {
  const f = fields(instant, tz);
  return `${f.year}-${pad(f.month!)}-${pad(f.day!)}`;
}

/** Minutes after local midnight of `day` (may be negative or past 1440). */
export function minuteOfDay(iso: string | Date, day: string, tz: string): number {
  const instant = typeof iso === 'string' ? new Date(iso) : iso;
  return (instant.getTime() - zonedInstant(day, 0, tz).getTime()) / 60_000;
}

/** The instant of `minute` minutes after local midnight of `day` in `tz`. */
export function zonedInstant(day: string, minute: number, tz: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, 0, minute);
  // The zone's offset at the guess, then once more at the corrected instant (DST days).
  const offset1 = offsetMinutes(new Date(guess), tz);
  const first = guess - offset1 * 60_000;
  const offset2 = offsetMinutes(new Date(first), tz);
  return new Date(guess - offset2 * 60_000);
}

function offsetMinutes(instant: Date, tz: string): number {
  const f = fields(instant, tz);
  const asUtc = Date.UTC(f.year!, f.month! - 1, f.day!, f.hour!, f.minute!, f.second!);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** ISO weekday, 1 = Monday, of a calendar day. */
export function weekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

export function formatMinute(minute: number): string {
  const m = Math.round(minute);
  const h = Math.floor(m / 60);
  return `${pad(((h % 24) + 24) % 24)}:${pad(((m % 60) + 60) % 60)}`;
}

export function formatDuration(seconds: number): string {
  const m = Math.round(seconds / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${pad(m % 60)}`;
}

/** A change of duration with its sign: "+12 min", "−5 min" (a true minus sign). */
export function formatSignedDuration(seconds: number): string {
  return `${seconds < 0 ? '−' : '+'}${formatDuration(Math.abs(seconds))}`;
}

const pad = (n: number): string => String(n).padStart(2, '0');
