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
 *
 * The bundled Handlebars templates are also precompiled here (dist/templates.js, see
 * `precompiledTemplates`): each with the source it was compiled from, used at run time only while
 * the checked-in file still has that source, so an edited template is compiled as before.
 *
 * The snapshot schema is compiled here too (dist/snapshot-validator.cjs, see `snapshotValidator`).
 *
 * And `topology --help` as yargs prints it at the default width in English is kept in
 * dist/help.txt: bin/topology.mjs prints it without loading the CLI (see `helpSnapshot`).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import Ajv2020 from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import addFormats from 'ajv-formats';
import { build } from 'esbuild';
import Handlebars from 'handlebars';

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

/**
 * dist/templates.js: every bundled template (templates/page.hbs, templates/partials/*.hbs) as
 * Handlebars' precompiled form, keyed by its path under templates/, with its source. Compiling
 * them was a tenth of the page's render (src/render/html.ts compiles any other template, or one
 * whose source changed since this build, as before). Same options as html.ts's compile.
 */
function precompiledTemplates() {
  const dir = path.join(ROOT, 'templates');
  const files = ['page.hbs', ...readdirSync(path.join(dir, 'partials')).filter((name) => name.endsWith('.hbs')).sort().map((name) => `partials/${name}`)];
  const entries = files.map((file) => {
    const source = readFileSync(path.join(dir, file), 'utf8');
    return `  ${JSON.stringify(file)}: { source: ${JSON.stringify(source)}, spec: ${Handlebars.precompile(source, { preventIndent: true })} },`;
  });
  return `// Generated by scripts/build.mjs from templates/: do not edit.\nexport const PRECOMPILED_TEMPLATES = {\n${entries.join('\n')}\n};\n`;
}

/**
 * dist/snapshot-validator.cjs: the snapshot schema (docs/snapshot.schema.json with the resource
 * shapes of docs/topology.schema.json) as Ajv's standalone validation code, with the digest of the
 * schema files it was compiled from. src/snapshot/schema.ts uses it while the files still have
 * that digest (`precompiledValidator`) and compiles them with the same options otherwise;
 * test/snapshot/schema-precompiled.test.ts checks that both answer alike.
 */
function snapshotValidator() {
  const sources = ['docs/topology.schema.json', 'docs/snapshot.schema.json'].map((file) => readFileSync(path.join(ROOT, file), 'utf8'));
  const ajv = new Ajv2020.default({ allErrors: true, strict: true, code: { source: true } });
  addFormats.default(ajv, ['date-time']);
  for (const source of sources) ajv.addSchema(JSON.parse(source));
  const code = standaloneCode.default(ajv, ajv.getSchema('urn:topology:schema:snapshot:1'));
  const hash = createHash('sha256');
  for (const source of sources) hash.update(`${source.length}:${source}`);
  return `// Generated by scripts/build.mjs from docs/*.schema.json: do not edit.\n${code}\nmodule.exports.schemaDigest = ${JSON.stringify(hash.digest('hex'))};\n`;
}

/**
 * What the built CLI prints for `topology --help` when stderr is not a terminal (yargs wraps at
 * 110 columns) and no locale is set (English): bin/topology.mjs prints this for a bare `--help` /
 * `-h` under the same conditions, without loading the CLI (yargs' layout of the help was a third
 * of the start's CPU). test/cli/help-snapshot.test.ts checks the two are the same.
 */
function helpSnapshot() {
  const env = { ...process.env };
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE']) delete env[name];
  const script = `const { run } = await import(${JSON.stringify(new URL('../dist/main.js', import.meta.url).href)}); process.exitCode = await run(['--help']);`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0 || !result.stdout.includes('Options:')) throw new Error(`topology build: could not print the help (${result.status}): ${result.stderr}`);
  return result.stdout;
}

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
await writeFile(path.join(DIST, 'templates.js'), precompiledTemplates());
await writeFile(path.join(DIST, 'snapshot-validator.cjs'), snapshotValidator());
await writeFile(path.join(DIST, 'help.txt'), helpSnapshot());
const chunks = Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js')).length;
process.stderr.write(`topology build: ${Object.keys(result.metafile.inputs).length} modules → ${chunks} chunks in dist/ (${Date.now() - started} ms)\n`);
