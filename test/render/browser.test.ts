import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/render/html.js';
import { hostileTopology, SAMPLE_FINDING, shopTopology } from './diagram-support.js';

/**
 * The page in a real headless Chromium (Debian's `chromium`): no network request, no console
 * error, no horizontal overflow at phone and desktop widths, a visible diagram, and screenshots in
 * test-output/ for people to look at. .ci/run installs Chromium. A missing one fails this file, in
 * CI and everywhere else, unless TOPOLOGY_SKIP_BROWSER=1 says to skip it (said, never silent).
 */
const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = join(process.cwd(), 'test-output');
const available = existsSync(CHROMIUM);
const skipAsked = process.env.TOPOLOGY_SKIP_BROWSER === '1';

if (skipAsked) console.warn('browser.test.ts skipped: TOPOLOGY_SKIP_BROWSER=1');

interface Observed {
  requests: string[];
  errors: string[];
  dialogs: string[];
}

async function openPage(browser: Browser, html: string, width: number, colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; observed: Observed }> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
  const observed: Observed = { requests: [], errors: [], dialogs: [] };
  await page.route('**/*', async (route) => {
    observed.requests.push(route.request().url());
    await route.abort();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') observed.errors.push(message.text());
  });
  page.on('pageerror', (error) => observed.errors.push(error.message));
  page.on('dialog', async (dialog) => {
    observed.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.setContent(html, { waitUntil: 'load' });
  return { page, observed };
}

describe.skipIf(skipAsked)('the page in headless Chromium', () => {
  let browser: Browser;
  let shopHtml: string;

  beforeAll(async () => {
    if (!available) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium), or skip this file with TOPOLOGY_SKIP_BROWSER=1`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    shopHtml = await renderHtml(shopTopology([SAMPLE_FINDING]), {});
    await mkdir(OUTPUT, { recursive: true });
    await writeFile(join(OUTPUT, 'page.html'), shopHtml);
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const width of [390, 1280]) {
    it(`at ${width} px: no request, no console error, no horizontal overflow, the diagram visible`, async () => {
      const { page, observed } = await openPage(browser, shopHtml, width);
      const overflow = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
      expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.innerWidth);

      const diagram = page.locator('svg.diagram-svg');
      expect(await diagram.isVisible()).toBe(true);
      const box = await diagram.boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      expect(box?.height).toBeGreaterThan(100);
      expect(await page.locator('svg.diagram-svg g.node').count()).toBeGreaterThan(10);

      // Wide tables scroll inside their own container, not the page.
      const tableOverflow = await page.evaluate(() =>
        Array.from(document.querySelectorAll('.table-scroll')).map((el) => el.getBoundingClientRect().right <= window.innerWidth),
      );
      expect(tableOverflow.every(Boolean)).toBe(true);

      await page.screenshot({ path: join(OUTPUT, `page-${width}.png`), fullPage: true });
      expect(observed.requests).toEqual([]);
      expect(observed.errors).toEqual([]);
      await page.close();
    });
  }

  it('renders the dark colour scheme with the diagram re-coloured', async () => {
    const { page, observed } = await openPage(browser, shopHtml, 1280, 'dark');
    const colours = await page.evaluate(() => ({
      body: getComputedStyle(document.body).backgroundColor,
      nodeText: getComputedStyle(document.querySelector('svg.diagram-svg g.node text')!).fill,
    }));
    expect(colours.body).toBe('rgb(13, 17, 23)');
    expect(colours.nodeText).toBe('rgb(230, 237, 243)');
    await page.screenshot({ path: join(OUTPUT, 'page-1280-dark.png'), fullPage: false });
    expect(observed.errors).toEqual([]);
    await page.close();
  });

  it('shows hostile resource names as text and runs nothing', async () => {
    const { page, observed } = await openPage(browser, await renderHtml(hostileTopology(), {}), 1280);
    const found = await page.evaluate(() => ({
      images: document.querySelectorAll('img').length,
      scripts: document.querySelectorAll('script').length,
      svgs: document.querySelectorAll('svg').length,
      codeTexts: Array.from(document.querySelectorAll('code')).map((c) => c.textContent),
      diagramTexts: Array.from(document.querySelectorAll('svg.diagram-svg text')).map((t) => t.textContent),
    }));
    expect(found.images).toBe(0);
    expect(found.scripts).toBe(0);
    expect(found.svgs).toBe(1);
    expect(found.codeTexts).toContain('<img src=x onerror=alert(1)>');
    expect(found.codeTexts).toContain('</script><script>alert(2)</script>');
    expect(found.diagramTexts).toContain('"><svg onload=alert(3)>');
    expect(observed.dialogs).toEqual([]);
    expect(observed.requests).toEqual([]);
    expect(observed.errors).toEqual([]);
    await page.close();
  });

  it('prints: the print stylesheet hides navigation and the page lays out for paper', async () => {
    const { page } = await openPage(browser, shopHtml, 1280);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.toc').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });
});
