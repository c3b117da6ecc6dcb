// Times and durations as the board writes them. The zone and calendar maths
// (an agency's day, minutes after its midnight) are @tournee/contracts'
// zoned-time.ts and calendar.ts, shared with the server.

export function formatMinute(minute: number): string {
  const m = Math.round(minute);
  const h = Math.floor(m / 60);
  return `${pad(((h % 24) + 24) % 24)}:${pad(((m % 60) + 60) % 60)}`;
}

export function formatDuration(seconds: number): string {
  const m = Math.round(seconds / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${pad(m % 60)}`;
}

/** A short time span, as a budget is read: "10 s", "30 s", "1 min", "1 min 30 s". */
export function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
}

/** A change of duration with its sign: "+12 min", "−5 min" (a true minus sign). */
export function formatSignedDuration(seconds: number): string {
  return `${seconds < 0 ? '−' : '+'}${formatDuration(Math.abs(seconds))}`;
}

const pad = (n: number): string => String(n).padStart(2, '0');
