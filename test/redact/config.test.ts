import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { InputFileError } from '../../src/errors.js';
import { parseRedactionConfig } from '../../src/redact/config.js';
import { redact, shopTopology } from './support.js';

const FILE = 'topology.config.yml';

function problemOf(raw: unknown): string {
  try {
    parseRedactionConfig(raw, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as InputFileError).file).toBe(FILE);
    return (error as Error).message;
  }
  throw new Error('expected an InputFileError');
}

describe('parseRedactionConfig', () => {
  it('reads aliases, keep and descriptions, normalizing DNS names', () => {
    const config = parseRedactionConfig(
      { aliases: { 'shop-edge-alb': 'public-app-alb', 'WWW.Corp.IO.': 'app.example.com' }, keep: ['/application/'], descriptions: 'keep' },
      FILE,
    );
    expect([...config.aliases]).toEqual([
      ['shop-edge-alb', 'public-app-alb'],
      ['www.corp.io', 'app.example.com'],
    ]);
    expect([...config.keep]).toEqual(['/application/']);
    expect(config.descriptions).toBe('keep');
  });

  it('defaults to no aliases, nothing kept and neutral descriptions', () => {
    for (const raw of [undefined, null, {}]) {
      const config = parseRedactionConfig(raw, FILE);
      expect([config.aliases.size, config.keep.size, config.descriptions]).toEqual([0, 0, 'neutral']);
    }
  });

  it.each([
    [{ aliases: { 'shop-db': '123456789012' } }, 'redaction.aliases."shop-db": the public label looks like a real AWS identifier (account id)'],
    [{ aliases: { 'shop-db': 'arn:aws:rds:us-east-1:123456789012:db:x' } }, 'redaction.aliases."shop-db": the public label looks like a real AWS identifier (ARN with an account id)'],
    [{ aliases: { 'shop-db': 'mydb.c9akciq32.us-east-1.rds.amazonaws.com' } }, 'redaction.aliases."shop-db": the public label looks like a real AWS identifier (AWS host name)'],
    [{ aliases: { 'shop-db': 'sg-0e55e55e55e55e555' } }, 'redaction.aliases."shop-db": the public label looks like a real AWS identifier (EC2 resource id)'],
    [{ aliases: { 'shop-db': '10.0.3.7' } }, 'redaction.aliases."shop-db": the public label looks like a real AWS identifier (private IPv4 address)'],
    [{ aliases: { 'shop-db': 'AKIAIOSFODNN7EXAMPLE' } }, 'redaction.aliases."shop-db": the public label looks like a real AWS identifier (AWS access key or unique id)'],
    [{ aliases: { 'shop-db': 42 } }, 'redaction.aliases."shop-db": the public label must be a non-empty string'],
    [{ aliases: { 'shop-db': 'my db' } }, 'redaction.aliases."shop-db": the public label must not contain spaces or control characters'],
    [{ aliases: { 'shop-db': 'db', 'shop-web': 'db' } }, 'redaction.aliases."shop-web": the public label is already the alias of "shop-db"'],
    [{ aliases: ['shop-db'] }, 'redaction.aliases: must be a mapping of real value → public label'],
    [{ keep: 'shop-db' }, 'redaction.keep: must be a list of original values allowed to stay'],
    [{ keep: ['ok', 123456789012] }, 'redaction.keep[1]: must be a non-empty string'],
    [{ keep: ['arn:aws:iam::123456789012:role/x'] }, 'redaction.keep[0]: looks like a real AWS identifier (ARN with an account id)'],
    [{ descriptions: 'original' }, 'redaction.descriptions: must be "keep" or "neutral"'],
    [{ alias: {} }, 'redaction.alias: unknown setting'],
    ['aliases', 'redaction: must be a mapping with aliases, keep, descriptions'],
  ])('rejects %j naming the file and the entry', (raw, problem) => {
    expect(problemOf(raw)).toContain(`${FILE}: ${problem}`);
  });

  it('accepts public AWS names as labels (service principals are not account data)', () => {
    expect(parseRedactionConfig({ aliases: { x: 'ecs-tasks.amazonaws.com' } }, FILE).aliases.get('x')).toBe('ecs-tasks.amazonaws.com');
  });
});

describe('aliases against the account', () => {
  it('rejects a label that contains a real name of this account', () => {
    expect(() => redact(shopTopology(), { config: { aliases: { 'shop-edge-alb': 'shop-web' } }, configFile: FILE })).toThrow(
      `${FILE}: redaction.aliases."shop-edge-alb": the public label contains a real name of this account (services[0].name)`,
    );
    expect(() => redact(shopTopology(), { config: { aliases: { 'www.corp.io': 'www.shop-db.example' } }, configFile: FILE })).toThrow(/the public label contains a real name of this account \(dbInstances\[0\]\.identifier\)/);
  });

  it('accepts a label equal to its own real value (the same as keeping it)', () => {
    const redacted = redact(shopTopology(), { config: { aliases: { 'shop-edge-alb': 'shop-edge-alb' } } });
    expect(redacted.inventory.loadBalancers[0]!.name).toBe('shop-edge-alb');
  });
});

describe('the redaction section of a config file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'topology-redaction-'));

  it('is read from YAML by loadConfig and validated here', async () => {
    const file = join(dir, 'topology.config.yml');
    writeFileSync(file, 'redaction:\n  aliases:\n    shop-edge-alb: public-app-alb\n  keep:\n    - /application/\n');
    const raw = await loadConfig(file);
    const config = parseRedactionConfig(raw.redaction, raw.file);
    expect(config.aliases.get('shop-edge-alb')).toBe('public-app-alb');
    expect(config.keep.has('/application/')).toBe(true);
  });

  it('reports a bad JSON entry with the file path', async () => {
    const file = join(dir, 'topology.config.json');
    writeFileSync(file, JSON.stringify({ redaction: { aliases: { 'shop-db': '123456789012' } } }));
    const raw = await loadConfig(file);
    expect(() => parseRedactionConfig(raw.redaction, raw.file)).toThrow(`${file}: redaction.aliases."shop-db": the public label looks like a real AWS identifier (account id)`);
  });
});
