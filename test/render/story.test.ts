import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputFileError } from '../../src/errors.js';
import { asStory, loadStory, parseStory } from '../../src/render/story.js';
import { pageContent } from '../../src/render/story-page.js';
import { plainText } from '../../src/render/story-text.js';
import { shopTopology } from './diagram-support.js';

const YAML_STORY = `title: Streaming platform
tagline: A production-shaped streaming architecture.
summary: |
  First paragraph,
  wrapped over two lines.

  Second paragraph with \`app.example.com\`.
notes:
  - title: Public entry
    body: Route53 resolves the hostname into one ALB.
  - eyebrow: Ops
    title: Service split
    body: Web and worker scale apart.
paths:
  worker: Background ingest and recovery loop.
components:
  - for: worker-services
    title: Ingest worker
    description: Claims jobs in Postgres and publishes media.
  - title: CDN
    eyebrow: Delivery
    description: Serves playback assets.
impact:
  - Reduced the worker image from 933MB to 672MB.
readingGuide: Read the diagram left to right.
`;

function errorOf(run: () => unknown): InputFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputFileError) return error;
    throw error;
  }
  throw new Error('expected an InputFileError');
}

describe('parseStory', () => {
  it('reads every field of a YAML story, splitting paragraphs on blank lines', () => {
    const story = parseStory(YAML_STORY, 'story.yml');
    expect(story.title).toBe('Streaming platform');
    expect(story.summary).toEqual(['First paragraph, wrapped over two lines.', 'Second paragraph with `app.example.com`.']);
    expect(story.notes).toEqual([
      { title: 'Public entry', body: 'Route53 resolves the hostname into one ALB.', eyebrow: undefined },
      { title: 'Service split', body: 'Web and worker scale apart.', eyebrow: 'Ops' },
    ]);
    expect(story.paths).toEqual({ request: undefined, worker: 'Background ingest and recovery loop.' });
    expect(story.components?.map((c) => [c.for, c.title])).toEqual([
      ['worker-services', 'Ingest worker'],
      [undefined, 'CDN'],
    ]);
    expect(story.readingGuide).toEqual(['Read the diagram left to right.']);
  });

  it('reads Markdown with YAML front matter, the body becoming the summary', () => {
    const story = parseStory('---\ntitle: Shop\nimpact:\n  - Cut p99 latency.\n---\nThe shop in one paragraph.\n\nAnd a second one.\n', 'story.md');
    expect(story).toEqual({ title: 'Shop', impact: ['Cut p99 latency.'], summary: ['The shop in one paragraph.', 'And a second one.'] });
  });

  it('names the file, the line and the field of a wrong value', () => {
    const error = errorOf(() => parseStory('title: Shop\nnotes:\n  - title: A\n    body: B\n  - title: 42\n    body: C\n', 'story.yml'));
    expect(error.message).toBe('story.yml:5: notes[1].title must be text, not number 42');
  });

  it('rejects unknown fields at their line, listing the known ones', () => {
    const error = errorOf(() => parseStory('title: Shop\ntagline: ok\ntitel: typo\n', 'story.yml'));
    expect(error.message).toBe('story.yml:3: unknown field "titel"');
    expect(error.hint).toBe('Known fields here: title, tagline, summary, notes, paths, components, impact, readingGuide.');
  });

  it('counts front-matter lines from the top of the Markdown file', () => {
    const error = errorOf(() => parseStory('---\ntitle: Shop\ncomponents:\n  - for: cdn\n    title: CDN\n    description: x\n---\nBody\n', 'story.md'));
    expect(error.message).toBe('story.md:4: components[0].for "cdn" is not a component the page knows');
    expect(error.hint).toContain('web-services, worker-services');
  });

  it('rejects empty text, non-mappings, bad YAML, unclosed front matter and a summary given twice', () => {
    expect(errorOf(() => parseStory('title: "  "\n', 's.yml')).message).toBe('s.yml:1: title must not be empty');
    expect(errorOf(() => parseStory('- a\n- b\n', 's.yml')).message).toBe('s.yml:1: the story must be a mapping, not a list');
    expect(errorOf(() => parseStory('title: ok\nnotes: [unclosed\n', 's.yml')).message).toMatch(/^s\.yml:[23]: not valid YAML: /);
    expect(errorOf(() => parseStory('---\ntitle: x\n', 's.md')).message).toBe('s.md:1: the front matter opened with --- is never closed');
    expect(errorOf(() => parseStory('---\nsummary: x\n---\nbody\n', 's.md')).message).toBe(
      's.md: the summary is given twice: in the front matter and as the Markdown body',
    );
  });

  it('accepts an empty YAML file as an empty story', () => {
    expect(parseStory('', 'empty.yml')).toEqual({});
  });
});

describe('loadStory', () => {
  it('loads a story file from disk and reports a missing one as an input error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'story-'));
    await writeFile(join(dir, 'story.yml'), 'title: From disk\n');
    expect(await loadStory(join(dir, 'story.yml'))).toEqual({ title: 'From disk' });
    await expect(loadStory(join(dir, 'missing.yml'))).rejects.toThrow(InputFileError);
  });

  it('validates a story handed over as options (the renderer contract types it unknown)', () => {
    expect(asStory({ title: 'T' })).toEqual({ title: 'T' });
    expect(() => asStory({ notes: 'not a list' })).toThrow('story: notes must be a list, not string "not a list"');
  });
});

describe('story in the page content', () => {
  const story = parseStory(YAML_STORY, 'story.yml');
  const content = pageContent(shopTopology(), story);

  it('takes title, tagline, summary, notes, captions, impact and guide from the story', () => {
    expect(content.title).toBe('Streaming platform');
    expect(content.tagline).toBe('A production-shaped streaming architecture.');
    expect(content.summary[1]).toEqual(['Second paragraph with ', { code: 'app.example.com' }, '.']);
    expect(content.notes.map((n) => `${n.eyebrow}/${n.title}`)).toEqual(['Design/Public entry', 'Ops/Service split']);
    expect(plainText(content.worker.caption)).toBe('Background ingest and recovery loop.');
    expect(plainText(content.request.caption)).toBe('From a browser request to the data it touches, walked along the correlated edges.');
    expect(content.impact.map(plainText)).toEqual(['Reduced the worker image from 933MB to 672MB.']);
  });

  it('rewrites the generated card a component names with `for`, and adds the others', () => {
    const cards = content.components.map((c) => `${c.eyebrow}/${c.title}`);
    expect(cards).toContain('Background jobs/Ingest worker');
    expect(cards).not.toContain('Background jobs/Worker service');
    expect(cards[cards.length - 1]).toBe('Delivery/CDN');
    expect(cards).toContain('Request handling/Web service');
  });

  it('still reads well without a story: every section has generated text', () => {
    const generated = pageContent(shopTopology());
    expect(generated.title).toBe('Architecture overview: shop');
    expect(generated.notes.map((n) => n.title)).toEqual(['Public entry', 'Service split', 'Private data', 'Least privilege']);
    expect(plainText(generated.notes[1]!.body)).toBe(
      '2 ECS services deploy and scale on their own. shop-web answers requests while shop-worker works from the queue, so background work never competes with request latency.',
    );
    expect(generated.components.map((c) => c.key)).toEqual([
      'load-balancers',
      'web-services',
      'worker-services',
      'databases',
      'buckets',
      'queues',
      'tables',
      'vpc-endpoints',
      'iam-roles',
    ]);
    expect(generated.readingGuide.length).toBeGreaterThan(1);
    expect(generated.impact).toEqual([]);
  });
});
