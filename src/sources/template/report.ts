import type { Warning } from '../../model/index.js';
import type { TemplateResource } from './resources.js';
import type { TemplateProblem } from './stack.js';
import { isRecord } from './values.js';

const PLACEHOLDER = /\$\{([A-Za-z0-9]+):([^}]*)\}|\$\{([A-Za-z0-9]+)\.([A-Za-z0-9.]+)\}/;
const PLACEHOLDERS = new RegExp(PLACEHOLDER.source, 'g');

/** Why a placeholder stands where a value should be, in the words a reader can act on. */
export function reasonFor(placeholder: string): string {
  const match = PLACEHOLDER.exec(placeholder);
  if (match === null) return 'unknown';
  const [, kind, name, logicalId, attribute] = match;
  if (logicalId !== undefined) return `${logicalId}.${attribute} is known only once deployed`;
  switch (kind) {
    case 'Param':
      return `parameter ${name} has no value and no default (pass --parameter ${name}=VALUE)`;
    case 'Import':
      return `no stack read exports "${name}" (add the exporting template with another --from)`;
    case 'SSM':
      return `SSM parameter ${name} is read at deployment`;
    case 'Output':
      return `nested stack output ${name} is not declared or the nested template was not found`;
    case 'HostedZone':
      return `hosted zone ${name} is not declared in the templates read`;
    case 'Error':
      return 'not understood (see the template warning)';
    case 'Transform':
      return `macro ${name} runs at deployment`;
    default:
      return `Fn::${kind} of a value that is itself unresolved`;
  }
}

/**
 * Every placeholder inside a resolved value, with the property path it sits at. The path is kept
 * as its parts (`.Key`, `[0]`) and joined only where a placeholder is found: most values have none.
 */
function placeholdersIn(value: unknown, path: string[], found: { path: string; value: string; placeholder: string }[]): void {
  if (typeof value === 'string') {
    if (!value.includes('${')) return;
    for (const match of value.matchAll(PLACEHOLDERS)) found.push({ path: path.join(''), value, placeholder: match[0] });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      path.push(`[${i}]`);
      placeholdersIn(value[i], path, found);
      path.pop();
    }
  } else if (isRecord(value)) {
    for (const key of Object.keys(value)) {
      path.push(`.${key}`);
      placeholdersIn(value[key], path, found);
      path.pop();
    }
  }
}

/**
 * One `unresolved` warning listing every property whose value is only partly known, each once:
 * `web-service: Resources.Service.Properties.LoadBalancers[0].ContainerPort is ${Param:Port}
 * (parameter Port has no value...)`.
 */
export function unresolvedWarning(resources: TemplateResource[]): Warning | undefined {
  const lines = new Set<string>();
  for (const resource of resources) {
    const found: { path: string; value: string; placeholder: string }[] = [];
    placeholdersIn(resource.properties, [`Resources.${resource.logicalId}.Properties`], found);
    for (const { path, value, placeholder } of found) lines.add(`${resource.env.stackName}: ${path} is ${value} (${reasonFor(placeholder)})`);
  }
  if (lines.size === 0) return undefined;
  return {
    code: 'unresolved',
    message: `${lines.size} template value(s) could not be resolved and are shown as placeholders: ${[...lines].join('; ')}.`,
  };
}

/** Each part of a template this reader did not understand: a warning, never an abort. */
export function problemWarnings(problems: TemplateProblem[]): Warning[] {
  return problems.map((problem) => ({
    code: 'unresolved',
    message: `${problem.file}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.message}.`,
  }));
}
