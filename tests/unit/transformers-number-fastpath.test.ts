/**
 * The allocation-free fast paths of number text: `plainDecimals` agrees with the regex parser, and
 * `decimalText` (text from the rounded integer) agrees with toFixed-based `formatNumber(roundTo(…))`
 * away from rounding ties; reverseNumerical gives the same text whether a column comes in one piece
 * or in chunks (the per-model text table is shared across chunks).
 */
import { describe, expect, it } from 'vitest';
import { decimalText, formatNumber, parseNumberCell, plainDecimals, roundTo } from '../../src/lib/engine/transformers/number-text';
import { reverseNumerical } from '../../src/lib/engine/transformers/numerical';
import type { NumericalState } from '../../src/lib/engine/transformers/types';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('plainDecimals', () => {
  it('matches parseNumberCell on plain numbers and rejects everything else', () => {
    for (const [cell, d] of [['12', 0], ['-3.50', 2], ['+.5', 1], ['7.', 0], ['0.000', 3]] as const) {
      expect(plainDecimals(cell)).toBe(d);
      expect(parseNumberCell(cell)).toEqual({ kind: 'number', value: Number(cell), decimals: d });
    }
    for (const cell of ['', '-', '.', ' 1', '1 ', '1e3', '1.2.3', 'nan', '1,5', '--1']) expect(plainDecimals(cell)).toBe(-1);
    expect(parseNumberCell(' 2.5 ')).toEqual({ kind: 'number', value: 2.5, decimals: 1 });
    expect(parseNumberCell('1e3')).toEqual({ kind: 'number', value: 1000, decimals: 0 });
    expect(parseNumberCell('9'.repeat(400))).toEqual({ kind: 'missing' });
  });
});

describe('decimalText', () => {
  it('equals formatNumber(roundTo(x, d), fixed, d) for 200k values away from ties', () => {
    const r = lcg(11);
    let checked = 0;
    for (let it = 0; it < 200_000; it++) {
      const d = Math.floor(r() * 7);
      const fixed = r() < 0.5 ? null : d + Math.floor(r() * 3) + (d === 0 ? 1 : 0);
      let x = (r() - 0.5) * 2 * 10 ** (Math.floor(r() * 12) - 4);
      if (it % 7 === 0) x = Math.round(x);
      const p = x * 10 ** d, ap = Math.abs(p), fl = Math.floor(ap), fr = ap - fl;
      if (ap >= 2 ** 52 || Math.abs(fr - 0.5) <= ap * 2 ** -52 + 2 ** -60) continue;
      const n = (fr < 0.5 ? fl : fl + 1) * (p < 0 ? -1 : 1);
      expect(decimalText(n, d, fixed)).toBe(formatNumber(roundTo(x, d), fixed, d));
      checked++;
    }
    expect(checked).toBeGreaterThan(150_000);
    expect(decimalText(-0, 2, 2)).toBe('0.00');
    expect(decimalText(-5, 2, null)).toBe('-0.05');
    expect(decimalText(120, 1, null)).toBe('12');
    expect(decimalText(7, 0, 1)).toBe('7.0');
  });
});

describe('reverseNumerical text table', () => {
  it('gives the same text in one piece and in chunks', () => {
    const state: NumericalState = { kind: 'numerical', column: 'x', min: 1.5, max: 80.25, decimals: 2, fixedDecimals: 2, bounds: null, enforceMinMax: true, badValues: 'error', missing: null };
    const r = lcg(3);
    const v = Float64Array.from({ length: 30_000 }, () => r() * 90 - 5);
    const whole = reverseNumerical({ ...state }, v, null);
    const chunked = [0, 10_000, 20_000].flatMap((o) => reverseNumerical(state, v.subarray(o, o + 10_000), null));
    expect(chunked).toEqual(whole);
    expect(whole.every((t, i) => t === roundTo(Math.min(80.25, Math.max(1.5, v[i])), 2).toFixed(2))).toBe(true);
  });
});
