/** Reorders items[0, count) so that its first k are the k smallest by `before` (Hoare's quickselect). */
export function selectFirst(items: Int32Array, count: number, k: number, before: (x: number, y: number) => boolean): void {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const pivot = items[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (before(items[i]!, pivot)) i++;
      while (before(pivot, items[j]!)) j--;
      if (i <= j) {
        const swap = items[i]!;
        items[i] = items[j]!;
        items[j] = swap;
        i++;
        j--;
      }
    }
    if (k - 1 <= j) hi = j;
    else if (k - 1 >= i) lo = i;
    else return;
  }
}

/**
 * The k-th smallest (0-based) of values[0, count), reordering them (Hoare's quickselect on plain
 * numbers: no comparator call per step, which is what the neighbour lists of a 10,000-job day
 * spent most of their time in).
 */
export function kthSmallest(values: Float64Array, count: number, k: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (pivot < values[j]!) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i] = values[j]!;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}
