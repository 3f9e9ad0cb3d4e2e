import type { Topology } from '../model/index.js';

/** Names the report format; bump it when a change to the model would break a consumer. */
export const REPORT_SCHEMA = 'topology/report@1';

/** `topology --format json`: the document docs/topology.schema.json describes. */
export type TopologyReport = { schema: typeof REPORT_SCHEMA } & Topology;

/**
 * The whole topology (inventory, edges with evidence, findings, warnings, redacted flag) as
 * indented JSON. Fields the model leaves undefined are absent, not null: null means "collected,
 * none configured" (e.g. a bucket without a public access block).
 */
export function renderJson(topology: Topology): string {
  const report: TopologyReport = { schema: REPORT_SCHEMA, ...topology };
  return `${JSON.stringify(report, null, 2)}\n`;
}
