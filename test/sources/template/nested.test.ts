import { beforeAll, describe, expect, it } from 'vitest';
import { silentProgress } from '../../../src/cli/progress.js';
import type { Inventory } from '../../../src/model/index.js';
import { loadTemplateInventory } from '../../../src/sources/template/index.js';
import { longestSuffixMatch, nestedStackName, urlPathSegments } from '../../../src/sources/template/nested.js';

const DIR = 'test/fixtures/templates/nested';

let inventory: Inventory;

beforeAll(async () => {
  inventory = await loadTemplateInventory(`${DIR}/parent.yaml`, silentProgress);
});

describe('nested stacks', () => {
  it('finds an S3 TemplateURL built with Sub by the longest path suffix, and a relative one by path', () => {
    expect(inventory.dbInstances.map((db) => db.identifier)).toEqual(['prod-orders']);
    expect(inventory.queues.map((queue) => queue.name)).toEqual(['prod-jobs']);
    // old/database.yaml ends in database.yaml too, but templates/database.yaml matches one segment more.
    expect(inventory.queues.some((queue) => queue.name === 'StaleQueue')).toBe(false);
  });

  it('passes parameters down and honours the child conditions they decide', () => {
    const db = inventory.dbInstances[0]!;
    expect(db.subnetIds).toEqual(['subnet-PrivateSubnet']);
    expect(db.vpcId).toBe('vpc-Vpc');
    expect(db.multiAz).toBe(true);
    const dbGroup = inventory.securityGroups.find((group) => group.id === db.securityGroupIds[0])!;
    expect(dbGroup.inbound).toEqual([{ protocol: 'tcp', fromPort: 5432, toPort: 5432, peer: { kind: 'security-group', groupId: 'sg-AppSecurityGroup' } }]);
  });

  it('resolves !GetAtt Child.Outputs.X in the parent', () => {
    expect(inventory.taskDefinitions[0]!.containers[0]!.environment).toEqual([
      { name: 'DB_HOST', value: 'prod-orders.000000000000.us-east-1.rds.amazonaws.com' },
      { name: 'JOBS_QUEUE_URL', value: 'https://sqs.us-east-1.amazonaws.com/000000000000/prod-jobs' },
    ]);
  });

  it('names child stacks as CloudFormation does: parent-LogicalId-SUFFIX', () => {
    expect(inventory.dbInstances[0]!.tags['aws:cloudformation:stack-name']).toBe(nestedStackName('parent', 'Database'));
    expect(nestedStackName('parent', 'Database')).toMatch(/^parent-Database-[A-Z0-9]{13}$/);
  });

  it('skips a child whose condition is false, and warns about one it cannot find, naming what was tried', () => {
    expect(inventory.sourceWarnings?.map((warning) => warning.message)).toEqual([
      `${DIR}/parent.yaml: nested stack Search was not read: its template https://s3.amazonaws.com/acme-cfn-templates/infra/templates/search.yaml was not found (tried files under ${DIR} ending in acme-cfn-templates/infra/templates/search.yaml).`,
    ]);
  });

  it('reads a child template only as a child when its directory is given as well', async () => {
    const whole = await loadTemplateInventory(DIR, silentProgress);
    expect(whole.dbInstances.map((db) => [db.identifier, db.tags['aws:cloudformation:stack-name']])).toEqual([['prod-orders', nestedStackName('parent', 'Database')]]);
    expect(whole.queues.map((queue) => queue.name)).toEqual(['StaleQueue', 'prod-jobs']);
  });
});

describe('TemplateURL matching', () => {
  it('takes the path of virtual-hosted and path-style S3 URLs, dropping unresolved segments', () => {
    expect(urlPathSegments('https://acme.s3.eu-west-1.amazonaws.com/infra/vpc.yaml')).toEqual(['infra', 'vpc.yaml']);
    expect(urlPathSegments('https://s3.amazonaws.com/acme/infra/vpc.yaml?versionId=3')).toEqual(['acme', 'infra', 'vpc.yaml']);
    expect(urlPathSegments('https://${Param:Bucket}.s3.amazonaws.com/${Param:Prefix}/vpc.yaml')).toEqual(['vpc.yaml']);
  });

  it('prefers the file sharing more trailing segments, then the shorter path', () => {
    const files = ['repo/old/vpc.yaml', 'repo/infra/vpc.yaml', 'repo/a/b/infra/vpc.yaml', 'repo/infra/app.yaml'];
    expect(longestSuffixMatch(files, 'repo', ['infra', 'vpc.yaml'])).toBe('repo/infra/vpc.yaml');
    expect(longestSuffixMatch(files, 'repo', ['none.yaml'])).toBeUndefined();
  });
});
