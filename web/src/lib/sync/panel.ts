/** Where a drop-down panel goes, in viewport pixels (for `position: fixed`). */
export interface PanelBox {
  top: number;
  left: number;
  width: number;
  maxHeight: number;
}

const MAX_WIDTH = 360;
const MARGIN = 8;
const GAP = 4;
/** below this the panel scrolls inside rather than shrinking further */
const MIN_HEIGHT = 120;

/**
 * Under its button, right edges aligned where that fits, and never past an edge
 * of the viewport. The button may sit anywhere in a header that wraps on a
 * phone, so the panel cannot simply hang off the button's right edge: on a
 * 360 px phone a button on the left would push it off the left of the screen.
 */
export function placePanel(
  anchor: { right: number; bottom: number },
  viewport: { width: number; height: number },
): PanelBox {
  const width = Math.max(0, Math.min(MAX_WIDTH, viewport.width - 2 * MARGIN));
  const left = Math.max(MARGIN, Math.min(anchor.right - width, viewport.width - MARGIN - width));
  const top = anchor.bottom + GAP;
  return { top, left, width, maxHeight: Math.max(MIN_HEIGHT, viewport.height - top - MARGIN) };
}
