import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { configFromNode } from './config.js';
import { REFERENCE_STACK_NAME, ReferenceStack } from './reference-stack.js';

export interface ReferenceAppOptions {
  outdir?: string;
  /** Context values; when the CDK CLI runs the app it passes cdk.json's context itself. */
  context?: Record<string, unknown>;
}

/** The app with its one stack and the cdk-nag AwsSolutions pack: a violation fails synthesis. */
export function buildReferenceApp(options: ReferenceAppOptions = {}): { app: App; stack: ReferenceStack } {
  const app = new App({
    ...(options.outdir === undefined ? {} : { outdir: options.outdir }),
    ...(options.context === undefined ? {} : { context: options.context }),
  });
  const stack = new ReferenceStack(app, REFERENCE_STACK_NAME, { config: configFromNode(app.node) });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
