import { describe, expect, it } from 'vitest';
import type { RouteTable } from '@aws-sdk/client-ec2';
import { collectEc2, defaultRouteOf, protocolName, routeTableFor, toRules } from '../../../src/sources/aws/ec2.js';
import { ACCOUNT, IDS } from '../../../src/sources/recorded-account/recorded/facts.js';
import { AwsFake, contextFor } from '../../support/aws-fake.js';

async function collectRecorded(fake?: AwsFake) {
  const { ctx, recorder } = contextFor(fake ?? (await AwsFake.recorded()), 'ec2');
  return { inventory: await collectEc2(ctx), coverage: recorder.result() };
}

describe('collectEc2 over the recorded account', () => {
  it('maps the VPC with its name tag and CIDR', async () => {
    const { inventory, coverage } = await collectRecorded();
    expect(inventory.vpcs).toEqual([
      { id: IDS.vpc, name: 'shop-vpc', region: 'us-east-1', cidrBlocks: ['10.0.0.0/16'], isDefault: false, tags: { Name: 'shop-vpc', team: 'shop' } },
    ]);
    expect(coverage).toEqual({ service: 'ec2', region: 'us-east-1', status: 'ok', missing: [] });
  });

  it('tiers subnets by their route tables, falling back to the main table', async () => {
    const { inventory } = await collectRecorded();
    const tiers = Object.fromEntries((inventory.subnets ?? []).map((s) => [s.name, [s.tier, s.routeTableId, s.defaultRoute?.targetId]]));
    expect(tiers).toEqual({
      'shop-public-a': ['public', IDS.rtbPublic, IDS.igw],
      'shop-public-b': ['public', IDS.rtbPublic, IDS.igw],
      'shop-private-a': ['private', IDS.rtbPrivate, IDS.natGateway],
      'shop-private-b': ['private', IDS.rtbPrivate, IDS.natGateway],
      'shop-isolated-a': ['isolated', IDS.rtbMain, undefined],
      'shop-isolated-b': ['isolated', IDS.rtbMain, undefined],
    });
    const publicA = inventory.subnets?.find((s) => s.id === IDS.subnetPublicA);
    expect(publicA).toMatchObject({ availabilityZone: 'us-east-1a', cidrBlock: '10.0.0.0/24', mapPublicIpOnLaunch: true, vpcId: IDS.vpc });
  });

  it('splits security group permissions into one rule per peer', async () => {
    const { inventory } = await collectRecorded();
    const groups = new Map((inventory.securityGroups ?? []).map((g) => [g.id, g]));
    expect(groups.get(IDS.sgAlb)?.inbound).toEqual([
      { protocol: 'tcp', fromPort: 80, toPort: 80, peer: { kind: 'cidr', cidr: '0.0.0.0/0' } },
      { protocol: 'tcp', fromPort: 80, toPort: 80, peer: { kind: 'cidr', cidr: '::/0' } },
      { protocol: 'tcp', fromPort: 443, toPort: 443, peer: { kind: 'cidr', cidr: '0.0.0.0/0' } },
      { protocol: 'tcp', fromPort: 443, toPort: 443, peer: { kind: 'cidr', cidr: '::/0' } },
    ]);
    expect(groups.get(IDS.sgDb)?.inbound).toEqual([
      { protocol: 'tcp', fromPort: 5432, toPort: 5432, peer: { kind: 'security-group', groupId: IDS.sgWeb }, description: 'web tasks' },
      { protocol: 'tcp', fromPort: 5432, toPort: 5432, peer: { kind: 'security-group', groupId: IDS.sgWorker }, description: 'worker tasks' },
      { protocol: 'tcp', fromPort: 5432, toPort: 5432, peer: { kind: 'cidr', cidr: '10.0.0.0/16' }, description: 'vpc' },
      { protocol: 'tcp', fromPort: 5432, toPort: 5432, peer: { kind: 'cidr', cidr: '10.20.0.0/16' }, description: 'office vpn' },
    ]);
    expect(groups.get(IDS.sgWorker)).toMatchObject({ name: 'shop-worker-sg', inbound: [], outbound: [{ protocol: 'all', peer: { kind: 'cidr', cidr: '0.0.0.0/0' } }] });
    expect([...groups.keys()].sort()).toEqual([IDS.sgAlb, IDS.sgWeb, IDS.sgWorker, IDS.sgEndpoints, IDS.sgDb].sort());
  });

  it('maps interface and gateway endpoints', async () => {
    const { inventory } = await collectRecorded();
    const endpoints = new Map((inventory.vpcEndpoints ?? []).map((e) => [e.id, e]));
    expect(endpoints.get(IDS.vpceSqs)).toEqual({
      id: IDS.vpceSqs,
      vpcId: IDS.vpc,
      region: 'us-east-1',
      serviceName: 'com.amazonaws.us-east-1.sqs',
      type: 'Interface',
      subnetIds: [IDS.subnetPrivateA, IDS.subnetPrivateB],
      securityGroupIds: [IDS.sgEndpoints],
      routeTableIds: [],
      privateDnsEnabled: true,
      state: 'available',
      dnsNames: ['vpce-0123456789abcdef1-ijklmnop.sqs.us-east-1.vpce.amazonaws.com', 'sqs.us-east-1.amazonaws.com'],
      tags: {},
    });
    expect(endpoints.get(IDS.vpceS3)).toMatchObject({ type: 'Gateway', routeTableIds: [IDS.rtbPrivate], securityGroupIds: [], privateDnsEnabled: false });
  });

  it('asks for the largest pages each API allows', async () => {
    const fake = await AwsFake.recorded();
    await collectRecorded(fake);
    const pageSizes = Object.fromEntries(fake.calls('ec2').map((r) => [r.operation, r.params.MaxResults]));
    expect(pageSizes).toEqual({
      DescribeVpcs: '1000',
      DescribeSubnets: '1000',
      DescribeRouteTables: '100',
      DescribeSecurityGroups: '1000',
      DescribeVpcEndpoints: '1000',
      DescribeVpcPeeringConnections: '1000',
      DescribeTransitGatewayAttachments: '1000',
    });
  });
});

describe('collectEc2 paging and failures', () => {
  const group = (id: string) =>
    `<item><ownerId>${ACCOUNT}</ownerId><groupId>${id}</groupId><groupName>${id}-name</groupName><groupDescription>d</groupDescription><vpcId>${IDS.vpc}</vpcId><ipPermissions/><ipPermissionsEgress/></item>`;

  it('follows NextToken through every page of security groups', async () => {
    const fake = await AwsFake.recorded();
    fake.reply('ec2', 'DescribeSecurityGroups', `<securityGroupInfo>${group('sg-00000000000000001')}</securityGroupInfo><nextToken>page-2</nextToken>`);
    fake.reply('ec2', 'DescribeSecurityGroups', `<securityGroupInfo>${group('sg-00000000000000002')}${group('sg-00000000000000003')}</securityGroupInfo>`, {
      match: { params: { NextToken: 'page-2' } },
    });
    const { inventory } = await collectRecorded(fake);
    expect(inventory.securityGroups?.map((g) => g.id)).toEqual(['sg-00000000000000001', 'sg-00000000000000002', 'sg-00000000000000003']);
    expect(fake.calls('ec2', 'DescribeSecurityGroups').map((r) => r.params.NextToken)).toEqual([undefined, 'page-2']);
  });

  it('records denied route tables and still collects the rest, tiering by public IPs', async () => {
    const fake = await AwsFake.recorded();
    fake.fail('ec2', 'DescribeRouteTables', 'UnauthorizedOperation');
    const { inventory, coverage } = await collectRecorded(fake);
    expect(coverage).toEqual({
      service: 'ec2',
      region: 'us-east-1',
      status: 'denied',
      missing: [{ action: 'ec2:DescribeRouteTables', reason: 'denied', code: 'UnauthorizedOperation' }],
    });
    expect(inventory.subnets?.map((s) => [s.name, s.tier, s.routeTableId])).toEqual([
      ['shop-public-a', 'public', undefined],
      ['shop-public-b', 'public', undefined],
      ['shop-private-a', 'private', undefined],
      ['shop-private-b', 'private', undefined],
      ['shop-isolated-a', 'private', undefined],
      ['shop-isolated-b', 'private', undefined],
    ]);
    expect(inventory.securityGroups).toHaveLength(5);
    expect(inventory.vpcEndpoints).toHaveLength(3);
  });
});

describe('EC2 transforms', () => {
  const tables: RouteTable[] = [
    { RouteTableId: 'rtb-main', VpcId: 'vpc-1', Associations: [{ Main: true }], Routes: [] },
    { RouteTableId: 'rtb-other-vpc-main', VpcId: 'vpc-2', Associations: [{ Main: true }], Routes: [] },
    { RouteTableId: 'rtb-explicit', VpcId: 'vpc-1', Associations: [{ SubnetId: 'subnet-a', Main: false }], Routes: [] },
  ];

  it('uses the explicit association, else the main table of the same VPC', () => {
    expect(routeTableFor({ SubnetId: 'subnet-a', VpcId: 'vpc-1' }, tables)?.RouteTableId).toBe('rtb-explicit');
    expect(routeTableFor({ SubnetId: 'subnet-b', VpcId: 'vpc-1' }, tables)?.RouteTableId).toBe('rtb-main');
    expect(routeTableFor({ SubnetId: 'subnet-c', VpcId: 'vpc-2' }, tables)?.RouteTableId).toBe('rtb-other-vpc-main');
  });

  it('prefers an internet gateway default route and ignores blackholes', () => {
    const table: RouteTable = {
      Routes: [
        { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local' },
        { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1' },
        { DestinationIpv6CidrBlock: '::/0', GatewayId: 'igw-1' },
      ],
    };
    expect(defaultRouteOf(table)).toEqual({ targetKind: 'internet-gateway', targetId: 'igw-1' });
    expect(defaultRouteOf({ Routes: [{ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-gone', State: 'blackhole' }] })).toBeUndefined();
    expect(defaultRouteOf({ Routes: [{ DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: 'eigw-1' }] })).toEqual({
      targetKind: 'egress-only-internet-gateway',
      targetId: 'eigw-1',
    });
  });

  it('names protocols and keeps cross-account group owners, prefix lists and any-ICMP', () => {
    expect([protocolName('-1'), protocolName('6'), protocolName('UDP'), protocolName('58'), protocolName('50')]).toEqual(['all', 'tcp', 'udp', 'icmpv6', '50']);
    expect(
      toRules(
        [
          { IpProtocol: 'icmp', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '10.1.0.0/16' }] },
          {
            IpProtocol: 'tcp',
            FromPort: 443,
            ToPort: 443,
            UserIdGroupPairs: [
              { GroupId: 'sg-same', UserId: ACCOUNT },
              { GroupId: 'sg-peer', UserId: '999988887777' },
            ],
            PrefixListIds: [{ PrefixListId: 'pl-63a5400a', Description: 's3' }],
          },
        ],
        ACCOUNT,
      ),
    ).toEqual([
      { protocol: 'icmp', peer: { kind: 'cidr', cidr: '10.1.0.0/16' } },
      { protocol: 'tcp', fromPort: 443, toPort: 443, peer: { kind: 'security-group', groupId: 'sg-same' } },
      { protocol: 'tcp', fromPort: 443, toPort: 443, peer: { kind: 'security-group', groupId: 'sg-peer', ownerId: '999988887777' } },
      { protocol: 'tcp', fromPort: 443, toPort: 443, peer: { kind: 'prefix-list', prefixListId: 'pl-63a5400a' }, description: 's3' },
    ]);
  });
});
