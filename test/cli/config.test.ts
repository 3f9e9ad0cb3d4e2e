import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { closeMatches } from '../../src/cli/config.js';
import { cli } from '../support/cli.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'topology-config-'));
});

async function configFile(text: string): Promise<string> {
  const file = join(dir, 'topology.yml');
  await writeFile(file, text);
  return file;
}

describe('the whole config file is validated at load, by every command', () => {
  it.each([
    ['report', ['--recorded-account']],
    ['audit', ['audit', '--recorded-account']],
    ['snapshot', ['snapshot', '--recorded-account']],
  ])('a bad drift section stops %s (which does not use it) with exit 2 naming the file', async (_name, argv) => {
    const file = await configFile('drift:\n  ignore: 5\n');
    const { code, stdout, stderr } = await cli(...argv, '--config', file);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toMatch(new RegExp(`^topology: ${file}: drift\\.ignore`));
  });

  it('a bad redaction section stops drift', async () => {
    const file = await configFile('redaction:\n  aliases: 5\n');
    const { code, stderr } = await cli('drift', '--expected-from', 'test/drift/fixtures/shop-stack.yaml', '--recorded-account', '--config', file);
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}: redaction`);
  });
});

describe('a suppression naming an unknown rule id', () => {
  it('is an error naming the close matches', async () => {
    const file = await configFile('audit:\n  suppressions:\n    - { ruleId: TOPO-RDS-06, reason: staging }\n');
    const { code, stderr } = await cli('audit', '--recorded-account', '--config', file);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe(`topology: ${file}: audit.suppressions[0]: no rule has the id "TOPO-RDS-06" (did you mean TOPO-RDS-006?)`);
  });

  it('with nothing close, names none', async () => {
    const file = await configFile('audit:\n  suppressions:\n    - { ruleId: no-such-check, reason: x }\n');
    const { code, stderr } = await cli('--recorded-account', '--config', file);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe(`topology: ${file}: audit.suppressions[0]: no rule has the id "no-such-check"`);
  });

  it('closeMatches keeps the ids at the fewest edits, case-insensitive, and none when all are far', () => {
    expect(closeMatches('topo-sqs-01', ['TOPO-SQS-001', 'TOPO-SQS-002', 'TOPO-S3-001', 'TOPO-RDS-001'])).toEqual(['TOPO-SQS-001']);
    expect(closeMatches('TOPO-ECS-009', ['TOPO-ECS-001', 'TOPO-ECS-002', 'TOPO-NET-003'])).toEqual(['TOPO-ECS-001', 'TOPO-ECS-002']);
    expect(closeMatches('TOPO-XYZ-123', ['TOPO-ECS-001', 'TOPO-NET-003'])).toEqual([]);
  });
});
