import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { silentProgress } from '../../../src/cli/progress.js';
import { correlate } from '../../../src/correlate/index.js';
import { loadTemplateInventory } from '../../../src/sources/template/index.js';

const FILE = fileURLToPath(new URL('../../fixtures/templates/vpc-links.yaml', import.meta.url));

describe('AWS::EC2::VPCPeeringConnection and transit gateway attachments from a template', () => {
  it('maps the peering (the accepter in PeerOwnerId / PeerRegion) and both attachment types, and links the VPCs', async () => {
    const inventory = await loadTemplateInventory(FILE, silentProgress);
    const region = inventory.regions[0]!;
    const appVpc = inventory.vpcs[0]!.id;
    expect(inventory.vpcPeerings).toEqual([
      {
        id: expect.stringMatching(/^pcx-/),
        region,
        requester: { vpcId: appVpc, accountId: inventory.accountId, region, cidrBlocks: ['10.0.0.0/16'] },
        accepter: { vpcId: 'vpc-0333aaaabbbbcccc3', accountId: '333333333333', region: 'eu-west-1', cidrBlocks: [] },
      },
    ]);
    expect(inventory.transitGatewayAttachments.map((a) => [a.id.startsWith('tgw-attach-'), a.transitGatewayId, a.vpcId]).sort()).toEqual(
      [
        [true, 'tgw-0333aaaabbbbcccc3', appVpc],
        [true, 'tgw-0333aaaabbbbcccc3', 'vpc-0222aaaabbbbcccc2'],
      ].sort(),
    );
    const edges = correlate(inventory).filter((e) => e.kind === 'vpc-peering' || e.kind === 'vpc-transit-gateway');
    expect(edges.map((e) => `${e.kind} ${e.from.id} -> ${e.to.id} ${e.evidence.map((x) => x.matchType).join(',')}`).sort()).toEqual(
      [`vpc-peering ${appVpc} -> vpc-0333aaaabbbbcccc3 vpc-peering`, `vpc-transit-gateway ${appVpc < 'vpc-0222aaaabbbbcccc2' ? `${appVpc} -> vpc-0222aaaabbbbcccc2` : `vpc-0222aaaabbbbcccc2 -> ${appVpc}`} transit-gateway`].sort(),
    );
  });
});
