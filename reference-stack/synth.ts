import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildReferenceApp } from './lib/app.js';

export interface SynthesizeOptions {
  /** Where the cloud assembly goes; a fresh temporary directory when omitted. */
  outdir?: string;
  /** Overrides cdk.json's context, e.g. `{ domainName, hostedZoneId, natGateways: '0' }`. */
  context?: Record<string, string>;
}

export interface SynthesizedReferenceStack {
  outdir: string;
  templatePath: string;
  stackName: string;
}

/**
 * Synthesizes the reference stack in this process: no Docker (image assets are only staged), no
 * credentials, no network. Throws if cdk-nag reports an unacknowledged violation.
 */
export async function synthesizeReferenceStack(options: SynthesizeOptions = {}): Promise<SynthesizedReferenceStack> {
  const outdir = options.outdir ?? mkdtempSync(path.join(tmpdir(), 'topology-reference-'));
  // As `cdk synth` does: each resource's construct path in its metadata, which topology names it by.
  const { app, stack } = buildReferenceApp({ outdir, context: { 'aws:cdk:enable-path-metadata': true, ...options.context } });
  const assembly = app.synth();
  const artifact = assembly.getStackByName(stack.stackName);
  return { outdir: assembly.directory, templatePath: path.join(assembly.directory, artifact.templateFile), stackName: stack.stackName };
}
