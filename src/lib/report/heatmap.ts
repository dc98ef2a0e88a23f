/**
 * Pair matrices (Pearson r / Cramér's V) → heatmap cells for an HTML grid: real, synthetic, their
 * difference (synthetic − real) and the pair scores. A window of columns keeps wide tables light.
 */
import type { PairMatrix } from '$lib/engine/metrics/types';

export type HeatmapKind = 'real' | 'synthetic' | 'difference' | 'score';

export interface HeatmapCell { value: number | null; text: string; color: string; ink: string }
export interface Heatmap { kind: HeatmapKind; title: string; columns: string[]; rows: HeatmapCell[][]; shown: [number, number]; total: number }

export const HEATMAP_TITLES: Record<HeatmapKind, string> = {
  real: 'Real data: correlation / association',
  synthetic: 'Synthetic data: correlation / association',
  difference: 'Difference (synthetic − real)',
  score: 'Pair scores (1 = same trend)'
};

const mix = (a: number[], b: number[], t: number) => a.map((x, i) => Math.round(x + (b[i] - x) * t));
const WHITE = [255, 255, 255], RED = [200, 40, 40], BLUE = [40, 90, 200], GREEN = [30, 140, 70];

/** Diverging colour for values in [-1, 1] (blue negative, red positive), white at 0. */
export function divergingColor(v: number): string {
  const t = Math.max(-1, Math.min(1, v));
  const [r, g, b] = t >= 0 ? mix(WHITE, RED, t) : mix(WHITE, BLUE, -t);
  return `rgb(${r}, ${g}, ${b})`;
}

/** Sequential colour for scores in [0, 1] (white → green). */
export function scoreColor(v: number): string {
  const [r, g, b] = mix(WHITE, GREEN, Math.max(0, Math.min(1, v)));
  return `rgb(${r}, ${g}, ${b})`;
}

/** Dark or light text so a cell's number stays readable on its colour. */
function inkFor(color: string): string {
  const [r, g, b] = color.match(/\d+/g)!.map(Number);
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? '#0f172a' : '#ffffff';
}

/** Columns [start, end) of a window of at most `max` columns that contains `focus`. */
export function columnWindow(total: number, focus: number, max: number): [number, number] {
  if (total <= max) return [0, total];
  const start = Math.max(0, Math.min(total - max, focus - Math.floor(max / 2)));
  return [start, start + max];
}

export function heatmap(m: PairMatrix, kind: HeatmapKind, window: [number, number] = [0, m.columns.length]): Heatmap {
  const [a, b] = window;
  const value = (i: number, j: number): number | null => {
    if (kind === 'difference') {
      const r = m.real[i][j], s = m.synthetic[i][j];
      return r === null || s === null ? null : s - r;
    }
    return m[kind][i][j];
  };
  const rows: HeatmapCell[][] = [];
  for (let i = a; i < b; i++) {
    const row: HeatmapCell[] = [];
    for (let j = a; j < b; j++) {
      const v = value(i, j);
      const color = v === null ? 'transparent' : kind === 'score' ? scoreColor(v) : divergingColor(v);
      row.push({ value: v, text: v === null ? '–' : v.toFixed(2), color, ink: v === null ? 'inherit' : inkFor(color) });
    }
    rows.push(row);
  }
  return { kind, title: `${HEATMAP_TITLES[kind]} — ${m.table}`, columns: m.columns.slice(a, b), rows, shown: [a, b], total: m.columns.length };
}
