import type { CommandModule } from 'yargs';
import { ExitCode, type ExitCodeValue } from '../errors.js';
import { render } from '../render/index.js';
import { loadTopology } from './load.js';
import { asOutputFormat, withOutputOptions, withSourceOptions, type OutputArgs, type SourceArgs } from './options.js';
import { checkOutputTarget, writeResult } from './output.js';
import { guardPublicOutput, renderOptionsFromArgs } from './render-output.js';
import type { CommandContext } from './context.js';

type ReportArgs = SourceArgs & OutputArgs;

/** `topology [report]`: collect, correlate, audit, (redact), render. */
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

export function reportCommand(context: CommandContext): CommandModule<object, ReportArgs> {
  return {
    command: ['report', '$0'],
    describe: 'Collect, correlate and audit the topology, then print it (the default command)',
    builder: (yargs) =>
      withOutputOptions(withSourceOptions(yargs))
        .example('$0 --region us-east-1', 'Tables for the account in us-east-1 (standard credential chain)')
        .example('$0 --profile prod --region us-east-1 --region eu-west-1', 'Two regions with a named profile')
        .example('$0 --public --format html --out architecture.html', 'The redacted portfolio page')
        .example('$0 --from reference-stack', 'The topology a CDK app would deploy (no AWS account needed)')
        .example('$0 --endpoint-url http://localhost:5000 --region us-east-1', 'Against moto or LocalStack'),
    handler: async (args) => {
      context.exitCode = await runReport(args, context);
    },
  };
}
