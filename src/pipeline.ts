import type { RawConfig } from './config.js';
import { correlate } from './correlate/index.js';
import { runAudit } from './audit/index.js';
import { redactTopology } from './redact/index.js';
import { coverageWarnings } from './model/coverage.js';
import type { Inventory, Topology } from './model/index.js';

/** inventory → correlate → audit. The result is unredacted: the leak guard's reference. */
export function buildTopology(inventory: Inventory, config: RawConfig): Topology {
  const topology: Topology = {
    inventory,
    edges: correlate(inventory),
    findings: [],
    warnings: coverageWarnings(inventory),
    redacted: false,
  };
  topology.findings = runAudit(topology, config.audit, config.file === undefined ? {} : { configFile: config.file });
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
