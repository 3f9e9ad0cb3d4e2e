import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tableOptionsFromArgs } from '../../src/cli/render-output.js';
import { cli } from '../support/cli.js';

const SNAPSHOT = fileURLToPath(new URL('../../snapshots/reference-stack.json', import.meta.url));

/** A stdout that says it is a terminal of `columns` columns. */
function terminal(columns: number): NodeJS.WritableStream {
  return Object.assign(new PassThrough(), { isTTY: true, columns });
}

describe('table options from the flags', () => {
  it('fits the terminal, with colour, when stdout is one', () => {
    expect(tableOptionsFromArgs({}, { stdout: terminal(93) }, {})).toEqual({ width: 93, color: true });
  });

  it('turns colour off with NO_COLOR, and keeps the width', () => {
    expect(tableOptionsFromArgs({}, { stdout: terminal(93) }, { NO_COLOR: '1' })).toEqual({ width: 93 });
  });

  it('leaves width (the renderer fits 120) and colour out when stdout is not a terminal or --out is given', () => {
    expect(tableOptionsFromArgs({}, { stdout: new PassThrough() }, {})).toEqual({});
    expect(tableOptionsFromArgs({ out: 'x.txt' }, { stdout: terminal(93) }, {})).toEqual({});
  });

  it('takes --width, --layout and --columns over everything', () => {
    expect(tableOptionsFromArgs({ width: 200, layout: 'vertical', columns: ['service'] }, { stdout: terminal(93) }, {})).toEqual({
      width: 200,
      layout: 'vertical',
      columns: ['service'],
      color: true,
    });
  });
});

describe('topology --width --layout --columns', () => {
  it('prints every line within --width, and ECS SERVICES as Field: value blocks at 80', async () => {
    const result = await cli('--from', SNAPSHOT, '--width', '80');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(80);
    expect(result.stdout).toMatch(/ECS SERVICES\n-\[ RECORD 1 \]-+\nCluster: /);
  });

  it('prints 120-column tables when stdout is not a terminal', async () => {
    const result = await cli('--from', SNAPSHOT);
    const lines = result.stdout.split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBe(120);
    expect(result.stdout).not.toMatch(/\x1b\[/);
  });

  it('keeps the grid with --layout wide and only the named columns with --columns', async () => {
    const result = await cli('--from', SNAPSHOT, '--columns', 'service,task-role', '--layout', 'wide');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(0, 4)).toEqual([
      'ECS SERVICES',
      expect.stringMatching(/^\+-+\+-+\+$/),
      expect.stringMatching(/^\| Service +\| Task Role +\|$/),
      expect.stringMatching(/^\+-+\+-+\+$/),
    ]);
  });

  it('refuses a width below 40 or a column no table has', async () => {
    expect((await cli('--from', SNAPSHOT, '--width', '20')).stderr).toMatch(/--width must be a whole number from 40 to 1000, got "20"/);
    const unknown = await cli('--from', SNAPSHOT, '--columns', 'colour');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No table has the columns colour\. Known columns: .*task-role/);
  });
});

describe('topology paths', () => {
  it('prints the reference stack request and worker paths', async () => {
    const result = await cli('paths', '--from', SNAPSHOT, '--width', '100');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^REQUEST PATHS\n\nEdge\/LoadBalancer -> Services\/WebService\n/);
    expect(result.stdout).toContain('\n        -> ECS service: Services/WebService\n');
    expect(result.stdout).toContain('\nMessaging/JobQueue -> Services/WorkerService\nProducer: Services/WebService\n');
  });

  it('redacts with --public and passes the leak guard', async () => {
    process.env.TOPOLOGY_REDACTION_KEY ??= 'paths-test-key-0123456789abcdef0123456789';
    const result = await cli('paths', '--from', SNAPSHOT, '--public');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/-> ECS service: web\n/);
    expect(result.stdout).not.toMatch(/Services\/|Edge\/|Messaging\/|databaseinstance/);
  });

  it('refuses the page options it does not use instead of ignoring them (exit 2)', async () => {
    const result = await cli('paths', '--from', SNAPSHOT, '--template', 'my-templates');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('topology paths does not use --template.');
  });
});

describe('topology audit', () => {
  it('refuses --columns, --template and --story, which apply to the topology tables and the page (exit 2)', async () => {
    const result = await cli('audit', '--from', SNAPSHOT, '--columns', 'service', '--story', 'story.md');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('topology audit does not use --columns, --story.');
  });
});
