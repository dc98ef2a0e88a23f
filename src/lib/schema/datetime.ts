/**
 * strftime-style date/time text ⇄ milliseconds since 1970-01-01 UTC.
 * Supports the directives real files use: %Y %y %m %d %e %H %I %M %S %f %p %b %B %a %A %j %z %Z %%
 * and the ISO forms with `T` and `Z` literals. Parsing is lenient like Python's strptime about
 * zero padding (`%d` accepts "1" and "01"); formatting pads like strftime.
 * Why ms and not ns: JS numbers hold ms exactly for ±285k years; SDMetrics' ns are only a ×1e6 scale.
 */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

interface Parsed { y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number; pm: number; tz: number; doy: number }

type Matcher = (text: string, pos: number, p: Parsed) => number; // returns new pos or -1

function num(min: number, max: number, set: (p: Parsed, v: number) => void): Matcher {
  return (text, pos, p) => {
    let end = pos;
    if (text[end] === '-' && min === 4) end++; // negative years are not supported; keep simple
    while (end < text.length && end - pos < max && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
    if (end - pos < min) return -1;
    set(p, Number(text.slice(pos, end)));
    return end;
  };
}

function name(list: string[], short: boolean, set: (p: Parsed, v: number) => void): Matcher {
  return (text, pos, p) => {
    const rest = text.slice(pos).toLowerCase();
    for (let i = 0; i < list.length; i++) {
      const cand = short ? list[i].slice(0, 3) : list[i];
      if (rest.startsWith(cand)) {
        set(p, i);
        return pos + cand.length;
      }
    }
    return -1;
  };
}

const DIRECTIVES: Record<string, Matcher> = {
  Y: num(4, 4, (p, v) => (p.y = v)),
  y: num(2, 2, (p, v) => (p.y = v < 69 ? 2000 + v : 1900 + v)),
  m: num(1, 2, (p, v) => (p.mo = v - 1)),
  d: num(1, 2, (p, v) => (p.d = v)),
  e: (t, pos, p) => num(1, 2, (q, v) => (q.d = v))(t, t[pos] === ' ' ? pos + 1 : pos, p),
  H: num(1, 2, (p, v) => (p.h = v)),
  I: num(1, 2, (p, v) => (p.h = v % 12)),
  M: num(1, 2, (p, v) => (p.mi = v)),
  S: num(1, 2, (p, v) => (p.s = v)),
  f: (t, pos, p) => {
    let end = pos;
    while (end < t.length && end - pos < 9 && /\d/.test(t[end])) end++;
    if (end === pos) return -1;
    p.ms = Number('0.' + t.slice(pos, end)) * 1000;
    return end;
  },
  p: (t, pos, p) => {
    const s = t.slice(pos, pos + 2).toUpperCase();
    if (s === 'AM' || s === 'PM') { p.pm = s === 'PM' ? 1 : 0; return pos + 2; }
    return -1;
  },
  b: name(MONTHS, true, (p, v) => (p.mo = v)),
  h: name(MONTHS, true, (p, v) => (p.mo = v)),
  B: name(MONTHS, false, (p, v) => (p.mo = v)),
  a: name(DAYS, true, () => {}),
  A: name(DAYS, false, () => {}),
  j: num(1, 3, (p, v) => (p.doy = v)),
  z: (t, pos, p) => {
    if (t[pos] === 'Z') { p.tz = 0; return pos + 1; }
    const m = /^([+-])(\d{2}):?(\d{2})/.exec(t.slice(pos));
    if (!m) return -1;
    p.tz = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
    return pos + m[0].length;
  },
  Z: (t, pos) => {
    const m = /^(UTC|GMT|Z)/i.exec(t.slice(pos));
    return m ? pos + m[0].length : -1;
  },
  '%': (t, pos) => (t[pos] === '%' ? pos + 1 : -1)
};

const compiled = new Map<string, (string | Matcher)[]>();

function compile(format: string): (string | Matcher)[] {
  let parts = compiled.get(format);
  if (parts) return parts;
  parts = [];
  for (let i = 0; i < format.length; i++) {
    if (format[i] === '%' && i + 1 < format.length) {
      let k = format[++i];
      if (k === '-' && i + 1 < format.length) k = format[++i]; // %-d (glibc no-pad) parses like %d
      const m = DIRECTIVES[k];
      if (!m) throw new Error(`Unsupported datetime directive %${k} in "${format}"`);
      parts.push(m);
    } else parts.push(format[i]);
  }
  compiled.set(format, parts);
  return parts;
}

/** Parses `text` with `format`; returns ms since epoch (UTC) or null when it does not match. */
export function parseDatetime(text: string, format: string): number | null {
  const parts = compile(format);
  const p: Parsed = { y: 1900, mo: 0, d: 1, h: 0, mi: 0, s: 0, ms: 0, pm: -1, tz: 0, doy: 0 };
  let pos = 0;
  const t = text.trim();
  for (const part of parts) {
    if (typeof part === 'string') {
      if (part === ' ') { while (t[pos] === ' ') pos++; continue; }
      if (t[pos] !== part) return null;
      pos++;
    } else {
      pos = part(t, pos, p);
      if (pos < 0) return null;
    }
  }
  if (pos !== t.length) return null;
  if (p.pm === 1) p.h += 12;
  if (p.mo < 0 || p.mo > 11 || p.d < 1 || p.d > 31 || p.h > 23 || p.mi > 59 || p.s > 61) return null;
  let ms: number;
  if (p.doy) ms = Date.UTC(p.y, 0, p.doy, p.h, p.mi, p.s, p.ms);
  else {
    ms = Date.UTC(p.y, p.mo, p.d, p.h, p.mi, p.s, p.ms);
    // Reject overflow such as Feb 30.
    if (new Date(ms).getUTCDate() !== p.d) return null;
  }
  if (p.y < 100) ms = (() => { const dt = new Date(ms); dt.setUTCFullYear(p.y); return dt.getTime(); })();
  return ms - p.tz * 60_000;
}

const pad = (v: number, n: number) => String(Math.trunc(v)).padStart(n, '0');

/** Formats ms since epoch (UTC) with `format` (strftime semantics, zero padded). */
export function formatDatetime(ms: number, format: string): string {
  const dt = new Date(Math.round(ms));
  const Y = dt.getUTCFullYear(), mo = dt.getUTCMonth(), d = dt.getUTCDate(), H = dt.getUTCHours();
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%' || i + 1 >= format.length) { out += c; continue; }
    let k = format[++i];
    let noPad = false;
    if (k === '-') { noPad = true; k = format[++i]; }
    const p2 = (v: number) => (noPad ? String(v) : pad(v, 2));
    switch (k) {
      case 'Y': out += pad(Y, 4); break;
      case 'y': out += pad(Y % 100, 2); break;
      case 'm': out += p2(mo + 1); break;
      case 'd': out += p2(d); break;
      case 'e': out += String(d).padStart(2, ' '); break;
      case 'H': out += p2(H); break;
      case 'I': out += p2(H % 12 === 0 ? 12 : H % 12); break;
      case 'M': out += p2(dt.getUTCMinutes()); break;
      case 'S': out += p2(dt.getUTCSeconds()); break;
      case 'f': out += pad(dt.getUTCMilliseconds() * 1000, 6); break;
      case 'p': out += H < 12 ? 'AM' : 'PM'; break;
      case 'b': case 'h': out += cap(MONTHS[mo].slice(0, 3)); break;
      case 'B': out += cap(MONTHS[mo]); break;
      case 'a': out += cap(DAYS[dt.getUTCDay()].slice(0, 3)); break;
      case 'A': out += cap(DAYS[dt.getUTCDay()]); break;
      case 'j': out += pad((Date.UTC(Y, mo, d) - Date.UTC(Y, 0, 1)) / 86_400_000 + 1, 3); break;
      case 'z': out += '+0000'; break;
      case 'Z': out += 'UTC'; break;
      case '%': out += '%'; break;
      default: throw new Error(`Unsupported datetime directive %${k} in "${format}"`);
    }
  }
  return out;
}

/** Candidate formats tried by `guessDatetimeFormat`, most specific first. */
export const COMMON_DATETIME_FORMATS = [
  '%Y-%m-%dT%H:%M:%S.%fZ', '%Y-%m-%dT%H:%M:%SZ', '%Y-%m-%dT%H:%M:%S.%f%z', '%Y-%m-%dT%H:%M:%S%z',
  '%Y-%m-%dT%H:%M:%S.%f', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M', '%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%d %H:%M:%S',
  '%Y-%m-%d %H:%M', '%Y-%m-%d', '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y/%m/%d', '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %I:%M:%S %p',
  '%m/%d/%Y %H:%M', '%m/%d/%Y', '%d/%m/%Y %H:%M:%S', '%d/%m/%Y', '%d.%m.%Y', '%d-%m-%Y', '%Y%m%d',
  '%b %d %Y', '%b %d, %Y', '%d %b %Y', '%B %d %Y', '%B %d, %Y', '%d %B %Y', '%a, %d %b %Y %H:%M:%S %Z', '%b %Y', '%Y-%m'
];

/**
 * Guesses the format of a column's non-empty values: the first candidate that parses every one of
 * (up to `limit`) values. Returns null when none fits. Ambiguous day/month orders resolve to the
 * first candidate that fits all values (month-first, US style, before day-first).
 */
export function guessDatetimeFormat(values: Iterable<string>, limit = 500): string | null {
  const sample: string[] = [];
  for (const v of values) {
    const t = v.trim();
    if (t) sample.push(t);
    if (sample.length >= limit) break;
  }
  if (!sample.length) return null;
  // Pure numbers are numbers, not dates (except 8-digit %Y%m%d, which must also pass every value).
  if (sample.every((s) => /^-?\d+(\.\d+)?$/.test(s)) && !sample.every((s) => /^\d{8}$/.test(s))) return null;
  for (const f of COMMON_DATETIME_FORMATS) {
    if (sample.every((s) => parseDatetime(s, f) !== null)) return f;
  }
  return null;
}
