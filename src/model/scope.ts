import type { EdgeKind, NodeKind, NodeRef } from './topology.js';

/**
 * A scope: one application of an account, named by selectors (`--tag`, `--stack`, `--cluster`,
 * `--service`, `--vpc`) and grown along the topology's own edges (src/scope/closure.ts; the rule
 * is written in docs/scoping.md). Source-independent: it reads tags, the
 * `aws:cloudformation:stack-name` tag and the edges, which every source provides.
 */

export interface TagSelector {
  key: string;
  value: string;
}

/** What the user asked for. Within `tags`, one key's values are alternatives and different keys must all match. */
export interface ScopeSelectors {
  tags: TagSelector[];
  /** CloudFormation stack names; a stack's nested stacks are part of it. */
  stacks: string[];
  /** ECS cluster names or ARNs. */
  clusters: string[];
  /** `CLUSTER/SERVICE` (names) or a service ARN. */
  services: string[];
  /** VPC ids or `Name` tags. */
  vpcs: string[];
}

export const SELECTOR_FLAGS = ['tag', 'stack', 'cluster', 'service', 'vpc'] as const;

export function emptySelectors(): ScopeSelectors {
  return { tags: [], stacks: [], clusters: [], services: [], vpcs: [] };
}

export function hasSelectors(selectors: ScopeSelectors | undefined): selectors is ScopeSelectors {
  return selectors !== undefined && (selectors.tags.length + selectors.stacks.length + selectors.clusters.length + selectors.services.length + selectors.vpcs.length) > 0;
}

/**
 * What lies beyond the scope at one of its nodes: edges of one kind, one direction, to nodes of
 * one kind outside the scope. Only counted: the outside nodes are neither shown nor walked.
 */
export interface ScopeStub {
  /** The node inside the scope. */
  node: NodeRef;
  edgeKind: EdgeKind;
  /** `in`: the outside nodes are the edges' sources (they use or reach `node`); `out`: their targets. */
  direction: 'in' | 'out';
  outsideKind: NodeKind;
  count: number;
}

export interface TopologyScope {
  selectors: ScopeSelectors;
  /** How many resources the selectors matched themselves, before the closure took in what they use. */
  matched: number;
  stubs: ScopeStub[];
}

/** `tag app=orders, stack orders`: the selectors as a reader names the application. */
export function scopeLabel(selectors: ScopeSelectors): string {
  const parts = [
    ...selectors.tags.map((tag) => `tag ${tag.key}=${tag.value}`),
    ...selectors.stacks.map((stack) => `stack ${stack}`),
    ...selectors.clusters.map((cluster) => `cluster ${cluster}`),
    ...selectors.services.map((service) => `service ${service}`),
    ...selectors.vpcs.map((vpc) => `VPC ${vpc}`),
  ];
  return parts.join(', ');
}

/** `Listener rule` → `listener rule` inside a sentence; `ECS service` stays. */
function inSentence(label: string): string {
  return /^[A-Z][a-z]+(\s|$)/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}

/** `orders`: what the selectors name, as the application's name (tag values, stacks, clusters, services, VPCs). */
export function scopeName(selectors: ScopeSelectors): string {
  const names = [
    ...selectors.tags.map((tag) => tag.value),
    ...selectors.stacks,
    ...selectors.clusters,
    ...selectors.services.map((service) => service.slice(service.lastIndexOf('/') + 1)),
    ...selectors.vpcs,
  ];
  return [...new Set(names)].join(' + ');
}

/** `orders (tag app=orders)`: the page's and diagram's title names the application and how it was chosen. */
export function scopeTitle(selectors: ScopeSelectors): string {
  return `${scopeName(selectors)} (${scopeLabel(selectors)})`;
}

function plural(count: number, label: string): string {
  label = inSentence(label);
  if (count === 1) return `1 ${label}`;
  return `${count} ${label.endsWith('s') ? label : `${label}s`}`;
}

/**
 * One line per stub: `shared with 2 ECS services outside this scope`. `kindLabel` names a node
 * kind (`ECS service`), so the words are the registry's.
 */
export function stubText(stub: ScopeStub, kindLabel: (kind: NodeKind) => string): string {
  const outside = `${plural(stub.count, kindLabel(stub.outsideKind))} outside this scope`;
  if (stub.direction === 'in') {
    switch (stub.edgeKind) {
      case 'sg-ingress':
        return `admits ${outside}`;
      case 'dns-alias':
        return `also named by ${outside}`;
      case 'target-service':
      case 'rule-target':
      case 'listener-rule':
      case 'lb-listener':
        return `also reached through ${outside}`;
      default:
        return `shared with ${outside}`;
    }
  }
  switch (stub.edgeKind) {
    case 'sg-ingress':
      return `admitted by ${outside}`;
    case 'lb-listener':
    case 'listener-rule':
      return `${outside} send${stub.count === 1 ? 's' : ''} traffic elsewhere`;
    default:
      return `also sends to ${outside}`;
  }
}
