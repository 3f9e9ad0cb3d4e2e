import { oncePerRun } from './once-per-run.js';

/**
 * The bundled reference stack synthesized once per test run, as `--from reference-stack` does it
 * (cdk.json's context, through reference-stack/synth.ts): its cloud assembly directory, for every
 * test file that reads the stack with `loadTemplateInventory`. Context of their own (a domain, no
 * NAT gateways) still means a synthesis of their own.
 */
export function referenceStackAssembly(): Promise<string> {
  return oncePerRun('reference-stack', async (dir) => {
    const { synthesizeReferenceStack } = await import('../../reference-stack/synth.js');
    return (await synthesizeReferenceStack({ outdir: dir })).outdir;
  });
}
