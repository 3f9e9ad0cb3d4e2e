// Loaded with `--import` into the process that runs a CDK app (see ../cdk-app.ts). Plain JavaScript:
// it also runs, through NODE_OPTIONS, in processes that have no TypeScript loader.
//
// 1. Reports how the app failed (sync throw, rejected promise, any value) as JSON in the file
//    TOPOLOGY_CDK_FAILURE_FILE names, so the parent can word one clear message instead of a trace.
// 2. With TOPOLOGY_CDK_FALLBACK set (the app has no aws-cdk-lib of its own), resolves aws-cdk-lib
//    and constructs from that file's folder when the app's own folders do not have them.
import { writeFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { dirname } from 'node:path';

const failureFile = process.env.TOPOLOGY_CDK_FAILURE_FILE;
const fallbackBase = process.env.TOPOLOGY_CDK_FALLBACK;
const FALLBACK_PACKAGES = /^(?:aws-cdk-lib|constructs)(?:\/|$)/;

function reportFailure(reason) {
  const error = reason instanceof Error ? reason : undefined;
  const report = {
    name: error?.name,
    code: error?.code,
    message: error ? String(error.message) : typeof reason === 'string' ? reason : JSON.stringify(reason) ?? String(reason),
  };
  try {
    if (failureFile) writeFileSync(failureFile, JSON.stringify(report), { flag: 'wx' });
  } catch {
    // A failure reported earlier (by the first process that failed) is the one that counts.
  }
  process.exit(1);
}

if (failureFile) {
  process.on('uncaughtException', reportFailure);
  process.on('unhandledRejection', reportFailure);
}

if (fallbackBase) {
  const fallbackParent = { id: fallbackBase, filename: fallbackBase, paths: Module._nodeModulePaths(dirname(fallbackBase)) };
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function resolveWithFallback(request, parent, isMain, options) {
    try {
      return resolveFilename.call(this, request, parent, isMain, options);
    } catch (error) {
      if (error?.code !== 'MODULE_NOT_FOUND' || !FALLBACK_PACKAGES.test(request)) throw error;
      return resolveFilename.call(this, request, fallbackParent, isMain, options);
    }
  };
  register('./resolve-fallback.mjs', import.meta.url, { data: { parentURL: pathToFileURL(fallbackBase).href } });
}
