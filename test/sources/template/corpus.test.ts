import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentProgress } from '../../../src/cli/progress.js';
import type { Topology } from '../../../src/model/index.js';
import { buildTopology } from '../../../src/pipeline.js';
import { loadTemplateInventory, type TemplateInputOptions } from '../../../src/sources/template/index.js';
import { cli } from '../../support/cli.js';

/** Public CloudFormation templates written by others (read-only, outside the repository). */
const CORPUS = '../shared/corpus/cloudformation-templates';
const ECS = `${CORPUS}/ECS`;

async function topologyOf(paths: string[], options: TemplateInputOptions = {}): Promise<Topology> {
  return buildTopology(await loadTemplateInventory(paths, silentProgress, options), {});
}

async function templatesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name)).map((entry) => join(entry.parentPath, entry.name)).sort();
}

describe('every public CloudFormation template of the corpus', () => {
  it('reads each one on its own without an abort', async () => {
    const files = await templatesUnder(CORPUS);
    expect(files.length).toBe(27);
    for (const file of files) {
      const topology = await topologyOf([file]);
      expect(topology.inventory.source.label, file).toBe(`template ${file}`);
    }
  }, 120_000);

  it('reads the whole corpus directory as one topology, exit 0', async () => {
    const result = await cli('--from', CORPUS, '--format', 'json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Topology;
    // Two clusters/public-vpc.yaml (EC2 and Fargate) cannot both be stack public-vpc: the second is renamed.
    expect(report.warnings.map((warning) => warning.message)).toContain(
      `${ECS}/FargateLaunchType/clusters/public-vpc.yaml: another stack read is also named public-vpc; this one is read as public-vpc-2.`,
    );
  }, 120_000);
});

describe('ECS cluster and service templates joined by imports', () => {
  it('EC2 launch type: the service lands in the cluster stack, its rule on the cluster stack listener', async () => {
    const topology = await topologyOf([`${ECS}/EC2LaunchType/clusters/public-vpc.yaml`, `${ECS}/EC2LaunchType/services/public-service.yaml`], {
      parameters: ['public-service.StackName=public-vpc'],
    });
    const { services, listenerRules, clusters } = topology.inventory;
    expect(clusters.map((cluster) => cluster.arn)).toEqual(['arn:aws:ecs:us-east-1:000000000000:cluster/ECSCluster']);
    expect(services.map((service) => [service.name, service.clusterArn])).toEqual([['nginx', 'arn:aws:ecs:us-east-1:000000000000:cluster/ECSCluster']]);
    const listener = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/PublicLoadBalancer/PublicLoadBalancer/PublicLoadBalancerListener';
    expect(listenerRules.map((rule) => [rule.listenerArn, rule.priority])).toEqual([
      [listener, 1],
      [listener, 'default'],
    ]);
    expect(topology.edges.filter((edge) => edge.kind === 'target-service').map((edge) => [edge.from.id, edge.to.id])).toEqual([
      ['arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/nginx/TargetGroup', 'arn:aws:ecs:us-east-1:000000000000:service/ECSCluster/nginx'],
    ]);
    expect(JSON.stringify(topology.inventory)).not.toContain('${Import:');
  });

  it('Fargate: subnets, security group and execution role come from the cluster stack', async () => {
    const topology = await topologyOf([`${ECS}/FargateLaunchType/clusters/private-vpc.yaml`, `${ECS}/FargateLaunchType/services/private-subnet-public-service.yaml`], {
      parameters: ['StackName=private-vpc'],
    });
    const service = topology.inventory.services[0]!;
    expect(service.subnetIds).toEqual(['subnet-PrivateSubnetOne', 'subnet-PrivateSubnetTwo']);
    expect(service.securityGroupIds).toEqual(['sg-FargateContainerSecurityGroup']);
    expect(topology.inventory.taskDefinitions[0]!.executionRoleArn).toBe('arn:aws:iam::000000000000:role/ECSTaskExecutionRole');
    expect(topology.inventory.securityGroups.map((group) => group.id)).toContain('sg-FargateContainerSecurityGroup');
  });

  it('without the cluster stack the imports are placeholders, listed in one unresolved warning', async () => {
    const topology = await topologyOf([`${ECS}/FargateLaunchType/services/private-subnet-public-service.yaml`]);
    const unresolved = topology.warnings.filter((warning) => warning.code === 'unresolved');
    expect(unresolved).toHaveLength(1);
    expect(unresolved[0]!.message).toContain('Resources.Service.Properties.Cluster is ${Import:production:ClusterName} (no stack read exports "production:ClusterName"');
  });
});

describe('what a reader sees in single templates', () => {
  it('a read replica inherits engine, port and encryption from its source: no false "not encrypted"', async () => {
    const topology = await topologyOf([`${CORPUS}/RDS/RDS_MySQL_With_Read_Replica.yaml`]);
    expect(topology.inventory.dbInstances.map((db) => [db.identifier, db.engine, db.port, db.storageEncrypted])).toEqual([
      ['maindb', 'mysql', 3306, true],
      ['replicadb', 'mysql', 3306, true],
    ]);
    expect(topology.findings.filter((finding) => /encrypt/i.test(finding.message))).toEqual([]);
  });

  it('the network load balancer forwards TCP 80 to its target group', async () => {
    const topology = await topologyOf([`${CORPUS}/ElasticLoadBalancing/NetworkLoadBalancerWithEIPs.yaml`]);
    const { loadBalancers, listeners, targetGroups } = topology.inventory;
    expect(loadBalancers.map((lb) => [lb.name, lb.type, lb.scheme])).toEqual([['loadBalancer', 'network', 'internet-facing']]);
    expect(listeners.map((listener) => [listener.protocol, listener.port, listener.defaultActions[0]!.targetGroups[0]!.targetGroupArn])).toEqual([['TCP', 80, targetGroups[0]!.arn]]);
    expect(targetGroups.map((group) => [group.name, group.protocol, group.port])).toEqual([['MyTargets', 'TCP', 10]]);
  });

  it('the cluster ALB and the container instances: the host security group is in use by the launch template', async () => {
    const topology = await topologyOf([`${ECS}/EC2LaunchType/clusters/public-vpc.yaml`]);
    const hosts = topology.inventory.securityGroups.find((group) => group.id === 'sg-EcsHostSecurityGroup')!;
    expect(hosts.usedBy).toEqual(['AWS::EC2::LaunchTemplate ContainerInstances']);
    expect(topology.findings.filter((finding) => finding.ruleId === 'TOPO-NET-003')).toEqual([]);
    expect(topology.inventory.loadBalancers.map((lb) => [lb.name, lb.securityGroupIds])).toEqual([['PublicLoadBalancer', ['sg-PublicLoadBalancerSG']]]);
  });
});
