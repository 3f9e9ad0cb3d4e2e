import { describe, expect, it } from 'vitest';
import type { Topology } from '../../src/model/index.js';
import { OUTPUT_FORMATS, render } from '../../src/render/index.js';
import { sharedFullDiagram, sharedLookup, sharedTables } from '../../src/render/shared-parts.js';
import { SharedViews, sharedView } from '../../src/render/shared.js';
import { pageContent, pageDiagram } from '../../src/render/story-page.js';
import { redact, shopTopology } from '../redact/support.js';
import { shopVariant } from './diagram-support.js';

/** The shop account with 150 more web services: its page is summarised and its diagram compacted. */
function largeShop(): Topology {
  return shopVariant((inventory) => {
    const web = inventory.services.find((s) => s.name === 'shop-web')!;
    for (let i = 0; i < 150; i++) inventory.services.push({ ...structuredClone(web), arn: `${web.arn}-copy${i}`, name: `shop-web-copy${i}` });
  });
}

describe('views shared by several renders of one topology', () => {
  it('makes a view once per topology and name, and apart for another topology or name', () => {
    const views = new SharedViews();
    const [a, b] = [shopTopology(), shopTopology()];
    let made = 0;
    const make = () => ({ made: ++made });
    const first = views.of(a, 'x', make);
    expect(views.of(a, 'x', make)).toBe(first);
    expect(views.of(a, 'y', make)).toEqual({ made: 2 });
    expect(views.of(b, 'x', make)).toEqual({ made: 3 });
    expect(made).toBe(3);
    // Without shared views every call makes its own.
    expect(sharedView(undefined, a, 'x', make)).toEqual({ made: 4 });
    expect(sharedView(undefined, a, 'x', make)).toEqual({ made: 5 });
  });

  it('gives the page, the diagram exports and the tables the same views', () => {
    const topology = largeShop();
    const views = new SharedViews();
    const lookup = sharedLookup(topology, views);
    expect(sharedLookup(topology, views)).toBe(lookup);
    expect(sharedFullDiagram(topology, views)).toBe(sharedFullDiagram(topology, views));
    const content = pageContent(topology, {}, views);
    expect(pageContent(topology, {}, views)).toBe(content);
    expect(pageDiagram(topology, {}, views).diagram).toBe(content.diagram);
    // The page's tables are the shared tables, cut to their first rows.
    const services = sharedTables(topology, views).find((table) => table.id === 'ecs-services')!;
    expect(services.rows).toHaveLength(152);
    expect(content.tables.find((table) => table.id === 'ecs-services')!.rows).toEqual(services.rows.slice(0, 20));
    // A story changes the page's title, not the diagram it shares.
    const story = pageContent(topology, { title: 'Shop at scale' }, views);
    expect(story.title).toBe('Shop at scale');
    expect(content.title).toBe('Architecture overview: shop');
    expect(story.diagram).toBe(content.diagram);
  });

  for (const [name, make] of [
    ['the shop account', () => shopTopology()],
    ['the shop account, redacted', () => redact(shopTopology())],
    ['a large account (summarised page)', largeShop],
  ] as const) {
    it(`renders every format of ${name} exactly as separate renders do`, async () => {
      const topology = make();
      const alone = new Map<string, string>();
      for (const format of OUTPUT_FORMATS) alone.set(format, await render(topology, format));
      const views = new SharedViews();
      for (const format of OUTPUT_FORMATS) expect(await render(topology, format, { shared: views }), format).toBe(alone.get(format));
    });
  }
});
