import { fileURLToPath } from 'node:url';
import type { Inventory } from '../model/index.js';
import type { Progress } from '../model/progress.js';

/**
 * The one door to the bundled reference stack (`reference-stack/`, outside src/): the CDK app the
 * `reference-stack` command synthesizes, and the story its page tells. Nothing else in src/
 * imports from `reference-stack/`.
 */

/**
 * The context the reference stack is synthesized with: a domain, so the HTTPS listener, the
 * HTTP→HTTPS redirect, the ACM certificate and the Route53 alias are part of the picture. The
 * hosted zone id is a placeholder: synthesis never looks it up.
 */
export const DEMO_STACK_CONTEXT = { domainName: 'example.com', hostedZoneId: 'Z0DEMO0EXAMPLE0ZONE', recordName: 'app' };

/** The narrative the reference stack's page tells around the generated facts. */
export const REFERENCE_STORY = fileURLToPath(new URL('../../reference-stack/story.md', import.meta.url));

/**
 * Synthesizes the bundled reference stack in-process and reads its cloud assembly. The assembly
 * is cached while the stack's sources are unchanged (reference-stack/cache.ts), so only the first
 * run pays for loading aws-cdk-lib.
 */
export async function referenceStackInventory(progress: Progress): Promise<Inventory> {
  const { cachedReferenceStack } = await import('../../reference-stack/cache.js');
  const { loadTemplateInventory } = await import('./template/index.js');
  progress.step('synthesizing the reference stack (reference-stack/), or reusing its unchanged synthesis');
  const { outdir } = await cachedReferenceStack(DEMO_STACK_CONTEXT);
  return loadTemplateInventory(outdir, progress);
}
