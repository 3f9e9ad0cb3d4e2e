import { nameFromId, resourceName, type InventoryIndex } from './kinds.js';
import type { NodeRef } from './topology.js';

export { listenerName } from './kinds.js';

/** The name a reviewer knows a node by, for finding messages (ids stay in `resources`): asks the registry of kinds. */
export function nodeName(index: InventoryIndex, node: NodeRef): string {
  return resourceName(index, node) ?? nameFromId(node);
}

/** `a`, `a and b`, `a, b and c` */
export function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
