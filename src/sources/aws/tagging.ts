import type { TagFilter } from '@aws-sdk/client-resource-groups-tagging-api';
import type { TagSelector } from '../../model/index.js';
import { listAll, type CallOutcome, type CollectContext } from './context.js';
import { sdkPackage } from './sdk-packages.js';

const { paginateGetResources, ResourceGroupsTaggingAPIClient } = sdkPackage('@aws-sdk/client-resource-groups-tagging-api');

/**
 * `--tag` in a live walk: the Resource Groups Tagging API finds the tagged resources of one region
 * across services in a few pages, so the walk reads those instead of every resource it could tag
 * (docs/scoping.md, "Cheaper live walks"). It returns only resources that carry tags, and not IAM
 * roles; what it misses the walk still reaches along the edges of what it found.
 */

/** The API's largest page. */
const RESOURCES_PER_PAGE = 100;

/**
 * The selectors as the API's filters: one filter per key with every value given for it. The API
 * ORs a filter's values and ANDs its filters, which is the selectors' own rule (same key: either
 * value; different keys: all).
 */
export function tagFilters(tags: readonly TagSelector[]): TagFilter[] {
  const byKey = new Map<string, string[]>();
  for (const tag of tags) byKey.set(tag.key, [...new Set([...(byKey.get(tag.key) ?? []), tag.value])]);
  return [...byKey].map(([Key, Values]) => ({ Key, Values }));
}

/** The ARNs of the region's resources carrying the tags (`tag:GetResources`, every page). */
export async function taggedResourceArns(ctx: CollectContext, tags: readonly TagSelector[]): Promise<CallOutcome<string[]>> {
  const client = new ResourceGroupsTaggingAPIClient(ctx.clientConfig);
  const TagFilters = tagFilters(tags);
  const found = await listAll(
    ctx,
    'tag:GetResources',
    () => paginateGetResources({ client }, { TagFilters, ResourcesPerPage: RESOURCES_PER_PAGE }),
    (page) => page.ResourceTagMappingList,
  );
  if (!found.ok) return found;
  return { ok: true, value: [...new Set(found.value.flatMap((mapping) => (mapping.ResourceARN ? [mapping.ResourceARN] : [])))] };
}
