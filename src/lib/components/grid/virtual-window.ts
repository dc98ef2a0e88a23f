/**
 * Which rows a virtualised grid must draw. Browsers cap an element's height (Chrome ≈ 33.5M px,
 * Firefox ≈ 17.9M px), so beyond `maxScrollHeight` the scroll position maps proportionally onto
 * row indices instead of 1 px = 1 px.
 */
export interface RowWindow {
  /** First row to draw (0-based) and how many. */
  first: number;
  count: number;
  /** Height of the scrollable spacer (px). */
  spacerHeight: number;
  /** `top` of the first drawn row inside the spacer (px). */
  offset: number;
}

export const MAX_SCROLL_HEIGHT = 8_000_000;

export function visibleWindow(scrollTop: number, viewport: number, rowCount: number, rowHeight: number, overscan = 4, maxScrollHeight = MAX_SCROLL_HEIGHT): RowWindow {
  if (rowCount <= 0 || viewport <= 0) return { first: 0, count: 0, spacerHeight: 0, offset: 0 };
  const natural = rowCount * rowHeight;
  const spacerHeight = Math.min(natural, maxScrollHeight);
  const visible = Math.ceil(viewport / rowHeight) + 1;
  let exact: number;
  if (natural <= maxScrollHeight) {
    exact = scrollTop / rowHeight;
  } else {
    const maxScroll = Math.max(1, spacerHeight - viewport);
    const fraction = Math.min(1, Math.max(0, scrollTop / maxScroll));
    exact = fraction * Math.max(0, rowCount - viewport / rowHeight);
  }
  const top = Math.min(Math.max(0, Math.floor(exact)), rowCount - 1);
  const first = Math.max(0, top - overscan);
  const count = Math.min(rowCount - first, visible + 2 * overscan);
  // Row `top` is drawn at scrollTop minus its fractional part, so it scrolls smoothly within a row.
  const offset = Math.max(0, scrollTop - (exact - top) * rowHeight - (top - first) * rowHeight);
  return { first, count, spacerHeight, offset };
}
