import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/** The StackSet template of docs/multi-account.md grants exactly the read-only statement of docs/iam-policy.json. */

interface Statement {
  Sid: string;
  Effect: string;
  Action: string[];
  Resource: string;
}

describe('docs/multi-account-role.yaml', () => {
  it('grants the read-only actions of docs/iam-policy.json, and no others', async () => {
    const policy = JSON.parse(await readFile(new URL('../../docs/iam-policy.json', import.meta.url), 'utf8')) as { Statement: Statement[] };
    const template = parse(await readFile(new URL('../../docs/multi-account-role.yaml', import.meta.url), 'utf8')) as {
      Resources: { ReadOnlyRole: { Type: string; Properties: { Policies: { PolicyDocument: { Statement: Statement[] } }[] } } };
    };
    const role = template.Resources.ReadOnlyRole;
    expect(role.Type).toBe('AWS::IAM::Role');
    const granted = role.Properties.Policies.flatMap((p) => p.PolicyDocument.Statement);
    const readOnly = policy.Statement.find((s) => s.Sid === 'TopologyReadOnlyInventory')!;
    expect(granted).toEqual([{ Sid: readOnly.Sid, Effect: 'Allow', Resource: '*', Action: readOnly.Action }]);
    expect(granted[0]!.Action).not.toContain('sts:AssumeRole');
  });

  it('is trusted by one role of the audit account, with the external id when one is given', async () => {
    const text = await readFile(new URL('../../docs/multi-account-role.yaml', import.meta.url), 'utf8');
    const template = parse(text) as { Resources: { ReadOnlyRole: { Properties: { RoleName: { Ref: string }; AssumeRolePolicyDocument: { Statement: Record<string, unknown>[] } } } } };
    const trust = template.Resources.ReadOnlyRole.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust).toHaveLength(1);
    expect(trust[0]!.Action).toBe('sts:AssumeRole');
    expect(trust[0]!.Principal).toEqual({ AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AuditAccountId}:role/${AuditPrincipalName}' } });
    expect(JSON.stringify(trust[0]!.Condition)).toContain('sts:ExternalId');
  });
});
