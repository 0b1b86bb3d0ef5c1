import { expect, type Locator, type Page } from '@playwright/test';
import type { Viewport } from './viewports.ts';

/** The element's box lies inside the viewport, `slack` pixels over an edge allowed. */
async function expectBoxInside(
  el: Locator,
  viewport: Viewport,
  slack: number,
  name: string,
): Promise<void> {
  const box = await el.boundingBox();
  expect(box, `${name}: it is laid out`).not.toBeNull();
  if (!box) return;
  expect(box.x, `${name}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${name}: top edge`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${name}: right edge`).toBeLessThanOrEqual(viewport.width + slack);
  expect(box.y + box.height, `${name}: bottom edge`).toBeLessThanOrEqual(viewport.height + slack);
}

/** The whole element is inside the page's current viewport: nothing clipped off any edge. */
export async function expectInsideViewport(page: Page, el: Locator): Promise<void> {
  const viewport = page.viewportSize();
  expect(viewport).not.toBeNull();
  if (!viewport) return;
  await expectBoxInside(el, viewport, 0, 'the element');
}

/**
 * The element's box lies inside the viewport (half a pixel of sub-pixel layout allowed),
 * and its text is not cut off.
 */
export async function expectFullyInView(el: Locator, viewport: Viewport): Promise<void> {
  const name = (await el.innerText()).trim();
  await expectBoxInside(el, viewport, 0.5, name);
  const clipped = await el.evaluate(
    (e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1,
  );
  expect(clipped, `${name}: its text fits`).toBe(false);
}
