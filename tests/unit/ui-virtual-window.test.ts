import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_HEIGHT, visibleWindow } from '../../src/lib/components/grid/virtual-window';

describe('visibleWindow', () => {
  it('small tables scroll 1:1', () => {
    const w = visibleWindow(280, 300, 1000, 28, 0);
    expect(w).toEqual({ first: 10, count: 12, spacerHeight: 28000, offset: 280 });
  });

  it('an empty table draws nothing', () => {
    expect(visibleWindow(0, 300, 0, 28).count).toBe(0);
  });

  it('1M rows: capped spacer, the top and the bottom rows are reachable, few rows drawn', () => {
    const n = 1_000_000, h = 28, vp = 400;
    const top = visibleWindow(0, vp, n, h);
    expect(top.spacerHeight).toBe(MAX_SCROLL_HEIGHT);
    expect(top.first).toBe(0);
    const maxScroll = MAX_SCROLL_HEIGHT - vp;
    const bottom = visibleWindow(maxScroll, vp, n, h);
    expect(bottom.first + bottom.count).toBe(n);
    expect(bottom.count).toBeLessThan(40);
    // The last row ends exactly at the bottom of the viewport.
    const lastTop = bottom.offset + (n - 1 - bottom.first) * h;
    expect(lastTop + h).toBeCloseTo(maxScroll + vp, 6);
    // Monotone: scrolling down never moves back up in the data.
    let prev = -1;
    for (let s = 0; s <= maxScroll; s += maxScroll / 997) {
      const w = visibleWindow(s, vp, n, h, 0);
      expect(w.first).toBeGreaterThanOrEqual(prev);
      prev = w.first;
    }
  });
});
