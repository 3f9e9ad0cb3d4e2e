import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/model/index.js';
import { EMPTY_REDACTION_CONFIG } from '../../src/redact/config.js';
import { Pseudonyms, SUFFIX_LENGTH } from '../../src/redact/pseudonyms.js';
import { ARNS, IDS, shopInventory } from '../fixtures/model/shop-account.js';
import { TEST_KEY, redact, topologyOf } from './support.js';

function withExtraSecurityGroup(): Inventory {
  const inventory = shopInventory();
  const group = structuredClone(inventory.securityGroups[5]!);
  group.id = 'sg-0abcabcabcabcabc9';
  group.name = 'shop-metrics-sg';
  group.description = 'metrics scraper';
  group.inbound = [{ protocol: 'tcp', fromPort: 9100, toPort: 9100, peer: { kind: 'security-group', groupId: IDS.sgWeb } }];
  inventory.securityGroups.splice(2, 0, group);
  return inventory;
}

function withExtraService(): Inventory {
  const inventory = shopInventory();
  const service = structuredClone(inventory.services[1]!);
  service.arn = ARNS.workerService.replace('shop-worker', 'shop-cron');
  service.name = 'shop-cron';
  inventory.services.unshift(service);
  return inventory;
}

describe('stable pseudonyms', () => {
  it('the same account and key give identical output', () => {
    expect(JSON.stringify(redact(topologyOf(shopInventory())))).toBe(JSON.stringify(redact(topologyOf(shopInventory()))));
  });

  it('another key gives other pseudonyms (the key, not the value alone, decides)', () => {
    const a = redact(topologyOf(shopInventory())).inventory;
    const b = redact(topologyOf(shopInventory()), { key: 'another-key-0123456789abcdef0123456789' }).inventory;
    expect(b.clusters[0]!.name).not.toBe(a.clusters[0]!.name);
    expect(b.loadBalancers[0]!.name).toBe('public-app-alb');
  });

  it.each([
    ['a security group', withExtraSecurityGroup, 'securityGroups', 2],
    ['a service', withExtraService, 'services', 0],
  ] as const)('adding %s changes nothing else: every other object and edge reads the same', (_, grow, key, at) => {
    const base = redact(topologyOf(shopInventory()));
    const grown = redact(topologyOf(grow()));
    for (const [name, value] of Object.entries(base.inventory)) {
      const after = (grown.inventory as unknown as Record<string, unknown>)[name];
      if (name === key) expect((after as unknown[]).filter((_, i) => i !== at), name).toEqual(value);
      else expect(after, name).toEqual(value);
    }
    const grownEdges = new Set(grown.edges.map((edge) => JSON.stringify(edge)));
    for (const edge of base.edges) expect(grownEdges.has(JSON.stringify(edge)), JSON.stringify(edge)).toBe(true);
    expect(grown.edges.length).toBeGreaterThan(base.edges.length);
  });

  it('numbering does not depend on order: reversing every list keeps every name', () => {
    const base = shopInventory();
    const reversed = shopInventory();
    for (const value of Object.values(reversed)) if (Array.isArray(value)) value.reverse();
    const a = redact(topologyOf(base)).inventory;
    const b = redact(topologyOf(reversed)).inventory;
    expect(b.securityGroups.map((g) => [g.id, g.name]).reverse()).toEqual(a.securityGroups.map((g) => [g.id, g.name]));
    expect(b.subnets.find((s) => s.cidrBlock === a.subnets[0]!.cidrBlock)!.id).toBe(a.subnets[0]!.id);
  });

  it('the same real id gets the same name wherever it appears', () => {
    const inv = redact(topologyOf(shopInventory())).inventory;
    const webSg = inv.securityGroups[1]!.id;
    expect(inv.services[0]!.securityGroupIds).toEqual([webSg]);
    expect(inv.securityGroups[4]!.inbound[0]!.peer).toEqual({ kind: 'security-group', groupId: webSg });
    expect(new Set([inv.loadBalancers[0]!.vpcId, inv.subnets[3]!.vpcId, inv.dbInstances[0]!.vpcId, inv.vpcs[0]!.id]).size).toBe(1);
    expect(inv.services[0]!.subnetIds).toEqual(inv.services[1]!.subnetIds);
    expect(inv.subnets[2]!.id).toBe(inv.services[0]!.subnetIds[0]);
    expect(IDS.subnetPrivateA).toBe(shopInventory().services[0]!.subnetIds[0]);
  });
});

describe('edges among colliding pseudonyms', () => {
  it('each edge end carries the public id of the group it named, when thousands of ids share short suffixes', () => {
    // 3,000 security groups, each admitting the next: their 4-character suffixes collide, and the
    // names settled after the first walk must be the ones every edge end carries.
    const inventory = shopInventory();
    const template = inventory.securityGroups[5]!;
    const idOf = (i: number) => `sg-0${(0xabc00000 + i).toString(16).padStart(16, '0')}`;
    for (let i = 0; i < 3000; i++) {
      inventory.securityGroups.push({
        ...structuredClone(template),
        id: idOf(i),
        name: `bulk-sg-${i}`,
        inbound: [{ protocol: 'tcp', fromPort: 443, toPort: 443, peer: { kind: 'security-group', groupId: idOf((i + 1) % 3000) } }],
      });
    }
    const original = topologyOf(inventory);
    const redacted = redact(original);
    // Lists keep their order: the n-th group of the redacted inventory is the n-th of the original.
    const publicId = new Map(inventory.securityGroups.map((group, i) => [group.id, redacted.inventory.securityGroups[i]!.id]));
    expect(new Set(publicId.values()).size).toBe(inventory.securityGroups.length);
    expect([...publicId.values()].some((id) => id.length > 'sg-'.length + SUFFIX_LENGTH)).toBe(true);
    // Edges keep their order too: each end is the public id of the group it named.
    expect(redacted.edges.length).toBe(original.edges.length);
    let checked = 0;
    original.edges.forEach((edge, i) => {
      for (const end of ['from', 'to'] as const) {
        if (edge[end].kind !== 'security-group') continue;
        expect(redacted.edges[i]![end].id, `${edge.kind} ${end} ${edge[end].id}`).toBe(publicId.get(edge[end].id));
        checked++;
      }
    });
    expect(checked).toBeGreaterThanOrEqual(6000);
  });
});

describe('Pseudonyms collisions', () => {
  /** Enough values under one prefix that some 4-character suffixes collide (birthday bound ~1,200). */
  const values = Array.from({ length: 4000 }, (_, i) => `service-${i}`);

  function settle(list: string[]): Map<string, string> {
    const pseudonyms = new Pseudonyms(TEST_KEY, EMPTY_REDACTION_CONFIG);
    for (const value of list) pseudonyms.label('ecs-service', 'service', value);
    pseudonyms.resolve();
    return new Map(list.map((value) => [value, pseudonyms.label('ecs-service', 'service', value)]));
  }

  it('gives distinct values distinct names, lengthening only colliding suffixes', () => {
    const names = settle(values);
    expect(new Set(names.values()).size).toBe(values.length);
    const lengthened = [...names.values()].filter((name) => name.length > 'service-'.length + SUFFIX_LENGTH);
    expect(lengthened.length).toBeGreaterThan(0);
    expect(lengthened.length).toBeLessThan(40);
  });

  it('a new value changes an existing name only when it collides with it', () => {
    const before = settle(values.slice(0, 3000));
    const after = settle(values);
    const changed = [...before].filter(([value, name]) => after.get(value) !== name);
    const shortOf = (name: string) => name.slice(0, 'service-'.length + SUFFIX_LENGTH);
    const newShort = new Set(values.slice(3000).map((value) => shortOf(after.get(value)!)));
    for (const [value] of changed) expect(newShort.has(shortOf(before.get(value)!))).toBe(true);
    expect(changed.length).toBeLessThan(10);
  });

  it('never hands out a name a user alias already uses', () => {
    const probe = new Pseudonyms(TEST_KEY, EMPTY_REDACTION_CONFIG).label('ecs-service', 'service', 'shop-web');
    const config = { ...EMPTY_REDACTION_CONFIG, aliases: new Map([['shop-worker', probe]]) };
    const pseudonyms = new Pseudonyms(TEST_KEY, config);
    pseudonyms.label('ecs-service', 'service', 'shop-web');
    pseudonyms.resolve();
    expect(pseudonyms.label('ecs-service', 'service', 'shop-worker')).toBe(probe);
    expect(pseudonyms.label('ecs-service', 'service', 'shop-web')).toMatch(new RegExp(`^${probe}.$`));
  });
});
