import { loadConfig, type RawConfig } from '../config.js';
import { isPartial } from '../model/coverage.js';
import type { Topology } from '../model/index.js';
import { buildTopology, publishTopology } from '../pipeline.js';
import { loadInventory } from '../sources/index.js';
import { sourceSpecFromArgs, type SourceArgs } from './options.js';
import type { Progress } from './progress.js';

export interface LoadedTopology {
  /** What the renderers get: redacted when --public. */
  topology: Topology;
  /** The unredacted topology: the leak guard's list of what must not appear. */
  original: Topology;
  config: RawConfig;
  /** Some AWS calls were denied or failed: the output is partial. */
  partial: boolean;
}

/** Source flags → inventory → correlate → audit → (redact). Shared by every command that reads a topology. */
export async function loadTopology(
  args: SourceArgs & { public?: boolean; 'redact-region'?: boolean; 'public-names'?: 'roles' | 'keyed' },
  progress: Progress,
): Promise<LoadedTopology> {
  const config = await loadConfig(args.config);
  const spec = await sourceSpecFromArgs(args);
  const inventory = await loadInventory(spec, progress);
  progress.step('correlating');
  const original = buildTopology(inventory, config);
  const topology = args.public ? publishTopology(original, { redactRegion: args['redact-region'] ?? false, config, ...(args['public-names'] === undefined ? {} : { publicNames: args['public-names'] }) }) : original;
  return { topology, original, config, partial: isPartial(inventory.coverage) };
}
