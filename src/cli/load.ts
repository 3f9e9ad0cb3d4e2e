import type { RawConfig } from '../config.js';
import { loadValidConfig } from './config.js';
import { isPartial } from '../model/coverage.js';
import type { Topology } from '../model/index.js';
import { buildTopology, publishTopology } from '../pipeline.js';
import { EndpointError } from '../errors.js';
import type { Inventory } from '../model/index.js';
import { loadInventory, type SourceSpec } from '../sources/index.js';
import { DEFAULT_TIMEOUT_SECONDS, sourceSpecFromArgs, type SourceArgs } from './options.js';
import type { Progress } from './progress.js';
import { selectorsFromArgs } from './scope-options.js';

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
  const config = await loadValidConfig(args.config);
  const spec = await sourceSpecFromArgs(args);
  const inventory = await loadWithinDeadline(spec, progress, (args.timeout ?? DEFAULT_TIMEOUT_SECONDS) * 1000);
  progress.step('correlating');
  const selectors = selectorsFromArgs(args);
  const original = buildTopology(inventory, config, selectors === undefined ? undefined : { selectors, public: args.public === true });
  const topology = args.public ? publishTopology(original, { redactRegion: args['redact-region'] ?? false, config, ...(args['public-names'] === undefined ? {} : { publicNames: args['public-names'] }) }) : original;
  return { topology, original, config, partial: isPartial(inventory.coverage) };
}

/**
 * A live collection ends by its deadline: when it passes, every request is aborted and the run
 * stops with exit 2, naming the endpoint (or regions) and the step it was waiting on.
 */
export async function loadWithinDeadline(spec: SourceSpec, progress: Progress, milliseconds: number): Promise<Inventory> {
  if (spec.kind !== 'aws') return loadInventory(spec, progress);
  const controller = new AbortController();
  let expire: (error: EndpointError) => void = () => {};
  const deadline = new Promise<never>((_, reject) => (expire = reject));
  let timer: NodeJS.Timeout | undefined;
  let step = '';
  // The clock starts with the collection's first step, so loading the SDK modules does not count.
  const tracked: Progress = {
    step(message) {
      step = message;
      timer ??= setTimeout(() => {
        controller.abort();
        expire(deadlineError(spec, milliseconds, step));
      }, milliseconds);
      progress.step(message);
    },
  };
  try {
    return await Promise.race([loadInventory({ ...spec, signal: controller.signal }, tracked), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function deadlineError(spec: Extract<SourceSpec, { kind: 'aws' }>, milliseconds: number, step: string): EndpointError {
  const where = spec.endpointUrl ? `endpoint ${spec.endpointUrl}` : `${spec.regions.length === 1 ? 'region' : 'regions'} ${spec.regions.map((r) => `"${r}"`).join(', ')}`;
  return new EndpointError(`Timed out after ${milliseconds / 1000} s waiting for AWS at ${where} (${step}).`, {
    hint: spec.endpointUrl
      ? 'The endpoint accepts connections but does not answer: check the --endpoint-url server, or raise --timeout SECONDS.'
      : `Check the network path to AWS, or raise --timeout SECONDS (default ${DEFAULT_TIMEOUT_SECONDS}).`,
  });
}
