import type { RawConfig } from './config.js';
import { correlate } from './correlate/index.js';
import { runAudit } from './audit/index.js';
import { redactTopology } from './redact/index.js';
import { coverageWarnings } from './model/coverage.js';
import type { Inventory, Topology } from './model/index.js';

export interface PipelineOptions {
  public: boolean;
  /** --public: also replace the region names. */
  redactRegion?: boolean;
  config: RawConfig;
}

/**
 * inventory → correlate → audit → redact. Rendering and the leak guard happen after this, in the
 * command that knows the output format.
 */
export function buildTopology(inventory: Inventory, options: PipelineOptions): Topology {
  const edges = correlate(inventory);
  const correlated: Topology = {
    inventory,
    edges,
    findings: [],
    warnings: coverageWarnings(inventory),
    redacted: false,
  };
  correlated.findings = runAudit(correlated, options.config.audit);
  if (!options.public) return correlated;
  return redactTopology(correlated, { redactRegion: options.redactRegion ?? false, config: options.config.redaction });
}
