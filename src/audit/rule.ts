import type { DataSource } from '../model/coverage.js';
import type { Edge, EdgeKind, Evidence, Inventory, InventoryIndex, NodeRef, Severity, TopologyScope } from '../model/index.js';
import type { MessagePart } from './message.js';

/** The areas rules are grouped by, in the order the docs list them. */
export const RULE_AREAS = ['database', 'alb', 'ecs', 'messaging', 'storage', 'network', 'dns', 'accounts', 'meta'] as const;
export type RuleArea = (typeof RULE_AREAS)[number];

/** What a reviewer reads about a rule: kept in the rule itself, so the docs cannot drift from it. */
export interface RuleMetadata {
  /** Written out, never derived from the file name: `TOPO-RDS-001`. */
  id: string;
  title: string;
  severity: Severity;
  area: RuleArea;
  /** Why it matters, in one or two sentences. */
  rationale: string;
  /** What to change. */
  remediation: string;
}

/** What every check receives: the correlated topology and lookup tables over its inventory. */
export interface AuditContext {
  inventory: Inventory;
  edges: Edge[];
  index: InventoryIndex;
  /** The edges of one kind leaving a node (indexed once: rules call this inside loops). */
  outgoing(node: NodeRef, kind: EdgeKind): Edge[];
  /** Set when the topology is one application's (docs/scoping.md): what lies outside it is not in the inventory. */
  scope?: TopologyScope;
}

/** One offending item. `message` names resources by name; never an env value or secret. */
export interface RuleResult {
  message: string;
  /** The message as structure (from the `message` template): --public rebuilds it with public names. */
  parts?: MessagePart[];
  resources: NodeRef[];
  evidence: Evidence[];
}

export interface Rule extends RuleMetadata {
  /**
   * The data the check reads (src/model/coverage.ts). When a call behind any of it failed, the
   * rule is reported "not checked" instead of run: absent data would read as "nothing uses this".
   */
  needs: readonly DataSource[];
  /** Pure: reads the context, returns one result per offending item (empty when compliant). */
  check(context: AuditContext): RuleResult[];
}

/** A rule's name in PascalCase, as SARIF shows it: `Database is not Multi-AZ` → `DatabaseIsNotMultiAz`. */
export function ruleName(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1).toLowerCase())
    .join('');
}
