import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'reference-stack/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Files share a worker process, so node_modules (the AWS SDK's clients, aws-cdk-lib, Graphviz's
    // WebAssembly) load once per worker, not once per file: that loading was over 40 % of the run’s CPU.
    // test/support/fresh-file.ts evaluates our own modules afresh for every file and puts the
    // environment, working directory, umask and exit code back after it, as isolation did.
    isolate: false,
    setupFiles: ['test/support/fresh-file.ts'],
    // One worker per core, not vitest's default of one fewer: a quarter of a file's time is spent
    // waiting on the processes it starts (CDK apps, npm, PostgreSQL, Chromium, the built CLI).
    maxWorkers: '100%',
    globalSetup: ['test/support/build-dist.ts', 'test/support/run-dir.ts'],
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // aws-cdk-lib's built-in CloudFormation validation (a WebAssembly linter run on every synthesis,
      // in-process and in the CDK apps topology runs as children) is 55–85 % of a synthesis's CPU and
      // nothing of topology reads it. Off for the run; reference-stack/test/reference-stack.test.ts
      // and test/package/install.test.ts turn it back on, to synthesize as a user's machine does.
      CDK_VALIDATION: 'false',
    },
  },
});
