import { beforeAll, describe, expect, it } from 'vitest';
import { silentProgress } from '../../../src/cli/progress.js';
import { correlate } from '../../../src/correlate/index.js';
import type { Edge, EcsService, Inventory } from '../../../src/model/index.js';
import { loadTemplateInventory } from '../../../src/sources/template/index.js';
import { referenceStackAssembly } from '../../support/reference-stack.js';

let inventory: Inventory;
let edges: Edge[];

function serviceNamed(part: string): EcsService {
  const service = inventory.services.find((candidate) => candidate.name.includes(part));
  if (service === undefined) throw new Error(`no service named like ${part}: ${inventory.services.map((s) => s.name).join(', ')}`);
  return service;
}

function edgesBetween(kind: Edge['kind'], from: string, to: string): Edge[] {
  return edges.filter((edge) => edge.kind === kind && edge.from.id === from && edge.to.id === to);
}

/** The reference CDK app as `--from reference-stack` synthesizes it (once per test run, shared). */
describe('reference stack, synthesized in-process', () => {
  beforeAll(async () => {
    inventory = await loadTemplateInventory(await referenceStackAssembly(), silentProgress);
    edges = correlate(inventory);
  }, 300_000);

  it('binds the web service, and only it, to the ALB target group the listener forwards to', () => {
    const web = serviceNamed('Web');
    const worker = serviceNamed('Worker');
    expect(worker.loadBalancers).toEqual([]);
    const [binding] = web.loadBalancers;
    expect(binding?.containerName).toBe('web');
    const targetGroup = inventory.targetGroups.find((group) => group.arn === binding?.targetGroupArn);
    expect(targetGroup?.loadBalancerArns).toEqual([inventory.loadBalancers[0]?.arn]);
    expect(edgesBetween('target-service', binding!.targetGroupArn!, web.arn)).toHaveLength(1);
    const forwards = edges.filter((edge) => edge.kind === 'rule-target' && edge.to.id === targetGroup?.arn);
    expect(forwards.length).toBeGreaterThan(0);
  });

  it('admits the web and worker security groups, and nothing else, to the database port', () => {
    const [database] = inventory.dbInstances;
    expect(database?.engine).toBe('postgres');
    expect(database?.port).toBe(5432);
    const databaseGroup = database!.securityGroupIds[0]!;
    const admitted = edges
      .filter((edge) => edge.kind === 'sg-ingress' && edge.to.id === databaseGroup)
      .map((edge) => [edge.from.id, edge.attributes.fromPort, edge.attributes.toPort])
      .sort();
    expect(admitted).toEqual(
      [
        [serviceNamed('Web').securityGroupIds[0], 5432, 5432],
        [serviceNamed('Worker').securityGroupIds[0], 5432, 5432],
      ].sort(),
    );
    for (const service of [serviceNamed('Web'), serviceNamed('Worker')]) {
      const link = edgesBetween('service-db', service.arn, database!.arn);
      expect(link.map((edge) => edge.evidence.map((evidence) => evidence.matchType).sort())).toEqual([['env', 'sg-reference']]);
    }
  });

  it('links the web service as producer and the worker as consumer of the job queue, both to the bucket', () => {
    const jobs = inventory.queues.find((queue) => queue.redrive !== undefined);
    expect(jobs?.redrive?.deadLetterTargetArn).toBe(inventory.queues.find((queue) => queue.redrive === undefined)?.arn);
    expect(edgesBetween('service-queue', serviceNamed('Web').arn, jobs!.arn).map((edge) => edge.attributes.direction)).toEqual(['producer']);
    expect(edgesBetween('service-queue', serviceNamed('Worker').arn, jobs!.arn).map((edge) => edge.attributes.direction)).toEqual(['consumer']);
    const [bucket] = inventory.buckets.filter((candidate) => edges.some((edge) => edge.kind === 'service-bucket' && edge.to.id === candidate.arn));
    expect(bucket?.publicAccessBlock).toEqual({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true });
    for (const service of [serviceNamed('Web'), serviceNamed('Worker')]) {
      const link = edgesBetween('service-bucket', service.arn, bucket!.arn);
      expect(link[0]?.evidence.map((evidence) => evidence.matchType)).toContain('iam-policy');
    }
  });

  it('tags every resource with its logical id and stack name, as CloudFormation does', () => {
    const stackNames = new Set([...inventory.services, ...inventory.queues, ...inventory.securityGroups].map((item) => item.tags['aws:cloudformation:stack-name']));
    expect(stackNames.size).toBe(1);
    expect(inventory.services.every((service) => /^[A-Za-z0-9]+$/.test(service.tags['aws:cloudformation:logical-id'] ?? ''))).toBe(true);
  });
});
