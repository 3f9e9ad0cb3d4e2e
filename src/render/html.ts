import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { InputFileError } from '../errors.js';
import type { Topology } from '../model/index.js';
import { diagramLayout, inlineSvg } from './diagram/svg.js';
import type { RenderOptions } from './index.js';
import { asStory } from './story.js';
import type { SharedViews } from './shared.js';
import { pageContent } from './story-page.js';
import type { Phrase } from './story-text.js';

/**
 * The portfolio page: one self-contained HTML file (inline CSS and SVG, no script, a CSP that
 * forbids network access) rendered with Handlebars from `templates/`. `--template DIR` overrides
 * the bundled files one by one: `page.hbs`, `page.css`, `partials/<name>.hbs`.
 */

/** The bundled templates, found next to the package rather than in the working directory. */
export const BUNDLED_TEMPLATE_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

interface TemplateFiles {
  page: string;
  css: string;
  partials: Map<string, { path: string; source: string }>;
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputFileError(path, 'cannot read the template file', { cause: error });
  }
}

async function partialNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(join(dir, 'partials'))).filter((name) => name.endsWith('.hbs')).map((name) => basename(name, '.hbs'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** One file from the override directory when it has it, else the bundled one. */
async function pick(relative: string, overrideDir: string | undefined): Promise<{ path: string; source: string }> {
  if (overrideDir !== undefined) {
    const path = join(overrideDir, relative);
    const source = await readIfPresent(path);
    if (source !== undefined) return { path, source };
  }
  const path = join(BUNDLED_TEMPLATE_DIR, relative);
  return { path, source: await readFile(path, 'utf8') };
}

export async function loadTemplates(overrideDir?: string): Promise<TemplateFiles & { pagePath: string }> {
  if (overrideDir !== undefined) {
    const info = await stat(overrideDir).catch(() => undefined);
    if (!info?.isDirectory()) {
      throw new InputFileError(overrideDir, 'the --template directory does not exist', {
        hint: 'Point --template at a directory holding page.hbs, page.css or partials/*.hbs to override.',
      });
    }
  }
  const names = new Set([...(await partialNames(BUNDLED_TEMPLATE_DIR)), ...(overrideDir ? await partialNames(overrideDir) : [])]);
  const partials = new Map<string, { path: string; source: string }>();
  for (const name of [...names].sort()) partials.set(name, await pick(join('partials', `${name}.hbs`), overrideDir));
  const page = await pick('page.hbs', overrideDir);
  const css = await pick('page.css', overrideDir);
  return { page: page.source, pagePath: page.path, css: css.source, partials };
}

/** Escaped text runs, identifiers in `<code>`: the only way page prose reaches the HTML. */
export function phraseHtml(value: Phrase): string {
  return value
    .map((part) => (typeof part === 'string' ? Handlebars.escapeExpression(part) : `<code>${Handlebars.escapeExpression(part.code)}</code>`))
    .join('');
}

/** A table cell: one line per value, each escaped. */
export function cellHtml(value: string): string {
  return value
    .split('\n')
    .map((line) => Handlebars.escapeExpression(line))
    .join('<br>');
}

export interface PrecompiledTemplate {
  source: string;
  spec: TemplateSpecification;
}

/** dist/templates.js, written by scripts/build.mjs: the bundled templates, precompiled, each with its source. */
const PRECOMPILED_URL = new URL('../../dist/templates.js', import.meta.url).href;
let precompiled: Promise<Record<string, PrecompiledTemplate>> | undefined;

/** The precompiled bundled templates by their path under templates/; none when the CLI was not built (running from the sources). */
export function precompiledTemplates(): Promise<Record<string, PrecompiledTemplate>> {
  precompiled ??= import(PRECOMPILED_URL).then(
    (module: { PRECOMPILED_TEMPLATES: Record<string, PrecompiledTemplate> }) => module.PRECOMPILED_TEMPLATES,
    () => ({}),
  );
  return precompiled;
}

/** The precompiled form of a bundled template whose file still has the source it was compiled from. */
export function precompiledFor(path: string, source: string, templates: Record<string, PrecompiledTemplate>): TemplateSpecification | undefined {
  if (!path.startsWith(BUNDLED_TEMPLATE_DIR)) return undefined;
  const template = templates[relative(BUNDLED_TEMPLATE_DIR, path).split(sep).join('/')];
  return template?.source === source ? template.spec : undefined;
}

function compile(env: typeof Handlebars, path: string, source: string, templates: Record<string, PrecompiledTemplate> = {}): HandlebarsTemplateDelegate {
  const spec = precompiledFor(path, source, templates);
  if (spec !== undefined) return env.template(spec);
  try {
    // Parse now so a syntax error names its file, not the first render that meets it.
    env.parse(source);
    return env.compile(source, { preventIndent: true });
  } catch (cause) {
    throw new InputFileError(path, `not a valid Handlebars template: ${(cause as Error).message.split('\n')[0]}`, { cause });
  }
}

function handlebarsEnvironment(
  files: Awaited<ReturnType<typeof loadTemplates>>,
  templates: Record<string, PrecompiledTemplate>,
): { env: typeof Handlebars; page: HandlebarsTemplateDelegate } {
  const env = Handlebars.create();
  env.registerHelper('phrase', (value: Phrase | undefined) => new env.SafeString(phraseHtml(value ?? [])));
  env.registerHelper('cell', (value: string | undefined) => new env.SafeString(cellHtml(value ?? '')));
  for (const [name, partial] of files.partials) env.registerPartial(name, compile(env, partial.path, partial.source, templates));
  return { env, page: compile(env, files.pagePath, files.page, templates) };
}

/** The Graphviz SVG of the page's diagram, labelled for assistive technology. */
async function diagramSvg(content: ReturnType<typeof pageContent>, shared: SharedViews | undefined): Promise<string> {
  const svg = await diagramLayout(content.diagram, 'svg', shared);
  return inlineSvg(svg, { idPrefix: 'architecture-diagram', title: `Architecture diagram: ${content.title}`, description: content.diagramDescription });
}

export async function renderHtml(topology: Topology, options: RenderOptions = {}): Promise<string> {
  const content = pageContent(topology, asStory(options.story), options.shared);
  const files = await loadTemplates(options.templateDir);
  const { env, page } = handlebarsEnvironment(files, await precompiledTemplates());
  const diagram = await diagramSvg(content, options.shared);
  try {
    return page({ page: content, css: new env.SafeString(files.css), diagram: new env.SafeString(diagram) });
  } catch (cause) {
    throw new InputFileError(files.pagePath, `rendering failed: ${(cause as Error).message.split('\n')[0]}`, { cause });
  }
}
