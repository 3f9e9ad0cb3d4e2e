import type { Edge, Inventory } from '../model/index.js';
import type { ScopeSelectors, TopologyScope } from '../model/scope.js';
import { scopeClosure, scopedInventory } from './closure.js';
import { selectResources, type Selection } from './select.js';

export { scopeClosure, scopedInventory, REQUEST_PATH_EDGES } from './closure.js';
export { selectResources, matchesTags, inStack, STACK_TAG, type Selection, type SelectorMatch } from './select.js';

export interface ScopedParts {
  inventory: Inventory;
  edges: Edge[];
  scope: TopologyScope;
  selection: Selection;
}

/** The application the selectors name, out of the whole correlated account: its inventory, its edges, its stubs. */
export function scopeParts(inventory: Inventory, edges: readonly Edge[], selectors: ScopeSelectors): ScopedParts {
  const selection = selectResources(inventory, selectors);
  const closure = scopeClosure(inventory, edges, selection.keys);
  return {
    inventory: scopedInventory(inventory, closure.taken),
    edges: closure.edges,
    scope: { selectors, matched: selection.keys.size, stubs: closure.stubs },
    selection,
  };
}
