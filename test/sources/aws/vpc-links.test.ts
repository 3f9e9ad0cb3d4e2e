import { describe, expect, it } from 'vitest';
import { correlate } from '../../../src/correlate/index.js';
import type { Edge } from '../../../src/model/index.js';
import { collectAccounts, type AccountTarget } from '../../../src/sources/aws/accounts.js';
import { activePeerings, peerRoutesByVpc, vpcAttachments } from '../../../src/sources/aws/ec2-network.js';
import { crossAccountEdges } from '../../../src/render/views/cross-account-links.js';
import { topologyTables } from '../../../src/render/views.js';
import { findLeaks, redactTopology } from '../../../src/redact/index.js';
import { buildDiagram, vpcNetworkContext } from '../../../src/render/diagram/graph.js';
import { IDS, REGION } from '../../../src/sources/recorded-account/recorded/facts.js';
import { silentProgress } from '../../../src/cli/progress.js';
import { TEST_CREDENTIALS, zeroDelayRetry } from '../../support/aws-fake.js';
import { DATA_ACCOUNT, DATA_NETWORK, EXTERNAL_ID, NETWORK, NETWORK_ACCOUNT, PEERING, roleArnIn, threeAccounts, WEB_ACCOUNT } from '../../support/three-accounts.js';

const ALL_THREE: AccountTarget[] = [
  { kind: 'role', roleArn: roleArnIn(WEB_ACCOUNT) },
  { kind: 'role', roleArn: roleArnIn(DATA_ACCOUNT), externalId: EXTERNAL_ID },
  { kind: 'role', roleArn: roleArnIn(NETWORK_ACCOUNT) },
];

async function walkThree() {
  const accounts = await threeAccounts();
  const inventory = await collectAccounts({
    targets: ALL_THREE,
    regions: [REGION],
    progress: silentProgress,
    credentials: TEST_CREDENTIALS,
    requestHandler: accounts,
    retryStrategy: zeroDelayRetry(),
  });
  return { accounts, inventory };
}

const evidenceOf = (edge: Edge | undefined) => edge?.evidence.map((e) => `${e.matchType} ${e.matchedValue} @ ${e.field}`);

describe('VPC peering and transit gateway attachments across accounts (loopback fake, three accounts)', () => {
  it('collects the active peering and the VPC attachments once each, and each VPC its routes to them', async () => {
    const { accounts, inventory } = await walkThree();
    // The deleted peering to an account nobody walked is left out.
    expect(inventory.vpcPeerings).toEqual([
      {
        id: PEERING.id,
        region: REGION,
        requester: { vpcId: IDS.vpc, accountId: WEB_ACCOUNT, region: REGION, cidrBlocks: [PEERING.webCidr] },
        accepter: { vpcId: NETWORK.vpc, accountId: NETWORK_ACCOUNT, region: REGION, cidrBlocks: [NETWORK.cidr] },
      },
    ]);
    expect(inventory.transitGatewayAttachments.map((a) => `${a.id} ${a.transitGatewayId} ${a.vpcId} ${a.vpcOwnerId} ${a.transitGatewayOwnerId} ${a.state}`)).toEqual([
      `${DATA_NETWORK.attachment} ${NETWORK.transitGateway} ${DATA_NETWORK.vpc} ${DATA_ACCOUNT} ${NETWORK_ACCOUNT} available`,
      `${NETWORK.attachment} ${NETWORK.transitGateway} ${NETWORK.vpc} ${NETWORK_ACCOUNT} ${NETWORK_ACCOUNT} available`,
    ]);
    const routes = Object.fromEntries(inventory.vpcs.map((vpc) => [vpc.id, vpc.peerRoutes]));
    expect(routes[IDS.vpc]).toEqual([{ routeTableId: PEERING.webRouteTable, destination: NETWORK.cidr, targetKind: 'vpc-peering', targetId: PEERING.id }]);
    expect(routes[NETWORK.vpc]).toEqual([
      { routeTableId: NETWORK.routeTable, destination: PEERING.webCidr, targetKind: 'vpc-peering', targetId: PEERING.id },
      { routeTableId: NETWORK.routeTable, destination: DATA_NETWORK.cidr, targetKind: 'transit-gateway', targetId: NETWORK.transitGateway },
    ]);
    expect(routes[DATA_NETWORK.vpc]).toEqual([{ routeTableId: DATA_NETWORK.routeTable, destination: NETWORK.cidr, targetKind: 'transit-gateway', targetId: NETWORK.transitGateway }]);
    // Two listings per account and region, asked with the largest page and the filters.
    for (const account of [WEB_ACCOUNT, DATA_ACCOUNT, NETWORK_ACCOUNT]) {
      const asked = accounts.requestsOf(account).filter((r) => r.operation === 'DescribeVpcPeeringConnections' || r.operation === 'DescribeTransitGatewayAttachments');
      expect(asked.map((r) => `${r.operation} ${r.params.MaxResults} ${r.params['Filter.1.Name']}=${r.params['Filter.1.Value.1']}`).sort()).toEqual([
        'DescribeTransitGatewayAttachments 1000 resource-type=vpc',
        'DescribeVpcPeeringConnections 1000 status-code=active',
      ]);
    }
  });

  it('links the peered VPCs and the VPCs on one transit gateway across accounts, with the routes as evidence', async () => {
    const { inventory } = await walkThree();
    const edges = correlate(inventory);
    const peering = edges.find((e) => e.kind === 'vpc-peering');
    expect(peering?.from).toEqual({ kind: 'vpc', id: IDS.vpc });
    expect(peering?.to).toEqual({ kind: 'vpc', id: NETWORK.vpc });
    expect(evidenceOf(peering)).toEqual([
      `vpc-peering ${PEERING.id} @ peering connection ${PEERING.id} (requester ${IDS.vpc}, accepter ${NETWORK.vpc})`,
      `route ${NETWORK.cidr} @ route table ${PEERING.webRouteTable} of ${IDS.vpc} to ${PEERING.id}`,
      `route ${PEERING.webCidr} @ route table ${NETWORK.routeTable} of ${NETWORK.vpc} to ${PEERING.id}`,
    ]);
    const gateway = edges.find((e) => e.kind === 'vpc-transit-gateway');
    expect(gateway?.from).toEqual({ kind: 'vpc', id: DATA_NETWORK.vpc });
    expect(gateway?.to).toEqual({ kind: 'vpc', id: NETWORK.vpc });
    expect(evidenceOf(gateway)).toEqual([
      `transit-gateway ${NETWORK.transitGateway} @ attachments ${DATA_NETWORK.attachment} and ${NETWORK.attachment}`,
      `route ${NETWORK.cidr} @ route table ${DATA_NETWORK.routeTable} of ${DATA_NETWORK.vpc} to ${NETWORK.transitGateway}`,
      `route ${DATA_NETWORK.cidr} @ route table ${NETWORK.routeTable} of ${NETWORK.vpc} to ${NETWORK.transitGateway}`,
    ]);
    expect(edges.filter((e) => e.kind === 'vpc-peering' || e.kind === 'vpc-transit-gateway')).toHaveLength(2);

    expect(crossAccountEdges(inventory, edges).filter(({ edge }) => edge.from.kind === 'vpc').map(({ from, to, edge }) => `${from} ${edge.kind} ${to}`)).toEqual([
      `${WEB_ACCOUNT} vpc-peering ${NETWORK_ACCOUNT}`,
      `${DATA_ACCOUNT} vpc-transit-gateway ${NETWORK_ACCOUNT}`,
    ]);

    const tables = topologyTables({ inventory, edges, findings: [], warnings: [], redacted: false });
    const crossRows = tables.find((t) => t.id === 'cross-account-links')!.rows.filter((row) => row[0]!.startsWith('vpc:'));
    expect(crossRows.map((row) => [row[0], row[1], row[2], row[3], row[5], row[6]].join(' | '))).toEqual([
      `vpc:shop-vpc | ${WEB_ACCOUNT} | vpc:shared-network | ${NETWORK_ACCOUNT} | vpc-peering | ${PEERING.id}`,
      `vpc:shop-vpc | ${WEB_ACCOUNT} | vpc:shared-network | ${NETWORK_ACCOUNT} | route | ${NETWORK.cidr}`,
      `vpc:shop-vpc | ${WEB_ACCOUNT} | vpc:shared-network | ${NETWORK_ACCOUNT} | route | ${PEERING.webCidr}`,
      `vpc:data | ${DATA_ACCOUNT} | vpc:shared-network | ${NETWORK_ACCOUNT} | transit-gateway | ${NETWORK.transitGateway}`,
      `vpc:data | ${DATA_ACCOUNT} | vpc:shared-network | ${NETWORK_ACCOUNT} | route | ${NETWORK.cidr}`,
      `vpc:data | ${DATA_ACCOUNT} | vpc:shared-network | ${NETWORK_ACCOUNT} | route | ${DATA_NETWORK.cidr}`,
    ]);
    const connections = tables.find((t) => t.id === 'vpc-connections')!;
    expect(connections.rows).toEqual([
      [PEERING.id, 'peering', 'shop-vpc', WEB_ACCOUNT, 'shared-network', NETWORK_ACCOUNT, `${PEERING.webRouteTable} ${NETWORK.cidr}\n${NETWORK.routeTable} ${PEERING.webCidr}`],
      [NETWORK.transitGateway, `transit gateway (${DATA_NETWORK.attachment})`, 'data', DATA_ACCOUNT, 'shared-network', NETWORK_ACCOUNT, `${DATA_NETWORK.routeTable} ${NETWORK.cidr}`],
      [NETWORK.transitGateway, `transit gateway (${NETWORK.attachment})`, 'shared-network', NETWORK_ACCOUNT, 'data', DATA_ACCOUNT, `${NETWORK.routeTable} ${DATA_NETWORK.cidr}`],
    ]);
  });
});

describe('the EC2 network context transforms', () => {
  it('keeps only active peerings and VPC attachments that carry traffic', () => {
    const peerings = activePeerings(
      [
        { VpcPeeringConnectionId: 'pcx-1', Status: { Code: 'active' }, RequesterVpcInfo: { VpcId: 'vpc-a', OwnerId: '1', CidrBlock: '10.0.0.0/16' }, AccepterVpcInfo: { VpcId: 'vpc-b' } },
        { VpcPeeringConnectionId: 'pcx-2', Status: { Code: 'pending-acceptance' }, RequesterVpcInfo: { VpcId: 'vpc-a' }, AccepterVpcInfo: { VpcId: 'vpc-c' } },
      ],
      'eu-west-1',
    );
    expect(peerings).toEqual([{ id: 'pcx-1', region: 'eu-west-1', requester: { vpcId: 'vpc-a', accountId: '1', cidrBlocks: ['10.0.0.0/16'] }, accepter: { vpcId: 'vpc-b', cidrBlocks: [] } }]);
    const attachments = vpcAttachments(
      [
        { TransitGatewayAttachmentId: 'tgw-attach-1', TransitGatewayId: 'tgw-1', ResourceType: 'vpc', ResourceId: 'vpc-a', State: 'available' },
        { TransitGatewayAttachmentId: 'tgw-attach-2', TransitGatewayId: 'tgw-1', ResourceType: 'vpn', ResourceId: 'vpn-1', State: 'available' },
        { TransitGatewayAttachmentId: 'tgw-attach-3', TransitGatewayId: 'tgw-1', ResourceType: 'vpc', ResourceId: 'vpc-b', State: 'pendingAcceptance' },
      ],
      'eu-west-1',
    );
    expect(attachments.map((a) => a.id)).toEqual(['tgw-attach-1']);
  });

  it('takes the routes to a peering or a transit gateway, not blackholes, local or internet routes', () => {
    const routes = peerRoutesByVpc([
      {
        RouteTableId: 'rtb-1',
        VpcId: 'vpc-a',
        Routes: [
          { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local' },
          { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' },
          { DestinationCidrBlock: '10.9.0.0/16', VpcPeeringConnectionId: 'pcx-9', State: 'blackhole' },
          { DestinationIpv6CidrBlock: '2600:1f18::/56', VpcPeeringConnectionId: 'pcx-1', State: 'active' },
          { DestinationPrefixListId: 'pl-12345678', TransitGatewayId: 'tgw-1', State: 'active' },
        ],
      },
    ]);
    expect(routes.get('vpc-a')).toEqual([
      { routeTableId: 'rtb-1', destination: '2600:1f18::/56', targetKind: 'vpc-peering', targetId: 'pcx-1' },
      { routeTableId: 'rtb-1', destination: 'pl-12345678', targetKind: 'transit-gateway', targetId: 'tgw-1' },
    ]);
  });
});

describe('VPC links under --public', () => {
  it('replaces the peering, transit gateway, attachment, route table and CIDR of every VPC link, and the leak guard passes', async () => {
    const { inventory } = await walkThree();
    const original = { inventory, edges: correlate(inventory), findings: [], warnings: [], redacted: false };
    const topology = redactTopology(original, { key: 'test-key', redactRegion: false, config: undefined });
    const links = topology.edges.filter((e) => e.kind === 'vpc-peering' || e.kind === 'vpc-transit-gateway');
    expect(links).toHaveLength(2);
    const text = JSON.stringify({ links, inventory: topology.inventory });
    for (const secret of [PEERING.id, NETWORK.transitGateway, NETWORK.attachment, DATA_NETWORK.attachment, NETWORK.routeTable, DATA_NETWORK.routeTable, NETWORK.vpc, DATA_NETWORK.vpc, NETWORK.cidr, DATA_NETWORK.cidr, NETWORK_ACCOUNT, DATA_ACCOUNT]) {
      expect(text, secret).not.toContain(secret);
    }
    // Each evidence item keeps its match type and a public value of the same shape.
    expect(links.flatMap((e) => e.evidence.map((x) => `${x.matchType} ${/^(?:pcx|tgw|cidr)-/.test(x.matchedValue)}`))).toEqual([
      'vpc-peering true',
      'route true',
      'route true',
      'transit-gateway true',
      'route true',
      'route true',
    ]);
    expect(findLeaks(JSON.stringify(topology), original, { format: 'json' })).toEqual([]);
  });
});

describe('VPC links on the diagram (network context)', () => {
  it('labels each VPC group with the VPCs it is peered with and the transit gateways it is attached to', async () => {
    const { inventory } = await walkThree();
    const graph = buildDiagram({ inventory, edges: correlate(inventory), findings: [], warnings: [], redacted: false });
    // Each VPC group says what joins it to the others; the network and data VPCs hold nothing else drawn, and are drawn for their links.
    expect(graph.clusters.filter((c) => c.kind === 'vpc').map((c) => c.label)).toEqual([
      `VPC shop-vpc · ${PEERING.webCidr} · peered with shared-network`,
      `VPC shared-network · ${NETWORK.cidr} · peered with shop-vpc · transit gateway ${NETWORK.transitGateway} with data`,
      `VPC data · ${DATA_NETWORK.cidr} · transit gateway ${NETWORK.transitGateway} with shared-network`,
    ]);
    const vpcLabel = (id: string | undefined) => /^VPC (\S+)/.exec(graph.clusters.find((c) => c.id === id)?.label ?? '')?.[1];
    expect(graph.edges.filter((e) => e.kind === 'vpc-link').map((e) => `${vpcLabel(e.fromCluster)} -> ${vpcLabel(e.toCluster)}: ${e.label}`)).toEqual([
      `shop-vpc -> shared-network: peering ${PEERING.id} · 2 routes`,
      `data -> shared-network: transit gateway ${NETWORK.transitGateway} · 2 routes`,
    ]);
    expect(vpcNetworkContext(inventory, NETWORK.vpc)).toEqual(['peered with shop-vpc', `transit gateway ${NETWORK.transitGateway} with data`]);
    expect(vpcNetworkContext(inventory, DATA_NETWORK.vpc)).toEqual([`transit gateway ${NETWORK.transitGateway} with shared-network`]);
  });
});
