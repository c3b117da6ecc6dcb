/**
 * The `k` items of items[0, count) with the smallest keys (key[item]), ties by item, sorted that
 * way: what a full sort by (key, item) would put first. `items` must be in increasing order (the
 * callers collect them by scanning indices), so that ties at the cut are taken by index. Only
 * the k kept are sorted: the cut is found by a quickselect on the keys as plain numbers, no
 * comparator call per step. `scratch` holds at least `count` numbers.
 */
export function nearestFirst(items: Int32Array, count: number, key: Float64Array, k: number, scratch: Float64Array): Int32Array {
  let kept: Int32Array;
  if (k >= count) kept = items.slice(0, count);
  else {
    for (let c = 0; c < count; c++) scratch[c] = key[items[c]!]!;
    const threshold = kthSmallest(scratch, count, k - 1);
    kept = new Int32Array(k);
    let m = 0;
    for (let c = 0; c < count; c++) if (key[items[c]!]! < threshold) kept[m++] = items[c]!;
    for (let c = 0; c < count && m < k; c++) if (key[items[c]!] === threshold) kept[m++] = items[c]!;
  }
  return kept.sort((x, y) => key[x]! - key[y]! || x - y);
}

/**
 * The k-th smallest (0-based) of values[0, count), reordering them (Hoare's quickselect on plain
 * numbers: no comparator call per step, which is what the neighbour lists of a 10,000-job day
 * spent most of their time in).
 */
function kthSmallest(values: Float64Array, count: number, k: number): number {
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
