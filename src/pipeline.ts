import type { RawConfig } from './config.js';
import { correlate } from './correlate/index.js';
import { runAudit } from './audit/index.js';
import { redactTopology } from './redact/index.js';
import { coverageWarnings } from './model/coverage.js';
import { hasSelectors, indexInventory, type Inventory, type ScopeSelectors, type Topology } from './model/index.js';
import { scopeParts } from './scope/index.js';
import { assertEverySelectorMatches } from './scope/suggest.js';

export interface ScopeRequest {
  selectors: ScopeSelectors;
  /** --public: a selector matching nothing does not list the account's names. */
  public: boolean;
}

/**
 * inventory → correlate → (scope) → audit. The result is unredacted: the leak guard's reference.
 * With selectors, the whole account is correlated first (the edges decide what the application
 * includes), then narrowed; the audit runs on the application alone.
 */
export function buildTopology(inventory: Inventory, config: RawConfig, scope?: ScopeRequest): Topology {
  const index = indexInventory(inventory);
  const edges = correlate(inventory, index);
  const topology: Topology = { inventory, edges, findings: [], warnings: coverageWarnings(inventory), redacted: false };
  if (scope !== undefined && hasSelectors(scope.selectors)) {
    const parts = scopeParts(inventory, edges, scope.selectors);
    assertEverySelectorMatches(inventory, scope.selectors, parts.selection, { public: scope.public });
    Object.assign(topology, { inventory: parts.inventory, edges: parts.edges, scope: parts.scope });
  }
  topology.findings = runAudit(topology, config.audit, {
    // A scoped topology has an inventory of its own, which the audit indexes.
    ...(topology.inventory === inventory ? { index } : {}),
    ...(config.file === undefined ? {} : { configFile: config.file }),
  });
  return topology;
}

export interface PublishOptions {
  /** Also replace the region names. */
  redactRegion: boolean;
  config: RawConfig;
  /** `roles` (default) or `keyed` pseudonyms. */
  publicNames?: 'roles' | 'keyed';
}

/** --public: the redacted copy every renderer gets. Rendering and the leak guard follow in the command. */
export function publishTopology(topology: Topology, options: PublishOptions): Topology {
  return redactTopology(topology, {
    redactRegion: options.redactRegion,
    config: options.config.redaction,
    audit: options.config.audit,
    ...(options.publicNames === undefined ? {} : { publicNames: options.publicNames }),
    ...(options.config.file === undefined ? {} : { configFile: options.config.file }),
  });
}
