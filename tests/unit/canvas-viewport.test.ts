import { describe, expect, it } from 'vitest';
import {
  DETAIL_SCALE, MAX_SCALE, MIN_SCALE, clampScale, detailed, intersects, linkVisible, visibleRect, wheelFactor
} from '../../src/lib/components/canvas/viewport';

describe('canvas viewport maths', () => {
  it('maps the screen to diagram coordinates through scale and translation', () => {
    // Diagram point p is drawn at s·p + t, so the screen [0, w] shows [-t/s, (w - t)/s].
    const r = visibleRect({ sx: 0.5, tx: -100, ty: 40 }, 800, 600, 0);
    expect(r).toEqual({ x: 200, y: -80, width: 1600, height: 1200 });
    // The margin is in screen pixels: 50 px at scale 0.5 is 100 diagram units on each side.
    const m = visibleRect({ sx: 0.5, tx: -100, ty: 40 }, 800, 600, 50);
    expect(m).toEqual({ x: 100, y: -180, width: 1800, height: 1400 });
  });

  it('culls boxes outside the view and keeps touching ones', () => {
    const view = { x: 0, y: 0, width: 100, height: 100 };
    expect(intersects(view, { x: 50, y: 50, width: 10, height: 10 })).toBe(true);
    expect(intersects(view, { x: 100, y: 0, width: 10, height: 10 })).toBe(true);
    expect(intersects(view, { x: 101, y: 0, width: 10, height: 10 })).toBe(false);
    expect(intersects(view, { x: -20, y: 30, width: 10, height: 10 })).toBe(false);
  });

  it('keeps a link whose two tables are off-screen but whose line crosses the view', () => {
    const view = { x: 0, y: 0, width: 100, height: 100 };
    const left = { x: -300, y: 40, width: 100, height: 20 }, right = { x: 300, y: 40, width: 100, height: 20 };
    expect(linkVisible(view, left, right)).toBe(true);
    const farBelow = { x: 300, y: 400, width: 100, height: 20 };
    expect(linkVisible(view, right, farBelow)).toBe(false);
  });

  it('zooms by wheel notches, symmetric, clamped, and never to NaN', () => {
    expect(wheelFactor(-100)).toBeCloseTo(1.1, 12);
    expect(wheelFactor(100)).toBeCloseTo(1 / 1.1, 12);
    expect(wheelFactor(-120)).toBeCloseTo(1.1, 12); // a notch larger than 100 px is still one step
    expect(wheelFactor(-25) ** 4).toBeCloseTo(1.1, 12); // four trackpad ticks = one notch
    expect(wheelFactor(-3, 1)).toBeCloseTo(1.1, 12); // line mode (Firefox): 3 lines ≈ one notch
    expect(clampScale(1, 1.1)).toBeCloseTo(1.1, 12);
    expect(clampScale(2.9, 2)).toBe(MAX_SCALE);
    expect(clampScale(0.11, 0.5)).toBe(MIN_SCALE);
    expect(clampScale(0.7, Number.NaN)).toBe(0.7);
  });

  it('draws column text from DETAIL_SCALE up', () => {
    expect(detailed(DETAIL_SCALE)).toBe(true);
    expect(detailed(DETAIL_SCALE - 0.01)).toBe(false);
    expect(detailed(1)).toBe(true);
  });
});
