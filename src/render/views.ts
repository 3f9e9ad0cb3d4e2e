import { missingData, notCollected } from '../model/coverage.js';
import type { Topology } from '../model/index.js';
import { viewContext, type TableSpec, type TableView, type TopologyIndexes } from './views/context.js';
import { route53Table } from './views/route53.js';
import { loadBalancerTable } from './views/load-balancers.js';
import { listenerTable } from './views/listeners.js';
import { listenerRuleTable } from './views/listener-rules.js';
import { targetGroupTable } from './views/target-groups.js';
import { ecsServiceTable } from './views/ecs-services.js';
import { iamRoleTable } from './views/iam-roles.js';
import { securityGroupTable } from './views/security-groups.js';
import { vpcEndpointTable } from './views/vpc-endpoints.js';
import { vpcConnectionTable } from './views/vpc-connections.js';
import { rdsTable } from './views/rds.js';
import { sqsQueueTable } from './views/sqs-queues.js';
import { s3BucketTable } from './views/s3-buckets.js';
import { warningTable } from './views/warnings.js';
import { KIND_TABLES, LINK_TABLES } from './views/registry-tables.js';
import { withAccountColumn } from './views/accounts.js';
import { crossAccountLinkTable } from './views/cross-account-links.js';
import { isMultiAccount } from '../model/index.js';
import { scopeNote, scopeTable } from './views/scope.js';

/**
 * The one place that turns a topology into table content. The terminal tables, the Markdown
 * document and the HTML page all render these views, so nothing here is format-specific:
 * cells are plain text, a multi-value cell is its values joined with '\n', an empty cell is `-`.
 */

export { EMPTY_CELL, PUBLIC_MODE_MESSAGE, REDACTED_VALUE, type TableView } from './views/context.js';
export { portSpec } from './views/cells.js';

/**
 * Every table in the order the formats show them: the hand-written tables of the kinds (one file
 * per table in views/), then the tables the registry describes as data (a kind's columns in its
 * descriptor, an edge kind's link table: `views/registry-tables.ts`), then the tables of no kind.
 */
const TABLES: TableSpec[] = [
  route53Table,
  loadBalancerTable,
  listenerTable,
  listenerRuleTable,
  targetGroupTable,
  ecsServiceTable,
  iamRoleTable,
  securityGroupTable,
  vpcEndpointTable,
  vpcConnectionTable,
  rdsTable,
  sqsQueueTable,
  s3BucketTable,
  ...KIND_TABLES,
  ...LINK_TABLES,
  crossAccountLinkTable,
  scopeTable,
  warningTable,
];

/** Tables shown only for a topology of several accounts. */
const MULTI_ACCOUNT_TABLES = new Set<TableSpec>([crossAccountLinkTable]);

/** `indexes`: the inventory and edge lookups when the caller built them already (the page does). */
export function topologyTables(topology: Topology, indexes?: TopologyIndexes): TableView[] {
  const context = viewContext(topology, indexes);
  const multiAccount = isMultiAccount(topology.inventory);
  // The scope's table exists only for a scoped topology: an unscoped one reads as it always did.
  const shown = (spec: TableSpec) => (multiAccount || !MULTI_ACCOUNT_TABLES.has(spec)) && (spec !== scopeTable || topology.scope !== undefined);
  return TABLES.filter(shown).map((spec) => {
    const view: TableView = withAccountColumn(topology, { id: spec.id, title: spec.title, columns: spec.columns, rows: spec.rows(context) });
    if (spec === scopeTable) {
      const note = scopeNote(context);
      if (note !== undefined) view.note = note;
      if (view.rows.length === 0) view.emptyMessage = '(nothing beyond this scope: no edge leaves it)';
    }
    const missing = missingData(topology.inventory.coverage, spec.needs);
    if (missing.length > 0 && view.rows.length === 0) view.emptyMessage = `(${notCollected(missing)}; see WARNINGS)`;
    else if (missing.length > 0) view.note = `Incomplete: ${notCollected(missing)}; see WARNINGS.`;
    return view;
  });
}
