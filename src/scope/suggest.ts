import { UsageError } from '../errors.js';
import type { Inventory } from '../model/index.js';
import type { ScopeSelectors, TagSelector } from '../model/scope.js';
import { inventoryItems, matchesTags, STACK_TAG, tagsOf, type Selection } from './select.js';
import { editDistance } from '../model/edit-distance.js';

/**
 * A selector that matches nothing is an error (exit 2), never an empty page: the message names the
 * selector and the close matches the account has (tag keys and values, stack names, clusters,
 * services, VPCs), except under --public, where the names themselves must not be printed.
 */

const MOST_SUGGESTIONS = 8;

export function assertEverySelectorMatches(inventory: Inventory, selectors: ScopeSelectors, selection: Selection, options: { public: boolean }): void {
  const empty = selection.matches.filter((match) => match.keys.length === 0);
  if (empty.length === 0) return;
  const lines = empty.map((match) => `${match.flag} matches nothing in ${inventory.source.label}.`);
  const hints = options.public ? [] : suggestions(inventory, selectors, empty.map((match) => match.flag));
  throw new UsageError(lines.join(' '), {
    hint: options.public
      ? 'The names the account has are not printed with --public; run without --public to see close matches.'
      : hints.length > 0
        ? hints.join(' ')
        : 'The input has nothing of that kind to match.',
  });
}

function suggestions(inventory: Inventory, selectors: ScopeSelectors, emptyFlags: string[]): string[] {
  const hints: string[] = [];
  const items = inventoryItems(inventory);
  const allTags = items.map((entry) => tagsOf(entry.item) ?? {});
  const tagFlag = selectors.tags.map((tag) => `--tag ${tag.key}=${tag.value}`).join(' ');
  if (selectors.tags.length > 0 && emptyFlags.includes(tagFlag)) hints.push(...tagHints(allTags, selectors.tags));
  const stacks = distinct(allTags.flatMap((tags) => (tags[STACK_TAG] === undefined ? [] : [tags[STACK_TAG]])));
  for (const stack of selectors.stacks) if (emptyFlags.includes(`--stack ${stack}`)) hints.push(closeList('Stacks', stack, stacks));
  const clusterNames = distinct(inventory.clusters.map((cluster) => cluster.name));
  for (const cluster of selectors.clusters) if (emptyFlags.includes(`--cluster ${cluster}`)) hints.push(closeList('Clusters', cluster, clusterNames));
  const clusterOf = new Map(inventory.clusters.map((cluster) => [cluster.arn, cluster.name]));
  const services = distinct(inventory.services.map((service) => `${clusterOf.get(service.clusterArn) ?? service.clusterArn.split('/').pop()}/${service.name}`));
  for (const service of selectors.services) if (emptyFlags.includes(`--service ${service}`)) hints.push(closeList('Services', service, services));
  const vpcs = distinct(inventory.vpcs.flatMap((vpc) => (vpc.name === undefined ? [vpc.id] : [vpc.id, vpc.name])));
  for (const vpc of selectors.vpcs) if (emptyFlags.includes(`--vpc ${vpc}`)) hints.push(closeList('VPCs', vpc, vpcs));
  return hints.filter((hint) => hint !== '');
}

/** Per tag given: a key nobody has (and the close keys), a value nobody has for it (and the close values), or keys that match apart but not together. */
function tagHints(allTags: Record<string, string>[], selectors: readonly TagSelector[]): string[] {
  const keys = distinct(allTags.flatMap((tags) => Object.keys(tags)).filter((key) => !key.startsWith('aws:')));
  const hints: string[] = [];
  let eachMatches = true;
  for (const selector of selectors) {
    if (allTags.some((tags) => matchesTags(tags, [selector]))) continue;
    eachMatches = false;
    if (!keys.includes(selector.key)) hints.push(closeList(`Tag keys`, selector.key, keys));
    else hints.push(closeList(`Values of tag ${selector.key}`, selector.value, distinct(allTags.flatMap((tags) => (tags[selector.key] === undefined ? [] : [tags[selector.key]!])))));
  }
  if (eachMatches) hints.push('Each tag matches some resources, but no resource carries them all (different keys must all match; repeat one key for alternatives).');
  return hints;
}

function distinct(values: string[]): string[] {
  return [...new Set(values)].sort();
}

/** `Stacks close to "order": orders, orders-api.` or, when none is close, the first few there are. */
function closeList(what: string, given: string, known: string[]): string {
  if (known.length === 0) return `The input has no ${what.toLowerCase()}.`;
  const close = known
    .map((candidate) => ({ candidate, distance: closeness(given, candidate) }))
    .filter((entry) => entry.distance !== undefined)
    .sort((a, b) => a.distance! - b.distance! || (a.candidate < b.candidate ? -1 : 1))
    .map((entry) => entry.candidate);
  const list = (close.length > 0 ? close : known).slice(0, MOST_SUGGESTIONS);
  const more = (close.length > 0 ? close : known).length - list.length;
  return `${what} ${close.length > 0 ? `close to "${given}"` : 'there are'}: ${list.join(', ')}${more > 0 ? ` and ${more} more` : ''}.`;
}

/** Edit distance when small for the length, 0 for a case-insensitive match or containment; undefined when not close. */
function closeness(given: string, candidate: string): number | undefined {
  const a = given.toLowerCase();
  const b = candidate.toLowerCase();
  if (a === b || b.includes(a) || a.includes(b)) return 0;
  const distance = editDistance(a, b);
  return distance <= Math.max(2, Math.floor(Math.min(a.length, b.length) / 3)) ? distance : undefined;
}

