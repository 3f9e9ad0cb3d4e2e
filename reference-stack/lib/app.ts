import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { configFromNode } from './config.js';
import { REFERENCE_STACK_NAME, ReferenceStack } from './reference-stack.js';

const CDK_JSON = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'cdk.json');

export interface ReferenceAppOptions {
  outdir?: string;
  /** Context that wins over cdk.json and over `-c` values from the CDK CLI. */
  context?: Record<string, unknown>;
}

/** cdk.json's context (options and feature flags). */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(CDK_JSON, 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/**
 * The app with its one stack and the cdk-nag AwsSolutions pack: a violation fails synthesis.
 * cdk.json's context is the base either way, so running the file directly, through the CDK CLI
 * (which adds `-c` values) or in-process gives the same template.
 */
export function buildReferenceApp(options: ReferenceAppOptions = {}): { app: App; stack: ReferenceStack } {
  const app = new App({
    ...(options.outdir === undefined ? {} : { outdir: options.outdir }),
    context: cdkJsonContext(),
    ...(options.context === undefined ? {} : { postCliContext: options.context }),
  });
  const stack = new ReferenceStack(app, REFERENCE_STACK_NAME, { config: configFromNode(app.node) });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
