import { describe, expect, it } from 'vitest';
import { placePanel } from './panel.ts';

const PHONES = [
  { width: 360, height: 640 },
  { width: 390, height: 844 },
];

function inside(box: ReturnType<typeof placePanel>, vp: { width: number; height: number }) {
  expect(box.left).toBeGreaterThanOrEqual(0);
  expect(box.left + box.width).toBeLessThanOrEqual(vp.width);
  expect(box.top + box.maxHeight).toBeLessThanOrEqual(vp.height);
}

describe('the sync details panel', () => {
  it('stays inside a phone whichever side of a wrapped header its button sits on', () => {
    for (const vp of PHONES) {
      // The button at the left of the header's second line (where it was clipped), and at the right.
      for (const right of [180, vp.width - 16]) {
        const box = placePanel({ right, bottom: 100 }, vp);
        inside(box, vp);
        expect(box.width).toBeGreaterThan(300);
      }
    }
  });

  it('hangs under the button, right-aligned with it, on a laptop', () => {
    const vp = { width: 1366, height: 768 };
    const box = placePanel({ right: 1200, bottom: 52 }, vp);
    inside(box, vp);
    expect(box).toMatchObject({ top: 56, left: 1200 - 360, width: 360 });
  });
});
