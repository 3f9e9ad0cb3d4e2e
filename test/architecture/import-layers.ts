import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

/**
 * The layers of src/ and which may import which: data flows `sources → model → correlate → audit →
 * redact → render`, `cli/` wires it all. A layer is the first folder under src/ (`src/render/…` is
 * `render`); the files at the top of src/ are layers of their own (`errors`, `config`, `pipeline`).
 * A layer may always import itself. docs/architecture.md prints this table; a test checks they agree.
 */
export const ALLOWED_IMPORTS = {
  /** The shared vocabulary: types, kinds, constants every stage speaks. */
  model: [],
  /** Exit codes and the error classes every stage throws. */
  errors: [],
  /** The config file (`--config`): read once, sections handed to the stages. */
  config: ['errors'],
  /** Live AWS, templates, snapshots, recorded account: each produces an Inventory. */
  sources: ['model', 'errors', 'snapshot'],
  /** Inventory → edges. */
  correlate: ['model', 'errors'],
  /** Selectors + correlated edges → one application's inventory, edges and stubs (docs/scoping.md). */
  scope: ['model', 'errors'],
  /** Rules over inventory and edges → findings (rules reuse correlate's IAM matching). */
  audit: ['model', 'errors', 'correlate'],
  /** Topology → public topology; the leak guard. */
  redact: ['model', 'errors', 'audit'],
  /** Topology → text, HTML, SVG, SARIF (SARIF carries the rules' metadata). */
  render: ['model', 'errors', 'audit', 'redact'],
  /** The snapshot file format. */
  snapshot: ['model', 'errors'],
  /** Compare two topologies (snapshots or IaC) and say what drifted. */
  drift: ['model', 'errors', 'snapshot'],
  /** correlate → audit → redact, for the commands. */
  pipeline: ['model', 'errors', 'config', 'correlate', 'scope', 'audit', 'redact'],
  /** The commands: may wire any layer. */
  cli: ['model', 'errors', 'config', 'sources', 'correlate', 'scope', 'audit', 'redact', 'render', 'snapshot', 'drift', 'pipeline'],
} as const satisfies Record<string, readonly string[]>;

export type Layer = keyof typeof ALLOWED_IMPORTS;

/** One import the table forbids but that is right where it is, and why. By file, never by layer. */
export interface LayerException {
  from: string;
  to: string;
  why: string;
}

export const EXCEPTIONS: readonly LayerException[] = [
  {
    from: 'redact/tool-words.ts',
    to: 'render/views.ts',
    why: 'the leak guard reads rendered output; it must know the table titles and columns renderers print, which are the tool\'s words, not the account\'s',
  },
  {
    from: 'sources/reference-stack.ts',
    to: '../reference-stack/cache.ts',
    why: 'the one door to the bundled CDK app outside src/ (the reference-stack command synthesizes it)',
  },
];

export interface SourceFile {
  /** Path relative to the checked root (`render/views.ts`), `/`-separated. */
  path: string;
  text: string;
}

export interface ImportViolation {
  from: string;
  specifier: string;
  /** The imported file, relative to the root (`../` when outside it). */
  to: string;
  fromLayer: string;
  toLayer: string;
}

/** Every `.ts`/`.mts`/`.mjs` file under `root`, paths relative to it. */
export function readSources(root: string): SourceFile[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return walk(full);
      return /\.(m?ts|mjs)$/.test(entry.name) ? [full] : [];
    });
  return walk(root)
    .sort()
    .map((file) => ({ path: path.relative(root, file).split(path.sep).join('/'), text: readFileSync(file, 'utf8') }));
}

/**
 * Relative module specifiers of a file: static imports, `import type`, `export … from` and
 * dynamic `import()`, as TypeScript's own pre-processor finds them (comments and strings ignored).
 */
export function relativeImports(text: string): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map((file) => file.fileName).filter((name) => name.startsWith('./') || name.startsWith('../'));
}

/** `render/views.ts` → `render`; `errors.ts` → `errors`; outside the root: `../reference-stack`. */
export function layerOf(relativePath: string): string {
  if (relativePath.startsWith('../')) return relativePath.split('/').slice(0, 2).join('/');
  const [first = '', ...rest] = relativePath.split('/');
  return rest.length === 0 ? first.replace(/\.(m?ts|mjs)$/, '') : first;
}

/** The file an import names, relative to the root, with the `.js` written in imports read as `.ts`. */
function resolveImport(from: string, specifier: string): string {
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  return joined.replace(/\.js$/, '.ts');
}

/** The imports of `files` that go against `allowed`, less the listed exceptions. */
export function layerViolations(
  files: readonly SourceFile[],
  allowed: Record<string, readonly string[]> = ALLOWED_IMPORTS,
  exceptions: readonly LayerException[] = EXCEPTIONS,
): ImportViolation[] {
  const violations: ImportViolation[] = [];
  for (const file of files) {
    const fromLayer = layerOf(file.path);
    for (const specifier of relativeImports(file.text)) {
      const to = resolveImport(file.path, specifier);
      const toLayer = layerOf(to);
      if (toLayer === fromLayer) continue;
      if (allowed[fromLayer]?.includes(toLayer)) continue;
      if (exceptions.some((exception) => exception.from === file.path && exception.to === to)) continue;
      violations.push({ from: file.path, specifier, to, fromLayer, toLayer });
    }
  }
  return violations;
}

/** `render/x.ts imports ../correlate/match.js (render → correlate)`: one line a reviewer can act on. */
export function describeViolation(violation: ImportViolation): string {
  return `${violation.from} imports ${violation.specifier} (${violation.fromLayer} → ${violation.toLayer})`;
}
