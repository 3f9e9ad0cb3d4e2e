import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentProgress } from '../../../src/cli/progress.js';
import type { Topology } from '../../../src/model/index.js';
import { buildTopology } from '../../../src/pipeline.js';
import { synthesizeCdkApp } from '../../../src/sources/template/cdk-app.js';
import { loadTemplateInventory } from '../../../src/sources/template/index.js';
import { publicExportProblems } from '../../redact/support.js';

/**
 * Every CDK app of the shared corpus (public apps written by others, no node_modules: they run with
 * topology's own aws-cdk-lib), synthesized once each, read through the template source, correlated,
 * audited and exported with --public.
 */
const CORPUS = '../shared/corpus/cdk-examples/typescript';
const APPS = [
  'ecs/fargate-application-load-balanced-service',
  'ecs/fargate-service-with-efs',
  'ecs/ecs-service-with-advanced-alb-config',
  'ecs/ecs-service-with-task-networking',
  'ecs/fargate-service-with-local-image',
  'ecs/ecs-network-load-balanced-service',
  'rds/aurora',
  'application-load-balancer',
] as const;
type App = (typeof APPS)[number];
/** Each synthesis is a child process of 15–25 s idle, several times that on a loaded machine. */
const SYNTH_ALL_TIMEOUT = 900_000;
const SYNTH_AT_ONCE = 2;

interface ReadApp {
  topology: Topology;
  notices: string[];
  /** Every logical id of the synthesized templates. */
  logicalIds: string[];
}

const read = new Map<App, ReadApp | Error>();
const present = (() => {
  try {
    return APPS.every((app) => readdirSync(join(CORPUS, app)).includes('cdk.json'));
  } catch {
    return false;
  }
})();

function templateLogicalIds(assembly: string): string[] {
  return readdirSync(assembly)
    .filter((name) => name.endsWith('.template.json'))
    .flatMap((name) => Object.keys((JSON.parse(readFileSync(join(assembly, name), 'utf8')) as { Resources?: object }).Resources ?? {}));
}

async function readApp(app: App): Promise<ReadApp> {
  const synthesized = await synthesizeCdkApp(join(CORPUS, app), silentProgress);
  try {
    const inventory = await loadTemplateInventory(synthesized.assemblies, silentProgress);
    return { topology: buildTopology(inventory, {}), notices: synthesized.notices, logicalIds: synthesized.assemblies.flatMap(templateLogicalIds) };
  } finally {
    await synthesized.cleanup();
  }
}

function app(name: App): ReadApp {
  const result = read.get(name);
  if (result === undefined) throw new Error(`${name} was not read`);
  if (result instanceof Error) throw result;
  return result;
}

/** Names by inventory key, so assertions read as the app's source does, not as generated ids. */
function namesOf(topology: Topology): Map<string, string> {
  const { inventory } = topology;
  return new Map<string, string>([
    ...inventory.loadBalancers.map((lb): [string, string] => [lb.arn, lb.name]),
    ...inventory.listeners.map((listener): [string, string] => [listener.arn, `${listener.protocol}:${listener.port}`]),
    ...inventory.targetGroups.map((group): [string, string] => [group.arn, group.name]),
    ...inventory.services.map((service): [string, string] => [service.arn, service.name]),
    ...inventory.securityGroups.map((group): [string, string] => [group.id, group.name]),
  ]);
}

/** load balancer → listener → rule → target group → service, walked along the correlation's edges. */
function trafficChains(topology: Topology): unknown[][] {
  const names = namesOf(topology);
  const from = (kind: string, id: string) => topology.edges.filter((edge) => edge.kind === kind && edge.from.id === id);
  return topology.inventory.loadBalancers.flatMap((lb) =>
    from('lb-listener', lb.arn).flatMap((toListener) =>
      from('listener-rule', toListener.to.id).flatMap((toRule) =>
        from('rule-target', toRule.to.id).flatMap((toGroup) => {
          const group = topology.inventory.targetGroups.find((candidate) => candidate.arn === toGroup.to.id);
          const head = [lb.name, lb.type, names.get(toListener.to.id), toRule.attributes.isDefault === true ? 'default' : 'rule', group?.name, group?.port, group?.targetType];
          const services = from('target-service', toGroup.to.id);
          if (services.length === 0) return [[...head, 'no service']];
          return services.map((toService) => [...head, names.get(toService.to.id), toService.attributes.containerName, toService.attributes.containerPort]);
        }),
      ),
    ),
  );
}

/** `source -> group protocol from-to`, sources and groups by name. */
function ingress(topology: Topology): string[] {
  const names = namesOf(topology);
  return topology.edges
    .filter((edge) => edge.kind === 'sg-ingress')
    .map((edge) => {
      const ports = edge.attributes.fromPort === undefined ? '' : ` ${edge.attributes.fromPort}-${edge.attributes.toPort}`;
      return `${names.get(edge.from.id) ?? edge.from.id} -> ${names.get(edge.to.id)} ${edge.attributes.protocol}${ports}`;
    })
    .sort();
}

function ruleIds(topology: Topology): string[] {
  return topology.findings.map((finding) => finding.ruleId).sort();
}

function securityGroupId(topology: Topology, name: string): string {
  const group = topology.inventory.securityGroups.find((candidate) => candidate.name === name);
  if (group === undefined) throw new Error(`no security group ${name}`);
  return group.id;
}

// A missing corpus fails here unless TOPOLOGY_SKIP_CORPUS=1 says to skip it (said, never silent).
const skipAsked = process.env.TOPOLOGY_SKIP_CORPUS === '1';
if (skipAsked) console.warn('corpus-cdk.test.ts skipped: TOPOLOGY_SKIP_CORPUS=1');

describe.skipIf(skipAsked)('the CDK corpus', () => {
  it(`holds every app at ${CORPUS} (or TOPOLOGY_SKIP_CORPUS=1 says to skip it)`, () => {
    expect(present).toBe(true);
  });
});

describe.runIf(!skipAsked && present)('every CDK app of the corpus, synthesized once', () => {
  beforeAll(async () => {
    const queue = [...APPS];
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        read.set(next, await readApp(next).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))));
      }
    };
    await Promise.all(Array.from({ length: SYNTH_AT_ONCE }, worker));
  }, SYNTH_ALL_TIMEOUT);

  it.each(APPS)('%s: synthesizes with topology’s aws-cdk-lib and loads', (name) => {
    const { notices, logicalIds } = app(name);
    expect(notices[0]).toMatch(/has no aws-cdk-lib installed \(no node_modules\): synthesized with topology's own aws-cdk-lib/);
    expect(logicalIds.length).toBeGreaterThan(10);
  });

  it.each(APPS)('%s: names come from construct paths, never from hashed logical ids', (name) => {
    const { topology, logicalIds } = app(name);
    const { inventory } = topology;
    const named = [...inventory.loadBalancers, ...inventory.targetGroups, ...inventory.services, ...inventory.securityGroups].map((resource) => resource.name);
    expect(named.length).toBeGreaterThan(0);
    for (const resourceName of named) {
      expect(logicalIds, resourceName).not.toContain(resourceName);
      expect(resourceName).not.toMatch(/[0-9A-F]{8}$/);
    }
  });

  it.each(APPS)('%s: --public in every format passes the leak guard, no logical id survives', async (name) => {
    const { topology, logicalIds } = app(name);
    const { problems, checkedIds } = await publicExportProblems(topology, logicalIds);
    expect(checkedIds.length).toBeGreaterThan(10);
    expect(problems).toEqual([]);
  });

  it('fargate-application-load-balanced-service: public ALB HTTP:80 → ip target group → Fargate service web:80', () => {
    const { topology } = app('ecs/fargate-application-load-balanced-service');
    expect(trafficChains(topology)).toEqual([
      ['FargateService/LB', 'application', 'HTTP:80', 'default', 'FargateService/LB/PublicListener/ECSGroup', 80, 'ip', 'FargateService/Service', 'web', 80],
    ]);
    expect(topology.inventory.loadBalancers[0]?.scheme).toBe('internet-facing');
    expect(topology.inventory.services.map((service) => [service.launchType, service.desiredCount])).toEqual([['FARGATE', 1]]);
    expect(topology.inventory.taskDefinitions.flatMap((definition) => definition.containers.map((container) => container.image))).toEqual(['amazon/amazon-ecs-sample']);
    expect(ingress(topology)).toEqual([
      '0.0.0.0/0 -> FargateService/LB/SecurityGroup tcp 80-80',
      'FargateService/LB/SecurityGroup -> FargateService/Service/SecurityGroup tcp 80-80',
    ]);
    expect(ruleIds(topology)).toEqual(['TOPO-ALB-001', 'TOPO-ECS-005']);
  });

  it('fargate-service-with-efs: ALB → Fargate service on 8000, the service reaches EFS on 2049, every group counted as used', () => {
    const { topology } = app('ecs/fargate-service-with-efs');
    expect(trafficChains(topology)).toEqual([
      ['Service01/LB', 'application', 'HTTP:80', 'default', 'Service01/LB/PublicListener/ECSGroup', 80, 'ip', 'Service01/Service', 'MyContainerDefinition', 8000],
    ]);
    const [service] = topology.inventory.services;
    expect([service?.launchType, service?.desiredCount]).toEqual(['FARGATE', 2]);
    expect(service?.securityGroupIds).toEqual([securityGroupId(topology, 'Service01/Service/SecurityGroup')]);
    expect(ingress(topology)).toEqual([
      '0.0.0.0/0 -> Service01/LB/SecurityGroup tcp 80-80',
      'Service01/LB/SecurityGroup -> Service01/Service/SecurityGroup tcp 8000-8000',
      'Service01/Service/SecurityGroup -> MyEfsFileSystem/EfsSecurityGroup tcp 2049-2049',
    ]);
    // The EFS group is the mount targets' and the service's group is the service's: neither "attached to nothing".
    expect(topology.findings.filter((finding) => finding.ruleId === 'TOPO-NET-003')).toEqual([]);
    expect(ruleIds(topology)).toEqual(['TOPO-ALB-001', 'TOPO-ECS-005']);
  });

  it('ecs-service-with-advanced-alb-config: ALB HTTP:80 → target group 8080 with /health check → EC2 service web:80 on host port 8080', () => {
    const { topology } = app('ecs/ecs-service-with-advanced-alb-config');
    expect(trafficChains(topology)).toEqual([['LB', 'application', 'HTTP:80', 'default', 'LB/PublicListener/ECSGroup', 8080, 'instance', 'Service', 'web', 80]]);
    // The app adds no listener rules of its own: the default action is the only one.
    expect(topology.inventory.listenerRules.map((rule) => rule.priority)).toEqual(['default']);
    expect(topology.inventory.targetGroups[0]?.healthCheck).toMatchObject({ path: '/health', intervalSeconds: 60, timeoutSeconds: 5 });
    expect(topology.inventory.services.map((service) => service.launchType)).toEqual(['EC2']);
    expect(ingress(topology)).toEqual([
      '0.0.0.0/0 -> LB/SecurityGroup tcp 80-80',
      'LB/SecurityGroup -> EcsCluster/DefaultAutoScalingGroup/InstanceSecurityGroup tcp 8080-8080',
    ]);
    expect(ruleIds(topology)).toEqual(['TOPO-ALB-001', 'TOPO-ECS-005']);
  });

  it('ecs-service-with-task-networking: an awsvpc EC2 service with its own group open on 80, no load balancer', () => {
    const { topology } = app('ecs/ecs-service-with-task-networking');
    expect(topology.inventory.loadBalancers).toEqual([]);
    const [service] = topology.inventory.services;
    expect([service?.name, service?.launchType]).toEqual(['awsvpc-ecs-demo-service', 'EC2']);
    expect(service?.securityGroupIds).toEqual([securityGroupId(topology, 'nginx--7623')]);
    const definition = topology.inventory.taskDefinitions.find((candidate) => candidate.arn === service?.taskDefinitionArn);
    expect(definition?.networkMode).toBe('awsvpc');
    expect(definition?.containers.map((container) => container.image)).toEqual(['nginx:latest']);
    expect(ingress(topology)).toEqual(['0.0.0.0/0 -> nginx--7623 tcp 80-80']);
    expect(ruleIds(topology)).toEqual(['TOPO-ECS-005']);
  });

  it('fargate-service-with-local-image: ALB → Fargate service web:80, image from the staged asset', () => {
    const { topology } = app('ecs/fargate-service-with-local-image');
    expect(trafficChains(topology)).toEqual([
      ['FargateService/LB', 'application', 'HTTP:80', 'default', 'FargateService/LB/PublicListener/ECSGroup', 80, 'ip', 'FargateService/Service', 'web', 80],
    ]);
    expect(topology.inventory.taskDefinitions.flatMap((definition) => definition.containers.map((container) => container.image))).toEqual([
      expect.stringMatching(/^000000000000\.dkr\.ecr\.us-east-1\.amazonaws\.com\/cdk-hnb659fds-container-assets-000000000000-us-east-1:[0-9a-f]{64}$/),
    ]);
    expect(ruleIds(topology)).toEqual(['TOPO-ALB-001', 'TOPO-ECS-005']);
  });

  it('ecs-network-load-balanced-service: public NLB TCP:80 → EC2 service web:80, the ephemeral range open to the world is flagged', () => {
    const { topology } = app('ecs/ecs-network-load-balanced-service');
    expect(trafficChains(topology)).toEqual([
      ['Ec2Service/LB', 'network', 'TCP:80', 'default', 'Ec2Service/LB/PublicListener/ECSGroup', 80, 'instance', 'Ec2Service/Service', 'web', 80],
    ]);
    expect(topology.inventory.loadBalancers[0]?.scheme).toBe('internet-facing');
    expect(ingress(topology)).toEqual(['0.0.0.0/0 -> Ec2Cluster/DefaultAutoScalingGroup/InstanceSecurityGroup tcp 32768-65535']);
    const open = topology.findings.find((finding) => finding.ruleId === 'TOPO-NET-002');
    expect(open?.message).toContain('Ec2Cluster/DefaultAutoScalingGroup/InstanceSecurityGroup');
    expect(open?.message).toContain('tcp 32768-65535 from 0.0.0.0/0');
    expect(ruleIds(topology)).toEqual(['TOPO-ECS-005', 'TOPO-NET-002']);
  });

  it('rds/aurora: an encrypted Aurora PostgreSQL cluster with one writer in us-east-2, its group open to itself and to the rotation function on 5432', () => {
    const { topology } = app('rds/aurora');
    const { inventory } = topology;
    expect(inventory.regions).toEqual(['us-east-2']);
    expect(inventory.dbClusters.map((cluster) => [cluster.identifier, cluster.engine, cluster.port, cluster.storageEncrypted, cluster.deletionProtection, cluster.memberInstanceIds.length])).toEqual([
      ['sampledb', 'aurora-postgresql', 5432, true, true, 1],
    ]);
    expect(inventory.dbInstances.map((instance) => [instance.engine, instance.instanceClass, instance.clusterIdentifier, instance.storageEncrypted, instance.publiclyAccessible])).toEqual([
      ['aurora-postgresql', 'db.t4g.medium', 'sampledb', true, false],
    ]);
    expect(inventory.dbClusters[0]?.securityGroupIds).toEqual([securityGroupId(topology, 'AuroraStackDatabase')]);
    expect(ingress(topology)).toEqual(['AuroraDatabase/RotationSingleUser/SecurityGroup -> AuroraStackDatabase tcp 5432-5432', 'AuroraStackDatabase -> AuroraStackDatabase all']);
    expect(ruleIds(topology)).toEqual(['TOPO-RDS-004', 'TOPO-RDS-006']);
  });

  it('application-load-balancer: public ALB HTTP:80 → instance target group of the auto scaling group, no ECS service', () => {
    const { topology } = app('application-load-balancer');
    expect(trafficChains(topology)).toEqual([['LB', 'application', 'HTTP:80', 'default', 'LB/Listener/TargetGroup', 80, 'instance', 'no service']]);
    expect(topology.inventory.services).toEqual([]);
    expect(ingress(topology)).toEqual(['0.0.0.0/0 -> LB/SecurityGroup tcp 80-80', 'LB/SecurityGroup -> ASG/InstanceSecurityGroup tcp 80-80']);
    expect(ruleIds(topology)).toEqual(['TOPO-ALB-001']);
  });
});
