import { ExitCode, type ExitCodeValue } from '../errors.js';
import { render } from '../render/index.js';
import { loadTopology } from './load.js';
import { asOutputFormat, type OutputArgs, type SourceArgs } from './options.js';
import { checkOutputTarget, writeResult } from './output.js';
import { guardPublicOutput, renderOptionsFromArgs } from './render-output.js';
import type { CommandContext } from './context.js';

export type ReportArgs = SourceArgs & OutputArgs;

/**
 * `topology [report]`: collect, correlate, audit, (redact), render. Apart from report.ts (the
 * command's flags), so that `topology --help` does not load the pipeline, the sources and the
 * renderers: report.ts imports this module only when the command runs.
 */
export async function runReport(args: ReportArgs, context: CommandContext): Promise<ExitCodeValue> {
  const format = asOutputFormat(args.format);
  await checkOutputTarget(args.out, { '--from': args.from, '--config': args.config, '--story': args.story, '--template': args.template });
  const loaded = await loadTopology(args, context.progress);
  context.progress.step(`rendering ${format}`);
  const options = await renderOptionsFromArgs(args, context);
  if (args.public && options.story !== undefined) {
    const { publicStory } = await import('../redact/story.js');
    options.story = publicStory(options.story, loaded.original, loaded.topology);
  }
  const output = await render(loaded.topology, format, options);
  if (args.public) await guardPublicOutput(output, loaded.original, format);
  await writeResult(output, args.out, context.stdout, { public: args.public });
  return loaded.partial ? ExitCode.partial : ExitCode.ok;
}
