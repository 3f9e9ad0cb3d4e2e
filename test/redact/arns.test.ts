import { describe, expect, it } from 'vitest';
import { KIND_LIST, emptyInventory, type CollectionKey, type Inventory, type KindName } from '../../src/model/index.js';
import { redactArn } from '../../src/redact/arns.js';
import { EMPTY_REDACTION_CONFIG } from '../../src/redact/config.js';
import { PublicNames } from '../../src/redact/names.js';
import { Pseudonyms } from '../../src/redact/pseudonyms.js';

function publicNames(): PublicNames {
  const inventory = { ...emptyInventory({ kind: 'aws', label: 'test' }), accountId: '123456789012' };
  return new PublicNames(new Pseudonyms('k'.repeat(32), EMPTY_REDACTION_CONFIG), inventory, false);
}

/** The public name a kind's descriptor gives (`redaction.name`). */
function nameOf(collection: CollectionKey): KindName {
  return KIND_LIST.find((descriptor) => descriptor.collection === collection)!.redaction.name!;
}

describe('ARNs of the kinds whose descriptors say their shape (redaction.arn)', () => {
  const account = 'arn:aws:rds:us-east-1:123456789012';

  it('names an RDS instance and cluster by the public name their copies give (`db:<name>`, `cluster:<name>`)', () => {
    const names = publicNames();
    expect(redactArn(names, `${account}:db:shop-db`)).toBe(`arn:aws:rds:us-east-1:account:db:${names.kindName(nameOf('dbInstances'), 'shop-db')}`);
    expect(redactArn(names, `${account}:cluster:shop-aurora`)).toBe(`arn:aws:rds:us-east-1:account:cluster:${names.kindName(nameOf('dbClusters'), 'shop-aurora')}`);
    expect(names.kindName(nameOf('dbInstances'), 'shop-db')).toMatch(/^db-instance-/);
  });

  it('leaves another resource type of the service to the generic rule (its type kept, the rest a pseudonym)', () => {
    expect(redactArn(publicNames(), `${account}:snapshot:nightly`)).toMatch(/^arn:aws:rds:us-east-1:account:snapshot:snapshot-[a-z2-9]{4}$/);
  });

  it('names an S3 bucket by its public name and each part of an object key by a pseudonym, `*` kept', () => {
    const names = publicNames();
    const bucket = names.kindName(nameOf('buckets'), 'shop-uploads');
    expect(redactArn(names, 'arn:aws:s3:::shop-uploads')).toBe(`arn:aws:s3:::${bucket}`);
    expect(redactArn(names, 'arn:aws:s3:::shop-uploads/*')).toBe(`arn:aws:s3:::${bucket}/*`);
    expect(redactArn(names, 'arn:aws:s3:::shop-uploads/invoices/*')).toMatch(new RegExp(`^arn:aws:s3:::${bucket}/path-[a-z2-9]{4}/\\*$`));
  });

  it('names an ECS cluster and a task definition\'s family by their public names, the revision kept; a service ARN under its cluster\'s name', () => {
    const names = publicNames();
    const cluster = names.kindName(nameOf('clusters'), 'shop');
    expect(redactArn(names, 'arn:aws:ecs:us-east-1:123456789012:cluster/shop')).toBe(`arn:aws:ecs:us-east-1:account:cluster/${cluster}`);
    expect(redactArn(names, 'arn:aws:ecs:us-east-1:123456789012:task-definition/shop-web:7')).toBe(
      `arn:aws:ecs:us-east-1:account:task-definition/${names.kindName(nameOf('taskDefinitions'), 'shop-web')}:7`,
    );
    expect(names.kindName(nameOf('taskDefinitions'), 'shop-web')).toMatch(/^public-taskdef-/);
    expect(redactArn(names, 'arn:aws:ecs:us-east-1:123456789012:service/shop/web')).toBe(`arn:aws:ecs:us-east-1:account:service/${cluster}/${names.serviceName('shop', 'web')}`);
  });

  it('names a customer managed policy by its public name after its public IAM path; AWS\'s stay whole', () => {
    const names = publicNames();
    const policy = names.kindName(nameOf('managedPolicies'), 'shop-read');
    expect(redactArn(names, 'arn:aws:iam::123456789012:policy/shop-read')).toBe(`arn:aws:iam::account:policy/${policy}`);
    expect(redactArn(names, 'arn:aws:iam::123456789012:policy/service-role/shop-read')).toBe(`arn:aws:iam::account:policy${names.iamPath('/service-role/')}${policy}`);
    expect(redactArn(names, 'arn:aws:iam::aws:policy/ReadOnlyAccess')).toBe('arn:aws:iam::aws:policy/ReadOnlyAccess');
  });

  it('names a load balancer by its public name, prefixed by its type: the inventory\'s, else the ARN\'s word; its listeners\' ARNs under the same name', () => {
    const names = publicNames();
    const arn = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/shop-edge/0123456789abcdef';
    const lb = names.kindName(nameOf('loadBalancers'), 'shop-edge', 'net');
    expect(lb).toMatch(/^nlb-/);
    expect(redactArn(names, arn)).toBe(`arn:aws:elasticloadbalancing:us-east-1:account:loadbalancer/net/${lb}`);
    expect(redactArn(names, arn.replace(':loadbalancer/', ':listener/') + '/fedcba9876543210')).toMatch(new RegExp(`:listener/net/${lb}/listener-[a-z2-9]{4}$`));
    const inventory = { ...emptyInventory({ kind: 'aws', label: 'test' }), loadBalancers: [{ name: 'shop-edge', type: 'application' }] } as unknown as Inventory;
    const known = new PublicNames(new Pseudonyms('k'.repeat(32), EMPTY_REDACTION_CONFIG), inventory, false);
    expect(known.kindName(nameOf('loadBalancers'), 'shop-edge', 'net')).toMatch(/^alb-/);
  });

  it('names a target group by its public name and leaves AWS\'s id after it out', () => {
    const names = publicNames();
    expect(redactArn(names, 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-web/0123456789abcdef')).toBe(
      `arn:aws:elasticloadbalancing:us-east-1:account:targetgroup/${names.kindName(nameOf('targetGroups'), 'shop-web')}`,
    );
  });

  it('names a queue by its public name, a FIFO queue\'s `.fifo` kept, as its URL does', () => {
    const names = publicNames();
    const queue = names.kindName(nameOf('queues'), 'shop-jobs');
    expect(redactArn(names, 'arn:aws:sqs:us-east-1:123456789012:shop-jobs')).toBe(`arn:aws:sqs:us-east-1:account:${queue}`);
    expect(redactArn(names, 'arn:aws:sqs:us-east-1:123456789012:shop-jobs.fifo')).toBe(`arn:aws:sqs:us-east-1:account:${queue}.fifo`);
    expect(names.queueUrl('https://sqs.us-east-1.amazonaws.com/123456789012/shop-jobs.fifo')).toBe(`https://sqs.us-east-1.amazonaws.com/account/${queue}.fifo`);
  });

  it('keeps a DynamoDB table ARN\'s AWS words after the name and makes the other parts pseudonyms', () => {
    const names = publicNames();
    const table = names.kindName(nameOf('dynamoTables'), 'orders');
    expect(redactArn(names, 'arn:aws:dynamodb:us-east-1:123456789012:table/orders/index/by-customer')).toMatch(
      new RegExp(`^arn:aws:dynamodb:us-east-1:account:table/${table}/index/part-[a-z2-9]{4}$`),
    );
    expect(redactArn(names, 'arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/*')).toBe(`arn:aws:dynamodb:us-east-1:account:table/${table}/stream/*`);
  });
});

describe('an ARN a template leaves unresolved', () => {
  it('reads as the placeholder it is, its kind kept and its name a pseudonym, as ids from a placeholder do', () => {
    const names = publicNames();
    const listener = redactArn(names, '${Import:production:PrivateListener}');
    expect(listener).toMatch(/^\$\{Import:import-[a-z2-9]{4}\}$/);
    expect(listener).toBe(names.placeholder('${Import:production:PrivateListener}'));
    expect(redactArn(names, '${WebAlb.Arn}')).toMatch(/^\$\{resource-[a-z2-9]{4}\.Arn\}$/);
    expect(redactArn(names, 'not-an-arn')).toMatch(/^resource-[a-z2-9]{4}$/);
  });
});
