// The timeline's horizontal scale: minutes of the day shown as percentages of
// the track's width, so rows stay aligned with the axis whatever the width.
export interface TimeScale {
  readonly from: number;
  readonly to: number;
  /** The left edge of `minute`. */
  readonly at: (minute: number) => string;
  /** The width of [a, b] (zero when b is before a). */
  readonly span: (a: number, b: number) => string;
  /** Whole hours on the axis, in minutes of the day. */
  readonly hours: readonly number[];
}

export function timeScale(range: { readonly from: number; readonly to: number }): TimeScale {
  const total = range.to - range.from;
  const hours: number[] = [];
  for (let m = range.from; m <= range.to; m += 60) hours.push(m);
  return {
    from: range.from,
    to: range.to,
    at: (minute) => `${((minute - range.from) / total) * 100}%`,
    span: (a, b) => `${(Math.max(0, b - a) / total) * 100}%`,
    hours,
  };
}
