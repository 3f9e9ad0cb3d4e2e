import { describe, expect, it } from 'vitest';
import {
  DEFAULT_IGNORES,
  ignoresEntity,
  ignoresField,
  ignoresFromArgs,
  parseDriftConfig,
  parseIgnorePattern,
  type IgnorePattern,
} from '../../src/drift/ignore.js';
import { InputFileError, UsageError } from '../../src/errors.js';

const pattern = (text: string) => parseIgnorePattern(text) as IgnorePattern;

describe('ignore patterns', () => {
  it('KIND/NAME matches whole resources, with globs', () => {
    expect(ignoresEntity([pattern('queue/*-dlq')], 'queue', 'shop-jobs-dlq')).toBe(true);
    expect(ignoresEntity([pattern('queue/*-dlq')], 'queue', 'shop-jobs')).toBe(false);
    expect(ignoresEntity([pattern('queue/*-dlq')], 'bucket', 'x-dlq')).toBe(false);
    expect(ignoresEntity([pattern('link:service-*')], 'link:service-db', 'shop-web → shop-db')).toBe(true);
    expect(ignoresEntity([pattern('ecs-service/*/desiredCount')], 'ecs-service', 'shop-web')).toBe(false);
  });

  it('KIND/NAME/FIELD matches a field of a changed resource; * also crosses dots', () => {
    const imageTags = pattern('task-definition/*/containers.*.imageTag');
    expect(ignoresField([imageTags], 'task-definition', 'shop-web', 'containers.web.imageTag')).toBe(true);
    expect(ignoresField([imageTags], 'task-definition', 'shop-web', 'containers.web.image')).toBe(false);
    expect(ignoresField([pattern('*/*/tags.cost-center')], 'bucket', 'media', 'tags.cost-center')).toBe(true);
    expect(ignoresField([pattern('ecs-service/shop-?eb/desiredCount')], 'ecs-service', 'shop-web', 'desiredCount')).toBe(true);
    expect(ignoresField([pattern('ecs-service/shop-?eb/desiredCount')], 'ecs-service', 'shop-worker', 'desiredCount')).toBe(false);
  });

  it('the field part may contain slashes (tag keys)', () => {
    expect(ignoresField([pattern('*/*/tags.kubernetes.io/cluster/*')], 'vpc', 'shop-vpc', 'tags.kubernetes.io/cluster/prod')).toBe(true);
  });

  it('rejects empty parts and kinds that match nothing, naming the known kinds', () => {
    expect(parseIgnorePattern('')).toBe('the pattern is empty');
    expect(parseIgnorePattern('queue//visibilityTimeoutSeconds')).toMatch(/has an empty part; write KIND\/NAME\/FIELD/);
    expect(parseIgnorePattern('servce/*')).toMatch(/^"servce\/\*": "servce" matches no kind; kinds are account, hosted-zone, dns-record, /);
    expect(() => ignoresFromArgs(['services/*/desiredCount'])).toThrow(UsageError);
    expect(() => ignoresFromArgs(['services/*/desiredCount'])).toThrow(/^--ignore "services\/\*\/desiredCount": "services" matches no kind/);
  });

  it('the defaults all parse and say why', () => {
    for (const entry of DEFAULT_IGNORES) {
      expect(typeof parseIgnorePattern(entry.pattern)).toBe('object');
      expect(entry.why.length).toBeGreaterThan(20);
    }
    expect(DEFAULT_IGNORES.map((entry) => entry.pattern)).toContain('task-definition/*/revision');
  });
});

describe('the drift section of the config file', () => {
  const error = (raw: unknown) => {
    try {
      parseDriftConfig(raw, 'topology.config.yml');
    } catch (caught) {
      expect(caught).toBeInstanceOf(InputFileError);
      return (caught as Error).message;
    }
    throw new Error('accepted');
  };

  it('reads ignore and defaultIgnores', () => {
    const config = parseDriftConfig({ ignore: ['ecs-service/*/desiredCount'], defaultIgnores: false }, 'topology.config.yml');
    expect(config.defaultIgnores).toBe(false);
    expect(config.ignore.map((p) => p.source)).toEqual(['ecs-service/*/desiredCount']);
    expect(parseDriftConfig(undefined)).toEqual({ ignore: [], defaultIgnores: true });
  });

  it('names the file and the bad entry', () => {
    expect(error('ignore everything')).toBe('topology.config.yml: drift: must be a mapping with ignore, defaultIgnores');
    expect(error({ ignores: [] })).toBe('topology.config.yml: drift.ignores: unknown setting (known: ignore, defaultIgnores)');
    expect(error({ ignore: 'queue/*' })).toBe('topology.config.yml: drift.ignore: must be a list of patterns');
    expect(error({ ignore: ['queue/*', 42] })).toBe('topology.config.yml: drift.ignore[1]: must be a string pattern');
    expect(error({ ignore: ['queue/*', 'qeue/*'] })).toMatch(/^topology\.config\.yml: drift\.ignore\[1\]: "qeue\/\*": "qeue" matches no kind/);
    expect(error({ defaultIgnores: 'no' })).toBe('topology.config.yml: drift.defaultIgnores: must be true or false');
  });
});
