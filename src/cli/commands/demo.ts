import { fileURLToPath } from 'node:url';
import type { CommandModule } from 'yargs';
import { loadValidConfig } from '../config.js';
import { ExitCode } from '../../errors.js';
import type { Inventory } from '../../model/index.js';
import { buildTopology, publishTopology } from '../../pipeline.js';
import { render } from '../../render/index.js';
import type { Progress } from '../progress.js';
import type { CommandContext } from '../context.js';
import { checkOutputTarget, writeResult } from '../output.js';
import { nonEmptyString } from '../options.js';
import { guardPublicOutput } from '../render-output.js';

interface DemoArgs {
  html: string;
  page: boolean;
  config?: string;
}

/**
 * The context the demo deploys the reference stack with: a domain, so the HTTPS listener, the
 * HTTP→HTTPS redirect, the ACM certificate and the Route53 alias are part of the picture. The
 * hosted zone id is a placeholder: synthesis never looks it up.
 */
export const DEMO_STACK_CONTEXT = { domainName: 'example.com', hostedZoneId: 'Z0DEMO0EXAMPLE0ZONE', recordName: 'app' };

/** The narrative the demo page tells around the generated facts. */
export const REFERENCE_STORY = fileURLToPath(new URL('../../../reference-stack/story.md', import.meta.url));

/**
 * Synthesizes the bundled reference stack in-process and reads its cloud assembly. The assembly
 * is cached while the stack's sources are unchanged (reference-stack/cache.ts), so only the first
 * demo pays for loading aws-cdk-lib.
 */
export async function referenceStackInventory(progress: Progress): Promise<Inventory> {
  const { cachedReferenceStack } = await import('../../../reference-stack/cache.js');
  const { loadTemplateInventory } = await import('../../sources/template/index.js');
  progress.step('synthesizing the reference stack (reference-stack/), or reusing its unchanged synthesis');
  const { outdir } = await cachedReferenceStack(DEMO_STACK_CONTEXT);
  return loadTemplateInventory(outdir, progress);
}

/**
 * The README's main job without an AWS account: synthesize the bundled reference stack, print its
 * topology tables, and write its public (redacted) HTML page.
 */
export function demoCommand(context: CommandContext): CommandModule<object, DemoArgs> {
  return {
    command: 'demo',
    describe: 'No AWS account needed: synthesize the bundled reference stack, print its tables, write its public page',
    builder: (yargs) =>
      yargs
        .option('html', { type: 'string', requiresArg: true, coerce: nonEmptyString('html'), default: 'architecture.html', describe: 'Where to write the public HTML page' })
        .option('page', { type: 'boolean', default: true, describe: 'Write the HTML page (--no-page to skip it)' })
        .option('config', { type: 'string', requiresArg: true, coerce: nonEmptyString('config'), describe: 'Config file (redaction aliases, audit suppressions)' })
        .example('$0 demo', 'Tables on stdout, architecture.html written (redacted)'),
    handler: async (args) => {
      if (args.page) await checkOutputTarget(args.html, { '--config': args.config });
      const config = await loadValidConfig(args.config);
      const topology = buildTopology(await referenceStackInventory(context.progress), config);
      await writeResult(await render(topology, 'table'), undefined, context.stdout);
      if (args.page) {
        const published = publishTopology(topology, { redactRegion: false, config });
        const { loadStory } = await import('../../render/story.js');
        const page = await render(published, 'html', { story: await loadStory(REFERENCE_STORY) });
        await guardPublicOutput(page, topology, 'html');
        await writeResult(page, args.html, context.stdout, { public: true });
        context.stderr.write(`topology: wrote the public page to ${args.html} (${Math.round(page.length / 1024)} KB)\n`);
      }
      context.exitCode = ExitCode.ok;
    },
  };
}
