import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentProgress } from '../../../src/cli/progress.js';
import { correlate } from '../../../src/correlate/index.js';
import type { Edge, Inventory } from '../../../src/model/index.js';
import { readCloudAssembly } from '../../../src/sources/template/cloud-assembly.js';
import { loadTemplateInventory } from '../../../src/sources/template/index.js';

const ASSEMBLY = 'test/fixtures/templates/orders-cdk-out';
const SERVICE = 'arn:aws:ecs:eu-west-1:123456789012:service/OrdersCluster8C2E0B1A/OrdersService5B6C7D8E';
const CLUSTER_SG = 'sg-ClusterSecurityGroup0921994B';
const SERVICE_SG = 'sg-OrdersServiceSecurityGroup4D5E6F7A';
const QUEUE_ARN = 'arn:aws:sqs:eu-west-1:123456789012:OrdersQueue4F2B3D1C.fifo';
const AURORA_ARN = 'arn:aws:rds:eu-west-1:123456789012:cluster:orders-aurora';
const AURORA_HOST = 'orders-aurora.cluster-123456789012.eu-west-1.rds.amazonaws.com';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:ClusterSecretD8B1C1DD';

let inventory: Inventory;
let edges: Edge[];
let scratch: string;

beforeAll(async () => {
  inventory = await loadTemplateInventory(ASSEMBLY, silentProgress);
  edges = correlate(inventory);
  scratch = await mkdtemp(join(tmpdir(), 'topology-assembly-test-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('cdk.out with two stacks', () => {
  it('reads the stacks in manifest order with the environment CDK recorded', async () => {
    expect(await readCloudAssembly(ASSEMBLY)).toEqual([
      { file: join(ASSEMBLY, 'SharedData.template.json'), stackName: 'SharedData', accountId: '123456789012', region: 'eu-west-1' },
      { file: join(ASSEMBLY, 'OrdersApp.template.json'), stackName: 'orders-app-prod', accountId: '123456789012', region: 'eu-west-1' },
    ]);
    expect(inventory.source.label).toBe(`cdk.out ${ASSEMBLY} (SharedData, orders-app-prod)`);
    expect(inventory.accountId).toBe('123456789012');
    expect(inventory.regions).toEqual(['eu-west-1']);
  });

  it('resolves Fn::ImportValue to what the sibling stack exports', () => {
    const service = inventory.services[0]!;
    expect(service.subnetIds).toEqual(['subnet-VpcPrivateSubnet1Subnet536B997A']);
    expect(service.securityGroupIds).toEqual([SERVICE_SG]);
    const container = inventory.taskDefinitions[0]!.containers[0]!;
    expect(container.environment).toEqual([
      { name: 'DB_HOST', value: AURORA_HOST },
      { name: 'ORDERS_QUEUE_URL', value: 'https://sqs.eu-west-1.amazonaws.com/123456789012/OrdersQueue4F2B3D1C.fifo' },
      { name: 'REPORTS_BUCKET', value: '${Import:finance-ReportsBucketName}' },
    ]);
    // CDK hands DB credentials over as the secret attachment's Ref: the secret's ARN.
    expect(container.secrets).toEqual([{ name: 'DB_PASSWORD', valueFrom: `${SECRET_ARN}:password::` }]);
    expect(find(inventory.securityGroups, SERVICE_SG).vpcId).toBe('vpc-Vpc8378EB38');
  });

  it('attaches an ingress rule declared in one stack to the group another stack declares', () => {
    expect(find(inventory.securityGroups, CLUSTER_SG).inbound).toEqual([
      {
        protocol: 'tcp',
        fromPort: 5432,
        toPort: 5432,
        peer: { kind: 'security-group', groupId: SERVICE_SG },
        description: 'from OrdersAppOrdersServiceSecurityGroup:5432',
      },
    ]);
    // CDK's "disallow all" egress replaces the default rule, exactly as EC2 would show it.
    expect(find(inventory.securityGroups, CLUSTER_SG).outbound).toEqual([
      { protocol: 'icmp', fromPort: 252, toPort: 86, peer: { kind: 'cidr', cidr: '255.255.255.255/32' }, description: 'Disallow all traffic' },
    ]);
  });

  it('maps an Aurora cluster with members that inherit its network and encryption', () => {
    expect(inventory.dbClusters).toEqual([
      {
        arn: AURORA_ARN,
        identifier: 'orders-aurora',
        region: 'eu-west-1',
        engine: 'aurora-postgresql',
        engineVersion: '16.4',
        endpoint: AURORA_HOST,
        readerEndpoint: 'orders-aurora.cluster-ro-123456789012.eu-west-1.rds.amazonaws.com',
        port: 5432,
        securityGroupIds: [CLUSTER_SG],
        multiAz: true,
        storageEncrypted: true,
        deletionProtection: true,
        memberInstanceIds: ['clusterwriterb1a5c1e0', 'clusterreader9c0b2c3d'],
        tags: { 'aws:cloudformation:logical-id': 'ClusterEB0386A7', 'aws:cloudformation:stack-name': 'SharedData' },
      },
    ]);
    expect(inventory.dbInstances.map((db) => [db.identifier, db.clusterIdentifier, db.securityGroupIds, db.subnetIds, db.storageEncrypted])).toEqual([
      ['clusterwriterb1a5c1e0', 'orders-aurora', [CLUSTER_SG], ['subnet-VpcIsolatedSubnet1SubnetE48C5737'], true],
      ['clusterreader9c0b2c3d', 'orders-aurora', [CLUSTER_SG], ['subnet-VpcIsolatedSubnet1SubnetE48C5737'], true],
    ]);
  });

  it('names an unnamed FIFO queue as CloudFormation would, and reads its KMS key', () => {
    expect(inventory.queues).toEqual([
      {
        url: 'https://sqs.eu-west-1.amazonaws.com/123456789012/OrdersQueue4F2B3D1C.fifo',
        arn: QUEUE_ARN,
        name: 'OrdersQueue4F2B3D1C.fifo',
        region: 'eu-west-1',
        fifo: true,
        encryption: { kind: 'kms', kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/OrdersQueueKey6A1F2C3B' },
        policy: null,
        tags: { 'aws:cloudformation:logical-id': 'OrdersQueue4F2B3D1C', 'aws:cloudformation:stack-name': 'orders-app-prod' },
      },
    ]);
  });

  it('evaluates CDK metadata conditions and reads CDK default policies onto their roles', () => {
    const execution = inventory.roles.find((role) => role.name === 'OrdersExecutionRole3C4D5E6F');
    expect(execution?.inlinePolicies[0]?.document.statements[0]?.resources).toEqual([SECRET_ARN]);
    expect(inventory.roles.map((role) => role.arn)).toEqual([
      'arn:aws:iam::123456789012:role/OrdersTaskRoleA1B2C3D4',
      'arn:aws:iam::123456789012:role/OrdersExecutionRole3C4D5E6F',
    ]);
  });

  it('correlates across the stacks: SG reference, env endpoint, IAM grant', () => {
    const db = edges.find((edge) => edge.kind === 'service-db' && edge.to.id === AURORA_ARN);
    expect(db?.from.id).toBe(SERVICE);
    expect(db?.evidence.map((evidence) => [evidence.matchType, evidence.matchedValue])).toEqual([
      ['sg-reference', SERVICE_SG],
      ['env', AURORA_HOST],
    ]);
    const queue = edges.find((edge) => edge.kind === 'service-queue');
    expect([queue?.from.id, queue?.to.id, queue?.attributes.direction]).toEqual([SERVICE, QUEUE_ARN, 'producer']);
    expect(edges.filter((edge) => edge.kind === 'sg-ingress').map((edge) => `${edge.from.id} → ${edge.to.id}`)).toEqual([`${SERVICE_SG} → ${CLUSTER_SG}`]);
  });
});

describe('bad cloud assemblies', () => {
  it('names the manifest when it is not JSON', async () => {
    const directory = join(scratch, 'broken');
    await mkdir(directory);
    await writeFile(join(directory, 'manifest.json'), '{"version": "48.0.0", "artifacts": {');
    await expect(loadTemplateInventory(directory, silentProgress)).rejects.toThrow(`${join(directory, 'manifest.json')}: the cloud assembly manifest is not valid JSON`);
  });

  it('says so when an assembly holds no stack', async () => {
    const directory = join(scratch, 'empty');
    await mkdir(directory);
    await writeFile(join(directory, 'manifest.json'), JSON.stringify({ version: '48.0.0', artifacts: { Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } } } }));
    await expect(loadTemplateInventory(directory, silentProgress)).rejects.toThrow(`${join(directory, 'manifest.json')}: the cloud assembly holds no CloudFormation stack`);
  });
});

function find<T extends { id: string }>(items: T[], id: string): T {
  const item = items.find((candidate) => candidate.id === id);
  if (item === undefined) throw new Error(`${id} is not in the inventory`);
  return item;
}
