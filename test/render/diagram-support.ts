import { correlate } from '../../src/correlate/index.js';
import type { Finding, Inventory, Topology } from '../../src/model/index.js';
import { ARNS, shopInventory } from '../fixtures/model/shop-account.js';

/** Test helpers for the page, diagram, Markdown, Mermaid and DOT renderers. */

export function topologyOf(inventory: Inventory, findings: Finding[] = []): Topology {
  return { inventory, edges: correlate(inventory), findings, warnings: [], redacted: false };
}

export function shopTopology(findings: Finding[] = []): Topology {
  return topologyOf(shopInventory(), findings);
}

export function shopVariant(mutate: (inventory: Inventory) => void): Topology {
  const inventory = shopInventory();
  mutate(inventory);
  return topologyOf(inventory);
}

export const HOSTILE = {
  service: '<img src=x onerror=alert(1)>',
  lb: `"quoted" 'single' {{constructor}} {{{raw}}}`,
  queue: '</script><script>alert(2)</script>',
  db: '"><svg onload=alert(3)>',
  targetGroup: '`tick` |pipe| #hash; %% end',
  vpc: '</title><desc>x</desc>\\N & co',
} as const;

/**
 * The shop account correlated first, then renamed: hostile display names on every kind the page
 * shows, while the ARNs and ids that correlation matched stay real (so every edge is still there).
 */
export function hostileTopology(): Topology {
  const topology = shopTopology();
  const inv = topology.inventory;
  const rename = <T extends { arn: string }>(items: T[], arn: string, apply: (item: T) => void): void => {
    const item = items.find((x) => x.arn === arn);
    if (!item) throw new Error(`fixture lost ${arn}`);
    apply(item);
  };
  rename(inv.services, ARNS.webService, (s) => (s.name = HOSTILE.service));
  rename(inv.loadBalancers, ARNS.alb, (lb) => (lb.name = HOSTILE.lb));
  rename(inv.queues, ARNS.queue, (q) => (q.name = HOSTILE.queue));
  rename(inv.dbInstances, ARNS.db, (db) => (db.identifier = HOSTILE.db));
  rename(inv.targetGroups, ARNS.targetGroup, (tg) => (tg.name = HOSTILE.targetGroup));
  inv.vpcs[0]!.name = HOSTILE.vpc;
  return topology;
}

export const SAMPLE_FINDING: Finding = {
  ruleId: 'alb-http-forwards',
  title: 'HTTP listener forwards instead of redirecting to HTTPS',
  severity: 'medium',
  message: 'shop-edge-alb HTTP 80 forwards to shop-web-tg | plain text on the wire',
  resources: [{ kind: 'listener', id: ARNS.listenerHttp }],
  evidence: [],
};
