import { describe, expect, it } from 'vitest';
import { privateServiceWithoutEgress } from '../../../src/audit/rules/network/private-egress.js';
import { sgInternetNonWebPorts } from '../../../src/audit/rules/network/sg-internet-non-web-ports.js';
import { unusedSecurityGroup } from '../../../src/audit/rules/network/unused-security-group.js';
import type { Inventory } from '../../../src/model/index.js';
import { ARNS, IDS, interfaceEndpoint, REGION } from '../../fixtures/model/shop-account.js';
import { check, shop } from '../support.js';

/** Both services moved to the isolated subnets: no default route at all. */
function isolated(inventory: Inventory): Inventory {
  for (const service of inventory.services) service.subnetIds = [IDS.subnetIsolatedA, IDS.subnetIsolatedB];
  return inventory;
}


describe('TOPO-NET-001 private service without endpoints or NAT', () => {
  it('is silent on the shop services, which route through a NAT gateway', () => {
    expect(check(privateServiceWithoutEgress, shop())).toEqual([]);
  });

  it('fires in isolated subnets, naming each missing endpoint', () => {
    const results = check(privateServiceWithoutEgress, isolated(shop()));
    expect(results.map((r) => r.message)).toEqual([
      'Service shop-web runs in shop-isolated-a and shop-isolated-b without a NAT route, and has no VPC endpoint for S3 (s3), ECR (ecr.api, ecr.dkr, s3) and CloudWatch Logs (logs).',
      'Service shop-worker runs in shop-isolated-a and shop-isolated-b without a NAT route, and has no VPC endpoint for S3 (s3), ECR (ecr.api, ecr.dkr, s3) and CloudWatch Logs (logs).',
    ]);
    // SQS and Secrets Manager are covered by the interface endpoints their SG admits the services to.
    expect(results[0]!.resources).toEqual([{ kind: 'ecs-service', id: ARNS.webService }]);
    expect(results[0]!.evidence.map((e) => e.field)).toEqual(['container web env MEDIA_BUCKET', `role shop-web-task policy shop-web-uploads statement 1 (s3:PutObject)`, 'container web env STORAGE_BACKEND']);
  });

  it('is silent once the isolated subnets have every endpoint the services use', () => {
    const inventory = isolated(shop());
    inventory.subnets.find((s) => s.id === IDS.subnetIsolatedA)!.routeTableId = IDS.rtbPrivate;
    inventory.subnets.find((s) => s.id === IDS.subnetIsolatedB)!.routeTableId = IDS.rtbPrivate;
    inventory.vpcEndpoints.push(
      interfaceEndpoint('vpce-0aaaaaaaaaaaaaaa1', 'ecr.api', 'isolated', [IDS.subnetIsolatedA, IDS.subnetIsolatedB]),
      interfaceEndpoint('vpce-0aaaaaaaaaaaaaaa2', 'ecr.dkr', 'isolated', [IDS.subnetIsolatedA, IDS.subnetIsolatedB]),
      interfaceEndpoint('vpce-0aaaaaaaaaaaaaaa3', 'logs', 'isolated', [IDS.subnetIsolatedA, IDS.subnetIsolatedB]),
    );
    expect(check(privateServiceWithoutEgress, inventory)).toEqual([]);
  });

  it('treats a public subnet without a public IP as closed', () => {
    const inventory = shop();
    inventory.services[1]!.subnetIds = [IDS.subnetPublicA];
    expect(check(privateServiceWithoutEgress, inventory).map((r) => r.message)).toEqual([
      'Service shop-worker runs in shop-public-a without a NAT route or a public IP, and has no VPC endpoint for S3 (s3), ECR (ecr.api, ecr.dkr, s3) and CloudWatch Logs (logs).',
    ]);
    inventory.services[1]!.assignPublicIp = true;
    expect(check(privateServiceWithoutEgress, inventory)).toEqual([]);
  });
});

describe('TOPO-NET-002 security group open to the internet on non-web ports', () => {
  it('fires on SSH from anywhere on the bastion group', () => {
    const inventory = shop();
    const bastion = inventory.securityGroups.find((g) => g.id === IDS.sgBastion)!;
    bastion.inbound.push({ protocol: 'tcp', fromPort: 22, toPort: 22, peer: { kind: 'cidr', cidr: '0.0.0.0/0' } });
    expect(check(sgInternetNonWebPorts, inventory)).toEqual([
      {
        message: 'Security group shop-bastion-sg admits tcp 22 from 0.0.0.0/0.',
        resources: [{ kind: 'security-group', id: IDS.sgBastion }],
        evidence: [{ matchType: 'sg-rule', matchedValue: '0.0.0.0/0', field: `${IDS.sgBastion} inbound tcp 22` }],
      },
    ]);
  });

  it('is silent on the shop groups, on web ports and on ICMP', () => {
    const inventory = shop();
    expect(check(sgInternetNonWebPorts, inventory)).toEqual([]);
    const web = inventory.securityGroups.find((g) => g.id === IDS.sgWeb)!;
    web.inbound.push(
      { protocol: 'tcp', fromPort: 443, toPort: 443, peer: { kind: 'cidr', cidr: '::/0' } },
      { protocol: 'icmp', fromPort: 8, toPort: -1, peer: { kind: 'cidr', cidr: '0.0.0.0/0' } },
    );
    expect(check(sgInternetNonWebPorts, inventory)).toEqual([]);
  });

  it('leaves the internet-facing load balancer\'s group to TOPO-ALB-005', () => {
    const inventory = shop();
    inventory.securityGroups.find((g) => g.id === IDS.sgAlb)!.inbound.push({ protocol: 'all', peer: { kind: 'cidr', cidr: '0.0.0.0/0' } });
    expect(check(sgInternetNonWebPorts, inventory)).toEqual([]);
  });
});

describe('TOPO-NET-003 unused security group', () => {
  it('fires on the shop bastion group, attached to nothing collected', () => {
    expect(check(unusedSecurityGroup, shop())).toEqual([
      {
        message: 'Security group shop-bastion-sg is attached to no load balancer, service, database or endpoint.',
        resources: [{ kind: 'security-group', id: IDS.sgBastion }],
        evidence: [],
      },
    ]);
  });

  it('is silent once the group is attached, and on VPC default groups', () => {
    const inventory = shop();
    inventory.services[1]!.securityGroupIds.push(IDS.sgBastion);
    inventory.securityGroups.push({ id: 'sg-0000000000000000d', name: 'default', description: 'default VPC security group', vpcId: IDS.vpc, region: REGION, inbound: [], outbound: [], tags: {} });
    expect(check(unusedSecurityGroup, inventory)).toEqual([]);
  });
});
