import { describe, expect, it } from 'vitest';
import { accountOf, emptyInventory, inventoryAccounts, isMultiAccount, mergeAccountInventories, type Inventory, type TransitGatewayAttachment, type VpcPeering } from '../../src/model/index.js';
import { ACCOUNT, ARNS, IDS, REGION, shopInventory } from '../fixtures/model/shop-account.js';

const OTHER = '222222222222';
const SOURCE = { kind: 'snapshot' as const, label: 'merge' };

/** The shop account as one region job saw it. */
function shopIn(region: string): Inventory {
  return { ...shopInventory(), accountId: ACCOUNT, regions: [region] };
}

/** A second account with one VPC and one bucket (a bucket name says no account; a VPC id neither). */
function other(): Inventory {
  const inventory = { ...emptyInventory({ kind: 'aws', label: 'other' }), accountId: OTHER, regions: [REGION] };
  inventory.vpcs = [{ id: 'vpc-0222', region: REGION, cidrBlocks: ['10.9.0.0/16'], isDefault: false, tags: {} }];
  inventory.buckets = [{ name: 'other-bucket', arn: 'arn:aws:s3:::other-bucket', region: REGION, tags: {} }];
  inventory.coverage = [{ service: 's3', region: 'global', status: 'ok', missing: [] }];
  return inventory;
}

describe('mergeAccountInventories', () => {
  it('says which account every resource is in, ARN or not', () => {
    const merged = mergeAccountInventories([shopIn(REGION), other()], SOURCE);
    expect(merged.accountId).toBeUndefined();
    expect(merged.accounts).toEqual([
      { id: ACCOUNT, regions: [REGION] },
      { id: OTHER, regions: [REGION] },
    ]);
    expect(accountOf(merged, 'vpc-0222')).toBe(OTHER);
    expect(accountOf(merged, 'arn:aws:s3:::other-bucket')).toBe(OTHER);
    expect(accountOf(merged, IDS.vpc)).toBe(ACCOUNT);
    expect(accountOf(merged, ARNS.alb)).toBe(ACCOUNT);
    expect(isMultiAccount(merged)).toBe(true);
  });

  it('gives the same inventory whatever the order of its parts', () => {
    const a = mergeAccountInventories([shopIn(REGION), other()], SOURCE);
    const b = mergeAccountInventories([other(), shopIn(REGION)], SOURCE);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('files a peering connection or attachment both accounts describe under its owner, whatever the order', () => {
    const THIRD = '333333333333';
    const peering = (region: string): VpcPeering => ({ id: 'pcx-0123', region, requester: { vpcId: 'vpc-0222', accountId: OTHER, region: REGION, cidrBlocks: ['10.9.0.0/16'] }, accepter: { vpcId: 'vpc-0333', accountId: THIRD, region: REGION, cidrBlocks: ['10.3.0.0/16'] } });
    const attachment: TransitGatewayAttachment = { id: 'tgw-attach-0222', transitGatewayId: 'tgw-0333', transitGatewayOwnerId: THIRD, vpcId: 'vpc-0222', vpcOwnerId: OTHER, region: REGION };
    const requester: Inventory = { ...other(), vpcPeerings: [peering(REGION)], transitGatewayAttachments: [attachment] };
    const accepter: Inventory = { ...emptyInventory({ kind: 'aws', label: 'third' }), accountId: THIRD, regions: ['eu-west-1'], vpcPeerings: [peering('eu-west-1')], transitGatewayAttachments: [attachment] };
    for (const parts of [[requester, accepter], [accepter, requester]]) {
      const merged = mergeAccountInventories(parts, SOURCE);
      expect(accountOf(merged, 'pcx-0123')).toBe(OTHER);
      expect(accountOf(merged, 'tgw-attach-0222')).toBe(OTHER);
      expect(merged.vpcPeerings.map((p) => p.region)).toEqual([REGION]);
    }
    // An owner neither walk belongs to: the lowest account that saw it.
    const unowned = (inventory: Inventory): Inventory => ({ ...inventory, vpcPeerings: inventory.vpcPeerings.map((p) => ({ ...p, requester: { ...p.requester, accountId: '999999999999' } })) });
    for (const parts of [[unowned(requester), unowned(accepter)], [unowned(accepter), unowned(requester)]]) {
      expect(accountOf(mergeAccountInventories(parts, SOURCE), 'pcx-0123')).toBe(OTHER);
    }
  });

  it('keeps once what two region jobs of one account both listed, and stays one account', () => {
    const merged = mergeAccountInventories([shopIn(REGION), shopIn('eu-west-1')], SOURCE);
    expect(merged.accountId).toBe(ACCOUNT);
    expect(merged.accounts).toBeUndefined();
    expect(merged.resourceAccounts).toBeUndefined();
    expect(merged.regions).toEqual(['eu-west-1', REGION]);
    expect(merged.buckets.length).toBe(shopInventory().buckets.length);
    expect(merged.roles.length).toBe(shopInventory().roles.length);
  });

  it('keeps the fuller coverage of a service both jobs visited', () => {
    const denied = { ...other(), coverage: [{ service: 's3' as const, region: 'global', status: 'denied' as const, missing: [{ action: 's3:ListAllMyBuckets', reason: 'denied' as const }] }] };
    expect(mergeAccountInventories([denied, other()], SOURCE).coverage).toEqual([{ service: 's3', region: 'global', status: 'ok', missing: [] }]);
  });

  it('reads an inventory of one account as one account', () => {
    expect(inventoryAccounts(shopIn(REGION))).toEqual([{ id: ACCOUNT, regions: [REGION] }]);
    expect(inventoryAccounts(emptyInventory(SOURCE))).toEqual([]);
    expect(isMultiAccount(shopIn(REGION))).toBe(false);
  });
});
