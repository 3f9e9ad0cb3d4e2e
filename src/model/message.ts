import type { Finding, InventoryIndex, NodeRef } from './index.js';
import { listOf, nodeName } from './names.js';

/**
 * Finding messages as structure: the tool's own words, public values, and references to what the
 * message names. `--public` rebuilds the sentence from these parts with each reference's public
 * name, instead of searching the finished sentence for real names (which confuses a service called
 * `api` with the word in `ecr.api`, and cannot see a name of one or two characters).
 */
export type MessagePart =
  /** The tool's own words and values every account shares (ports, TLS policy names, actions, counts). */
  | { kind: 'text'; text: string }
  /** A resource: shown by its name, or by its public name under --public. */
  | { kind: 'node'; node: NodeRef; name: string }
  /** An identifier that is no node of the topology: shown by what redaction makes of that kind of value. */
  | { kind: 'identifier'; type: IdentifierType; value: string; text: string }
  /** A value with no public form (user-supplied text, an error message): hidden under --public. */
  | { kind: 'hidden'; text: string }
  /** `a`, `a and b`, `a, b and c`. */
  | { kind: 'list'; items: MessagePart[][] };

/**
 * What an identifier is, which decides its public form: `cidr` a block or address, `subnet` a
 * subnet id shown by the subnet's name, `ec2-id` any other EC2 id (`sg-…`, `rtb-…`), `container`
 * a container name, `inline-policy` / `managed-policy` a customer policy name.
 */
export type IdentifierType = 'cidr' | 'subnet' | 'task-family' | 'dns-name' | 'region' | 'ec2-id' | 'container' | 'inline-policy' | 'managed-policy' | 'account';

export interface Message {
  message: string;
  parts: MessagePart[];
}

/** What a message template may interpolate. A bare string is not allowed: say what it is. */
export type Interpolation = number | MessagePart | Message | Interpolation[];

/** The sentence the parts spell, with each reference named by `nameOf`. */
export function spell(parts: MessagePart[], nameOf: (part: Exclude<MessagePart, { kind: 'text' } | { kind: 'list' }>) => string): string {
  return parts
    .map((part) => {
      if (part.kind === 'text') return part.text;
      if (part.kind === 'list') return listOf(part.items.map((item) => spell(item, nameOf)));
      return nameOf(part);
    })
    .join('');
}

const realName = (part: Exclude<MessagePart, { kind: 'text' } | { kind: 'list' }>): string =>
  part.kind === 'node' ? part.name : part.text;

function toParts(value: Interpolation): MessagePart[] {
  if (typeof value === 'number') return [{ kind: 'text', text: String(value) }];
  if (Array.isArray(value)) return [{ kind: 'list', items: value.map(toParts) }];
  if ('parts' in value) return value.parts;
  return [value];
}

/** A message template: `` message`Queue ${nameOf(index, ref)} has no dead-letter queue.` `` */
export function message(strings: TemplateStringsArray, ...values: Interpolation[]): Message {
  const parts: MessagePart[] = [];
  strings.forEach((literal, i) => {
    if (literal !== '') parts.push({ kind: 'text', text: literal });
    if (i < values.length) parts.push(...toParts(values[i]!));
  });
  return { message: spell(parts, realName), parts };
}

/** A resource, named as a reviewer knows it. */
export function nameOf(index: InventoryIndex, ref: NodeRef): MessagePart {
  return { kind: 'node', node: ref, name: nodeName(index, ref) };
}

/** A value every account shares: a port, a protocol, a TLS policy, an IAM action, a variable name. */
export function shared(text: string | number): MessagePart {
  return { kind: 'text', text: String(text) };
}

/** `value` is what identifies it (a subnet id); `text` how the message spells it (the subnet's name). */
export function identifier(type: IdentifierType, value: string, text = value): MessagePart {
  return { kind: 'identifier', type, value, text };
}

export function hidden(text: string): MessagePart {
  return { kind: 'hidden', text };
}

/** The parts of each finding a rule built with `message`: kept beside the finding, not in the output model. */
const partsByFinding = new WeakMap<Finding, MessagePart[]>();

export function recordMessageParts(finding: Finding, parts: MessagePart[] | undefined): Finding {
  if (parts !== undefined) partsByFinding.set(finding, parts);
  return finding;
}

export function messagePartsOf(finding: Finding): MessagePart[] | undefined {
  return partsByFinding.get(finding);
}
