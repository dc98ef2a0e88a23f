import { describe, expect, it } from 'vitest';
import { formatDatetime, guessDatetimeFormat, parseDatetime } from '../../src/lib/schema/datetime';

describe('datetime text ⇄ ms', () => {
  it('parses the formats of our datasets', () => {
    expect(parseDatetime('2012/01/01', '%Y/%m/%d')).toBe(Date.UTC(2012, 0, 1));
    expect(parseDatetime('Jan 1 2000', '%b %d %Y')).toBe(Date.UTC(2000, 0, 1));
    expect(parseDatetime('Jan 01 2000', '%b %d %Y')).toBe(Date.UTC(2000, 0, 1));
    expect(parseDatetime('1970-01-01', '%Y-%m-%d')).toBe(0);
    expect(parseDatetime('2024-02-29T13:45:10.250Z', '%Y-%m-%dT%H:%M:%S.%fZ')).toBe(Date.UTC(2024, 1, 29, 13, 45, 10, 250));
    expect(parseDatetime('01/31/2012 04:05:06 PM', '%m/%d/%Y %I:%M:%S %p')).toBe(Date.UTC(2012, 0, 31, 16, 5, 6));
  });
  it('rejects what does not match', () => {
    expect(parseDatetime('2023-02-30', '%Y-%m-%d')).toBeNull();
    expect(parseDatetime('2023-13-01', '%Y-%m-%d')).toBeNull();
    expect(parseDatetime('hello', '%Y-%m-%d')).toBeNull();
    expect(parseDatetime('2023-01-01 extra', '%Y-%m-%d')).toBeNull();
  });
  it('formats back in the same format', () => {
    for (const [text, f] of [['2012/01/01', '%Y/%m/%d'], ['Mar 15 2004', '%b %d %Y'], ['2020-06-01 07:08:09', '%Y-%m-%d %H:%M:%S']]) {
      expect(formatDatetime(parseDatetime(text, f)!, f)).toBe(text);
    }
    expect(formatDatetime(Date.UTC(2000, 0, 1), '%b %-d %Y')).toBe('Jan 1 2000');
  });
  it('guesses formats and leaves numbers alone', () => {
    expect(guessDatetimeFormat(['2012/01/01', '2012/01/02'])).toBe('%Y/%m/%d');
    expect(guessDatetimeFormat(['Jan 1 2000', 'Feb 12 2001'])).toBe('%b %d %Y');
    expect(guessDatetimeFormat(['01/31/2012', '12/01/2012'])).toBe('%m/%d/%Y');
    expect(guessDatetimeFormat(['31/01/2012', '13/02/2012'])).toBe('%d/%m/%Y');
    expect(guessDatetimeFormat(['12', '2012'])).toBeNull();
    expect(guessDatetimeFormat(['snow', 'rain'])).toBeNull();
  });
});
