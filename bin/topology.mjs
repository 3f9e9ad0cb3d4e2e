#!/usr/bin/env node
// Runs the compiled JavaScript in dist/ (built by `npm run build`, which `npm ci` runs through
// `prepare`): nothing is transpiled at start-up. tsx is loaded only to read a user's TypeScript CDK app.
import { existsSync } from 'node:fs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('topology: the compiled CLI (dist/) is missing.\n  Run `npm run build` (npm ci and npm install run it too) in the topology folder.\n');
  process.exit(2);
}
const { run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
