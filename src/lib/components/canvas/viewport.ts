/**
 * Viewport maths of the schema canvas: which part of the diagram is on screen, which cells to
 * mount (JointJS `cellVisibility` culling), how far to zoom, and when to drop column text.
 * Pure functions of numbers and boxes, so they run without a DOM.
 */

export interface Box { x: number; y: number; width: number; height: number }
export interface Transform { sx: number; tx: number; ty: number }

export const MIN_SCALE = 0.1;
export const MAX_SCALE = 3;
/**
 * Below this scale the column rows (name, type, PK/FK badge) are not drawn: their 11–13 px text is
 * under ~6 px on screen there, and Chromium lays out every SVG `<text>` again whenever the zoom
 * changes (pan only translates), so ~3000 unreadable labels are what made wheel zoom stutter.
 */
export const DETAIL_SCALE = 0.45;
/** Screen pixels mounted around the visible area, so a short pan shows no empty border. */
export const MARGIN_PX = 200;

/** The diagram rectangle (local coordinates) shown in a `width` × `height` pixel viewport. */
export function visibleRect(t: Transform, width: number, height: number, marginPx = MARGIN_PX): Box {
  const m = marginPx / t.sx;
  return { x: -t.tx / t.sx - m, y: -t.ty / t.sx - m, width: width / t.sx + 2 * m, height: height / t.sx + 2 * m };
}

export function intersects(a: Box, b: Box): boolean {
  return a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;
}

export function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

/**
 * Whether a link between two table boxes can cross the view: its route stays inside the union of
 * the two boxes (port anchor → boundary connection point, straight or orthogonal segments).
 */
export function linkVisible(view: Box, source: Box, target: Box): boolean {
  return intersects(view, union(source, target));
}

/** The scale after multiplying `scale` by `factor`, kept within [MIN_SCALE, MAX_SCALE]. */
export function clampScale(scale: number, factor = 1): number {
  const next = scale * factor;
  if (!Number.isFinite(next)) return scale;
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, next));
}

/** Zoom factor of one wheel event: a mouse notch (|Δ| ≈ 100) is ×1.1; trackpad deltas scale smoothly. */
export function wheelFactor(deltaY: number, deltaMode = 0): number {
  const px = deltaMode === 1 ? deltaY * 40 : deltaMode === 2 ? deltaY * 800 : deltaY;
  const clamped = Math.max(-100, Math.min(100, px));
  return Math.pow(1.1, -clamped / 100);
}

/** Whether column rows are drawn at this scale. */
export const detailed = (scale: number) => scale >= DETAIL_SCALE;
