import type { Edge, Inventory } from '../model/index.js';

export function correlate(_inventory: Inventory): Edge[] {
  return [];
}
