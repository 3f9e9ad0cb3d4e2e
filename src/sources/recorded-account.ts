import type { Inventory } from '../model/index.js';
import type { Progress } from '../model/progress.js';
import { collectAwsInventory } from './aws/index.js';
import { recordedDemoTransport } from './recorded-account/recordings.js';
import { ACCOUNT, REGION } from './recorded-account/recorded/facts.js';

/**
 * The recorded account (`--recorded-account`): the real live-account collection (`collectAwsInventory`, real SDK clients,
 * signing, retries, paginators) run against recorded wire responses of a recorded account instead
 * of the network. No credentials needed, nothing leaves the machine.
 */

/** Not a real key: the recorded transport answers whatever the signature. */
const RECORDED_CREDENTIALS = { accessKeyId: 'DEMOACCESSKEYID00000', secretAccessKey: 'recorded-demo-account' };

export const RECORDED_ACCOUNT_LABEL = `recorded demo account ${ACCOUNT} (${REGION}; recorded responses, no AWS calls)`;

export async function loadRecordedAccountInventory(progress: Progress): Promise<Inventory> {
  const transport = await recordedDemoTransport();
  const inventory = await collectAwsInventory({
    regions: [REGION],
    progress,
    requestHandler: transport,
    credentials: RECORDED_CREDENTIALS,
  });
  // `demo` is the source kind the topology and snapshot schemas (@1) name this source by.
  return { ...inventory, source: { kind: 'demo', label: RECORDED_ACCOUNT_LABEL } };
}
