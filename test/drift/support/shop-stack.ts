import { fileURLToPath } from 'node:url';
import { silentProgress } from '../../../src/cli/progress.js';
import type { Inventory, Tags } from '../../../src/model/index.js';
import { loadTemplateInventory } from '../../../src/sources/template/index.js';
import { ACCOUNT, IDS, REGION, shopInventory } from '../../fixtures/model/shop-account.js';

/** The CloudFormation template of the shop account (test/drift/fixtures/shop-stack.yaml). */
export const SHOP_STACK_TEMPLATE = fileURLToPath(new URL('../fixtures/shop-stack.yaml', import.meta.url));
export const STACK = 'shop-stack';

/** Physical names CloudFormation generated for the task roles the template leaves unnamed. */
export const GENERATED_ROLE_NAMES = { web: 'shop-stack-WebTaskRole-1RT2B8KQ0ZJ5X', worker: 'shop-stack-WorkerTaskRole-9XW3M2PL4QD1' } as const;

/** The template's inventory, resolved for the live account and region (as `topology drift --expected-from` does). */
export function shopStackInventory(): Promise<Inventory> {
  return loadTemplateInventory(SHOP_STACK_TEMPLATE, silentProgress, { accountId: ACCOUNT, region: REGION });
}

function cloudFormationTags(logicalId: string): Tags {
  return {
    'aws:cloudformation:stack-name': STACK,
    'aws:cloudformation:logical-id': logicalId,
    'aws:cloudformation:stack-id': `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${STACK}/0b3c9a50-aa11-11ef-9a1b-0e8e1f2d3c4b`,
  };
}

/**
 * The shop account as CloudFormation deployed it from that template: the resources it tags carry
 * their logical IDs; the task roles (untagged, as IAM roles are) have generated names.
 */
export function deployedShop(): Inventory {
  let text = JSON.stringify(shopInventory());
  text = text.replaceAll('role/application/shop-web-task', `role/application/${GENERATED_ROLE_NAMES.web}`).replaceAll('"shop-web-task"', `"${GENERATED_ROLE_NAMES.web}"`);
  text = text.replaceAll('role/application/shop-worker-task', `role/application/${GENERATED_ROLE_NAMES.worker}`).replaceAll('"shop-worker-task"', `"${GENERATED_ROLE_NAMES.worker}"`);
  const live = JSON.parse(text) as Inventory;
  // What the live collectors report and the hand-built account leaves out.
  for (const subnet of live.subnets) subnet.tags = { Name: subnet.name ?? subnet.id };
  for (const queue of live.queues) queue.policy ??= null;
  for (const group of live.targetGroups) group.healthCheck.timeoutSeconds ??= 5;
  const tag = (item: { tags: Tags } | undefined, logicalId: string) => {
    if (item === undefined) throw new Error(`no live resource for ${logicalId}`);
    item.tags = { ...item.tags, ...cloudFormationTags(logicalId) };
  };
  tag(live.vpcs[0], 'Vpc');
  const logicalIds: Record<string, string> = {
    [IDS.subnetPublicA]: 'PublicSubnetA',
    [IDS.subnetPublicB]: 'PublicSubnetB',
    [IDS.subnetPrivateA]: 'PrivateSubnetA',
    [IDS.subnetPrivateB]: 'PrivateSubnetB',
    [IDS.subnetIsolatedA]: 'IsolatedSubnetA',
    [IDS.subnetIsolatedB]: 'IsolatedSubnetB',
    [IDS.sgAlb]: 'AlbSecurityGroup',
    [IDS.sgWeb]: 'WebSecurityGroup',
    [IDS.sgWorker]: 'WorkerSecurityGroup',
    [IDS.sgBastion]: 'BastionSecurityGroup',
    [IDS.sgEndpoints]: 'EndpointSecurityGroup',
    [IDS.sgDb]: 'DatabaseSecurityGroup',
    [IDS.vpceSecrets]: 'SecretsEndpoint',
    [IDS.vpceSqs]: 'SqsEndpoint',
    [IDS.vpceS3]: 'S3Endpoint',
  };
  for (const item of [...live.subnets, ...live.securityGroups, ...live.vpcEndpoints]) tag(item, logicalIds[item.id]!);
  tag(live.loadBalancers[0], 'EdgeLoadBalancer');
  tag(live.targetGroups[0], 'WebTargetGroup');
  tag(live.clusters[0], 'Cluster');
  tag(live.services.find((s) => s.name === 'shop-web'), 'WebService');
  tag(live.services.find((s) => s.name === 'shop-worker'), 'WorkerService');
  tag(live.dbInstances[0], 'Database');
  tag(live.buckets[0], 'MediaBucket');
  tag(live.queues.find((q) => q.name === 'shop-jobs'), 'JobsQueue');
  tag(live.queues.find((q) => q.name === 'shop-jobs-dlq'), 'JobsDeadLetterQueue');
  return live;
}
