import {
  emptyInventory,
  KIND_LIST,
  type AnyKindDescriptor,
  type CollectionKey,
  type Inventory,
  type ItemOf,
  type NamedRedactor,
  type Redactor,
  type Tags,
} from '../model/index.js';
import { redactResourceAccounts } from './accounts.js';
import { redactArn } from './arns.js';
import { redactCoverage } from './coverage.js';
import type { PublicNames } from './names.js';
import { redactPolicyDocument, redactPrincipal } from './policy.js';
import { isPublicTagKey } from './vocabulary.js';

/**
 * The inventory, kind by kind, each item's public copy made by its descriptor (`redaction` in
 * `model/kinds.ts`) through a `Redactor` over one account's public names. Each kind is rebuilt
 * explicitly from its known fields, so a field added to the model later is left out of --public
 * output until someone decides how to show it (fail closed), instead of being copied through.
 */
export interface InventoryRedaction {
  names: PublicNames;
  descriptions: 'keep' | 'neutral';
  /** Free text with identifiers replaced. */
  scrub: (text: string) => string;
  /** A kept description: identifiers, e-mail addresses and every IP address replaced. */
  scrubDescription: (text: string) => string;
}

export function redactInventory(inventory: Inventory, r: InventoryRedaction): Inventory {
  const redacted = redactCollections(inventory, r);
  const resourceAccounts = redactResourceAccounts(r.names, inventory, redacted);
  return { ...redacted, ...(resourceAccounts === undefined ? {} : { resourceAccounts }) };
}

/**
 * Every kind in the inventory's own field order (`emptyInventory`: hosted zones … queues, then the
 * kinds added since), which is the public JSON's key order and the order names are first met.
 */
const KINDS_IN_FIELD_ORDER: readonly AnyKindDescriptor[] = (() => {
  const fields = Object.keys(emptyInventory({ kind: 'aws', label: '' }));
  return [...KIND_LIST].sort((a, b) => fields.indexOf(a.collection) - fields.indexOf(b.collection));
})();

function redactCollections(inventory: Inventory, r: InventoryRedaction): Inventory {
  const { names } = r;
  const header = {
    source: { kind: inventory.source.kind, label: `${inventory.source.kind} (label redacted)` },
    partition: inventory.partition,
    ...(inventory.accountId === undefined ? {} : { accountId: names.account(inventory.accountId) }),
    regions: inventory.regions.map((region) => names.region(region)),
    ...(inventory.accounts === undefined
      ? {}
      : { accounts: inventory.accounts.map((account) => ({ id: names.account(account.id), regions: account.regions.map((region) => names.region(region)) })) }),
  };
  const redactor = redactorOf(r);
  const collections = Object.fromEntries(KINDS_IN_FIELD_ORDER.map((descriptor) => [descriptor.collection, publicCopy(descriptor, inventory, redactor, names)]));
  return { ...header, ...collections, coverage: redactCoverage(names, inventory.coverage) } as Inventory;
}

/** One collection's public copy by its descriptor; a kind the registry names wholly gets its own public name. */
function publicCopy(descriptor: AnyKindDescriptor, inventory: Inventory, redactor: Redactor, names: PublicNames): ItemOf<CollectionKey>[] {
  const items = inventory[descriptor.collection] as ItemOf<CollectionKey>[];
  const redaction = descriptor.redaction;
  if ('copy' in redaction) return items.map((item) => redaction.copy(item, redactor));
  const named: NamedRedactor = { ...redactor, name: (real) => names.kindName(redaction.name, real) };
  return items.map((item) => redaction.redact(item, named));
}

/** Tag keys that are conventions stay; values become pseudonyms (or the name of what they name). */
function redactTags(names: PublicNames, tags: Tags): Tags {
  const result: Tags = {};
  for (const [key, value] of Object.entries(tags)) {
    result[isPublicTagKey(key) ? key : names.label('tag-key', key)] = names.tagValue(value);
  }
  return result;
}

function redactKmsKey(names: PublicNames, key: string): string {
  if (key.startsWith('arn:')) return redactArn(names, key);
  return key.startsWith('alias/aws/') ? key : names.label('kms-key', key, 'key');
}

/** What a descriptor's redaction asks of `redact/` (`Redactor` in model/kinds.ts), over one account's public names and the redaction config. */
function redactorOf(r: InventoryRedaction): Redactor {
  const { names } = r;
  return {
    arn: (value) => redactArn(names, value),
    region: (region) => names.region(region),
    kmsKey: (key) => redactKmsKey(names, key),
    ec2Id: (id) => names.ec2Id(id),
    host: (name) => names.host(name),
    cidr: (cidr) => names.cidr(cidr),
    account: (id) => names.account(id),
    availabilityZone: (zone) => names.availabilityZone(zone),
    hidden: (value) => names.hidden(value),
    label: (namespace, real, prefix) => names.label(namespace, real, prefix),
    segment: (namespace, real, prefix) => names.segment(namespace, real, prefix),
    tags: (tags) => redactTags(names, tags),
    policy: (document) => redactPolicyDocument(names, document),
    iamPath: (path) => names.iamPath(path),
    kindName: (name, real, type) => names.kindName(name, real, type),
    serviceName: (cluster, name) => names.serviceName(cluster, name),
    queueUrl: (url) => names.queueUrl(url),
    roleName: (name) => names.roleName(name),
    urlPath: (path) => names.urlPath(path),
    description: (text) => (r.descriptions === 'keep' ? r.scrubDescription(text) : undefined),
    principal: (principal) => redactPrincipal(names, principal),
    endpointService: (name) => names.endpointServiceName(name),
  };
}
