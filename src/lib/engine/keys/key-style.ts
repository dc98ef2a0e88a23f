/**
 * Learns how a key column's values look, so generated keys continue the sample's style:
 * integer sequences (start/step), prefix + zero-padded number ("AB-00012"), UUIDs, an explicit
 * `regex_format`, or a per-position character-class template learned from the values ("AW" → [A-Z]{2}).
 * SDV instead uses `\d{30}`/`[0-1a-z]{5}` regexes or random `sdv-id-??????` text.
 */
import { AppError } from '../../schema/model';
import { parseRegex } from './regex-pattern';

export type KeyStyle =
  | { type: 'integer'; start: number; step: number }
  | { type: 'padded'; prefix: string; suffix: string; width: number; start: number; step: number }
  | { type: 'uuid'; upper: boolean }
  | { type: 'regex'; pattern: string; explicit: boolean };

const INTEGER_RE = /^-?(0|[1-9]\d*)$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PADDED_RE = /^(.*?)(\d+)(\D*)$/;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Start = smallest value, step = gcd of the gaps between sorted distinct values (1 if none). */
function sequenceOf(nums: number[]): { start: number; step: number } {
  const sorted = [...new Set(nums)].sort((a, b) => a - b);
  let step = 0;
  for (let i = 1; i < sorted.length; i++) step = gcd(step, sorted[i] - sorted[i - 1]);
  return { start: sorted[0], step: step || 1 };
}

export function learnKeyStyle(column: string, cells: readonly (string | null)[], regexFormat?: string): KeyStyle {
  if (regexFormat) {
    parseRegex(regexFormat, column); // fail early on an unsupported pattern
    return { type: 'regex', pattern: regexFormat, explicit: true };
  }
  const values = cells.filter((c): c is string => c !== null && c.trim() !== '').map((c) => c.trim());
  if (!values.length) return { type: 'integer', start: 1, step: 1 };
  if (values.every((v) => INTEGER_RE.test(v) && Number.isSafeInteger(Number(v)))) return { type: 'integer', ...sequenceOf(values.map(Number)) };
  if (values.every((v) => UUID_RE.test(v))) return { type: 'uuid', upper: values[0] !== values[0].toLowerCase() };
  const m0 = PADDED_RE.exec(values[0]);
  if (m0) {
    const [, prefix, , suffix] = m0;
    let sameLength = true, ok = true;
    const nums: number[] = [];
    for (const v of values) {
      const m = PADDED_RE.exec(v);
      if (!m || m[1] !== prefix || m[3] !== suffix || m[2].length > 15) { ok = false; break; }
      if (m[2].length !== m0[2].length) sameLength = false;
      nums.push(Number(m[2]));
    }
    if (ok) return { type: 'padded', prefix, suffix, width: sameLength ? m0[2].length : 0, ...sequenceOf(nums) };
  }
  return { type: 'regex', pattern: learnTemplate(values), explicit: false };
}

const escapeRegex = (c: string) => (/[\\^$.*+?()[\]{}|-]/.test(c) ? '\\' + c : c);

/**
 * A regex from the values of the most common length: a literal where every value has the same
 * character, else the union of the character kinds seen there ([0-9], [A-Z], [a-z], others as seen).
 */
export function learnTemplate(values: readonly string[]): string {
  const byLength = new Map<number, number>();
  for (const v of values) byLength.set(v.length, (byLength.get(v.length) ?? 0) + 1);
  let L = 0, best = -1;
  for (const [len, c] of byLength) if (c > best || (c === best && len > L)) { L = len; best = c; }
  const same = values.filter((v) => v.length === L);
  const parts: string[] = [];
  for (let i = 0; i < L; i++) {
    const seen = new Set(same.map((v) => v[i]));
    if (seen.size === 1) { parts.push(escapeRegex(same[0][i])); continue; }
    let digit = false, upper = false, lower = false;
    const other = new Set<string>();
    for (const c of seen) {
      if (c >= '0' && c <= '9') digit = true;
      else if (c >= 'A' && c <= 'Z') upper = true;
      else if (c >= 'a' && c <= 'z') lower = true;
      else other.add(c);
    }
    const cls = (digit ? '0-9' : '') + (upper ? 'A-Z' : '') + (lower ? 'a-z' : '') + [...other].sort().map(escapeRegex).join('');
    parts.push(cls === '0-9' ? '\\d' : `[${cls}]`);
  }
  // Compress runs: [A-Z][A-Z] → [A-Z]{2}
  let out = '';
  for (let i = 0; i < parts.length;) {
    let j = i;
    while (j < parts.length && parts[j] === parts[i]) j++;
    const k = j - i;
    out += k > 1 && parts[i].length > 1 ? `${parts[i]}{${k}}` : parts[i].repeat(k);
    i = j;
  }
  return out || 'sdv-id-[a-z0-9]{6}';
}

export function keyStyleError(column: string, message: string): AppError {
  return new AppError('keys/overflow', `Column "${column}": ${message}`, { column });
}
