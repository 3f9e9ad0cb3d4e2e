import { describe, expect, it } from 'vitest';
import { REDACTED_KINDS, REGISTRY_ARN_WORDS, REGISTRY_PUBLIC_FIELDS, REGISTRY_REGION_FIELDS, redactedKindsOf } from '../../src/redact/registry.js';
import { toolWords } from '../../src/redact/tool-words.js';

describe('redaction asks the registry', () => {
  it('knows the kinds the registry redacts, by the service of their ARNs and calls', () => {
    expect(REDACTED_KINDS.map((kind) => kind.descriptor.kind)).toEqual(['dynamodb-table']);
    expect(redactedKindsOf('dynamodb').map((kind) => kind.redaction.name)).toEqual([{ namespace: 'dynamodb-table', prefix: 'table' }]);
    expect(redactedKindsOf('sqs')).toEqual([]);
  });

  it('takes the leak guard\'s public and region fields and the tool\'s ARN words from the descriptors', () => {
    expect(REGISTRY_PUBLIC_FIELDS).toEqual(['billingMode', 'streamViewType']);
    expect(REGISTRY_REGION_FIELDS).toEqual(['replicaRegions']);
    expect(REGISTRY_ARN_WORDS).toEqual(['dynamodb', 'table', 'index', 'stream', 'backup', 'export', 'import']);
    for (const word of ['dynamodb', 'table', 'index', 'stream']) expect(toolWords().has(word), word).toBe(true);
  });
});
