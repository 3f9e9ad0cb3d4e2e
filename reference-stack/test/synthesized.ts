import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { type SynthesizedReferenceStack, synthesizeReferenceStack } from '../synth.js';

export interface Synthesized extends SynthesizedReferenceStack {
  template: Template;
  /** The raw template, for checks that walk every resource. */
  json: { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
}

/** One in-process synthesis into a fresh directory: call it once per test file, in beforeAll. */
export async function synthesize(context: Record<string, string> = {}): Promise<Synthesized> {
  const outdir = mkdtempSync(path.join(tmpdir(), 'reference-stack-test-'));
  const result = await synthesizeReferenceStack({ outdir, context });
  const json = JSON.parse(readFileSync(result.templatePath, 'utf8')) as Synthesized['json'];
  return { ...result, json, template: Template.fromJSON(json) };
}

/** Logical ids of the resources of one type whose properties match. */
export function logicalIds(synthesized: Synthesized, type: string, props?: unknown): string[] {
  return Object.keys(synthesized.template.findResources(type, props === undefined ? undefined : { Properties: props }));
}

export function onlyLogicalId(synthesized: Synthesized, type: string, props?: unknown): string {
  const ids = logicalIds(synthesized, type, props);
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}: ${ids.join(', ')}`);
  return ids[0]!;
}

export const EXAMPLE_DOMAIN = { domainName: 'example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' };
