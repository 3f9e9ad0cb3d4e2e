import type { CommandModule } from 'yargs';
import { ExitCode } from '../../errors.js';
import { inPublicOrder } from '../../redact/order.js';
import type { CommandContext } from '../context.js';
import { loadTopology } from '../load.js';
import { refusingUnusedOptions, withOutputOptions, withSourceOptions, type OutputArgs, type SourceArgs } from '../options.js';
import { checkOutputTarget, writeResult } from '../output.js';
import { guardPublicOutput, tableOptionsFromArgs } from '../render-output.js';

export const PATHS_FORMATS = ['text', 'json'] as const;

type PathsArgs = SourceArgs & OutputArgs;

/** `topology paths`: the request and worker paths as indented chains, each hop with its evidence. */
export function pathsCommand(context: CommandContext): CommandModule<object, PathsArgs> {
  return {
    command: 'paths',
    describe: 'Print the request and worker paths (the page\'s) as indented chains with the evidence of each hop',
    builder: (yargs) =>
      refusingUnusedOptions(withOutputOptions(withSourceOptions(yargs), PATHS_FORMATS), 'paths', ['template', 'story'])
        .example('$0 paths --from reference-stack', 'Route53 -> ALB -> listener -> target group -> service -> data stores, and queue -> worker')
        .example('$0 paths --region us-east-1 --public', 'Redacted, through the leak guard'),
    handler: async (args) => {
      await checkOutputTarget(args.out, { '--from': args.from, '--config': args.config });
      const loaded = await loadTopology(args, context.progress);
      context.progress.step('deriving the paths');
      const { pathsJson, renderPaths } = await import('../../render/paths.js');
      const topology = loaded.topology.redacted ? inPublicOrder(loaded.topology) : loaded.topology;
      const output = args.format === 'json' ? pathsJson(topology) : renderPaths(topology, tableOptionsFromArgs(args, context));
      if (args.public) await guardPublicOutput(output, loaded.original, args.format);
      await writeResult(output, args.out, context.stdout, { public: args.public });
      context.exitCode = loaded.partial ? ExitCode.partial : ExitCode.ok;
    },
  };
}
