import type { Topology } from '../model/index.js';
import type { RenderOptions } from '../render/index.js';
import type { CommandContext } from './context.js';
import type { OutputArgs } from './options.js';

/** Render options from the output flags (story file loaded and validated here, before rendering). */
export async function renderOptionsFromArgs(args: Partial<OutputArgs>, context: Pick<CommandContext, 'stdout'>): Promise<RenderOptions> {
  const options: RenderOptions = {};
  if (args.template) options.templateDir = args.template;
  if (args.story) {
    const { loadStory } = await import('../render/story.js');
    options.story = await loadStory(args.story);
  }
  const columns = (context.stdout as NodeJS.WriteStream).columns;
  if (args.out === undefined && typeof columns === 'number' && columns > 0) options.width = columns;
  return options;
}

/** --public: fail closed before anything is written when the rendered text holds a real identifier. */
export async function guardPublicOutput(output: string, original: Topology, format: string): Promise<void> {
  const { assertNoLeak } = await import('../redact/leak-guard.js');
  assertNoLeak(output, original, { format });
}
