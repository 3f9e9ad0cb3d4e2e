import { NODE_KIND_LABELS, nameFromId, resourceName, scopeLabel, stubText } from '../../model/index.js';
import type { TableSpec, ViewContext } from './context.js';

/**
 * Shown only when selectors narrowed the topology to one application: where it meets the rest of
 * the account (docs/scoping.md), one row per stub. What lies outside is counted, never named.
 */
export const scopeTable: TableSpec = { id: 'scope', title: 'SCOPE', columns: ['Resource', 'Kind', 'Beyond this scope'], needs: [], rows: scopeRows };

function scopeRows({ topology, index }: ViewContext): string[][] {
  return (topology.scope?.stubs ?? []).map((stub) => [
    resourceName(index, stub.node) ?? nameFromId(stub.node),
    NODE_KIND_LABELS[stub.node.kind],
    stubText(stub, (kind) => NODE_KIND_LABELS[kind]),
  ]);
}

/** `Scope: tag app=orders (5 resources matched, and what they use)`: the note above the table. */
export function scopeNote({ topology }: Pick<ViewContext, 'topology'>): string | undefined {
  const scope = topology.scope;
  if (scope === undefined) return undefined;
  return `Scope: ${scopeLabel(scope.selectors)} (${scope.matched} resource${scope.matched === 1 ? '' : 's'} matched, and what ${scope.matched === 1 ? 'it uses' : 'they use'}; docs/scoping.md).`;
}
