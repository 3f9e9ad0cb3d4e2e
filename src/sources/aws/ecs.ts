import type {
  Cluster as SdkCluster,
  ContainerDefinition as SdkContainerDefinition,
  Service as SdkService,
  Tag as SdkTag,
  TaskDefinition as SdkTaskDefinition,
} from '@aws-sdk/client-ecs';
import type {
  ContainerDefinition,
  EcsCluster,
  EcsService,
  Inventory,
  Tags,
  TaskDefinition,
} from '../../model/index.js';
import { batches } from '../../model/index.js';
import { listAll, type CollectContext } from './context.js';
import type { EcsTargets } from './ecs-targets.js';
import { sdkPackage } from './sdk-packages.js';

const {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  paginateListClusters,
  paginateListServices,
} = sdkPackage('@aws-sdk/client-ecs');
type ECSClient = InstanceType<typeof ECSClient>;

/**
 * ECS: clusters → services → task definitions. Services are described 10 per call (the API's
 * limit) and each distinct task definition once, however many services share it.
 */

const DESCRIBE_CLUSTERS_BATCH = 100;
const DESCRIBE_SERVICES_BATCH = 10;
const LIST_PAGE_SIZE = 100;

export async function collectEcs(ctx: CollectContext, targets?: EcsTargets): Promise<Partial<Inventory>> {
  const client = new ECSClient(ctx.clientConfig);
  const { sdkClusters, sdkServices } = targets === undefined ? await everyCluster(ctx, client) : await targetedClusters(ctx, client, targets);
  const taskDefinitionArns = [...new Set(sdkServices.flatMap((s) => (s.taskDefinition ? [s.taskDefinition] : [])))];
  const taskDefinitions = await Promise.all(taskDefinitionArns.map((arn) => describeTaskDefinition(ctx, client, arn)));
  return {
    clusters: sdkClusters.map((c) => toEcsCluster(c, ctx.region)),
    services: sdkServices.map((s) => toEcsService(s, ctx.region)),
    taskDefinitions: taskDefinitions.flatMap((t) => (t ? [toTaskDefinition(t, ctx.region)] : [])),
  };
}

async function everyCluster(ctx: CollectContext, client: ECSClient): Promise<{ sdkClusters: SdkCluster[]; sdkServices: SdkService[] }> {
  const clusterArns = await listClusterArns(ctx, client);
  const sdkClusters = await describeClusters(ctx, client, clusterArns);
  const sdkServices = (await Promise.all(clusterArns.map((arn) => describeClusterServices(ctx, client, arn)))).flat();
  return { sdkClusters, sdkServices };
}

/**
 * `--cluster` / `--service`: no ListClusters; the named clusters described by name, their services
 * listed; a named service described directly (no ListServices for its cluster).
 */
async function targetedClusters(ctx: CollectContext, client: ECSClient, targets: EcsTargets): Promise<{ sdkClusters: SdkCluster[]; sdkServices: SdkService[] }> {
  const named = [...new Set([...targets.clusters, ...targets.services.map((target) => target.cluster)])];
  const sdkClusters = await describeClusters(ctx, client, named);
  const whole = new Set(sdkClusters.filter((cluster) => targets.clusters.includes(cluster.clusterName ?? '') || targets.clusters.includes(cluster.clusterArn ?? '')).map((cluster) => cluster.clusterArn!));
  const byCluster = new Map<string, string[]>();
  for (const target of targets.services) {
    const cluster = sdkClusters.find((c) => c.clusterName === target.cluster || c.clusterArn === target.cluster)?.clusterArn;
    if (cluster === undefined || whole.has(cluster)) continue;
    byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), target.service]);
  }
  const sdkServices = (
    await Promise.all([
      ...[...whole].map((arn) => describeClusterServices(ctx, client, arn)),
      ...[...byCluster].map(([cluster, services]) => describeServices(ctx, client, cluster, services)),
    ])
  ).flat();
  return { sdkClusters, sdkServices };
}

// ---------------------------------------------------------------- getters

async function listClusterArns(ctx: CollectContext, client: ECSClient): Promise<string[]> {
  const outcome = await listAll(
    ctx,
    'ecs:ListClusters',
    () => paginateListClusters({ client, pageSize: LIST_PAGE_SIZE }, {}),
    (page) => page.clusterArns,
  );
  return outcome.ok ? outcome.value : [];
}

async function describeClusters(ctx: CollectContext, client: ECSClient, arns: string[]): Promise<SdkCluster[]> {
  const outcomes = await Promise.all(
    batches(arns, DESCRIBE_CLUSTERS_BATCH).map((clusters) =>
      ctx.call('ecs:DescribeClusters', () => client.send(new DescribeClustersCommand({ clusters, include: ['TAGS'] }))),
    ),
  );
  return outcomes.flatMap((outcome) => (outcome.ok ? (outcome.value.clusters ?? []) : []));
}

async function describeClusterServices(ctx: CollectContext, client: ECSClient, cluster: string): Promise<SdkService[]> {
  const listed = await listAll(
    ctx,
    'ecs:ListServices',
    () => paginateListServices({ client, pageSize: LIST_PAGE_SIZE }, { cluster }),
    (page) => page.serviceArns,
    cluster,
  );
  if (!listed.ok) return [];
  return describeServices(ctx, client, cluster, listed.value);
}

async function describeServices(ctx: CollectContext, client: ECSClient, cluster: string, names: string[]): Promise<SdkService[]> {
  const outcomes = await Promise.all(
    batches(names, DESCRIBE_SERVICES_BATCH).map((services) =>
      ctx.call(
        'ecs:DescribeServices',
        () => client.send(new DescribeServicesCommand({ cluster, services, include: ['TAGS'] })),
        cluster,
      ),
    ),
  );
  return outcomes.flatMap((outcome) => (outcome.ok ? (outcome.value.services ?? []) : []));
}

async function describeTaskDefinition(
  ctx: CollectContext,
  client: ECSClient,
  arn: string,
): Promise<SdkTaskDefinition | undefined> {
  const outcome = await ctx.call(
    'ecs:DescribeTaskDefinition',
    () => client.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ['TAGS'] })),
    arn,
  );
  return outcome.ok ? outcome.value.taskDefinition : undefined;
}


// ---------------------------------------------------------------- transforms

export function toEcsCluster(cluster: SdkCluster, region: string): EcsCluster {
  return {
    arn: cluster.clusterArn ?? '',
    name: cluster.clusterName ?? '',
    region,
    tags: ecsTags(cluster.tags),
  };
}

export function toEcsService(service: SdkService, region: string): EcsService {
  const awsvpc = service.networkConfiguration?.awsvpcConfiguration;
  const deployment = service.deploymentConfiguration;
  const circuitBreaker = deployment?.deploymentCircuitBreaker;
  return {
    arn: service.serviceArn ?? '',
    name: service.serviceName ?? '',
    clusterArn: service.clusterArn ?? '',
    region,
    desiredCount: service.desiredCount ?? 0,
    runningCount: service.runningCount,
    status: service.status,
    launchType: service.launchType,
    capacityProviders: (service.capacityProviderStrategy ?? []).flatMap((item) =>
      item.capacityProvider ? [item.capacityProvider] : [],
    ),
    taskDefinitionArn: service.taskDefinition ?? '',
    subnetIds: awsvpc?.subnets ?? [],
    securityGroupIds: awsvpc?.securityGroups ?? [],
    assignPublicIp: awsvpc?.assignPublicIp === 'ENABLED',
    loadBalancers: (service.loadBalancers ?? []).map((lb) => ({
      targetGroupArn: lb.targetGroupArn,
      loadBalancerName: lb.loadBalancerName,
      containerName: lb.containerName ?? '',
      containerPort: lb.containerPort ?? 0,
    })),
    deployment: {
      circuitBreaker: circuitBreaker
        ? { enable: circuitBreaker.enable ?? false, rollback: circuitBreaker.rollback ?? false }
        : undefined,
      minimumHealthyPercent: deployment?.minimumHealthyPercent,
      maximumPercent: deployment?.maximumPercent,
    },
    tags: ecsTags(service.tags),
  };
}

export function toTaskDefinition(definition: SdkTaskDefinition, region: string): TaskDefinition {
  return {
    arn: definition.taskDefinitionArn ?? '',
    family: definition.family ?? '',
    revision: definition.revision ?? 0,
    region,
    taskRoleArn: definition.taskRoleArn,
    executionRoleArn: definition.executionRoleArn,
    networkMode: definition.networkMode,
    cpu: definition.cpu,
    memory: definition.memory,
    requiresCompatibilities: definition.requiresCompatibilities ?? [],
    containers: (definition.containerDefinitions ?? []).map(toContainerDefinition),
  };
}

function toContainerDefinition(container: SdkContainerDefinition): ContainerDefinition {
  return {
    name: container.name ?? '',
    image: container.image ?? '',
    // ECS treats a container without the flag as essential.
    essential: container.essential ?? true,
    portMappings: (container.portMappings ?? []).flatMap((mapping) =>
      mapping.containerPort === undefined
        ? []
        : [{ containerPort: mapping.containerPort, hostPort: mapping.hostPort, protocol: mapping.protocol ?? 'tcp' }],
    ),
    environment: (container.environment ?? []).map((variable) => ({ name: variable.name ?? '', value: variable.value ?? '' })),
    secrets: (container.secrets ?? []).map((secret) => ({ name: secret.name ?? '', valueFrom: secret.valueFrom ?? '' })),
    logDriver: container.logConfiguration?.logDriver,
  };
}

function ecsTags(tags: SdkTag[] | undefined): Tags {
  const record: Tags = {};
  for (const tag of tags ?? []) if (tag.key !== undefined) record[tag.key] = tag.value ?? '';
  return record;
}
