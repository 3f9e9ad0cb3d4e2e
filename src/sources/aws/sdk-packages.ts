import { createRequire } from 'node:module';

/**
 * The AWS SDK's packages, loaded with `require` rather than `import`.
 *
 * They are CommonJS. Imported from an ES module, each package's entry file is first compiled once
 * more to detect whether it is CommonJS (it has no "type" field) and then lexed for its export
 * names, before it is compiled and run: for `@aws-sdk/client-ec2`, `-iam` and `-ecs` that was
 * 0.55-0.58 s of CPU where `require` takes 0.26-0.27 s. A walk loads a dozen of them.
 *
 * Types still come from `import type`; only values are taken from here.
 */
const requirePackage = createRequire(import.meta.url);

/**
 * On Node 20 every SDK client warns, when made, that the SDK's releases after January 2027 need
 * Node 22. The lockfile pins releases that run on 20 (README, Requirements), so the notice is not
 * a run's output; set before any client is made, it stays unsaid unless the user sets the variable.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

interface SdkPackages {
  '@aws-sdk/client-cloudformation': typeof import('@aws-sdk/client-cloudformation');
  '@aws-sdk/client-dynamodb': typeof import('@aws-sdk/client-dynamodb');
  '@aws-sdk/client-ec2': typeof import('@aws-sdk/client-ec2');
  '@aws-sdk/client-ecs': typeof import('@aws-sdk/client-ecs');
  '@aws-sdk/client-elastic-load-balancing-v2': typeof import('@aws-sdk/client-elastic-load-balancing-v2');
  '@aws-sdk/client-iam': typeof import('@aws-sdk/client-iam');
  '@aws-sdk/client-organizations': typeof import('@aws-sdk/client-organizations');
  '@aws-sdk/client-rds': typeof import('@aws-sdk/client-rds');
  '@aws-sdk/client-resource-groups-tagging-api': typeof import('@aws-sdk/client-resource-groups-tagging-api');
  '@aws-sdk/client-route-53': typeof import('@aws-sdk/client-route-53');
  '@aws-sdk/client-s3': typeof import('@aws-sdk/client-s3');
  '@aws-sdk/client-sqs': typeof import('@aws-sdk/client-sqs');
  '@aws-sdk/client-sts': typeof import('@aws-sdk/client-sts');
  '@aws-sdk/credential-providers': typeof import('@aws-sdk/credential-providers');
  '@smithy/protocol-http': typeof import('@smithy/protocol-http');
}

/** The package `name`, as `require` loads it (once per process, as `import` would). */
export function sdkPackage<Name extends keyof SdkPackages>(name: Name): SdkPackages[Name] {
  return requirePackage(name) as SdkPackages[Name];
}
