import { describe, expect, it } from 'vitest';
import { silentProgress } from '../../src/cli/progress.js';
import { emptySelectors, type Inventory } from '../../src/model/index.js';
import { collectAccounts } from '../../src/sources/aws/accounts.js';
import { REGION } from '../../src/sources/recorded-account/recorded/facts.js';
import { TEST_CREDENTIALS, zeroDelayRetry } from '../support/aws-fake.js';
import { DATA_ACCOUNT, EXTERNAL_ID, NETWORK_ACCOUNT, roleArnIn, threeAccounts, WEB_ACCOUNT } from '../support/three-accounts.js';
import { namedIn, SCOPED_WALK_NOTICE, scopedWalkNotice, seedsOf, withOneScopedWalkNotice } from '../../src/sources/aws/scoped-walk.js';
import { tagFilters } from '../../src/sources/aws/tagging.js';

describe('tag:GetResources filters', () => {
  it('one filter per key with its values: same key OR, different keys AND, as the API reads them', () => {
    expect(tagFilters([{ key: 'app', value: 'orders' }, { key: 'env', value: 'prod' }, { key: 'app', value: 'billing' }, { key: 'app', value: 'orders' }])).toEqual([
      { Key: 'app', Values: ['orders', 'billing'] },
      { Key: 'env', Values: ['prod'] },
    ]);
  });
});

describe('what the lookups found, as ECS and ELBv2 targets', () => {
  const A = 'arn:aws:ecs:us-east-1:111122223333';
  const ELB = 'arn:aws:elasticloadbalancing:us-east-1:111122223333';
  it('services with their cluster, clusters by ARN or (CloudFormation) by name, target groups, load balancers and the load balancer of a listener or rule', () => {
    const seeds = seedsOf(
      [`${A}:service/apps/orders-web`, `${A}:cluster/tools`, `${ELB}:targetgroup/orders-tg/0123`, `${ELB}:listener-rule/app/shared-alb/1a2b/aa11/0010`, 'arn:aws:sqs:us-east-1:111122223333:orders-jobs'],
      [
        { type: 'AWS::ECS::Cluster', physicalId: 'apps', stack: 'platform' },
        { type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', physicalId: `${ELB}:loadbalancer/app/shared-alb/1a2b`, stack: 'platform' },
        { type: 'AWS::SQS::Queue', physicalId: 'https://sqs.us-east-1.amazonaws.com/111122223333/orders-jobs', stack: 'orders' },
      ],
    );
    expect(seeds).toEqual({
      ecs: { clusters: ['tools', 'apps'], services: [{ cluster: 'apps', service: 'orders-web' }] },
      targetGroupArns: [`${ELB}:targetgroup/orders-tg/0123`],
      loadBalancerArns: [`${ELB}:loadbalancer/app/shared-alb/1a2b`],
      network: { vpcIds: [], subnetIds: [], groupIds: [], endpointIds: [] },
    });
  });

  it('EC2 resources found themselves, by ARN (tag lookup) or physical id (stack): their VPCs are read', () => {
    const EC2 = 'arn:aws:ec2:us-east-1:111122223333';
    const seeds = seedsOf(
      [`${EC2}:security-group/sg-0b0b`, `${EC2}:vpc/vpc-0feed`, `${EC2}:subnet/subnet-0a1a`, `${EC2}:vpc-endpoint/vpce-0f0f`, `${EC2}:instance/i-0123`],
      [
        { type: 'AWS::EC2::VPC', physicalId: 'vpc-0bead', stack: 'platform' },
        { type: 'AWS::EC2::Subnet', physicalId: 'subnet-0b2b', stack: 'platform' },
        { type: 'AWS::EC2::SecurityGroup', physicalId: 'sg-0d0d', stack: 'platform' },
        { type: 'AWS::EC2::VPCEndpoint', physicalId: 'vpce-0e0e', stack: 'platform' },
        { type: 'AWS::EC2::SecurityGroupIngress', physicalId: 'sgr-0123', stack: 'platform' },
      ],
    );
    expect(seeds.network).toEqual({
      vpcIds: ['vpc-0bead', 'vpc-0feed'],
      subnetIds: ['subnet-0a1a', 'subnet-0b2b'],
      groupIds: ['sg-0b0b', 'sg-0d0d'],
      endpointIds: ['vpce-0e0e', 'vpce-0f0f'],
    });
  });

  it('a service ARN of the old format (no cluster in it) reads the region\'s ECS whole', () => {
    expect(seedsOf([`${A}:service/orders-web`], []).ecs).toBeUndefined();
  });
});

describe('queues, buckets and tables named by what the application holds', () => {
  const wanted = namedIn([
    JSON.stringify({ environment: [{ name: 'QUEUE_URL', value: 'https://sqs.us-east-1.amazonaws.com/111122223333/orders-jobs' }, { name: 'MEDIA', value: 's3://media-bucket/uploads/' }] }),
    '{"Resource":"arn:aws:s3:::invoices.example.org/*"}',
    '{"Resource":"arn:aws:dynamodb:us-east-1:111122223333:table/orders-*"}',
    '{"Resource":"*"}',
    'https://assets-bucket.s3.amazonaws.com/logo.png',
  ]);
  it('by a URL, an s3:// address, an ARN (dots kept), a virtual-hosted address, a wildcard in a policy', () => {
    expect(['orders-jobs', 'media-bucket', 'invoices.example.org', 'orders-2026', 'assets-bucket'].map(wanted)).toEqual([true, true, true, true, true]);
  });
  it('not by a bare `*` (every resource is not a link), nor a name nobody gives', () => {
    expect(['billing-jobs', 'other-bucket', 'jobs'].map(wanted)).toEqual([false, false, false]);
  });
});

describe('a scoped walk of several accounts: the notice once, naming the accounts', () => {
  it('three accounts walked with --cluster shop: one notice naming all three, none left per account', async () => {
    const inventory = await collectAccounts({
      targets: [
        { kind: 'role', roleArn: roleArnIn(WEB_ACCOUNT) },
        { kind: 'role', roleArn: roleArnIn(DATA_ACCOUNT), externalId: EXTERNAL_ID },
        { kind: 'role', roleArn: roleArnIn(NETWORK_ACCOUNT) },
      ],
      regions: [REGION],
      progress: silentProgress,
      credentials: TEST_CREDENTIALS,
      requestHandler: await threeAccounts(),
      retryStrategy: zeroDelayRetry(),
      selectors: { ...emptySelectors(), clusters: ['shop'] },
    });
    const notices = (inventory.sourceWarnings ?? []).filter((warning) => warning.message.startsWith('Scoped live walk'));
    const accounts = [WEB_ACCOUNT, DATA_ACCOUNT, NETWORK_ACCOUNT].sort();
    expect(notices).toEqual([{ code: 'info', message: scopedWalkNotice(accounts) }]);
    expect(notices[0]!.message).toContain(`Scoped live walk of accounts ${accounts.join(', ')} (docs/scoping.md): in each, ECS was read only`);
  });

  it('one account: the single-account notice; no scoped account: nothing added, other notices kept', () => {
    const part = (accountId: string, notices: string[]) => ({ accountId, source: { kind: 'aws', label: accountId }, sourceWarnings: notices.map((message) => ({ code: 'info', message })) }) as unknown as Inventory;
    const merged = (parts: Inventory[]) => ({ source: { kind: 'aws', label: 'x' }, sourceWarnings: parts.flatMap((p) => p.sourceWarnings ?? []) }) as unknown as Inventory;
    const one = [part('111111111111', [SCOPED_WALK_NOTICE]), part('222222222222', ['other'])];
    expect(withOneScopedWalkNotice(one, merged(one)).sourceWarnings).toEqual([{ code: 'info', message: 'other' }, { code: 'info', message: SCOPED_WALK_NOTICE }]);
    const none = [part('111111111111', ['other'])];
    expect(withOneScopedWalkNotice(none, merged(none)).sourceWarnings).toEqual([{ code: 'info', message: 'other' }]);
  });
});
