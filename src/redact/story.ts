import type { Inventory, Topology } from '../model/index.js';
import { isDistinctive } from './vocabulary.js';

/**
 * The story file (`--story`) is the user's own prose around the page. Under --public, the names it
 * uses for the account's resources become the names the page shows: each resource's real name is
 * paired with its public name by position in the inventory (redaction keeps every list in the
 * original order), so only whole names of real resources are replaced, never the tool's words or
 * an ordinary word that merely equals a tag value. Anything else sensitive the prose holds is left
 * to the leak guard, which refuses to write it.
 */

/** Every named resource: its real name and its public name. */
export function publicNameTable(original: Inventory, published: Inventory): Map<string, string> {
  const table = new Map<string, string>();
  const pair = <T>(real: readonly T[], redacted: readonly T[], name: (item: T) => string | undefined) => {
    real.forEach((item, i) => {
      const from = name(item);
      const counterpart = redacted[i];
      const to = counterpart === undefined ? undefined : name(counterpart);
      if (from === undefined || to === undefined || from === '') return;
      const key = from.replace(/\.$/, '').toLowerCase();
      if (key !== to.replace(/\.$/, '').toLowerCase() && !table.has(key)) table.set(key, to.replace(/\.$/, ''));
    });
  };
  pair(original.loadBalancers, published.loadBalancers, (lb) => lb.name);
  pair(original.loadBalancers, published.loadBalancers, (lb) => lb.dnsName);
  pair(original.targetGroups, published.targetGroups, (tg) => tg.name);
  pair(original.clusters, published.clusters, (cluster) => cluster.name);
  pair(original.services, published.services, (service) => service.name);
  pair(original.taskDefinitions, published.taskDefinitions, (definition) => definition.family);
  pair(original.dbInstances, published.dbInstances, (db) => db.identifier);
  pair(original.dbClusters, published.dbClusters, (cluster) => cluster.identifier);
  pair(original.buckets, published.buckets, (bucket) => bucket.name);
  pair(original.queues, published.queues, (queue) => queue.name);
  pair(original.roles, published.roles, (role) => role.name);
  pair(original.securityGroups, published.securityGroups, (group) => group.name);
  pair(original.vpcs, published.vpcs, (vpc) => vpc.name);
  pair(original.subnets, published.subnets, (subnet) => subnet.name);
  pair(original.hostedZones, published.hostedZones, (zone) => zone.name);
  pair(original.dnsRecords, published.dnsRecords, (record) => record.name);
  return table;
}

const NAME_CHAR = 'A-Za-z0-9_.-';

/**
 * `text` with real names replaced by public ones: a backtick span that is exactly a real name
 * becomes that name's public form, whatever its length; elsewhere only distinctive names (the ones
 * the leak guard looks for) are replaced as whole tokens, so a service called `api` or `a` does not
 * turn the prose's ordinary words into pseudonyms.
 */
export function publicStoryText(text: string, table: ReadonlyMap<string, string>): string {
  if (table.size === 0) return text;
  const distinctive = [...table.keys()].filter(isDistinctive).sort((a, b) => b.length - a.length);
  const pattern =
    distinctive.length === 0
      ? undefined
      : new RegExp(`(?<![${NAME_CHAR}])(?:${distinctive.map((name) => name.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|')})(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])`, 'gi');
  const prose = (run: string) => (pattern === undefined ? run : run.replace(pattern, (match) => table.get(match.toLowerCase()) ?? match));
  return text
    .split(/(`[^`]+`)/)
    .map((run) => {
      if (!/^`[^`]+`$/.test(run)) return prose(run);
      const whole = table.get(run.slice(1, -1).trim().replace(/\.$/, '').toLowerCase());
      return whole === undefined ? prose(run) : `\`${whole}\``;
    })
    .join('');
}

/**
 * A validated story with every text field's real names replaced. The `for` keys of components name
 * the tool's own cards and stay.
 */
export function publicStory<T>(story: T, original: Topology, published: Topology): T {
  const table = publicNameTable(original.inventory, published.inventory);
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') return key === 'for' ? value : publicStoryText(value, table);
    if (Array.isArray(value)) return value.map((item) => walk(item));
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  return walk(story) as T;
}
