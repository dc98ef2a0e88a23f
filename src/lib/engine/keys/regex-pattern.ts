/**
 * A practical regex subset for generating keys, like RDT's RegexGenerator (which uses
 * `rstr`/`sre_parse`): literals, escaped literals, `\d` `\w` `.`, classes `[A-Z0-9_]` (ranges and
 * single characters, `\d` inside), quantifiers `{n}` `{m,n}` `?`, and `+`/`*` bounded to 8 repeats.
 * Groups and alternation are rejected with a clear error. `^`/`$` anchors are ignored.
 * A pattern is a list of atoms; its values are enumerable by index (mixed radix), so the number of
 * distinct values is exact and unique values can be drawn without generating them all.
 */
import { AppError } from '../../schema/model';

export interface RegexAtom {
  chars: string[];
  min: number;
  max: number;
}

const range = (a: string, b: string) => {
  const out: string[] = [];
  for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) out.push(String.fromCharCode(c));
  return out;
};
const DIGITS = range('0', '9');
const WORD = [...range('0', '9'), ...range('A', 'Z'), '_', ...range('a', 'z')];
const UNBOUNDED_MAX = 8;

function regexError(pattern: string, why: string, column?: string): AppError {
  return new AppError('keys/regex-unsupported', `${column ? `Column "${column}": ` : ''}regex_format "${pattern}" ${why}`, column ? { column } : {}, { pattern });
}

export function parseRegex(pattern: string, column?: string): RegexAtom[] {
  const atoms: RegexAtom[] = [];
  let i = 0;
  const p = pattern;
  while (i < p.length) {
    const c = p[i];
    let chars: string[];
    if (c === '^' && i === 0) { i++; continue; }
    if (c === '$' && i === p.length - 1) { i++; continue; }
    if (c === '(' || c === ')' || c === '|') throw regexError(p, `uses "${c}" (groups and alternation are not supported; write the alternatives as a class or separate columns)`, column);
    if (c === '\\') {
      chars = escapeClass(p[i + 1], p, column);
      i += 2;
    } else if (c === '[') {
      const end = findClassEnd(p, i, column);
      chars = parseClass(p.slice(i + 1, end), p, column);
      i = end + 1;
    } else if (c === '.') {
      chars = [...range('0', '9'), ...range('A', 'Z'), ...range('a', 'z')];
      i++;
    } else if (c === '{' || c === '?' || c === '+' || c === '*') {
      throw regexError(p, `has a quantifier "${c}" with nothing before it (position ${i})`, column);
    } else {
      chars = [c];
      i++;
    }
    let min = 1, max = 1;
    if (p[i] === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
      if (!m) throw regexError(p, `has a malformed quantifier at position ${i}`, column);
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? min + UNBOUNDED_MAX : Number(m[3]);
      if (max < min) throw regexError(p, `has {${min},${max}} with max < min`, column);
      i += m[0].length;
    } else if (p[i] === '?') { min = 0; max = 1; i++; }
    else if (p[i] === '+') { min = 1; max = UNBOUNDED_MAX; i++; }
    else if (p[i] === '*') { min = 0; max = UNBOUNDED_MAX; i++; }
    atoms.push({ chars, min, max });
  }
  return atoms;
}

function escapeClass(e: string | undefined, p: string, column?: string): string[] {
  if (e === undefined) throw regexError(p, 'ends with a lone backslash', column);
  if (e === 'd') return DIGITS;
  if (e === 'w') return WORD;
  if (/[sSDWbB]/.test(e)) throw regexError(p, `uses \\${e}, which cannot be generated (use \\d, \\w or a class)`, column);
  return [e];
}

function findClassEnd(p: string, start: number, column?: string): number {
  for (let j = start + 1; j < p.length; j++) {
    if (p[j] === '\\') { j++; continue; }
    if (p[j] === ']' && j > start + 1) return j;
  }
  throw regexError(p, `has an unclosed "[" at position ${start}`, column);
}

function parseClass(body: string, p: string, column?: string): string[] {
  if (body.startsWith('^')) throw regexError(p, 'uses a negated class [^…], which is not supported', column);
  const set = new Set<string>();
  for (let j = 0; j < body.length; j++) {
    let c = body[j];
    if (c === '\\') {
      for (const x of escapeClass(body[j + 1], p, column)) set.add(x);
      j++;
      continue;
    }
    if (body[j + 1] === '-' && j + 2 < body.length) {
      const to = body[j + 2] === '\\' ? body[j + 3] : body[j + 2];
      if (to.charCodeAt(0) < c.charCodeAt(0)) throw regexError(p, `has a reversed range ${c}-${to}`, column);
      for (const x of range(c, to)) set.add(x);
      j += body[j + 2] === '\\' ? 3 : 2;
      continue;
    }
    set.add(c);
  }
  return [...set].sort();
}

/** Number of distinct values of one atom: Σ_{k=min}^{max} |chars|^k. */
export function atomCount(a: RegexAtom): bigint {
  const b = BigInt(a.chars.length);
  let total = 0n;
  for (let k = a.min; k <= a.max; k++) total += b ** BigInt(k);
  return total;
}

/** Number of distinct strings the pattern can produce (product over atoms). */
export function patternCount(atoms: readonly RegexAtom[]): bigint {
  let total = 1n;
  for (const a of atoms) total *= atomCount(a);
  return total;
}

/** The index-th string of the pattern (0 ≤ index < patternCount), mixed radix over atoms, last atom fastest. */
export function patternValue(atoms: readonly RegexAtom[], counts: readonly bigint[], index: bigint): string {
  const parts: string[] = new Array(atoms.length);
  for (let j = atoms.length - 1; j >= 0; j--) {
    const c = counts[j];
    let sub = index % c;
    index /= c;
    const a = atoms[j];
    const b = BigInt(a.chars.length);
    let s = '';
    for (let k = a.min; k <= a.max; k++) {
      const size = b ** BigInt(k);
      if (sub < size) {
        for (let t = 0; t < k; t++) { s = a.chars[Number(sub % b)] + s; sub /= b; }
        break;
      }
      sub -= size;
    }
    parts[j] = s;
  }
  return parts.join('');
}

/** Same as `patternValue` with plain numbers, valid when patternCount ≤ 2^53. */
export function patternValueSmall(atoms: readonly RegexAtom[], counts: readonly number[], index: number): string {
  const parts: string[] = new Array(atoms.length);
  for (let j = atoms.length - 1; j >= 0; j--) {
    const c = counts[j];
    let sub = index % c;
    index = Math.floor(index / c);
    const a = atoms[j];
    const b = a.chars.length;
    let s = '';
    for (let k = a.min; k <= a.max; k++) {
      const size = b ** k;
      if (sub < size) {
        for (let t = 0; t < k; t++) { s = a.chars[sub % b] + s; sub = Math.floor(sub / b); }
        break;
      }
      sub -= size;
    }
    parts[j] = s;
  }
  return parts.join('');
}
