import { describe, expect, it } from 'vitest';
import { rdsCidrIngress } from '../../../src/audit/rules/database/rds-cidr-ingress.js';
import { rdsInternetIngress } from '../../../src/audit/rules/database/rds-internet-ingress.js';
import { rdsNoDeletionProtection } from '../../../src/audit/rules/database/rds-no-deletion-protection.js';
import { rdsNonServiceGroup } from '../../../src/audit/rules/database/rds-non-service-group.js';
import { rdsNotEncrypted } from '../../../src/audit/rules/database/rds-not-encrypted.js';
import { rdsPubliclyAccessible } from '../../../src/audit/rules/database/rds-publicly-accessible.js';
import { rdsSingleAz } from '../../../src/audit/rules/database/rds-single-az.js';
import type { DbCluster, Inventory } from '../../../src/model/index.js';
import { ARNS, IDS, REGION, ACCOUNT } from '../../fixtures/model/shop-account.js';
import { check, shop } from '../support.js';

function dbGroup(inventory: Inventory) {
  return inventory.securityGroups.find((group) => group.id === IDS.sgDb)!;
}

/** The shop database SG admitting only the two services. */
function servicesOnly(inventory: Inventory): Inventory {
  dbGroup(inventory).inbound = dbGroup(inventory).inbound.filter(
    (rule) => rule.peer.kind === 'security-group' && rule.peer.groupId !== IDS.sgBastion,
  );
  return inventory;
}

function auroraCluster(): DbCluster {
  return {
    arn: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:shop-aurora`,
    identifier: 'shop-aurora',
    region: REGION,
    engine: 'aurora-postgresql',
    port: 5432,
    securityGroupIds: [IDS.sgDb],
    multiAz: true,
    storageEncrypted: false,
    deletionProtection: true,
    memberInstanceIds: ['shop-db'],
    tags: {},
  };
}

describe('TOPO-RDS-001 publicly accessible', () => {
  it('fires on a publicly accessible instance', () => {
    const inventory = shop();
    inventory.dbInstances[0]!.publiclyAccessible = true;
    expect(check(rdsPubliclyAccessible, inventory)).toEqual([
      { message: 'Database instance shop-db is publicly accessible.', resources: [{ kind: 'db-instance', id: ARNS.db }], evidence: [] },
    ]);
  });

  it('is silent on the shop database, which is private', () => {
    expect(check(rdsPubliclyAccessible, shop())).toEqual([]);
  });
});

describe('TOPO-RDS-002 reachable from the internet', () => {
  it('fires on 0.0.0.0/0 and ::/0 rules covering the database port, naming both', () => {
    const inventory = servicesOnly(shop());
    dbGroup(inventory).inbound.push(
      { protocol: 'tcp', fromPort: 5000, toPort: 6000, peer: { kind: 'cidr', cidr: '0.0.0.0/0' } },
      { protocol: 'all', peer: { kind: 'cidr', cidr: '::/0' } },
    );
    const [result, ...rest] = check(rdsInternetIngress, inventory);
    expect(rest).toEqual([]);
    expect(result!.message).toBe('Database shop-db is reachable from the internet (0.0.0.0/0 and ::/0) on port 5432.');
    expect(result!.resources).toEqual([
      { kind: 'db-instance', id: ARNS.db },
      { kind: 'security-group', id: IDS.sgDb },
    ]);
    expect(result!.evidence).toEqual([
      { matchType: 'sg-rule', matchedValue: '0.0.0.0/0', field: `${IDS.sgDb} inbound tcp 5000-6000` },
      { matchType: 'sg-rule', matchedValue: '::/0', field: `${IDS.sgDb} inbound all traffic` },
    ]);
  });

  it('is silent when the internet rule is on another port', () => {
    const inventory = servicesOnly(shop());
    dbGroup(inventory).inbound.push({ protocol: 'tcp', fromPort: 443, toPort: 443, peer: { kind: 'cidr', cidr: '0.0.0.0/0' } });
    expect(check(rdsInternetIngress, inventory)).toEqual([]);
  });

  it('does not count private ranges as the internet (the shop database)', () => {
    expect(check(rdsInternetIngress, shop())).toEqual([]);
  });
});

describe('TOPO-RDS-003 reachable from address ranges', () => {
  it('fires on the shop database, naming both CIDR rules', () => {
    const [result, ...rest] = check(rdsCidrIngress, shop());
    expect(rest).toEqual([]);
    expect(result!.message).toBe(
      'Database shop-db is reachable on port 5432 from address ranges 10.0.0.0/16 and 10.20.0.0/16 instead of from security groups.',
    );
    expect(result!.evidence.map((e) => e.matchedValue)).toEqual(['10.0.0.0/16', '10.20.0.0/16']);
  });

  it('is silent once the database admits only security groups', () => {
    expect(check(rdsCidrIngress, servicesOnly(shop()))).toEqual([]);
  });

  it('judges an Aurora cluster once, not through its member instance', () => {
    const inventory = shop();
    inventory.dbInstances[0]!.clusterIdentifier = 'shop-aurora';
    inventory.dbClusters.push(auroraCluster());
    const results = check(rdsCidrIngress, inventory);
    expect(results.map((r) => r.resources[0])).toEqual([{ kind: 'db-cluster', id: auroraCluster().arn }]);
  });
});

describe('TOPO-RDS-004 admits security groups that are no service\'s', () => {
  it('fires on the shop database admitting the bastion group', () => {
    expect(check(rdsNonServiceGroup, shop())).toEqual([
      {
        message: 'Database shop-db admits shop-bastion-sg, used by no ECS service.',
        resources: [
          { kind: 'db-instance', id: ARNS.db },
          { kind: 'security-group', id: IDS.sgBastion },
        ],
        evidence: [{ matchType: 'sg-rule', matchedValue: IDS.sgBastion, field: `${IDS.sgDb} inbound tcp 5432` }],
      },
    ]);
  });

  it('is silent when only the services and the group itself are admitted', () => {
    const inventory = servicesOnly(shop());
    dbGroup(inventory).inbound.push({ protocol: 'tcp', fromPort: 5432, toPort: 5432, peer: { kind: 'security-group', groupId: IDS.sgDb } });
    expect(check(rdsNonServiceGroup, inventory)).toEqual([]);
  });

  it('ignores groups admitted on other ports', () => {
    const inventory = servicesOnly(shop());
    dbGroup(inventory).inbound.push({ protocol: 'tcp', fromPort: 22, toPort: 22, peer: { kind: 'security-group', groupId: IDS.sgBastion } });
    expect(check(rdsNonServiceGroup, inventory)).toEqual([]);
  });
});

describe('database settings', () => {
  it('TOPO-RDS-005 fires on unencrypted storage and is silent on the encrypted shop database', () => {
    const inventory = shop();
    expect(check(rdsNotEncrypted, inventory)).toEqual([]);
    inventory.dbInstances[0]!.storageEncrypted = false;
    expect(check(rdsNotEncrypted, inventory).map((r) => r.message)).toEqual(['Database shop-db does not encrypt its storage.']);
  });

  it('TOPO-RDS-005 reads encryption from the Aurora cluster', () => {
    const inventory = shop();
    inventory.dbInstances[0]!.clusterIdentifier = 'shop-aurora';
    inventory.dbClusters.push(auroraCluster());
    expect(check(rdsNotEncrypted, inventory).map((r) => r.message)).toEqual(['Database shop-aurora does not encrypt its storage.']);
  });

  it('TOPO-RDS-006 fires on the single-AZ shop database and is silent once Multi-AZ', () => {
    const inventory = shop();
    expect(check(rdsSingleAz, inventory).map((r) => r.message)).toEqual(['Database shop-db runs in a single Availability Zone.']);
    inventory.dbInstances[0]!.multiAz = true;
    expect(check(rdsSingleAz, inventory)).toEqual([]);
  });

  it('TOPO-RDS-007 fires without deletion protection and is silent with it', () => {
    const inventory = shop();
    expect(check(rdsNoDeletionProtection, inventory)).toHaveLength(1);
    inventory.dbInstances[0]!.deletionProtection = true;
    expect(check(rdsNoDeletionProtection, inventory)).toEqual([]);
  });
});
