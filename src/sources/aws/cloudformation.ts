import { listAll, type CallOutcome, type CollectContext } from './context.js';
import { sdkPackage } from './sdk-packages.js';

const { CloudFormationClient, paginateListStackResources } = sdkPackage('@aws-sdk/client-cloudformation');

/**
 * `--stack` in a live walk: CloudFormation `ListStackResources` names every resource of a stack
 * (every page; `DescribeStackResources` stops at 100), and a nested stack is one of them
 * (`AWS::CloudFormation::Stack`, its physical id the child stack's ARN), read the same way, so the
 * walk reads those resources instead of the whole account (docs/scoping.md, "Cheaper live walks").
 */

export interface StackResource {
  /** `AWS::ECS::Service`... */
  type: string;
  /** What CloudFormation calls the resource: an ARN, a name, a queue URL, depending on the type. */
  physicalId: string;
  /** The stack (name or ARN, as asked) it belongs to. */
  stack: string;
}

const NESTED_STACK = 'AWS::CloudFormation::Stack';

/** CloudFormation's answer for a stack this region does not hold: none here, not a failure. */
function isMissingStack(error: unknown): boolean {
  const { name, message } = error as { name?: string; message?: string };
  return name === 'ValidationError' && /does not exist/i.test(message ?? '');
}

/** Every resource of the stacks and of their nested stacks, in this region. A failed call fails the lookup. */
export async function stackResources(ctx: CollectContext, stacks: readonly string[]): Promise<CallOutcome<StackResource[]>> {
  const client = new CloudFormationClient(ctx.clientConfig);
  const resources: StackResource[] = [];
  const asked = new Set<string>();
  let pending = [...new Set(stacks)];
  while (pending.length > 0) {
    pending.forEach((stack) => asked.add(stack));
    const pages = await Promise.all(
      pending.map(async (stack) => ({
        stack,
        found: await listAll(
          ctx,
          'cloudformation:ListStackResources',
          () => missingStackIsEmpty(paginateListStackResources({ client }, { StackName: stack })),
          (page) => page.StackResourceSummaries,
          stack,
        ),
      })),
    );
    const nested: string[] = [];
    for (const { stack, found } of pages) {
      if (!found.ok) return found;
      for (const summary of found.value) {
        if (summary.ResourceType === undefined || summary.PhysicalResourceId === undefined || summary.PhysicalResourceId === '') continue;
        resources.push({ type: summary.ResourceType, physicalId: summary.PhysicalResourceId, stack });
        if (summary.ResourceType === NESTED_STACK && !asked.has(summary.PhysicalResourceId)) nested.push(summary.PhysicalResourceId);
      }
    }
    pending = [...new Set(nested)];
  }
  return { ok: true, value: resources };
}

async function* missingStackIsEmpty<Page>(pages: AsyncIterable<Page>): AsyncIterable<Page> {
  try {
    yield* pages;
  } catch (error) {
    if (!isMissingStack(error)) throw error;
  }
}
