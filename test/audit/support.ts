import { correlate } from '../../src/correlate/index.js';
import { runAudit } from '../../src/audit/index.js';
import type { Rule, RuleResult } from '../../src/audit/rule.js';
import type { Finding, Inventory, Topology } from '../../src/model/index.js';
import { auditContext } from '../../src/audit/context.js';
import { shopInventory } from '../fixtures/model/shop-account.js';

/** A fresh copy of the shop account to vary for one case. */
export function shop(): Inventory {
  return structuredClone(shopInventory());
}

export function correlated(inventory: Inventory): Topology {
  return { inventory, edges: correlate(inventory), findings: [], warnings: [], redacted: false };
}

/** One rule's results on an inventory, after correlation (as the pipeline runs it); message structure is tested in test/redact. */
export function check(rule: Rule, inventory: Inventory): RuleResult[] {
  return rule.check(auditContext(correlated(inventory))).map(({ parts: _parts, ...result }) => result);
}

export function audit(inventory: Inventory, config?: unknown): Finding[] {
  return runAudit(correlated(inventory), config, { configFile: 'topology.config.yml' });
}
