import type { CommandModule } from 'yargs';
import { loadValidConfig } from '../config.js';
import { ExitCode } from '../../errors.js';
import { buildTopology, publishTopology } from '../../pipeline.js';
import { render } from '../../render/index.js';
import type { CommandContext } from '../context.js';
import { checkOutputTarget, writeResult } from '../output.js';
import { nonEmptyString } from '../options.js';
import { selectorsFromArgs, withScopeOptions, type ScopeArgs } from '../scope-options.js';
import { guardPublicOutput, tableOptionsFromArgs } from '../render-output.js';
import { REFERENCE_STORY, referenceStackInventory } from '../../sources/reference-stack.js';

interface ReferenceStackArgs extends ScopeArgs {
  html: string;
  page: boolean;
  config?: string;
}

/**
 * The README's main job without an AWS account: synthesize the bundled reference stack, print its
 * topology tables, and write its public (redacted) HTML page.
 */
export function referenceStackCommand(context: CommandContext): CommandModule<object, ReferenceStackArgs> {
  return {
    command: 'reference-stack',
    aliases: ['demo'],
    describe: 'No AWS account needed: synthesize the bundled reference stack, print its tables, write its public page',
    builder: (yargs) =>
      withScopeOptions(yargs)
        .option('html', { type: 'string', requiresArg: true, coerce: nonEmptyString('html'), default: 'architecture.html', describe: 'Where to write the public HTML page' })
        .option('page', { type: 'boolean', default: true, describe: 'Write the HTML page (--no-page to skip it)' })
        .option('config', { type: 'string', requiresArg: true, coerce: nonEmptyString('config'), describe: 'Config file (redaction aliases, audit suppressions)' })
        .example('$0 reference-stack', 'Tables on stdout, architecture.html written (redacted)')
        .example('$0 reference-stack --service reference-cluster/reference-worker --no-page', 'One service of it, with where it meets the rest (docs/scoping.md)'),
    handler: async (args) => {
      if (args.page) await checkOutputTarget(args.html, { '--config': args.config });
      const config = await loadValidConfig(args.config);
      const selectors = selectorsFromArgs(args);
      const topology = buildTopology(await referenceStackInventory(context.progress), config, selectors === undefined ? undefined : { selectors, public: false });
      await writeResult(await render(topology, 'table', tableOptionsFromArgs({}, context)), undefined, context.stdout);
      if (args.page) {
        const published = publishTopology(topology, { redactRegion: false, config });
        const { loadStory } = await import('../../render/story.js');
        const { publicStory } = await import('../../redact/story.js');
        const page = await render(published, 'html', { story: publicStory(await loadStory(REFERENCE_STORY), topology, published) });
        await guardPublicOutput(page, topology, 'html');
        await writeResult(page, args.html, context.stdout, { public: true });
        context.stderr.write(`topology: wrote the public page to ${args.html} (${Math.round(page.length / 1024)} KB)\n`);
      }
      context.exitCode = ExitCode.ok;
    },
  };
}
