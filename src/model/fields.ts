import { identifier, message, nameOf, shared, type Message, type MessagePart } from './message.js';
import { ref, type Evidence, type IamRole, type InventoryIndex } from './index.js';

/**
 * Evidence fields (where a matched value was found) as structure: `container web env DATABASE_URL`
 * is the tool's words plus a container name and a variable name, `role shop-task policy uploads
 * statement 1` a reference to the role node plus a policy name. `--public` spells the field again
 * from these parts with public names; a field that was written as a plain string has no parts and
 * is shown as `<redacted>` (fail closed).
 */

/**
 * Evidence whose field was spelled here: its parts ride along in a private field, which JSON,
 * spreads and equality do not see (the output model is the three public fields), for --public.
 * Not a WeakMap beside the evidence: at 1,000 services that map held 38,400 evidence objects, and
 * the garbage collector treats every entry of a WeakMap as an ephemeron, in each young-generation
 * collection as well as in marking.
 */
class LocatedEvidence implements Evidence {
  matchType: Evidence['matchType'];
  matchedValue: string;
  field: string;
  readonly #parts: MessagePart[];

  constructor(matchType: Evidence['matchType'], matchedValue: string, field: Message) {
    this.matchType = matchType;
    this.matchedValue = matchedValue;
    this.field = field.message;
    this.#parts = field.parts;
  }

  static partsOf(evidence: Evidence): MessagePart[] | undefined {
    return #parts in evidence ? (evidence as LocatedEvidence).#parts : undefined;
  }
}

/** `evidence` (its match type and value) with its field spelled from `field`, whose parts are kept for --public. */
export function located(evidence: Pick<Evidence, 'matchType' | 'matchedValue'>, field: Message): Evidence {
  return new LocatedEvidence(evidence.matchType, evidence.matchedValue, field);
}

/** The parts an evidence field was built from; undefined for a field written as a plain string. */
export function fieldPartsOf(evidence: Evidence): MessagePart[] | undefined {
  return LocatedEvidence.partsOf(evidence);
}

/** `container web env DATABASE_URL`: variable names are shown as they are (the inventory keeps them). */
export function containerVariableField(container: string, slot: 'env' | 'secret', variable: string): Message {
  return message`container ${identifier('container', container)} ${shared(slot)} ${shared(variable)}`;
}

/** A customer policy by its kind; an AWS-managed policy's name is AWS's own. */
export function policyName(policy: { name: string; inline: true } | { name: string; inline: false; awsManaged: boolean }): MessagePart {
  if (policy.inline) return identifier('inline-policy', policy.name);
  return policy.awsManaged ? shared(policy.name) : identifier('managed-policy', policy.name);
}

/** `role shop-web-task policy shop-web-uploads statement 1` */
export function policyStatementField(index: InventoryIndex, role: IamRole, policy: MessagePart, statementNumber: number): Message {
  return message`role ${nameOf(index, ref('iam-role', role.arn))} policy ${policy} statement ${statementNumber}`;
}

/** `role … statement 1 (sqs:SendMessage, sqs:ReceiveMessage)`: IAM actions are AWS's words. */
export function grantField(statement: Message, actions: readonly string[]): Message {
  return message`${statement} (${shared(actions.join(', '))})`;
}

/** `sg-0abc inbound`, `sg-0abc inbound tcp 5432`: the group by its id, the ports as they are. */
export function inboundField(groupId: string, ports?: string): Message {
  return ports === undefined ? message`${identifier('ec2-id', groupId)} inbound` : message`${identifier('ec2-id', groupId)} inbound ${shared(ports)}`;
}

/** `A shop.example.com`: the record type and the record's name. */
export function recordField(type: string, name: string): Message {
  return message`${shared(type)} ${identifier('dns-name', name)}`;
}

/** `task definition shop-web:12` */
export function taskDefinitionField(family: string, revision: number): Message {
  return message`task definition ${identifier('task-family', family)}:${revision}`;
}

/** `subnet subnet-0abc` */
export function subnetField(subnetId: string): Message {
  return message`subnet ${identifier('ec2-id', subnetId)}`;
}

/** `<listener> sslPolicy`: a setting of a node, named through the model. */
export function settingField(index: InventoryIndex, node: Parameters<typeof nameOf>[1], setting: string): Message {
  return message`${nameOf(index, node)} ${shared(setting)}`;
}
