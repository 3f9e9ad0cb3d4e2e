import { correlate } from '../../src/correlate/index.js';
import type { DbCluster, Inventory, Topology } from '../../src/model/index.js';
import { ACCOUNT, IDS, REGION } from '../fixtures/model/shop-account.js';

/** An inventory correlated, before audit and redaction: what the renderers get without --public. */
export function topologyOf(inventory: Inventory, extra: Partial<Topology> = {}): Topology {
  return { inventory, edges: correlate(inventory), findings: [], warnings: [], redacted: false, ...extra };
}

/** An Aurora cluster behind the shop database's security group, every optional field set. */
export function auroraCluster(): Required<DbCluster> {
  return {
    arn: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:shop-aurora`,
    identifier: 'shop-aurora',
    region: REGION,
    engine: 'aurora-postgresql',
    engineVersion: '16.4',
    status: 'available',
    endpoint: 'shop-aurora.cluster-c9akciq32.us-east-1.rds.amazonaws.com',
    readerEndpoint: 'shop-aurora.cluster-ro-c9akciq32.us-east-1.rds.amazonaws.com',
    port: 5432,
    securityGroupIds: [IDS.sgDb],
    multiAz: true,
    storageEncrypted: true,
    deletionProtection: true,
    memberInstanceIds: ['shop-aurora-1'],
    tags: { team: 'shop' },
  };
}
