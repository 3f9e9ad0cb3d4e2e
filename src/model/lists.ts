/** Items in first-seen order without repeats. */
export function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}
