import { indexInventory, nameFromId, NODE_KIND_LABELS, resourceName, scopeLabel, stubText, type Topology } from '../model/index.js';
import { requestPaths, workerPaths, type ArchitecturePath } from './story-paths.js';
import { plainText } from './story-text.js';
import { DEFAULT_TABLE_WIDTH, textWidth, wrapLine } from './table.js';

/**
 * `topology paths`: the request and worker paths the page derives (story-paths.ts), for the
 * terminal. Each path is a chain of hops, each hop one step further in, with the evidence of the
 * hop (why the two resources are linked) under it, wrapped at separators to the width:
 *
 *   app.example.com -> web
 *   Route53 record: app.example.com
 *     Route53 resolves app.example.com to public-app-alb (alias A record).
 *     -> ALB: public-app-alb
 *          public-app-alb is an internet-facing ALB in public subnets, listening on HTTPS 443.
 */
export interface PathsOptions {
  width?: number;
}

/** Hops indent by this much each, up to MAX_DEPTH (long chains stay readable at 80 columns). */
const INDENT = 2;
const MAX_DEPTH = 8;

export function renderPaths(topology: Topology, options: PathsOptions = {}): string {
  const width = options.width ?? DEFAULT_TABLE_WIDTH;
  const sections = [
    ['REQUEST PATHS', requestPaths(topology), '(none: no load balancer forwards to an ECS service)'],
    ['WORKER PATHS', workerPaths(topology), '(none: no ECS service consumes a queue)'],
  ] as const;
  const rendered = sections.map(([title, paths, none]) => [title, ...(paths.length === 0 ? [none] : paths.map((path) => renderPath(path, width)))].join('\n\n'));
  const scope = scopeSection(topology, width);
  return `${[...rendered, ...(scope === undefined ? [] : [scope])].join('\n\n')}\n`;
}

/** A scoped topology's stubs: each resource of the scope where it meets the rest, and what lies beyond (counted, never named). */
export function scopeStubs(topology: Topology): { resource: string; kind: string; beyond: string }[] {
  if (topology.scope === undefined) return [];
  const index = indexInventory(topology.inventory);
  return topology.scope.stubs.map((stub) => ({
    resource: resourceName(index, stub.node) ?? nameFromId(stub.node),
    kind: NODE_KIND_LABELS[stub.node.kind],
    beyond: stubText(stub, (kind) => NODE_KIND_LABELS[kind]),
  }));
}

/** `SCOPE`: which selectors, then one line per stub (`shared-db (RDS instance): shared with 1 ECS service outside this scope`). */
function scopeSection(topology: Topology, width: number): string | undefined {
  if (topology.scope === undefined) return undefined;
  const stubs = scopeStubs(topology);
  const lines = [
    'SCOPE',
    '',
    ...indented(`${scopeLabel(topology.scope.selectors)}: the paths above are this application's; where it meets the rest of the account (docs/scoping.md):`, 0, 0, width),
    ...(stubs.length === 0 ? ['(nothing beyond this scope: no edge leaves it)'] : stubs.flatMap((stub) => indented(`${stub.resource} (${stub.kind}): ${stub.beyond}`, INDENT, INDENT * 2, width))),
  ];
  return lines.join('\n');
}

/**
 * One path: its title, then each hop one step further in than the one before, except the data
 * stores after the path's service: those are branches of the service, all one step in from it.
 */
export function renderPath(path: ArchitecturePath, width: number): string {
  const lines = [path.title.replace(/ → /g, ' -> ')];
  const service = path.steps.map((step) => step.name).lastIndexOf(path.service);
  path.steps.forEach((step, i) => {
    const depth = Math.min(service >= 0 && i > service ? service + 1 : i, MAX_DEPTH);
    const marker = i === 0 ? '' : '-> ';
    const hopIndent = depth * INDENT;
    lines.push(...indented(`${marker}${step.kind}: ${step.name}`, hopIndent, hopIndent + marker.length, width));
    const evidenceIndent = hopIndent + marker.length + INDENT;
    lines.push(...indented(plainText(step.text).replace(/→/g, '->'), evidenceIndent, evidenceIndent, width));
  });
  return lines.join('\n');
}

/** Text wrapped to the width: its first line indented by `first`, the rest by `rest`. */
function indented(text: string, first: number, rest: number, width: number): string[] {
  const room = Math.max(20, width - rest);
  return wrapProse(text, room).map((piece, i) => ' '.repeat(i === 0 ? first : rest) + piece);
}

/** Prose wraps at spaces; a word wider than the line wraps at its own separators (wrapLine). */
export function wrapProse(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    if (current === '' || textWidth(`${current} ${word}`) <= width) {
      current = current === '' ? word : `${current} ${word}`;
      if (textWidth(current) <= width) continue;
    } else {
      lines.push(current);
      current = word;
      if (textWidth(current) <= width) continue;
    }
    const pieces = wrapLine(current, width);
    lines.push(...pieces.slice(0, -1));
    current = pieces.at(-1) ?? '';
  }
  if (current !== '') lines.push(current);
  return lines;
}

/** The same paths as data: `--format json`. */
export function pathsJson(topology: Topology): string {
  const plain = (paths: ArchitecturePath[]) =>
    paths.map((path) => ({ title: path.title, service: path.service, steps: path.steps.map((step) => ({ kind: step.kind, name: step.name, evidence: plainText(step.text) })) }));
  const scope = topology.scope === undefined ? {} : { scope: { selectors: scopeLabel(topology.scope.selectors), stubs: scopeStubs(topology) } };
  return `${JSON.stringify({ requestPaths: plain(requestPaths(topology)), workerPaths: plain(workerPaths(topology)), ...scope }, null, 2)}\n`;
}
