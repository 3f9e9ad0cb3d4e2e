import { describe, expect, it } from 'vitest';
import type { Inventory, Topology } from '../../src/model/index.js';
import { buildTopology } from '../../src/pipeline.js';
import { redactTopology, type RedactOptions } from '../../src/redact/index.js';
import { findLeaks } from '../../src/redact/leak-guard.js';
import { isPublicAwsHost } from '../../src/redact/patterns.js';
import { publicStory } from '../../src/redact/story.js';
import { OUTPUT_FORMATS, render } from '../../src/render/index.js';
import { publicArtifactUri, renderSarif } from '../../src/render/sarif.js';
import { shopInventory } from '../fixtures/model/shop-account.js';
import { loadTemplateInventory } from '../../src/sources/template/index.js';
import type { Progress } from '../../src/model/progress.js';
import { TEST_KEY } from './support.js';

/** Each case of issue 10, on the shop account changed the way a real account is. */
function shop(change: (inventory: Inventory) => void): Inventory {
  const inventory = structuredClone(shopInventory());
  change(inventory);
  return inventory;
}

function publish(inventory: Inventory, options: Partial<RedactOptions> & { audit?: unknown } = {}): { original: Topology; redacted: Topology } {
  const original = buildTopology(inventory, options.audit === undefined ? {} : { audit: options.audit });
  return { original, redacted: redactTopology(original, { redactRegion: false, config: {}, key: TEST_KEY, ...options }) };
}

async function hitsInEveryFormat(original: Topology, redacted: Topology): Promise<Record<string, unknown[]>> {
  const hits: Record<string, unknown[]> = {};
  for (const format of OUTPUT_FORMATS) {
    const found = findLeaks(await render(redacted, format, {}), original, { format });
    if (found.length > 0) hits[format] = found;
  }
  return hits;
}

describe('no false alarms on AWS\'s own values', () => {
  it('the default ELB redirect (#{host}, /#{path}, #{query}) exports in every format', async () => {
    const { original, redacted } = publish(
      shop((inventory) => {
        inventory.listeners[1]!.defaultActions = [{ type: 'redirect', targetGroups: [], redirect: { protocol: 'HTTPS', port: '443', host: '#{host}', path: '/#{path}', query: '#{query}', statusCode: 'HTTP_301' } }];
      }),
    );
    expect(redacted.inventory.listeners[1]!.defaultActions[0]!.redirect).toMatchObject({ host: '#{host}', path: '/#{path}', query: '#{query}' });
    expect(await hitsInEveryFormat(original, redacted)).toEqual({});
  });

  it('AWS-managed key aliases, CloudFormation tag keys and tag condition keys export in every format', async () => {
    const { original, redacted } = publish(
      shop((inventory) => {
        inventory.queues[0]!.encryption = { kind: 'kms', kmsKeyId: 'alias/aws/sqs' };
        inventory.targetGroups[0]!.tags = { 'aws:cloudformation:logical-id': 'WebTargetGroup', 'aws:cloudformation:stack-name': 'corp-shop-prod' };
        inventory.buckets[0]!.policy!.statements[0]!.conditions = { StringEquals: { 'aws:ResourceTag/Environment': 'production', 'aws:PrincipalTag/corp-clearance': 'level-7' } };
      }),
    );
    expect(redacted.inventory.queues[0]!.encryption.kmsKeyId).toBe('alias/aws/sqs');
    const conditions = JSON.stringify(redacted.inventory.buckets[0]!.policy!.statements[0]!.conditions);
    expect(conditions).toContain('aws:ResourceTag/Environment');
    expect(conditions).not.toContain('corp-clearance');
    expect(conditions).toMatch(/aws:PrincipalTag\/tag-key-[a-z2-9]{4}/);
    expect(await hitsInEveryFormat(original, redacted)).toEqual({});
  });

  it('names that are ordinary words, or the tool\'s own words, export in every format', async () => {
    const { original, redacted } = publish(
      shop((inventory) => {
        inventory.queues[1]!.name = 'dead-letter';
        inventory.services[1]!.name = 'inventory';
        inventory.securityGroups[5]!.name = 'security';
      }),
    );
    expect(await hitsInEveryFormat(original, redacted)).toEqual({});
  });
});

describe('no leaks of what the user or the template supplies', () => {
  it('unresolved template placeholders in policy conditions are replaced, kind kept', async () => {
    const { original, redacted } = publish(
      shop((inventory) => {
        inventory.buckets[0]!.policy!.statements[0]!.conditions = {
          StringNotEquals: { 'aws:SourceVpce': '${Import:corp-network-prod-S3EndpointId}', 'aws:PrincipalOrgID': '${Param:CorpOrgId}' },
        };
      }),
    );
    const text = JSON.stringify(redacted.inventory.buckets[0]!.policy);
    expect(text).not.toMatch(/corp-network|CorpOrgId/);
    expect(text).toMatch(/\$\{Import:import-[a-z2-9]{4}\}/);
    expect(await hitsInEveryFormat(original, redacted)).toEqual({});
    expect(findLeaks('see corp-network-prod-S3EndpointId', original, { format: 'test' }).map((hit) => hit.category)).toContain('unresolved template value');
  });

  it('suppression targets and reasons are not published, and the guard looks for them', async () => {
    const audit = { suppressions: [{ ruleId: 'TOPO-RDS-006', resource: 'shop-db', reason: 'see TICKET-1234, owner alice@corp.com' }, { ruleId: 'TOPO-SQS-001', resource: 'corp-legacy-queue', reason: 'gone' }] };
    const { original, redacted } = publish(shopInventory(), { audit });
    const json = await render(redacted, 'json', {});
    expect(json).not.toMatch(/TICKET-1234|alice@corp\.com|corp-legacy-queue/);
    expect(redacted.findings.find((f) => f.ruleId === 'TOPO-RDS-006')?.suppressed).toEqual({ reason: 'reason not published' });
    expect(redacted.findings.find((f) => f.ruleId === 'TOPO-META-001')?.message).toBe('Suppression 2 of TOPO-SQS-001 for resource <redacted> matches no finding.');
    expect(await hitsInEveryFormat(original, redacted)).toEqual({});
    expect(findLeaks('ref TICKET-1234', original, { format: 'test' }).map((hit) => hit.category)).toEqual(['suppression reason']);
    expect(findLeaks('x corp-legacy-queue', original, { format: 'test' }).map((hit) => hit.category)).toEqual(['suppression resource']);
  });

  it('the SARIF artifact path keeps only its kind', () => {
    const { redacted } = publish(shopInventory());
    expect(publicArtifactUri('corp-infra/prod/stack.yaml')).toBe('source.yaml');
    expect(renderSarif(redacted, { artifactUri: 'corp-infra/prod/stack.yaml' })).not.toContain('corp-infra');
  });

  it('custom HTTP methods in rule conditions are replaced; escaped forms are still found', () => {
    const { original, redacted } = publish(
      shop((inventory) => {
        inventory.listenerRules[0]!.conditions = [{ field: 'http-request-method', values: ['GET', 'CORP_SYNC'] }];
      }),
    );
    const values = redacted.inventory.listenerRules[0]!.conditions[0]!.values;
    expect(values[0]).toBe('GET');
    expect(values[1]).toMatch(/^method-[a-z2-9]{4}$/);
    for (const escaped of ['CORP\\_SYNC', 'CORP&#x5F;SYNC', 'CORP%5FSYNC', 'CORP\\u005FSYNC', 'ＣＯＲＰ_ＳＹＮＣ']) {
      expect(findLeaks(`x ${escaped} x`, original, { format: 'test' }), escaped).toEqual([{ category: 'rule condition value', field: 'listenerRules[0].conditions[0].values[1]' }]);
    }
  });

  it('Unicode case folding: İ and the Kelvin sign are found whichever way the output spells them', () => {
    const { original } = publish(
      shop((inventory) => {
        inventory.buckets[0]!.name = 'İstanbul-uploads';
        inventory.queues[1]!.name = 'Kelvin-jobs';
      }),
    );
    expect(findLeaks('istanbul-uploads', original, { format: 'test' }).map((hit) => hit.field)).toContain('buckets[0].name');
    expect(findLeaks('\u212Aelvin-jobs', original, { format: 'test' }).map((hit) => hit.field)).toContain('queues[1].name');
  });

  it('kept descriptions lose their e-mail and IP addresses; the guard finds any left', () => {
    const { original, redacted } = publish(
      shop((inventory) => {
        inventory.securityGroups[1]!.description = 'owner ops@corp.com, office 203.0.113.9';
      }),
      { config: { descriptions: 'keep' } },
    );
    expect(redacted.inventory.securityGroups[1]!.description).toMatch(/^owner e-mail-redacted, office ip-[a-z2-9]{4}$/);
    expect(findLeaks('mail ops@corp.com', original, { format: 'test' }).map((hit) => hit.category)).toEqual(['e-mail address']);
    expect(findLeaks('from 203.0.113.9', original, { format: 'test' }).map((hit) => hit.category)).toEqual(['IPv4 address']);
  });

  it('every public list is in public-name order, whatever the order of the real names', async () => {
    const { redacted } = publish(shopInventory());
    const json = JSON.parse(await render(redacted, 'json', {})) as { inventory: { queues: { name: string }[]; services: { name: string }[] } };
    expect(json.inventory.queues.map((q) => q.name)).toEqual(['jobs-dlq', 'jobs-queue']);
    expect(json.inventory.services.map((s) => s.name)).toEqual(['web', 'worker']);
  });
  it('a name an edge carries as data (a container named like its target group) is still looked for', () => {
    const { original } = publish(
      shop((inventory) => {
        const targetGroup = inventory.targetGroups[0]!.name;
        inventory.taskDefinitions[0]!.containers[0]!.name = targetGroup;
        for (const service of inventory.services) for (const binding of service.loadBalancers) if (binding.containerName === 'web') binding.containerName = targetGroup;
      }),
    );
    expect(original.edges.some((edge) => edge.attributes.containerName === original.inventory.targetGroups[0]!.name)).toBe(true);
    expect(findLeaks(`  ${original.inventory.targetGroups[0]!.name}\n`, original, { format: 'table' })).not.toEqual([]);
  });
});

describe('messages from structure, not from searching prose', () => {
  it('a tag value `Security` and a service named `api` leave the tool\'s words alone', () => {
    const { redacted } = publish(
      shop((inventory) => {
        inventory.securityGroups[5]!.tags = { team: 'Security' };
        inventory.services[1]!.name = 'api';
      }),
    );
    const messages = redacted.findings.map((finding) => finding.message).join('\n');
    expect(messages).toMatch(/^Security group security-group is attached to no load balancer, service, database or endpoint\.$/m);
    expect(messages).not.toMatch(/tag-[a-z2-9]{4} group/);
    expect(messages).not.toMatch(/ecr\.(?!api)/);
  });

  it('evidence fields are spelled from parts: a tag value `inbound` and a container named `w` change nothing but the names', async () => {
    const { original, redacted } = publish(
      shop((inventory) => {
        inventory.securityGroups[1]!.tags = { team: 'inbound' };
        inventory.taskDefinitions[0]!.containers[0]!.name = 'w';
        for (const service of inventory.services) for (const binding of service.loadBalancers) if (binding.containerName === 'web') binding.containerName = 'w';
      }),
    );
    const fields = [...redacted.edges, ...redacted.findings].flatMap((item) => item.evidence.flatMap((evidence) => (evidence.field === undefined ? [] : [[evidence.matchType, evidence.field] as const])));
    expect(fields.length).toBeGreaterThan(10);
    expect(fields.filter(([, field]) => field === '<redacted>')).toEqual([]);
    for (const [matchType, field] of fields) {
      if (matchType === 'sg-rule') expect(field).toMatch(/^sg-[a-z2-9]{4} inbound(?: (?:tcp|udp|all)\b.*)?$/);
      if (matchType === 'env') expect(field).toMatch(/^container [a-z-]+(?:-[a-z2-9]{4})? env [A-Z_]+$/);
      if (matchType === 'iam-policy') expect(field).toMatch(/^role [a-z-]+ policy \S+ statement \d+/);
    }
    expect(fields.filter(([, field]) => field.includes(' w '))).toEqual([]);
    expect(fields.filter(([matchType]) => matchType === 'env').length).toBeGreaterThan(1);
    expect(fields.map(([, field]) => field).join('\n')).not.toMatch(/tag-[a-z2-9]{4}/);
    expect(await hitsInEveryFormat(original, redacted)).toEqual({});
  });

  it('story text names resources by their public names; ordinary words and short names in the prose stay', async () => {
    const { original, redacted } = publish(shop((inventory) => void (inventory.services[1]!.name = 'api')));
    const story = {
      title: 'How shop-web serves www.corp.io',
      summary: ['`shop-web` sits behind `shop-edge-alb`; the `api` service reads `shop-jobs`.', 'An api for a shop, with a security group per service.'],
      components: [{ for: 'queues', title: 'Jobs', description: 'shop-jobs-dlq keeps what failed.' }],
    };
    const inv = redacted.inventory;
    const web = inv.services[0]!.name;
    const published = publicStory(story, original, redacted);
    expect(published).toEqual({
      title: `How ${web} serves ${inv.dnsRecords.find((record) => original.inventory.dnsRecords[inv.dnsRecords.indexOf(record)]!.name === 'www.corp.io.')!.name.replace(/\.$/, '')}`,
      summary: [`\`${web}\` sits behind \`${inv.loadBalancers[0]!.name}\`; the \`${inv.services[1]!.name}\` service reads \`${inv.queues[0]!.name}\`.`, 'An api for a shop, with a security group per service.'],
      components: [{ for: 'queues', title: 'Jobs', description: `${inv.queues[1]!.name} keeps what failed.` }],
    });
    expect(findLeaks(await render(redacted, 'html', { story: published }), original, { format: 'html' })).toEqual([]);
    expect(findLeaks(await render(redacted, 'html', { story }), original, { format: 'html' }).length).toBeGreaterThan(0);
  });

  it('names of one or two characters are replaced in messages', () => {
    const { redacted } = publish(
      shop((inventory) => {
        inventory.services[0]!.name = 'a';
        inventory.dbInstances[0]!.identifier = 'db';
      }),
    );
    const messages = redacted.findings.map((finding) => finding.message);
    expect(messages.some((m) => /^Database app-db /.test(m))).toBe(true);
    expect(messages.filter((m) => /\b(?:Service a|Database db)\b/.test(m))).toEqual([]);
  });

  it('keyed pseudonyms stay available', () => {
    const { redacted } = publish(shopInventory(), { publicNames: 'keyed' });
    expect(redacted.inventory.services.map((s) => s.name)).toEqual([expect.stringMatching(/^service-[a-z2-9]{4}$/), expect.stringMatching(/^service-[a-z2-9]{4}$/)]);
  });

  it('role names are numbered when several share a role, and an alias still wins', () => {
    const { redacted } = publish(
      shop((inventory) => {
        const extra = structuredClone(inventory.queues[0]!);
        extra.name = 'shop-emails';
        extra.arn = extra.arn.replace('shop-jobs', 'shop-emails');
        extra.url = extra.url.replace('shop-jobs', 'shop-emails');
        extra.redrive = undefined;
        inventory.queues.push(extra);
      }),
      { config: { aliases: { 'shop-jobs-dlq': 'failed-jobs' } } },
    );
    expect(redacted.inventory.queues.map((q) => q.name)).toEqual(['jobs-queue', 'failed-jobs', expect.stringMatching(/^queue$/)]);
  });
});

describe('template sources', () => {
  const quiet = new Proxy({}, { get: () => () => undefined }) as unknown as Progress;

  it('ids keep their kind prefix, placeholders their kind; ecr.api, two-label service principals and AWS web hosts stay', async () => {
    const original = buildTopology(await loadTemplateInventory('test/fixtures/templates/template-sources-public.yaml', quiet), {});
    const redacted = redactTopology(original, { redactRegion: false, config: {}, key: TEST_KEY });
    const inv = redacted.inventory;
    expect(original.inventory.securityGroups[0]!.id).toBe('sg-AcmeEndpointGroup');
    expect(inv.securityGroups.map((group) => group.id)).toEqual([expect.stringMatching(/^sg-[a-z2-9]{4}$/)]);
    expect(inv.vpcs.map((vpc) => vpc.id)).toEqual([expect.stringMatching(/^vpc-[a-z2-9]{4}$/)]);
    expect(inv.subnets.map((subnet) => [subnet.id, subnet.routeTableId])).toEqual([[expect.stringMatching(/^subnet-[a-z2-9]{4}$/), expect.stringMatching(/^rtb-[a-z2-9]{4}$/)]]);
    expect(inv.vpcEndpoints.map((endpoint) => [endpoint.id, endpoint.serviceName])).toEqual([[expect.stringMatching(/^vpce-[a-z2-9]{4}$/), 'com.amazonaws.us-east-1.ecr.api']]);
    const principals = inv.buckets[0]!.policy!.statements.flatMap((statement) => statement.principals ?? []).map((principal) => principal.value);
    expect(principals).toEqual(['delivery.logs.amazonaws.com', 'logging.s3.amazonaws.com', expect.stringMatching(/^arn:aws:iam::\$\{Param:param-[a-z2-9]{4}\}:root$/)]);
    expect(await hitsInEveryFormat(original, redacted)).toEqual({});
  });

  it('AWS\'s own web hosts and service principals are public; a bucket\'s virtual host and an account\'s sign-in host are not', () => {
    expect(['docs.aws.amazon.com', 'us-east-1.console.aws.amazon.com', 'delivery.logs.amazonaws.com', 'ecs-tasks.amazonaws.com'].filter((host) => !isPublicAwsHost(host))).toEqual([]);
    expect(['shop-media.s3.amazonaws.com', 'corp-prod.signin.aws.amazon.com', 'shop-edge-alb-1.us-east-1.elb.amazonaws.com'].filter(isPublicAwsHost)).toEqual([]);
  });
});
