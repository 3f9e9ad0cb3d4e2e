import { sdkPackage } from './sdk-packages.js';

const { STSClient } = sdkPackage('@aws-sdk/client-sts');

/** The region the SDK's standard chain would pick (environment, then the profile's `region`), or undefined. */
export async function loadConfiguredRegion(profile: string | undefined): Promise<string | undefined> {
  const client = new STSClient(profile ? { profile } : {});
  try {
    return await client.config.region();
  } catch {
    return undefined;
  } finally {
    client.destroy();
  }
}
