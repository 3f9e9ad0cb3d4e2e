import type { Topology } from '../model/index.js';
import type { RenderOptions } from '../render/index.js';
import type { TableOptions } from '../render/table.js';
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
  return { ...options, ...tableOptionsFromArgs(args, context) };
}

/**
 * Table options from the flags and where the output goes: `--width`, else the terminal's columns
 * (stdout a terminal and no --out), else the renderer's 120; colour only on a terminal and
 * without NO_COLOR (https://no-color.org: any non-empty value).
 */
export function tableOptionsFromArgs(
  args: Partial<OutputArgs>,
  context: Pick<CommandContext, 'stdout'>,
  env: NodeJS.ProcessEnv = process.env,
): TableOptions & { columns?: string[] } {
  const stream = context.stdout as NodeJS.WriteStream;
  const terminal = args.out === undefined && stream.isTTY === true;
  const options: TableOptions = {};
  if (args.width !== undefined) options.width = args.width;
  else if (terminal && typeof stream.columns === 'number' && stream.columns > 0) options.width = stream.columns;
  if (args.layout) options.layout = args.layout;
  if (terminal && !env.NO_COLOR) options.color = true;
  return { ...options, ...(args.columns ? { columns: args.columns } : {}) };
}

/** --public: fail closed before anything is written when the rendered text holds a real identifier. */
export async function guardPublicOutput(output: string, original: Topology, format: string): Promise<void> {
  const { assertNoLeak } = await import('../redact/leak-guard.js');
  assertNoLeak(output, original, { format });
}
