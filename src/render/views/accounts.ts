import { accountOf, dnsRecordId, idOf, isMultiAccount, KIND_LIST, type AnyKindDescriptor, type CollectionKey, type ItemOf, type Topology } from '../../model/index.js';
import { EMPTY_CELL, type TableView } from './context.js';

/**
 * A topology of several accounts: the tables whose rows are resources get an Account column after
 * the first, saying which account each row's resource is in. Each entry gives, in row order, the
 * id of the resource a row describes (the same order and filter the table's own rows use): the
 * hand-written tables here, a kind's own table from the registry (one row per item, in order).
 */
const HAND_WRITTEN_ROW_IDS: Record<string, (topology: Topology) => string[]> = {
  route53: ({ inventory }) => inventory.dnsRecords.filter((record) => record.aliasTarget !== undefined || record.type === 'CNAME').map(dnsRecordId),
  alb: ({ inventory }) => inventory.loadBalancers.map((lb) => lb.arn),
  'alb-listeners': ({ inventory }) => inventory.listeners.map((listener) => listener.arn),
  'alb-listener-rules': ({ inventory }) => inventory.listenerRules.map((rule) => rule.arn),
  'target-groups': ({ inventory }) => inventory.targetGroups.map((tg) => tg.arn),
  'ecs-services': ({ inventory }) => inventory.services.map((service) => service.arn),
  'iam-roles': ({ inventory }) => inventory.roles.map((role) => role.arn),
  'security-groups': ({ inventory }) => inventory.securityGroups.map((group) => group.id),
  'vpc-endpoints': ({ inventory }) => inventory.vpcEndpoints.map((endpoint) => endpoint.id),
  rds: ({ inventory }) => [...inventory.dbInstances.map((db) => db.arn), ...inventory.dbClusters.map((cluster) => cluster.arn)],
  'sqs-queues': ({ inventory }) => inventory.queues.map((queue) => queue.arn),
  's3-buckets': ({ inventory }) => inventory.buckets.map((bucket) => bucket.arn),
};

const REGISTRY_ROW_IDS: Record<string, (topology: Topology) => string[]> = Object.fromEntries(
  KIND_LIST.flatMap((descriptor: AnyKindDescriptor) =>
    descriptor.view !== null && typeof descriptor.view === 'object'
      ? [[descriptor.view.id, ({ inventory }: Topology) => (inventory[descriptor.collection] as ItemOf<CollectionKey>[]).map((item) => idOf(descriptor, item))]]
      : [],
  ),
);

const ROW_IDS = { ...REGISTRY_ROW_IDS, ...HAND_WRITTEN_ROW_IDS };

export const ACCOUNT_COLUMN = 'Account';

/** The view with an Account column when the topology spans several accounts; the view itself otherwise. */
export function withAccountColumn(topology: Topology, view: TableView): TableView {
  const rowIds = ROW_IDS[view.id];
  if (rowIds === undefined || !isMultiAccount(topology.inventory)) return view;
  const ids = rowIds(topology);
  if (ids.length !== view.rows.length) throw new Error(`table ${view.id}: ${view.rows.length} rows but ${ids.length} resources`);
  const insert = <T>(list: T[], value: T): T[] => [...list.slice(0, 1), value, ...list.slice(1)];
  return {
    ...view,
    columns: insert(view.columns, ACCOUNT_COLUMN),
    rows: view.rows.map((row, i) => insert(row, accountOf(topology.inventory, ids[i]!) ?? EMPTY_CELL)),
  };
}
