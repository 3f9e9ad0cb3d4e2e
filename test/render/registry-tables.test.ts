import { describe, expect, it } from 'vitest';
import { EDGE_KIND_LIST, KINDS, PAGE_KINDS } from '../../src/model/index.js';
import { buildDiagram } from '../../src/render/diagram/graph.js';
import { COMPONENT_KEYS } from '../../src/render/story.js';
import { pageContent } from '../../src/render/story-page.js';
import { plainText } from '../../src/render/story-text.js';
import { topologyTables } from '../../src/render/views.js';
import { KIND_TABLES, LINK_TABLES } from '../../src/render/views/registry-tables.js';
import { ARNS } from '../fixtures/model/shop-account.js';
import { shopTopology, shopVariant } from './diagram-support.js';

describe('tables the registry describes', () => {
  it('lists a kind\'s table from its descriptor\'s columns, after the hand-written tables', () => {
    const views = topologyTables(shopTopology());
    const table = views.find((view) => view.id === 'dynamodb-tables');
    expect(table).toEqual({
      id: 'dynamodb-tables',
      title: 'DYNAMODB TABLES',
      columns: ['Name', 'Capacity', 'Encryption', 'Deletion Protection', 'Point-in-time Recovery', 'Stream', 'Replicas', 'Used By'],
      rows: [['shop-orders', 'on-demand', 'AWS owned key', 'on', 'on', '-', '-', 'shop-web (env)']],
    });
    expect(views.map((view) => view.id).indexOf('dynamodb-tables')).toBe(views.map((view) => view.id).indexOf('s3-buckets') + 1);
    expect(KIND_TABLES.map((spec) => spec.id)).toEqual(['dynamodb-tables']);
  });

  it('fills a kind table\'s cells through the helpers render gives them (lines, text, access after the service)', () => {
    const topology = shopVariant((inventory) => {
      const table = inventory.dynamoTables[0]!;
      Object.assign(table, { encryption: { kind: 'kms', kmsKeyId: 'alias/orders' }, streamViewType: 'NEW_IMAGE', replicaRegions: ['us-east-1', 'eu-west-1'] });
      delete table.pointInTimeRecovery;
    });
    const edge = topology.edges.find((e) => e.kind === 'service-table')!;
    edge.attributes.access = 'read';
    const row = topologyTables(topology).find((view) => view.id === 'dynamodb-tables')!.rows[0];
    expect(row).toEqual(['shop-orders', 'on-demand', 'KMS\nalias/orders', 'on', 'not collected', 'NEW_IMAGE', 'us-east-1\neu-west-1', 'shop-web (env) read']);
  });

  it('gives each edge kind with a link table its table, in the registry\'s order', () => {
    expect(LINK_TABLES.map((spec) => spec.id)).toEqual(['ecs-rds-links', 'ecs-s3-links', 'ecs-sqs-links', 'ecs-dynamodb-links']);
    expect(EDGE_KIND_LIST.filter((edge) => edge.linkTable !== undefined).map((edge) => edge.edgeKind)).toEqual(['service-db', 'service-bucket', 'service-queue', 'service-table']);
    const links = topologyTables(shopTopology()).find((view) => view.id === 'ecs-dynamodb-links');
    expect(links?.rows).toEqual([['shop-web', 'table', 'shop-orders', 'env', 'shop-orders', 'container web env ORDERS_TABLE']]);
  });
});

describe('diagram boxes and arrows the registry draws', () => {
  it('draws a used DynamoDB table in its region\'s managed services, with its access on the arrow', () => {
    const topology = shopTopology();
    topology.edges.find((e) => e.kind === 'service-table')!.attributes.access = 'read-write';
    const graph = buildDiagram(topology);
    const box = graph.nodes.find((node) => node.kind === 'table');
    expect(box).toMatchObject({ title: 'shop-orders', subtitle: 'DynamoDB table' });
    expect(graph.clusters.find((cluster) => cluster.id === box!.clusterId)?.label).toBe('AWS managed services · us-east-1');
    const arrows = graph.edges.filter((edge) => edge.to === box!.id);
    expect(arrows.map((edge) => [graph.nodes.find((n) => n.id === edge.from)?.title, edge.kind, edge.label])).toEqual([['shop-web', 'table', 'read-write · HTTPS 443']]);
    expect(KINDS.dynamoTables.diagram.regional).toBeDefined();
  });

  it('leaves out a table no service uses, and calls a table of several regions global', () => {
    const unused = shopVariant((inventory) => {
      inventory.dynamoTables.push({ ...inventory.dynamoTables[0]!, name: 'shop-archive', arn: ARNS.ordersTable.replace('shop-orders', 'shop-archive'), replicaRegions: ['us-east-1', 'eu-west-1'] });
    });
    expect(buildDiagram(unused).nodes.filter((node) => node.kind === 'table').map((node) => node.title)).toEqual(['shop-orders']);
    const global = shopVariant((inventory) => {
      inventory.dynamoTables[0]!.replicaRegions = ['us-east-1', 'eu-west-1'];
    });
    expect(buildDiagram(global).nodes.find((node) => node.kind === 'table')?.subtitle).toBe('DynamoDB global table · 2 regions');
  });
});

describe('the page\'s words the registry gives (page in model/kinds.ts)', () => {
  it('writes a kind\'s component card from its descriptor: one sentence per used item, its users and guards', () => {
    const topology = shopVariant((inventory) => {
      const orders = inventory.dynamoTables[0]!;
      inventory.dynamoTables.push(
        { ...orders, name: 'shop-carts', arn: ARNS.ordersTable.replace('shop-orders', 'shop-carts'), deletionProtection: false },
        { ...orders, name: 'shop-archive', arn: ARNS.ordersTable.replace('shop-orders', 'shop-archive') },
      );
    });
    const carts = topology.inventory.dynamoTables[1]!;
    const edge = topology.edges.find((e) => e.kind === 'service-table')!;
    topology.edges.push({ ...edge, to: { kind: 'dynamodb-table', id: carts.arn } });
    const card = pageContent(topology).components.find((c) => c.key === 'tables');
    expect(card && { eyebrow: card.eyebrow, title: card.title, text: plainText(card.description) }).toEqual({
      eyebrow: 'Key-value store',
      title: 'DynamoDB',
      // shop-archive is used by no collected service: left off.
      text: 'shop-orders keeps items for shop-web (point-in-time recovery, deletion protection). shop-carts keeps items for shop-web (point-in-time recovery).',
    });
  });

  it('leaves the card out when no service uses an item of the kind, and names the service in the tagline when the inventory holds one', () => {
    const unused = shopTopology();
    unused.edges = unused.edges.filter((e) => e.kind !== 'service-table');
    expect(pageContent(unused).components.map((c) => c.key)).not.toContain('tables');
    expect(pageContent(unused).tagline).toBe('2 ECS services behind 1 internet-facing load balancer, with SQS, RDS, S3 and DynamoDB in us-east-1.');
    const none = shopVariant((inventory) => {
      inventory.dynamoTables = [];
    });
    expect(pageContent(none).tagline).toBe('2 ECS services behind 1 internet-facing load balancer, with SQS, RDS and S3 in us-east-1.');
  });

  it('lets a story rewrite the registry\'s card by its key, which no hand-written card shares', () => {
    expect(PAGE_KINDS.map(({ descriptor, page }) => [descriptor.collection, page.card.key])).toEqual([['dynamoTables', 'tables']]);
    expect(new Set(COMPONENT_KEYS).size).toBe(COMPONENT_KEYS.length);
    expect(COMPONENT_KEYS.slice(COMPONENT_KEYS.indexOf('queues'), COMPONENT_KEYS.indexOf('queues') + 3)).toEqual(['queues', 'tables', 'vpc-endpoints']);
  });
});
