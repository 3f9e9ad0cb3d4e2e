import { describe, expect, it } from 'vitest';
import { KIND_LIST, KINDS, nodeLinkType } from '../../src/model/index.js';
import { DIAGRAM_BOXES } from '../../src/render/diagram/boxes.js';
import { buildDiagram } from '../../src/render/diagram/graph.js';
import { NODE_SWATCHES } from '../../src/render/diagram/style.js';
import { DRAWIO_SHAPES } from '../../src/render/drawio.js';
import { linkTargetType } from '../../src/render/views/cells.js';
import { shopVariant } from './diagram-support.js';

describe('diagram boxes from the registry', () => {
  it('gives every shape a descriptor draws its box, plus the internet and CIDR ranges', () => {
    const shapes = KIND_LIST.flatMap((kind) => (kind.diagram === 'none' ? [] : [kind.diagram.shape]));
    expect(Object.keys(DIAGRAM_BOXES).sort()).toEqual([...new Set(['internet', 'cidr', ...shapes])].sort());
    expect(DIAGRAM_BOXES.table).toMatchObject({ plural: 'DynamoDB tables', drawio: { shape: 'mxgraph.aws4.dynamodb', fill: '#C925D1' } });
    expect(NODE_SWATCHES.table).toEqual({ fill: '#e0e7ff', stroke: '#4338ca' });
    expect(DRAWIO_SHAPES.cidr.shape).toBe('mxgraph.aws4.corporate_data_center');
  });

  it('shares one box between the kinds drawn alike (RDS instances and clusters)', () => {
    expect(KINDS.dbInstances.diagram).toBe(KINDS.dbClusters.diagram);
    const byShape = new Map<string, unknown>();
    for (const kind of KIND_LIST) {
      if (kind.diagram === 'none') continue;
      const seen = byShape.get(kind.diagram.shape);
      if (seen !== undefined) expect(kind.diagram, kind.kind).toEqual(seen);
      byShape.set(kind.diagram.shape, kind.diagram);
    }
  });

  it('draws one not-collected box per shape whose data is missing, in drawing order, titled by the registry', () => {
    const graph = buildDiagram(
      shopVariant((inventory) => {
        inventory.coverage.push(
          { service: 'dynamodb', region: 'us-east-1', status: 'denied', missing: [{ action: 'dynamodb:ListTables', reason: 'denied' }] },
          { service: 's3', region: 'us-east-1', status: 'denied', missing: [{ action: 's3:ListAllMyBuckets', reason: 'denied' }] },
          { service: 'sqs', region: 'us-east-1', status: 'denied', missing: [{ action: 'sqs:ListQueues', reason: 'denied' }] },
        );
      }),
    );
    const notCollected = graph.nodes.filter((node) => node.subtitle.includes('not collected'));
    expect(notCollected.map((node) => [node.kind, node.title])).toEqual([
      ['queue', 'SQS queues'],
      ['bucket', 'S3 buckets'],
      ['table', 'DynamoDB tables'],
    ]);
  });
});

describe('link target types', () => {
  it('are the registry\'s linkType, else the node kind', () => {
    expect(nodeLinkType('dynamodb-table')).toBe('table');
    expect(nodeLinkType('db-instance')).toBe('instance');
    expect(nodeLinkType('db-cluster')).toBe('cluster');
    expect(linkTargetType({ kind: 'queue', id: 'arn:aws:sqs:us-east-1:1:q' })).toBe('queue');
    expect(linkTargetType({ kind: 'service-mode', id: 'mode' })).toBe('service-mode');
  });
});
