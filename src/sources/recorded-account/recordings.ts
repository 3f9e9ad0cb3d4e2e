import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AwsServiceName } from '../../model/index.js';
import { RecordedTransport, type RouteMatch } from './transport.js';
import { okReply, WIRE_SERVICES } from './wire.js';

/**
 * Loads the recorded demo account (`recorded/<service>/`) into a `RecordedTransport`.
 *
 * Layout, per service folder (`ec2`, `elbv2`, `route53`, `sts`, `ecs`, `rds`, `iam`, `s3`, `sqs`, `dynamodb`):
 * - `<Operation>.xml` / `<Operation>.json`: the response body exactly as AWS sends it, served
 *   with status 200 for every request of that operation.
 * - `routes.json` (optional): the responses that need more than that, in order, each
 *   `{ "operation", "file", "match"?: { "region"?, "params"?: {...} }, "status"?, "headers"? }`:
 *   later pages (`"match": {"params": {"NextToken": "..."}}`), per-resource answers, recorded
 *   errors (`"status": 404`). Later entries win over earlier ones and over the plain files.
 * A file that is neither a plain `<Operation>.<ext>` nor listed in `routes.json` is an error.
 */

export const RECORDED_DIR = fileURLToPath(new URL('./recorded/', import.meta.url));

interface RecordedRoute {
  operation: string;
  file: string;
  match?: RouteMatch;
  status?: number;
  headers?: Record<string, string>;
}

const PLAIN_FILE = /^([A-Za-z0-9]+)\.(xml|json)$/;

function isService(name: string): name is AwsServiceName {
  return Object.hasOwn(WIRE_SERVICES, name);
}

async function readRoutes(serviceDir: string, files: string[]): Promise<RecordedRoute[]> {
  if (!files.includes('routes.json')) return [];
  const routes = JSON.parse(await readFile(join(serviceDir, 'routes.json'), 'utf8')) as RecordedRoute[];
  for (const route of routes) {
    if (!files.includes(route.file)) throw new Error(`${serviceDir}/routes.json names a missing file: ${route.file}`);
  }
  return routes;
}

export async function addRecordings(transport: RecordedTransport, dir: string = RECORDED_DIR): Promise<RecordedTransport> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.filter((e) => e.isDirectory() && isService(e.name)).sort((a, b) => a.name.localeCompare(b.name))) {
    const service = entry.name as AwsServiceName;
    const serviceDir = join(dir, service);
    const files = (await readdir(serviceDir)).sort();
    const routes = await readRoutes(serviceDir, files);
    const routed = new Set(routes.map((r) => r.file));
    for (const file of files) {
      if (file === 'routes.json' || routed.has(file)) continue;
      const plain = PLAIN_FILE.exec(file);
      if (!plain) throw new Error(`${serviceDir}/${file}: not <Operation>.xml|json and not listed in routes.json`);
      transport.route(service, plain[1]!, okReply(service, await readFile(join(serviceDir, file), 'utf8')));
    }
    for (const route of routes) {
      const body = await readFile(join(serviceDir, route.file), 'utf8');
      transport.route(service, route.operation, okReply(service, body, route.status ?? 200, route.headers ?? {}), {
        ...(route.match === undefined ? {} : { match: route.match }),
      });
    }
  }
  return transport;
}

/** A transport that answers with the whole recorded demo account. */
export async function recordedDemoTransport(dir: string = RECORDED_DIR): Promise<RecordedTransport> {
  return addRecordings(new RecordedTransport(), dir);
}
