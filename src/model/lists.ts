/** Items in first-seen order without repeats. */
export function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

/** `item` added to the list of `key` (made when missing), in place: copying the list for each item is quadratic in a key's items. */
export function pushTo<K, V>(lists: Map<K, V[]>, key: K, item: V): void {
  const list = lists.get(key);
  if (list === undefined) lists.set(key, [item]);
  else list.push(item);
}
