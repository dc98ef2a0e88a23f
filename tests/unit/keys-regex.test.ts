import { describe, expect, it } from 'vitest';
import { generateFromRegex, regexCapacity } from '../../src/lib/engine/keys/regex-generator';
import { parseRegex } from '../../src/lib/engine/keys/regex-pattern';
import { seededRng } from '../../src/lib/engine/transformers/rng';

describe('regex subset for keys', () => {
  it('parses literals, escapes, \\d, classes with ranges, {n}, {m,n}, ?', () => {
    const a = parseRegex('AB-\\d{5}');
    expect(a.map((x) => [x.chars.join(''), x.min, x.max])).toEqual([['A', 1, 1], ['B', 1, 1], ['-', 1, 1], ['0123456789', 5, 5]]);
    expect(parseRegex('[A-C0-1x]{2,3}')[0]).toEqual({ chars: ['0', '1', 'A', 'B', 'C', 'x'], min: 2, max: 3 });
    expect(parseRegex('^\\.[a-b]?$').map((x) => [x.chars.join(''), x.min, x.max])).toEqual([['.', 1, 1], ['ab', 0, 1]]);
  });

  it('counts distinct values exactly', () => {
    expect(regexCapacity('AB-\\d{5}')).toBe(100000n);
    expect(regexCapacity('[A-Z]{2}')).toBe(676n);
    expect(regexCapacity('[ab]{1,2}')).toBe(6n);
    expect(regexCapacity('\\d{30}')).toBe(10n ** 30n);
  });

  it('generates n unique matching values (dense, sparse and beyond 2^53)', () => {
    for (const [pattern, n, re] of [['AB-\\d{5}', 5000, /^AB-\d{5}$/], ['[A-Z]{2}', 676, /^[A-Z]{2}$/], ['\\d{30}', 2000, /^\d{30}$/], ['[a-c]{1,3}', 39, /^[a-c]{1,3}$/]] as const) {
      const out = generateFromRegex(pattern, n, seededRng(1), { unique: true });
      expect(out.length).toBe(n);
      expect(new Set(out).size, pattern).toBe(n);
      expect(out.every((v) => re.test(v)), pattern).toBe(true);
    }
  });

  it('optional parts that spell the same text twice still give unique text', () => {
    const out = generateFromRegex('a?a?', 3, seededRng(2), { unique: true });
    expect(new Set(out)).toEqual(new Set(['', 'a', 'aa']));
  });

  it('too few values for n unique keys is a clear error', () => {
    expect(() => generateFromRegex('[A-Z]{2}', 677, seededRng(1), { unique: true, column: 'code' }))
      .toThrow(expect.objectContaining({ code: 'keys/not-enough-unique', message: 'Column "code": the pattern "[A-Z]{2}" can produce only 676 distinct values, but 677 unique keys are needed' }));
    expect(() => generateFromRegex('a?a?', 4, seededRng(1), { unique: true })).toThrow(expect.objectContaining({ code: 'keys/not-enough-unique' }));
  });

  it('unsupported syntax is a clear error', () => {
    for (const p of ['(ab)+', 'a|b', '[^a]', '\\s', '{3}', '[a-', 'x{2']) {
      expect(() => parseRegex(p, 'k'), p).toThrow(expect.objectContaining({ code: 'keys/regex-unsupported' }));
    }
  });

  it('is seeded: same seed same keys, other seed other keys', () => {
    const a = generateFromRegex('[A-Z]{3}\\d{3}', 100, seededRng(4), { unique: true });
    expect(generateFromRegex('[A-Z]{3}\\d{3}', 100, seededRng(4), { unique: true })).toEqual(a);
    expect(generateFromRegex('[A-Z]{3}\\d{3}', 100, seededRng(5), { unique: true })).not.toEqual(a);
  });
});
