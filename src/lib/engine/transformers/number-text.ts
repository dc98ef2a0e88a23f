/**
 * Number text ⇄ number for numerical columns: strict parsing (no NaN ever leaves), the decimals a
 * value was written with (for RDT's learned rounding) and writing numbers back in the sample's style.
 */

/** Cell texts that mean "no number" (case-insensitive). Infinities are treated as missing too. */
const MISSING_TOKENS = new Set(['', 'nan', '-nan', 'null', 'none', 'na', 'n/a', '#n/a', 'inf', '+inf', '-inf', 'infinity', '+infinity', '-infinity']);

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export type ParsedNumber = { kind: 'number'; value: number; decimals: number } | { kind: 'missing' } | { kind: 'bad' };

/**
 * Decimals of a cell written as plain `[+-]digits[.digits]` (no spaces, no exponent), else -1.
 * The fast path of `parseNumberCell`: such text always matches NUMBER_RE and is never a missing token.
 */
export function plainDecimals(cell: string): number {
  const n = cell.length;
  let i = 0;
  if (n > 0) { const c = cell.charCodeAt(0); if (c === 43 || c === 45) i = 1; } // + -
  let digits = 0, dot = -1;
  for (; i < n; i++) {
    const c = cell.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && dot < 0) dot = i;
    else return -1;
  }
  if (digits === 0) return -1;
  return dot < 0 ? 0 : n - dot - 1;
}

/** Parses one cell. `decimals` = digits after the point in the written value (exponent-aware). */
export function parseNumberCell(cell: string | null): ParsedNumber {
  if (cell === null) return { kind: 'missing' };
  const plain = plainDecimals(cell);
  if (plain >= 0) {
    const value = Number(cell);
    return Number.isFinite(value) ? { kind: 'number', value, decimals: plain } : { kind: 'missing' };
  }
  const t = cell.trim();
  if (MISSING_TOKENS.has(t.toLowerCase())) return { kind: 'missing' };
  const m = NUMBER_RE.exec(t);
  if (!m) return { kind: 'bad' };
  const value = Number(t);
  if (!Number.isFinite(value)) return { kind: 'missing' }; // 1e999 overflows to Infinity
  const dot = m[1].indexOf('.');
  let decimals = dot < 0 ? 0 : m[1].length - dot - 1;
  if (m[2]) decimals = Math.max(0, decimals - Number(m[2].slice(1)));
  return { kind: 'number', value, decimals };
}

/** Digits before the decimal point of |x| (at least 1). */
export function integerDigits(x: number): number {
  const a = Math.floor(Math.abs(x));
  return a < 1 ? 1 : Math.floor(Math.log10(a)) + 1;
}

/**
 * RDT learn_rounding_scheme: the smallest d ≤ 14 − (integer digits of max |x|) such that every value
 * equals itself rounded to d decimals; null when there is none. With decimal text input, the
 * smallest such d is the largest number of significant decimals written (trailing zeros dropped).
 */
export function learnRounding(values: readonly number[], writtenDecimals: readonly number[]): number | null {
  if (!values.length) return null;
  let maxAbs = 0;
  for (const v of values) maxAbs = Math.max(maxAbs, Math.abs(v));
  const limit = 14 - integerDigits(maxAbs);
  let d = 0;
  for (let i = 0; i < values.length; i++) {
    if (writtenDecimals[i] <= d) continue;
    d = Math.max(d, significantDecimals(values[i], writtenDecimals[i]));
  }
  return d <= limit ? d : null;
}

/** Decimals left after dropping trailing zeros ("5.50" → 1). */
function significantDecimals(value: number, written: number): number {
  let d = written;
  while (d > 0 && roundTo(value, d - 1) === value) d--;
  return d;
}

/** Decimal rounding through toFixed (correct for the binary value, unlike x*10^d/10^d). */
export function roundTo(x: number, d: number): number {
  if (d > 100) return x;
  const r = Number(x.toFixed(d));
  return r === 0 ? 0 : r; // no -0
}

/**
 * The sample's text style: a fixed number of decimals when every value was written with the same
 * d ≥ 1 decimals ("0.0", "5.0", "10.9"), else null (shortest form: "12", "11.5").
 */
export function learnFixedDecimals(writtenDecimals: readonly number[], texts: readonly string[]): number | null {
  if (!writtenDecimals.length) return null;
  const d = writtenDecimals[0];
  if (d < 1) return null;
  for (let i = 0; i < writtenDecimals.length; i++) {
    if (writtenDecimals[i] !== d || /[eE]/.test(texts[i])) return null;
  }
  return d;
}

/** Writes x: fixed decimals, or the shortest decimal form with at most `decimals` places. */
export function formatNumber(x: number, fixedDecimals: number | null, decimals: number | null): string {
  if (fixedDecimals !== null) {
    const s = x.toFixed(fixedDecimals);
    return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
  }
  if (decimals !== null && decimals <= 100 && Math.abs(x) < 1e21) {
    let s = x.toFixed(decimals);
    if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
    return s === '-0' ? '0' : s;
  }
  return x === 0 ? '0' : String(x);
}

/**
 * The text `formatNumber(n / 10^d, fixed, d)` gives for an integer n (|n| < 2^52, d ≤ fixed when
 * fixed is set), built from n's digits instead of toFixed: "-" only when n ≠ 0, `fixed` decimals
 * zero-padded, else the shortest form (trailing zeros and a bare point dropped).
 */
export function decimalText(n: number, d: number, fixed: number | null): string {
  const neg = n < 0;
  let s = String(neg ? -n : n);
  if (d > 0) {
    if (s.length <= d) s = '0'.repeat(d - s.length + 1) + s;
    const ip = s.slice(0, s.length - d);
    let fp = s.slice(s.length - d);
    if (fixed !== null) fp = fp.padEnd(fixed, '0');
    else {
      let e = fp.length;
      while (e > 0 && fp.charCodeAt(e - 1) === 48) e--;
      fp = fp.slice(0, e);
    }
    s = fp ? ip + '.' + fp : ip;
  } else if (fixed !== null && fixed > 0) s += '.' + '0'.repeat(fixed);
  return neg && n !== 0 ? '-' + s : s;
}
