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
