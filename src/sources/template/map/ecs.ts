import type {
  ContainerDefinition,
  DeploymentConfiguration,
  EcsCluster,
  EcsService,
  ServiceLoadBalancerBinding,
  TaskDefinition,
} from '../../../model/index.js';
import type { StackEnvironment } from '../environment.js';
import { ecsClusterName } from '../identity.js';
import type { ResourceSet, TemplateResource } from '../resources.js';
import { containerInstanceGroups } from './container-instances.js';
import { asBoolean, asNumber, asRecord, asRecords, asString, asStrings, textOf, type JsonRecord } from '../values.js';

export interface EcsInventory {
  clusters: EcsCluster[];
  services: EcsService[];
  taskDefinitions: TaskDefinition[];
}

export function mapEcs(set: ResourceSet): EcsInventory {
  return { clusters: mapClusters(set), services: mapServices(set), taskDefinitions: mapTaskDefinitions(set) };
}

function mapClusters(set: ResourceSet): EcsCluster[] {
  return set.ofType('AWS::ECS::Cluster').map((cluster) => ({
    arn: asString(cluster.attribute('Arn')) ?? cluster.id,
    name: cluster.id,
    region: cluster.env.region,
    tags: cluster.tags,
  }));
}

function clusterArn(cluster: unknown, env: StackEnvironment): string {
  const value = asString(cluster);
  if (value?.startsWith('arn:')) return value;
  return `arn:${env.partition}:ecs:${env.region}:${env.accountId}:cluster/${ecsClusterName(cluster)}`;
}

/**
 * ECS takes a task definition ARN, `family:revision` or a bare family (CDK's CODE_DEPLOY services
 * pass the family): the latter two name the task definition declared with that family.
 */
function taskDefinitionArnOf(value: unknown, set: ResourceSet): string {
  const text = asString(value) ?? '';
  if (text === '' || text.startsWith('arn:')) return text;
  const family = text.replace(/:\d+$/, '');
  const declared = set.ofType('AWS::ECS::TaskDefinition').find((task) => (asString(task.properties.Family) ?? task.physicalId) === family);
  return declared?.id ?? text;
}

/** Bridge (the EC2 default) and host networking: tasks use their container instance's network and groups. */
function usesInstanceNetwork(service: TemplateResource, set: ResourceSet, taskDefinitionArn: string): boolean {
  const launchType = asString(service.properties.LaunchType);
  if (launchType === 'FARGATE' || launchType === 'EXTERNAL' || service.properties.NetworkConfiguration !== undefined) return false;
  const task = set.ofType('AWS::ECS::TaskDefinition').find((candidate) => candidate.id === taskDefinitionArn);
  const mode = asString(task?.properties.NetworkMode) ?? 'bridge';
  return mode === 'bridge' || mode === 'host';
}

function mapServices(set: ResourceSet): EcsService[] {
  const hostGroups = containerInstanceGroups(set);
  return set.ofType('AWS::ECS::Service').map((service) => {
    const p = service.properties;
    const network = asRecord(asRecord(p.NetworkConfiguration)?.AwsvpcConfiguration) ?? {};
    const launchType = asString(p.LaunchType);
    const taskDefinitionArn = taskDefinitionArnOf(p.TaskDefinition, set);
    const hostSecurityGroupIds = usesInstanceNetwork(service, set, taskDefinitionArn) ? hostGroups.get(ecsClusterName(p.Cluster)) : undefined;
    return {
      arn: service.id,
      name: asString(p.ServiceName) ?? service.displayName,
      clusterArn: clusterArn(p.Cluster, service.env),
      region: service.env.region,
      desiredCount: asNumber(p.DesiredCount) ?? 1,
      ...(launchType === undefined ? {} : { launchType }),
      capacityProviders: asRecords(p.CapacityProviderStrategy).flatMap((strategy) => asStrings(strategy.CapacityProvider)),
      taskDefinitionArn,
      subnetIds: asStrings(network.Subnets),
      securityGroupIds: asStrings(network.SecurityGroups),
      assignPublicIp: asString(network.AssignPublicIp) === 'ENABLED',
      ...(hostSecurityGroupIds === undefined || hostSecurityGroupIds.length === 0 ? {} : { hostSecurityGroupIds }),
      loadBalancers: asRecords(p.LoadBalancers).map(loadBalancerBinding),
      deployment: deploymentOf(asRecord(p.DeploymentConfiguration) ?? {}),
      tags: service.tags,
    };
  });
}

function loadBalancerBinding(raw: JsonRecord): ServiceLoadBalancerBinding {
  const targetGroupArn = asString(raw.TargetGroupArn);
  const loadBalancerName = asString(raw.LoadBalancerName);
  const containerPort = asNumber(raw.ContainerPort);
  return {
    ...(targetGroupArn === undefined ? {} : { targetGroupArn }),
    ...(loadBalancerName === undefined ? {} : { loadBalancerName }),
    containerName: asString(raw.ContainerName) ?? '',
    // An unresolved port is unknown (and listed in the unresolved warning), never 0.
    ...(containerPort === undefined ? {} : { containerPort }),
  };
}

function deploymentOf(raw: JsonRecord): DeploymentConfiguration {
  const breaker = asRecord(raw.DeploymentCircuitBreaker);
  const minimumHealthyPercent = asNumber(raw.MinimumHealthyPercent);
  const maximumPercent = asNumber(raw.MaximumPercent);
  return {
    ...(breaker === undefined ? {} : { circuitBreaker: { enable: asBoolean(breaker.Enable) ?? false, rollback: asBoolean(breaker.Rollback) ?? false } }),
    ...(minimumHealthyPercent === undefined ? {} : { minimumHealthyPercent }),
    ...(maximumPercent === undefined ? {} : { maximumPercent }),
  };
}

/** ECS takes a role name or ARN; DescribeTaskDefinition reports the ARN. */
function roleArn(value: unknown, set: ResourceSet, env: StackEnvironment): string | undefined {
  const text = asString(value);
  if (text === undefined || text.startsWith('arn:')) return text;
  const declared = set.byId('AWS::IAM::Role').get(text);
  return asString(declared?.attribute('Arn')) ?? `arn:${env.partition}:iam::${env.accountId}:role/${text}`;
}

function mapTaskDefinitions(set: ResourceSet): TaskDefinition[] {
  return set.ofType('AWS::ECS::TaskDefinition').map((task) => {
    const p = task.properties;
    const taskRoleArn = roleArn(p.TaskRoleArn, set, task.env);
    const executionRoleArn = roleArn(p.ExecutionRoleArn, set, task.env);
    const networkMode = asString(p.NetworkMode);
    const cpu = asString(p.Cpu);
    const memory = asString(p.Memory);
    return {
      arn: task.id,
      family: asString(p.Family) ?? task.physicalId,
      revision: 1,
      region: task.env.region,
      ...(taskRoleArn === undefined ? {} : { taskRoleArn }),
      ...(executionRoleArn === undefined ? {} : { executionRoleArn }),
      ...(networkMode === undefined ? {} : { networkMode }),
      ...(cpu === undefined ? {} : { cpu }),
      ...(memory === undefined ? {} : { memory }),
      requiresCompatibilities: asStrings(p.RequiresCompatibilities),
      containers: asRecords(p.ContainerDefinitions).map(containerOf),
    };
  });
}

function containerOf(raw: JsonRecord): ContainerDefinition {
  const logDriver = asString(asRecord(raw.LogConfiguration)?.LogDriver);
  return {
    name: asString(raw.Name) ?? '',
    image: textOf(raw.Image),
    essential: asBoolean(raw.Essential) ?? true,
    portMappings: asRecords(raw.PortMappings).map((mapping) => {
      const hostPort = asNumber(mapping.HostPort);
      const containerPort = asNumber(mapping.ContainerPort);
      return {
        ...(containerPort === undefined ? {} : { containerPort }),
        ...(hostPort === undefined ? {} : { hostPort }),
        protocol: asString(mapping.Protocol) ?? 'tcp',
      };
    }),
    environment: asRecords(raw.Environment).map((variable) => ({ name: asString(variable.Name) ?? '', value: textOf(variable.Value) })),
    secrets: asRecords(raw.Secrets).map((secret) => ({ name: asString(secret.Name) ?? '', valueFrom: textOf(secret.ValueFrom) })),
    ...(logDriver === undefined ? {} : { logDriver }),
  };
}
