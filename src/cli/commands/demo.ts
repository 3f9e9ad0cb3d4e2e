import { fileURLToPath } from 'node:url';
import type { CommandModule } from 'yargs';
import { ExitCode } from '../../errors.js';
import { render } from '../../render/index.js';
import type { CommandContext } from '../context.js';
import { loadTopology } from '../load.js';
import { writeResult } from '../output.js';
import { guardPublicOutput } from '../render-output.js';

interface DemoArgs {
  html: string;
  page: boolean;
}

export const REFERENCE_STACK_DIR = fileURLToPath(new URL('../../../reference-stack', import.meta.url));

/**
 * The README's main job without an AWS account: synthesize the embedded reference stack, print its
 * topology tables, and write its public (redacted) HTML page.
 */
export function demoCommand(context: CommandContext): CommandModule<object, DemoArgs> {
  return {
    command: 'demo',
    describe: 'No AWS account needed: synthesize the bundled reference stack, print its tables, write its public page',
    builder: (yargs) =>
      yargs
        .option('html', { type: 'string', default: 'architecture.html', describe: 'Where to write the public HTML page' })
        .option('page', { type: 'boolean', default: true, describe: 'Write the HTML page (--no-page to skip)' })
        .example('$0 demo', 'Tables on stdout, architecture.html written (redacted)'),
    handler: async (args) => {
      context.progress.step('synthesizing the reference stack');
      const loaded = await loadTopology({ from: REFERENCE_STACK_DIR }, context.progress);
      await writeResult(await render(loaded.topology, 'table'), undefined, context.stdout);
      if (args.page) {
        const { publishTopology } = await import('../../pipeline.js');
        const published = publishTopology(loaded.original, { redactRegion: false, config: loaded.config });
        const page = await render(published, 'html' as never);
        await guardPublicOutput(page, loaded.original, 'html');
        await writeResult(page, args.html);
        context.stderr.write(`topology: wrote the public page to ${args.html}\n`);
      }
      context.exitCode = ExitCode.ok;
    },
  };
}
