import type { Topology } from '../model/index.js';

export interface RedactOptions {
  redactRegion: boolean;
  /** The config file's `redaction` section (aliases, allow-list), validated by this module. */
  config: unknown;
}

export function redactTopology(_topology: Topology, _options: RedactOptions): Topology {
  throw new Error('redaction is not built yet');
}
