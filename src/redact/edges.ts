import { fieldPartsOf } from '../model/fields.js';
import { messagePartsOf, spell, type MessagePart } from '../model/message.js';
import { nodeName } from '../model/names.js';
import { KINDS, getOrMake, nodeIdShape, numbersAndBooleans, type Edge, type EdgeAttributes, type Evidence, type Finding, type InventoryIndex, type NodeKind, type NodeRef } from '../model/index.js';
import { redactArn } from './arns.js';
import type { PublicNames } from './names.js';
import { REDACTED } from './vocabulary.js';

/**
 * Edges, findings and warnings: node ids are rewritten with the same names the inventory got (so
 * every edge still connects the nodes it connected), evidence keeps its match type, free text is
 * scrubbed.
 */
export interface TextRedaction {
  names: PublicNames;
  scrub: (text: string) => string;
  /** The redacted inventory, indexed: finding messages name nodes the way the public output does. */
  publicIndex: InventoryIndex;
}

/** What a suppression's reason (free text from the config file) becomes. */
export const REDACTED_REASON = 'reason not published';

export function redactNode(r: TextRedaction, node: NodeRef): NodeRef {
  let byKind = REWRITTEN_IDS.get(r);
  if (byKind === undefined) REWRITTEN_IDS.set(r, (byKind = new Map()));
  const byId = getOrMake(byKind, node.kind, () => new Map<string, string>());
  return { kind: node.kind, id: getOrMake(byId, node.id, () => nodeId(r, node)) };
}

/**
 * Node ids already rewritten, per walk (a `TextRedaction` each) and kind. The ends of the edges
 * name the same nodes again and again (76,800 ends at 1,000 services), and an id rewritten again
 * is rewritten alike: `PublicNames` labels a value once and remembers it. The first walk learns
 * every name and the second writes them once collisions are settled, so each walk keeps its own.
 */
const REWRITTEN_IDS = new WeakMap<TextRedaction, Map<NodeKind, Map<string, string>>>();

/** Node ids are rewritten by their shape, which the registry of kinds gives. */
function nodeId({ names }: TextRedaction, { kind, id }: NodeRef): string {
  switch (nodeIdShape(kind)) {
    case 'arn':
      return redactArn(names, id);
    case 'ec2-id':
      return names.ec2Id(id);
    case 'cidr':
      return names.cidr(id);
    case 'dns-record':
      return dnsRecordNodeId(names, id);
    case 'zone-id':
      return names.label('zone-id', id);
    case 'plain':
      return id;
  }
}

/** `zoneId|name|type|setIdentifier`, each part as the redacted record spells it. */
function dnsRecordNodeId(names: PublicNames, id: string): string {
  const [zoneId = '', name = '', type = '', setIdentifier = ''] = id.split('|');
  return [names.label('zone-id', zoneId), names.host(name), type, setIdentifier === '' ? '' : names.label('set-identifier', setIdentifier, 'set')].join('|');
}

export function redactEdge(r: TextRedaction, edge: Edge): Edge {
  return {
    kind: edge.kind,
    from: redactNode(r, edge.from),
    to: redactNode(r, edge.to),
    evidence: edge.evidence.map((evidence) => redactEvidence(r, evidence)),
    attributes: redactAttributes(r.names, edge.attributes),
  };
}

/** Numbers, flags and the known enum attributes; the container name is replaced; anything else is dropped. */
function redactAttributes(names: PublicNames, attributes: EdgeAttributes): EdgeAttributes {
  const { protocol, direction, roleSlot, dbTargetType, containerName } = attributes;
  return {
    ...numbersAndBooleans(attributes),
    ...(protocol === undefined ? {} : { protocol }),
    ...(direction === undefined ? {} : { direction }),
    ...(roleSlot === undefined ? {} : { roleSlot }),
    ...(dbTargetType === undefined ? {} : { dbTargetType }),
    ...(containerName === undefined ? {} : { containerName: names.label('container', containerName) }),
  };
}

/**
 * What listener and rule evidence match on, all of it the tool's or AWS's words: `HTTPS:443`,
 * `default`, `priority 10`, `forward`, `forward weight 2`, an AWS TLS policy name.
 */
const STRUCTURAL_VALUE = /^(?:[A-Z_]+:\d+|default|priority \d+|forward(?: weight \d+)?|ELBSecurityPolicy-[A-Za-z0-9-]+)$/;

/**
 * The matched value by match type. Values that come from environment variables or policies are
 * hidden (`<redacted>`); identifiers are replaced like everywhere else; structural values
 * (`HTTPS:443`, `forward weight 2`, `default`) stay. An unknown match type is hidden.
 */
function matchedValue({ names }: TextRedaction, evidence: Evidence): string {
  const value = evidence.matchedValue;
  switch (evidence.matchType) {
    case 'alias-dns':
    case 'cname':
      return names.host(value);
    case 'listener':
    case 'default-action':
    case 'rule-action':
      return STRUCTURAL_VALUE.test(value) ? value : REDACTED;
    case 'lb-binding': {
      const match = /^(.*):(\d+)$/.exec(value);
      return match ? `${names.label('container', match[1]!)}:${match[2]}` : names.label('container', value);
    }
    case 'sg-rule':
      return value.includes('/') || !/^[a-z]+-/.test(value) ? names.cidr(value) : names.ec2Id(value);
    case 'sg-reference':
    case 'route-table':
    case 'vpc-peering':
    case 'transit-gateway':
      return names.ec2Id(value);
    case 'route':
      return value.startsWith('pl-') ? names.ec2Id(value) : names.cidr(value);
    case 'task-role':
    case 'execution-role':
    case 'resource-policy':
    case 'trust-policy':
      return value.startsWith('arn:') ? redactArn(names, value) : /^\d{12}$/.test(value) ? names.account(value) : REDACTED;
    case 'service-mode': {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)=(s3)$/i.exec(value);
      return match ? value : REDACTED;
    }
    default:
      return REDACTED;
  }
}

/**
 * The field is spelled again from the parts it was built from (`located`), with public names; a
 * field written as a plain string has no parts and is hidden: nothing is found by searching text.
 */
function redactEvidence(r: TextRedaction, evidence: Evidence): Evidence {
  const parts = fieldPartsOf(evidence);
  return {
    matchType: evidence.matchType,
    matchedValue: matchedValue(r, evidence),
    ...(evidence.field === undefined ? {} : { field: parts === undefined ? REDACTED : spell(parts, (part) => publicPart(r, part)) }),
  };
}

/**
 * The rule's title is the tool's own text and stays; the message is rebuilt from its parts with
 * public names (a finding built without parts is hidden: fail closed); the suppression reason is
 * the user's free text and is not published.
 */
export function redactFinding(r: TextRedaction, finding: Finding): Finding {
  const parts = messagePartsOf(finding);
  return {
    ruleId: finding.ruleId,
    title: finding.title,
    severity: finding.severity,
    message: parts === undefined ? REDACTED : spell(parts, (part) => publicPart(r, part)),
    resources: finding.resources.map((node) => redactNode(r, node)),
    evidence: finding.evidence.map((evidence) => redactEvidence(r, evidence)),
    ...(finding.suppressed === undefined ? {} : { suppressed: { reason: REDACTED_REASON } }),
  };
}

function publicPart(r: TextRedaction, part: Exclude<MessagePart, { kind: 'text' } | { kind: 'list' }>): string {
  const { names } = r;
  switch (part.kind) {
    case 'node':
      return nodeName(r.publicIndex, redactNode(r, part.node));
    case 'hidden':
      return REDACTED;
    case 'identifier':
      switch (part.type) {
        case 'cidr':
          return names.cidr(part.value);
        case 'dns-name':
          return names.host(part.value);
        case 'region':
          return names.region(part.value);
        case 'task-family':
          return names.kindName(KINDS.taskDefinitions.redaction.name, part.value);
        case 'subnet': {
          const id = names.ec2Id(part.value);
          return r.publicIndex.subnets.get(id)?.name ?? id;
        }
        case 'ec2-id':
          return names.ec2Id(part.value);
        case 'container':
          return names.label('container', part.value);
        case 'inline-policy':
          return names.label('inline-policy', part.value);
        case 'managed-policy':
          return names.kindName(KINDS.managedPolicies.redaction.name, part.value);
        case 'account':
          return names.account(part.value);
      }
  }
}

