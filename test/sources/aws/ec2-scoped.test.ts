import { describe, expect, it } from 'vitest';
import { collectEc2, type Ec2Targets } from '../../../src/sources/aws/ec2.js';
import { addRecordings } from '../../../src/sources/recorded-account/recordings.js';
import { TWO_APPS_ACCOUNT, TWO_APPS_DIR, TWO_APPS_IDS } from '../../fixtures/recorded/two-apps/facts.js';
import { REPORTING, withReportingVpc } from '../../fixtures/recorded/two-apps/reporting-vpc.js';
import { actionOf, AwsFake, contextFor, type ServedRequest } from '../../support/aws-fake.js';

/** A scoped walk's EC2 (collectEc2 with targets) over the two-application account and its peered reporting VPC. */
async function collect(given: Partial<Ec2Targets>, options: { reporting: boolean } = { reporting: true }) {
  const recorded = (await addRecordings(new AwsFake(), TWO_APPS_DIR)) as AwsFake;
  const fake = options.reporting ? await withReportingVpc(recorded) : recorded;
  const { ctx, recorder } = contextFor(fake, 'ec2', { accountId: TWO_APPS_ACCOUNT });
  const targets: Ec2Targets = { vpcIds: [], subnetIds: [], groupIds: [], endpointIds: [], databases: [], ...given };
  const inventory = await collectEc2(ctx, targets);
  return { inventory, coverage: recorder.result(), requests: fake.calls('ec2').map(described), unrouted: fake.unrouted };
}

/** `ec2:DescribeVpcs vpc-id=vpc-…` (the first filter and its values), or the action alone. */
function described(request: ServedRequest): string {
  const name = request.params['Filter.1.Name'];
  const values = Object.entries(request.params).filter(([key]) => key.startsWith('Filter.1.Value.')).map(([, value]) => value);
  return name === undefined ? actionOf(request) : `${actionOf(request)} ${name}=${values.join(',')}`;
}

const APP_VPC = TWO_APPS_IDS.vpc;
const LINKS = ['ec2:DescribeTransitGatewayAttachments resource-type=vpc', 'ec2:DescribeVpcPeeringConnections status-code=active'];
const CONTEXT_OF = (vpc: string) => ['DescribeRouteTables', 'DescribeSecurityGroups', 'DescribeSubnets', 'DescribeVpcEndpoints', 'DescribeVpcs'].map((op) => `ec2:${op} vpc-id=${vpc}`);

describe('collectEc2 for a scoped walk: the application\'s VPCs, by filter', () => {
  it('the VPC context by vpc-id; a peered VPC: the groups elsewhere that admit a group read (ip-permission.group-id)', async () => {
    const { inventory, coverage, requests, unrouted } = await collect({ vpcIds: [APP_VPC], subnetIds: [], databases: [] });
    expect(unrouted).toEqual([]);
    const groupsRead = ['sgAlb', 'sgOrders', 'sgBilling', 'sgDb', 'sgEndpoints'].map((k) => TWO_APPS_IDS[k as keyof typeof TWO_APPS_IDS]).sort();
    expect(requests.sort()).toEqual([...CONTEXT_OF(APP_VPC), `ec2:DescribeSecurityGroups ip-permission.group-id=${groupsRead.join(',')}`, ...LINKS].sort());
    expect(coverage.status).toBe('ok');
    // The reporting VPC and its subnet are not read; its group that admits orders' is.
    expect(inventory.vpcs?.map((v) => v.id)).toEqual([APP_VPC]);
    expect(inventory.subnets?.some((s) => s.vpcId === REPORTING.vpc)).toBe(false);
    expect(inventory.securityGroups?.map((g) => g.id).sort()).toEqual([...groupsRead, REPORTING.sg].sort());
    expect(inventory.vpcPeerings?.map((p) => p.id)).toEqual([REPORTING.peering]);
  });

  it('no peering, no transit gateway: no group of another VPC can name one read, so none is asked for', async () => {
    const { requests } = await collect({ vpcIds: [APP_VPC], subnetIds: [], databases: [] }, { reporting: false });
    expect(requests.sort()).toEqual([...CONTEXT_OF(APP_VPC), ...LINKS].sort());
  });

  it('a service subnet outside the VPCs known: one subnet-id lookup, then its VPC\'s context', async () => {
    const { inventory, requests } = await collect({ vpcIds: [], subnetIds: ['subnet-0a1a0000000000001'], databases: [] }, { reporting: false });
    expect(requests.sort()).toEqual(['ec2:DescribeSubnets subnet-id=subnet-0a1a0000000000001', ...CONTEXT_OF(APP_VPC), ...LINKS].sort());
    expect(inventory.vpcs?.map((v) => v.id)).toEqual([APP_VPC]);
  });

  it('a database in another VPC whose group admits a group read: that VPC\'s context too', async () => {
    const { inventory, requests } = await collect({ vpcIds: [APP_VPC], subnetIds: [], databases: [{ vpcId: REPORTING.vpc, securityGroupIds: [REPORTING.sg] }] });
    expect(requests.filter((r) => r.includes(REPORTING.vpc)).sort()).toEqual(CONTEXT_OF(REPORTING.vpc));
    expect(inventory.vpcs?.map((v) => v.id).sort()).toEqual([APP_VPC, REPORTING.vpc].sort());
    expect(inventory.subnets?.filter((s) => s.vpcId === REPORTING.vpc).map((s) => s.id)).toEqual([REPORTING.subnet]);
    expect(inventory.securityGroups?.filter((g) => g.id === REPORTING.sg)).toHaveLength(1);
  });

  it('a group the lookup found (a tagged group) outside the VPCs known: one group-id lookup, then its VPC\'s context', async () => {
    const { inventory, requests, unrouted } = await collect({ groupIds: [REPORTING.sg] });
    expect(unrouted).toEqual([]);
    // The reporting VPC is peered: the groups elsewhere that name its group are asked for too (none).
    expect(requests.sort()).toEqual(
      [`ec2:DescribeSecurityGroups group-id=${REPORTING.sg}`, ...CONTEXT_OF(REPORTING.vpc), `ec2:DescribeSecurityGroups ip-permission.group-id=${REPORTING.sg}`, ...LINKS].sort(),
    );
    expect(inventory.vpcs?.map((v) => v.id)).toEqual([REPORTING.vpc]);
    expect(inventory.securityGroups?.map((g) => g.name)).toEqual(['reporting-sg']);
  });

  it('a group or an endpoint already read in a VPC known: no lookup', async () => {
    const { requests } = await collect({ vpcIds: [APP_VPC], groupIds: [TWO_APPS_IDS.sgOrders], endpointIds: [TWO_APPS_IDS.endpoint] }, { reporting: false });
    expect(requests.sort()).toEqual([...CONTEXT_OF(APP_VPC), ...LINKS].sort());
  });

  it('nothing in any VPC (no subnets, no load balancer, no named database): only the two link listings', async () => {
    const { inventory, requests } = await collect({ vpcIds: [], subnetIds: [], databases: [] });
    expect(requests.sort()).toEqual(LINKS);
    expect(inventory.securityGroups).toEqual([]);
  });
});
