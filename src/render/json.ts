import type { Topology } from '../model/index.js';

/** The whole topology as JSON; docs/topology.schema.json describes it. */
export function renderJson(topology: Topology): string {
  return `${JSON.stringify({ schema: 'topology/report@1', ...topology }, null, 2)}\n`;
}
