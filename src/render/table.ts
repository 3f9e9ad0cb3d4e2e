import type { Topology } from '../model/index.js';

export function renderTables(topology: Topology): string {
  return `${topology.inventory.services.length} services\n`;
}
