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
  // A loop and one string: messages are made for every edge's evidence (38,400 at 1,000 services).
  let sentence = '';
  for (const part of parts) {
    if (part.kind === 'text') sentence += part.text;
    else if (part.kind === 'list') sentence += listOf(part.items.map((item) => spell(item, nameOf)));
    else sentence += nameOf(part);
  }
  return sentence;
}

const realName = (part: Exclude<MessagePart, { kind: 'text' } | { kind: 'list' }>): string =>
  part.kind === 'node' ? part.name : part.text;

function toParts(value: Interpolation): MessagePart[] {
  const parts: MessagePart[] = [];
  pushParts(parts, value);
  return parts;
}

function pushParts(parts: MessagePart[], value: Interpolation): void {
  if (typeof value === 'number') parts.push({ kind: 'text', text: String(value) });
  else if (Array.isArray(value)) parts.push({ kind: 'list', items: value.map(toParts) });
  else if ('parts' in value) for (const part of value.parts) parts.push(part);
  else parts.push(value);
}

/** A message template: `` message`Queue ${nameOf(index, ref)} has no dead-letter queue.` `` */
export function message(strings: TemplateStringsArray, ...values: Interpolation[]): Message {
  const parts: MessagePart[] = [];
  for (let i = 0; i < strings.length; i++) {
    const literal = strings[i]!;
    if (literal !== '') parts.push({ kind: 'text', text: literal });
    if (i < values.length) pushParts(parts, values[i]!);
  }
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
