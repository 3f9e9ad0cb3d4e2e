import {
  type Edge,
  type EcsService,
  type MatchType,
  type NodeRef,
  type Queue,
  type Topology,
} from '../model/index.js';
import { portSpec } from './views.js';
import {
  displayName,
  KIND_LABELS,
  loadBalancerShortType,
  nodeKey,
  resourceLookup,
  subnetTier,
  unique,
  type ResourceLookup,
} from './diagram/resources.js';
import { code, count, formatCount, listPhrase, phrase, type Phrase } from './story-text.js';

/**
 * The request and worker paths, walked from the correlated edges: Route53 record → load balancer →
 * listener → rule → target group → service → data stores, and producer → queue → worker → data
 * stores. Nothing here is typed by hand; an account without a queue simply has no worker path.
 */
export interface PathStep {
  /** What the step is: `Route53 record`, `ALB`, `ECS service`... */
  kind: string;
  /** The resource(s) the step is about, as a reader knows them. */
  name: string;
  readonly text: Phrase;
}

/**
 * A step whose sentence is written when it is first read: a summarised page shows the first paths
 * of each shape (2 of 1,000 request paths at 1,000 services), and the shapes need only the kinds.
 */
function step(kind: string, name: string, text: () => Phrase): PathStep {
  let written: Phrase | undefined;
  return {
    kind,
    name,
    get text() {
      return (written ??= text());
    },
  };
}

export interface ArchitecturePath {
  /** `www.corp.io → shop-web`, `shop-jobs → shop-worker`. */
  title: string;
  /** The service the path is about: the one serving the request, or the worker. */
  service: string;
  steps: PathStep[];
}

const EVIDENCE_WORDS: Record<MatchType, string> = {
  'alias-dns': 'alias target',
  cname: 'CNAME value',
  listener: 'listener',
  'default-action': 'default action',
  'rule-action': 'rule action',
  'lb-binding': 'service load-balancer binding',
  'sg-rule': 'security-group rule',
  'sg-reference': 'security-group rule',
  env: 'environment variable',
  secret: 'secret reference',
  'iam-policy': 'IAM policy',
  'service-mode': 'storage-mode variable',
  'route-table': 'route table',
  'task-role': 'task definition',
  'execution-role': 'task definition',
  'resource-policy': 'resource policy',
  'trust-policy': 'trust policy',
  'vpc-peering': 'VPC peering connection',
  'transit-gateway': 'transit gateway',
  route: 'route',
};

/** `found by environment variable and IAM policy`. */
export function evidenceWords(edge: Edge): string {
  return unique(edge.evidence.map((e) => EVIDENCE_WORDS[e.matchType])).join(' and ');
}

function named(lookup: ResourceLookup, nodes: NodeRef[]): string[] {
  return unique(nodes.map((node) => displayName(lookup, node)));
}

/** The steps after a service: databases, buckets and the queues it sends to. */
function downstreamSteps(lookup: ResourceLookup, service: NodeRef): PathStep[] {
  const name = displayName(lookup, service);
  const steps: PathStep[] = [];
  for (const edge of lookup.edges.from(service, 'service-db')) {
    const db = displayName(lookup, edge.to);
    const port = portSpec(edge.attributes.protocol, edge.attributes.fromPort, edge.attributes.toPort);
    const engine = edge.to.kind === 'db-cluster' ? lookup.index.dbClusters.get(edge.to.id)?.engine : lookup.index.dbInstances.get(edge.to.id)?.engine;
    steps.push(step(KIND_LABELS[edge.to.kind], db, () => phrase`${code(name)} reaches ${engine ? `${engine} ` : ''}${code(db)} on ${port} (found by ${evidenceWords(edge)}).`));
  }
  for (const edge of lookup.edges.from(service, 'service-bucket')) {
    if (edge.to.kind !== 'bucket') continue;
    const bucket = displayName(lookup, edge.to);
    steps.push(step(KIND_LABELS.bucket, bucket, () => phrase`${code(name)} stores objects in ${code(bucket)} (found by ${evidenceWords(edge)}).`));
  }
  for (const edge of lookup.edges.from(service, 'service-queue')) {
    const direction = edge.attributes.direction;
    if (direction !== 'producer' && direction !== 'producer-consumer') continue;
    const queue = displayName(lookup, edge.to);
    steps.push(step(KIND_LABELS.queue, queue, () => phrase`${code(name)} hands work to ${code(queue)} (found by ${evidenceWords(edge)}).`));
  }
  return steps;
}

function serviceFacts(service: EcsService | undefined, lookup: ResourceLookup): string {
  if (!service) return '';
  const tier = subnetTier(lookup, service.subnetIds);
  const facts = [
    count(service.desiredCount, 'task'),
    service.launchType,
    tier ? `${tier} subnets` : undefined,
    service.assignPublicIp ? 'public IP assigned' : 'no public IP',
  ];
  return facts.filter(Boolean).join(', ');
}

interface Entry {
  lb: NodeRef;
  listeners: NodeRef[];
  rules: NodeRef[];
}

/** For one target group: which load balancers reach it, through which listeners and rules. */
function entriesFor(lookup: ResourceLookup, targetGroup: NodeRef): Entry[] {
  const entries = new Map<string, Entry>();
  for (const ruleTarget of lookup.edges.to(targetGroup, 'rule-target')) {
    for (const listenerRule of lookup.edges.to(ruleTarget.from, 'listener-rule')) {
      for (const lbListener of lookup.edges.to(listenerRule.from, 'lb-listener')) {
        const entry = entries.get(lbListener.from.id) ?? { lb: lbListener.from, listeners: [], rules: [] };
        if (!entry.listeners.some((l) => l.id === listenerRule.from.id)) entry.listeners.push(listenerRule.from);
        if (!entry.rules.some((r) => r.id === ruleTarget.from.id)) entry.rules.push(ruleTarget.from);
        entries.set(lbListener.from.id, entry);
      }
    }
  }
  return [...entries.values()];
}

function ruleDescription(lookup: ResourceLookup, rules: NodeRef[]): Phrase {
  const described = rules.map((node) => {
    const rule = lookup.index.listenerRules.get(node.id);
    if (!rule || rule.priority === 'default') return 'the default rule';
    const conditions = rule.conditions.map((c) => `${c.field} ${c.values.join(', ')}`).join('; ');
    return `rule ${rule.priority}${conditions ? ` (${conditions})` : ''}`;
  });
  const distinct = unique(described);
  return distinct.length === 1 && distinct[0] === 'the default rule' ? ['the default rule'] : listPhrase(distinct.map((d) => [d]));
}

/** Names joined for a step's `name`: past `limit`, the rest counted (a summarised page). */
function joinedNames(names: string[], limit: number): string {
  return names.length > limit ? `${names.slice(0, limit).join(', ')} and ${formatCount(names.length - limit)} more` : names.join(', ');
}

/** The Route53 records pointing at a load balancer, their names and how they point (`alias A`, `CNAME`). */
interface LoadBalancerRecords {
  records: NodeRef[];
  recordNames: string[];
  how: string;
}

function loadBalancerRecords(lookup: ResourceLookup, lb: NodeRef): LoadBalancerRecords {
  const records = lookup.edges.to(lb, 'dns-alias').map((e) => e.from);
  const aliases = records.map((r) => lookup.dnsRecords.get(r.id)).filter((r) => r !== undefined);
  const how = aliases.every((r) => r.aliasTarget) ? `alias ${unique(aliases.map((r) => r.type)).join('/')}` : 'CNAME';
  return { records, recordNames: named(lookup, records), how };
}

/** The first step of a load balancer's paths: the Route53 records that resolve to it, or its own DNS name. The same for each of its paths. */
function entryStep(lookup: ResourceLookup, lb: NodeRef, names: number, { records, recordNames, how }: LoadBalancerRecords): PathStep {
  const lbName = displayName(lookup, lb);
  if (records.length > 0) {
    return {
      kind: KIND_LABELS['dns-record'],
      name: joinedNames(recordNames, names),
      text: phrase`Route53 resolves ${listPhrase(recordNames, 'and', names)} to ${code(lbName)} (${how} record${records.length > 1 ? 's' : ''}).`,
    };
  }
  return { kind: 'Entry', name: lbName, text: phrase`Clients reach ${code(lbName)} by its own DNS name: no Route53 record in this account points at it.` };
}

function requestPath(lookup: ResourceLookup, targetService: Edge, entry: Entry, lbRecords: LoadBalancerRecords, firstStep: PathStep): ArchitecturePath {
  const lb = lookup.index.loadBalancers.get(entry.lb.id);
  const lbName = displayName(lookup, entry.lb);
  const tgName = displayName(lookup, targetService.from);
  const serviceName = displayName(lookup, targetService.to);
  const listeners = [...entry.listeners].sort((a, b) => (lookup.index.listeners.get(a.id)?.port ?? 0) - (lookup.index.listeners.get(b.id)?.port ?? 0));
  const listenerNames = named(lookup, listeners);
  const { recordNames } = lbRecords;
  const steps: PathStep[] = [firstStep];

  const lbType = lb ? loadBalancerShortType(lb) : 'Load balancer';
  steps.push(
    step(lbType, lbName, () => {
      const tier = lb ? subnetTier(lookup, lb.subnetIds) : undefined;
      return phrase`${code(lbName)} is ${lb?.scheme === 'internet-facing' ? 'an internet-facing' : 'an internal'} ${lbType}${tier ? ` in ${tier} subnets` : ''}, listening on ${listPhrase(listenerNames.map((l) => [l]))}.`;
    }),
  );

  steps.push(
    step(listeners.length > 1 ? 'Listeners' : 'Listener', listenerNames.join(' · '), () => {
      const tls = listeners.map((l) => lookup.index.listeners.get(l.id)).find((l) => l?.sslPolicy);
      return phrase`${listPhrase(listenerNames.map((l) => [l]))} ${listeners.length > 1 ? 'forward' : 'forwards'} to ${code(tgName)} by ${ruleDescription(lookup, entry.rules)}${tls?.sslPolicy ? `; TLS terminates here (${tls.sslPolicy})` : ''}.`;
    }),
  );

  steps.push(
    step(KIND_LABELS['target-group'], tgName, () => {
      const tg = lookup.index.targetGroups.get(targetService.from.id);
      const health = tg?.healthCheck.path ? `, health check ${tg.healthCheck.path}` : '';
      const healthy = tg?.targetHealth ? `, ${tg.targetHealth.healthy} of ${tg.targetHealth.total} targets healthy` : '';
      const container = targetService.attributes.containerName;
      const port = targetService.attributes.containerPort;
      return phrase`${code(tgName)} sends ${tg?.protocol ?? 'traffic'}${port === undefined ? '' : ` on port ${port}`} to ${code(serviceName)}${container ? phrase`, container ${code(container)}` : ''}${health}${healthy}.`;
    }),
  );

  steps.push(step(KIND_LABELS['ecs-service'], serviceName, () => phrase`${code(serviceName)} serves the request (${serviceFacts(lookup.index.services.get(targetService.to.id), lookup)}).`));
  steps.push(...downstreamSteps(lookup, targetService.to));

  return { title: `${recordNames[0] ?? lbName} → ${serviceName}`, service: serviceName, steps };
}

/**
 * One path per (load balancer, service behind it), in edge order. `names`: how many names a step
 * lists before counting the rest (a summarised page, see page-summary.ts); by default all.
 */
export function requestPaths(topology: Topology, lookup: ResourceLookup = resourceLookup(topology.inventory, topology.edges), names = Infinity): ArchitecturePath[] {
  // A load balancer's records, and the step that says them, are the same for each of its paths
  // (ten per ALB at 1,000 services, fifty records each): made once per load balancer.
  const byLb = new Map<string, { records: LoadBalancerRecords; firstStep: PathStep }>();
  const entryOf = (lb: NodeRef): { records: LoadBalancerRecords; firstStep: PathStep } => {
    let found = byLb.get(nodeKey(lb));
    if (found === undefined) {
      const records = loadBalancerRecords(lookup, lb);
      found = { records, firstStep: entryStep(lookup, lb, names, records) };
      byLb.set(nodeKey(lb), found);
    }
    return found;
  };
  return topology.edges
    .filter((e) => e.kind === 'target-service')
    .flatMap((targetService) =>
      entriesFor(lookup, targetService.from).map((entry) => {
        const { records, firstStep } = entryOf(entry.lb);
        return requestPath(lookup, targetService, entry, records, firstStep);
      }),
    );
}

function queueFacts(queue: Queue | undefined): string {
  if (!queue) return 'an SQS queue';
  const facts = [
    queue.fifo ? 'FIFO' : 'standard',
    queue.encryption.kind === 'none' ? 'unencrypted' : queue.encryption.kind === 'kms' ? 'KMS-encrypted' : 'SSE-SQS encrypted',
    queue.visibilityTimeoutSeconds === undefined ? undefined : `visibility timeout ${queue.visibilityTimeoutSeconds} s`,
    queue.receiveWaitTimeSeconds ? `long polling ${queue.receiveWaitTimeSeconds} s` : undefined,
  ];
  return facts.filter(Boolean).join(', ');
}

function workerPath(lookup: ResourceLookup, consume: Edge, limit: number): ArchitecturePath {
  const queueName = displayName(lookup, consume.to);
  const workerName = displayName(lookup, consume.from);
  const steps: PathStep[] = [];

  const producers = lookup.edges.to(consume.to, 'service-queue').filter(
    (e) => e.attributes.direction === 'producer' || (e.attributes.direction === 'producer-consumer' && e.from.id !== consume.from.id),
  );
  if (producers.length > 0) {
    const names = named(lookup, producers.map((p) => p.from));
    steps.push(
      step(
        producers.length > 1 ? 'Producers' : 'Producer',
        joinedNames(names, limit),
        () => phrase`${listPhrase(names, 'and', limit)} ${producers.length > 1 ? 'send' : 'sends'} messages to ${code(queueName)} (found by ${unique(producers.map(evidenceWords)).join('; ')}).`,
      ),
    );
  } else {
    steps.push(step('Producer', 'outside', () => phrase`No collected service sends to ${code(queueName)}: messages come from outside this view.`));
  }

  steps.push(
    step(KIND_LABELS.queue, queueName, () => {
      const queue = lookup.index.queues.get(consume.to.id);
      const deadLetter = queue?.redrive ? lookup.index.queues.get(queue.redrive.deadLetterTargetArn) : undefined;
      const redrive = queue?.redrive
        ? phrase`; after ${queue.redrive.maxReceiveCount} failed receives a message moves to ${code(deadLetter?.name ?? queue.redrive.deadLetterTargetArn)}`
        : phrase`; no dead-letter queue`;
      return phrase`${code(queueName)} holds the work (${queueFacts(queue)})${redrive}.`;
    }),
  );

  steps.push(
    step(KIND_LABELS['ecs-service'], workerName, () => {
      const worker = lookup.index.services.get(consume.from.id);
      const behindLoadBalancer = lookup.edges.to(consume.from, 'target-service').length > 0;
      return phrase`${code(workerName)} polls ${code(queueName)} (found by ${evidenceWords(consume)}); ${behindLoadBalancer ? 'it also serves load-balancer traffic' : 'no load balancer reaches it'} (${serviceFacts(worker, lookup)}).`;
    }),
  );
  steps.push(...downstreamSteps(lookup, consume.from).filter((downstream) => downstream.name !== queueName));

  return { title: `${queueName} → ${workerName}`, service: workerName, steps };
}

/** One path per (queue, consuming service); `names` as for `requestPaths`. */
export function workerPaths(topology: Topology, lookup: ResourceLookup = resourceLookup(topology.inventory, topology.edges), names = Infinity): ArchitecturePath[] {
  const consumes = topology.edges.filter(
    (e) => e.kind === 'service-queue' && (e.attributes.direction === 'consumer' || e.attributes.direction === 'producer-consumer'),
  );
  const seen = new Set<string>();
  return consumes
    .filter((e) => {
      const key = `${nodeKey(e.from)}>${nodeKey(e.to)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((consume) => workerPath(lookup, consume, names));
}
