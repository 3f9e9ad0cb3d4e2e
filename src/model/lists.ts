/** Up to this many items, `unique` compares each with those kept instead of making a Set. */
const FEW_ITEMS = 16;

/** Items in first-seen order without repeats. */
export function unique<T>(items: Iterable<T>): T[] {
  // Most lists are a cell's few values (tens of thousands of cells at 1,000 services), where a Set costs more than comparing.
  if (Array.isArray(items) && items.length <= FEW_ITEMS) {
    const kept: T[] = [];
    for (const item of items as T[]) if (!kept.includes(item)) kept.push(item);
    return kept;
  }
  return [...new Set(items)];
}

/** `item` added to the list of `key` (made when missing), in place: copying the list for each item is quadratic in a key's items. */
export function pushTo<K, V>(lists: Map<K, V[]>, key: K, item: V): void {
  const list = lists.get(key);
  if (list === undefined) lists.set(key, [item]);
  else list.push(item);
}

/** The value of `key`, made by `make` and kept the first time it is asked for. */
export function getOrMake<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** The items in lists of at most `size`, in order: one API call's batch each. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
