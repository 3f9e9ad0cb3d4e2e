import { describe, expect, it } from 'vitest';
import { correlate } from '../../src/correlate/index.js';
import { emptyInventory, mergeAccountInventories, type Edge, type IamRole, type Inventory, type PolicyStatement } from '../../src/model/index.js';
import { crossAccountEdges } from '../../src/render/views/cross-account-links.js';
import { ACCOUNT, ARNS, IDS, REGION, shopInventory } from '../fixtures/model/shop-account.js';

/** The shop account (web) merged with a data account; each test gives the data account what it needs. */
const DATA = '222222222222';
const DATA_BUCKET = 'arn:aws:s3:::data-exports';
const DATA_QUEUE = `arn:aws:sqs:${REGION}:${DATA}:events`;
const DATA_ROLE = `arn:aws:iam::${DATA}:role/ops/data-reader`;
const DATA_SG = 'sg-0data0000000000001';

function dataAccount(change: (inventory: Inventory) => void): Inventory {
  const inventory: Inventory = { ...emptyInventory({ kind: 'aws', label: 'data' }), accountId: DATA, regions: [REGION] };
  change(inventory);
  return inventory;
}

function merged(data: Inventory, web: Inventory = shopInventory()): Inventory {
  return mergeAccountInventories([web, data], { kind: 'aws', label: 'two accounts' });
}

function links(edges: Edge[], kind: Edge['kind']): string[] {
  return edges.filter((e) => e.kind === kind).map((e) => `${e.from.id} -> ${e.to.id} [${e.evidence.map((x) => `${x.matchType} ${x.matchedValue} @ ${x.field}`).join('; ')}]`);
}

describe('cross-account access by resource policy', () => {
  it('links a role of one account to the bucket and queue of another that let it in, with the statement as evidence', () => {
    const inventory = merged(
      dataAccount((data) => {
        data.buckets = [
          {
            name: 'data-exports',
            arn: DATA_BUCKET,
            region: REGION,
            tags: {},
            policy: {
              statements: [
                { effect: 'Deny', actions: ['s3:*'], notActions: [], resources: ['*'], notResources: [], principals: [{ type: '*', value: '*' }] },
                // The principal without the role's path still names the role.
                { effect: 'Allow', actions: ['s3:GetObject'], notActions: [], resources: [`${DATA_BUCKET}/*`], notResources: [], principals: [{ type: 'AWS', value: `arn:aws:iam::${ACCOUNT}:role/shop-web-task` }] },
              ],
            },
          },
        ];
        data.queues = [
          {
            url: `https://sqs.${REGION}.amazonaws.com/${DATA}/events`,
            arn: DATA_QUEUE,
            name: 'events',
            region: REGION,
            fifo: false,
            encryption: { kind: 'sse-sqs' },
            tags: {},
            policy: { statements: [{ effect: 'Allow', actions: ['sqs:SendMessage'], notActions: [], resources: [DATA_QUEUE], notResources: [], principals: [{ type: 'AWS', value: ARNS.workerTaskRole }] }] },
          },
        ];
      }),
    );
    const edges = correlate(inventory);
    expect(links(edges, 'cross-account-access')).toEqual([
      `${ARNS.webTaskRole} -> ${DATA_BUCKET} [resource-policy arn:aws:iam::${ACCOUNT}:role/shop-web-task @ data-exports policy statement 2 (s3:GetObject)]`,
      `${ARNS.workerTaskRole} -> ${DATA_QUEUE} [resource-policy ${ARNS.workerTaskRole} @ events policy statement 1 (sqs:SendMessage)]`,
    ]);
    expect(crossAccountEdges(inventory, edges).map(({ from, to, edge }) => `${from} ${edge.kind} ${to}`)).toEqual([
      `${ACCOUNT} cross-account-access ${DATA}`,
      `${ACCOUNT} cross-account-access ${DATA}`,
    ]);
  });

  it('makes no link within one account, nor for a role the inventory does not hold', () => {
    const web = shopInventory();
    web.buckets[0]!.policy = {
      statements: [{ effect: 'Allow', actions: ['s3:GetObject'], notActions: [], resources: ['*'], notResources: [], principals: [{ type: 'AWS', value: ARNS.webTaskRole }] }],
    };
    expect(links(correlate(web), 'cross-account-access')).toEqual([]);
    const inventory = merged(
      dataAccount((data) => {
        data.buckets = [
          {
            name: 'data-exports',
            arn: DATA_BUCKET,
            region: REGION,
            tags: {},
            policy: { statements: [{ effect: 'Allow', actions: ['s3:GetObject'], notActions: [], resources: ['*'], notResources: [], principals: [{ type: 'AWS', value: `arn:aws:iam::${ACCOUNT}:role/not-walked` }] }] },
          },
        ];
      }),
    );
    expect(links(correlate(inventory), 'cross-account-access')).toEqual([]);
  });
});

describe('cross-account trust', () => {
  const dataRole = (trustPrincipals: IamRole['trustPrincipals']): IamRole => ({ arn: DATA_ROLE, name: 'data-reader', path: '/ops/', trustPrincipals, attachedPolicies: [], inlinePolicies: [], tags: {} });
  /** The shop account whose web task role's own policy gains `statement`. */
  const webWith = (statement: PolicyStatement) => {
    const web = shopInventory();
    web.managedPolicies.find((p) => p.arn === ARNS.webPolicy)!.document!.statements.push(statement);
    return web;
  };
  const assume = (resources: string[], actions = ['sts:AssumeRole']): PolicyStatement => ({ effect: 'Allow', actions, notActions: [], resources, notResources: [] });

  it('links a role to the role of another account whose trust policy names it', () => {
    const inventory = merged(
      dataAccount((data) => {
        data.roles = [dataRole([{ type: 'AWS', value: ARNS.webTaskRole }, { type: 'AWS', value: `arn:aws:iam::${ACCOUNT}:root` }])];
      }),
    );
    expect(links(correlate(inventory), 'cross-account-trust')).toEqual([`${ARNS.webTaskRole} -> ${DATA_ROLE} [trust-policy ${ARNS.webTaskRole} @ data-reader trust policy]`]);
  });

  it('links the roles of a trusted whole account whose own policy allows sts:AssumeRole on the role, with both sides as evidence', () => {
    const web = webWith(assume([DATA_ROLE]));
    const statement = web.managedPolicies.find((p) => p.arn === ARNS.webPolicy)!.document!.statements.length;
    const data = dataAccount((account) => {
      account.roles = [dataRole([{ type: 'AWS', value: `arn:aws:iam::${ACCOUNT}:root`, conditionKeys: ['aws:PrincipalOrgID'] }])];
    });
    expect(links(correlate(merged(data, web)), 'cross-account-trust')).toEqual([
      `${ARNS.webTaskRole} -> ${DATA_ROLE} [trust-policy arn:aws:iam::${ACCOUNT}:root @ data-reader trust policy lets the whole account ${ACCOUNT} in (conditions: aws:PrincipalOrgID); iam-policy ${DATA_ROLE} @ role shop-web-task policy shop-web-uploads statement ${statement} (sts:AssumeRole)]`,
    ]);
    // Anyone (`*`, an organization condition): every walked account's roles whose policy allows it, here by a pattern and `sts:*`.
    const anyone = dataAccount((account) => {
      account.roles = [dataRole([{ type: 'AWS', value: '*', conditionKeys: ['aws:PrincipalOrgID'] }])];
    });
    expect(links(correlate(merged(anyone, webWith(assume([`arn:aws:iam::${DATA}:role/ops/data-*`], ['sts:*'])))), 'cross-account-trust').map((l) => l.replace(/statement \d+/, 'statement N'))).toEqual([
      `${ARNS.webTaskRole} -> ${DATA_ROLE} [trust-policy * @ data-reader trust policy lets any account in (conditions: aws:PrincipalOrgID); iam-policy arn:aws:iam::${DATA}:role/ops/data-* @ role shop-web-task policy shop-web-uploads statement N (sts:AssumeRole)]`,
    ]);
  });

  it('links no role of a trusted whole account whose policy does not allow assuming that role', () => {
    const data = dataAccount((account) => {
      account.roles = [dataRole([{ type: 'AWS', value: ACCOUNT }])];
    });
    // Another role, only a wildcard, another action, or nothing at all.
    for (const statement of [assume([`arn:aws:iam::${DATA}:role/other`]), assume(['*']), assume([`arn:aws:iam::${DATA}:role/*`]), assume([DATA_ROLE], ['sts:TagSession'])]) {
      expect(links(correlate(merged(data, webWith(statement))), 'cross-account-trust')).toEqual([]);
    }
    expect(links(correlate(merged(data)), 'cross-account-trust')).toEqual([]);
  });
});

describe('security group rules across accounts', () => {
  it('lists a rule naming a group of another account (account/sg-id) as a cross-account link', () => {
    const data = dataAccount((account) => {
      account.securityGroups = [
        {
          id: DATA_SG,
          name: 'data-db',
          description: 'data db',
          region: REGION,
          inbound: [{ protocol: 'tcp', fromPort: 5432, toPort: 5432, peer: { kind: 'security-group', groupId: IDS.sgWeb, ownerId: ACCOUNT } }],
          outbound: [],
          tags: {},
        },
      ];
    });
    const inventory = merged(data);
    const crossing = crossAccountEdges(inventory, correlate(inventory));
    expect(crossing.map(({ edge, from, to }) => `${edge.from.id}@${from} ${edge.kind} ${edge.to.id}@${to}`)).toEqual([`${IDS.sgWeb}@${ACCOUNT} sg-ingress ${DATA_SG}@${DATA}`]);

    // The group of the other account was not walked: the rule's ownerId says whose it is.
    const alone = mergeAccountInventories([data, { ...emptyInventory({ kind: 'aws', label: 'x' }), accountId: '333333333333', regions: [REGION] }], { kind: 'aws', label: 'two' });
    expect(crossAccountEdges(alone, correlate(alone)).map(({ from, to }) => `${from} -> ${to}`)).toEqual([`${ACCOUNT} -> ${DATA}`]);
  });
});

describe('cross-account access through a grant to a whole account', () => {
  const rootGrant = (principal: string, actions: string[]) => ({
    effect: 'Allow' as const,
    actions,
    notActions: [],
    resources: [DATA_BUCKET, `${DATA_BUCKET}/*`],
    notResources: [],
    principals: [{ type: 'AWS' as const, value: principal }],
  });
  const dataBucket = (principal: string, actions: string[]) =>
    dataAccount((data) => {
      data.buckets = [{ name: 'data-exports', arn: DATA_BUCKET, region: REGION, tags: {}, policy: { statements: [rootGrant(principal, actions)] } }];
    });
  /** The shop account whose web task role's own policy allows `actions` on the data bucket's objects. */
  const webAllowing = (actions: string[]) => {
    const web = shopInventory();
    web.managedPolicies.find((p) => p.arn === ARNS.webPolicy)!.document!.statements.push({ effect: 'Allow', actions, notActions: [], resources: [`${DATA_BUCKET}/*`], notResources: [] });
    return web;
  };

  it('links each collected role of the account whose own policy allows an action of the grant, with both sides as evidence', () => {
    const web = webAllowing(['s3:GetObject', 's3:PutObject']);
    const statement = web.managedPolicies.find((p) => p.arn === ARNS.webPolicy)!.document!.statements.length;
    const edges = correlate(merged(dataBucket(`arn:aws:iam::${ACCOUNT}:root`, ['s3:Get*', 's3:ListBucket']), web));
    expect(links(edges, 'cross-account-access')).toEqual([
      `${ARNS.webTaskRole} -> ${DATA_BUCKET} [resource-policy arn:aws:iam::${ACCOUNT}:root @ data-exports policy statement 1 grants the whole account ${ACCOUNT} (s3:Get*, s3:ListBucket); iam-policy ${DATA_BUCKET}/* @ role shop-web-task policy shop-web-uploads statement ${statement} (s3:GetObject)]`,
    ]);
  });

  it('takes the bare account id too, and links nobody whose policy allows none of the granted actions, nor roles of an account not walked', () => {
    const bare = correlate(merged(dataBucket(ACCOUNT, ['s3:GetObject']), webAllowing(['s3:*'])));
    expect(links(bare, 'cross-account-access').map((l) => l.split(' [')[0])).toEqual([`${ARNS.webTaskRole} -> ${DATA_BUCKET}`]);
    // The role may only write; the grant lets the account read.
    expect(links(correlate(merged(dataBucket(ACCOUNT, ['s3:GetObject']), webAllowing(['s3:PutObject']))), 'cross-account-access')).toEqual([]);
    // The grant names an account whose roles were not collected: no role is guessed at.
    expect(links(correlate(merged(dataBucket('777777777777', ['s3:GetObject']), webAllowing(['s3:GetObject']))), 'cross-account-access')).toEqual([]);
  });
});
