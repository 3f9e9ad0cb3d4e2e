#!/usr/bin/env node
/**
 * Compiles the CLI to plain JavaScript in dist/ (`npm run build`; `npm ci` and `npm install` run
 * it through `prepare`), so that `topology` starts without transpiling TypeScript at run time.
 *
 * One esbuild bundle from src/cli/main.ts, split at every dynamic `import()` so that commands,
 * sources and renderers are only loaded when a run needs them. Packages stay in node_modules
 * (external), except yargs: its many small modules are most of the start-up time when loaded
 * one by one. Type checking stays with `npm run typecheck` (tsc); this step only strips types.
 *
 * Modules find their data files relative to their own location (`new URL('../../templates/',
 * import.meta.url)`). In a bundle every module would share the chunk's URL, so each source's
 * `import.meta.url` is replaced by the URL of its .ts file: data is read from the checked-in
 * files, never from copies in dist/ that could go stale.
 */
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const BUNDLED_PACKAGES = new Set(['yargs', 'yaml']);

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]
  .filter((name) => !BUNDLED_PACKAGES.has(name))
  .flatMap((name) => [name, `${name}/*`]);

/** `import.meta.url` of each of our sources → its own file's URL, computed from the chunk's. */
const sourceUrls = {
  name: 'source-urls',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      const fromDist = path.relative(DIST, args.path).split(path.sep).join('/');
      const url = `new URL(${JSON.stringify(fromDist)}, import.meta.url).href`;
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

/**
 * yargs measures every help line with string-width, which segments graphemes and runs an emoji
 * regex per character: most of `topology --help`'s time. Printable ASCII is one column per
 * character in every string-width version (checked for each character), so such strings skip
 * the measurement; any other string goes to the real string-width as before.
 */
const asciiStringWidth = {
  name: 'ascii-string-width',
  setup(builder) {
    builder.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData?.real) return undefined;
      const real = await builder.resolve('string-width', { resolveDir: args.resolveDir, kind: args.kind, pluginData: { real: true } });
      return { path: real.path, namespace: 'ascii-string-width' };
    });
    builder.onLoad({ filter: /.*/, namespace: 'ascii-string-width' }, (args) => ({
      contents: [
        `import stringWidth from ${JSON.stringify(args.path)};`,
        'const PRINTABLE_ASCII = /^[\\x20-\\x7e]*$/;',
        'export default function asciiFirstStringWidth(string, options) {',
        "  return typeof string === 'string' && PRINTABLE_ASCII.test(string) ? string.length : stringWidth(string, options);",
        '}',
      ].join('\n'),
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

const started = Date.now();
await rm(DIST, { recursive: true, force: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: DIST,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  // Bundled CommonJS dependencies of yargs call require(); ESM has none of its own.
  banner: { js: "import { createRequire as __topologyCreateRequire } from 'node:module'; const require = __topologyCreateRequire(import.meta.url);" },
  plugins: [sourceUrls, asciiStringWidth],
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  metafile: true,
});
const chunks = Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js')).length;
process.stderr.write(`topology build: ${Object.keys(result.metafile.inputs).length} modules → ${chunks} chunks in dist/ (${Date.now() - started} ms)\n`);
