// axe-core in the browser suites: the serious and critical violations of a page's document, and of its preview frame's.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { root } from '../../js/helpers.mjs';

let source = null;
async function injectAxe(page) {
  source ??= await readFile(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(source);
}

// In the page: axe's serious and critical violations, [{id, impact, nodes: the first three targets}].
async function run(page, options) {
  await injectAxe(page);
  return page.evaluate(async (opts) => {
    const r = await window.axe.run(document, { ...opts, resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  }, options);
}

/** The serious and critical violations of `page`'s own document (its frames left out). */
export const seriousViolations = (page) => run(page, { iframes: false });

/**
 * The same for the document of `frame` (a FrameLocator), copied with its adopted style sheets into a page of its own:
 * the sandboxed preview frame cannot run axe.
 */
export async function seriousFrameViolations(page, frame) {
  const html = await frame.locator('html').evaluate((h) => h.outerHTML);
  const sheets = await frame.locator('html').evaluate((h) => h.ownerDocument.adoptedStyleSheets.map((s) => [...s.cssRules].map((r) => r.cssText).join('\n')).join('\n'));
  const probe = await page.context().newPage();
  await probe.setContent(`<!doctype html>${html.replace('<head>', `<head><style>${sheets.replace(/@font-face[^}]*}/g, '')}</style>`)}`);
  const found = await run(probe, {});
  await probe.close();
  return found;
}
