/**
 * Value patterns used by type inference: numbers, booleans, e-mails, phones, UUIDs, URLs, missing
 * tokens, and the fixed-shape key regex (`AB-00012` → `AB-\d{5}`).
 */

export const INTEGER_RE = /^[+-]?\d+$/;
export const FLOAT_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
export const EMAIL_RE = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[A-Za-z]{2,}$/;
export const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const URL_RE = /^(https?|ftp):\/\/[^\s/$.?#][^\s]*$/i;
/** 7–15 digits (E.164 allows 15) with the usual separators; must contain a separator or a leading + so plain integers stay numbers. */
export const PHONE_RE = /^\+?(\(?\d{1,4}\)?[\s.-]?){2,6}\d{1,4}(\s*(x|ext\.?)\s*\d{1,5})?$/i;
export const UUID_REGEX_FORMAT = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export function isPhone(s: string): boolean {
  if (!PHONE_RE.test(s)) return false;
  const digits = s.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 15 && /[\s().+-]/.test(s);
}

/** Tokens that mean "no value" wherever they appear (pandas' default NA strings, minus "NA"/"None"). */
export const STRONG_MISSING = ['NULL', 'null', 'Null', 'NaN', 'nan', 'N/A', 'n/a', '#N/A', '#NA', '<NA>', '-NaN', '-nan', '1.#IND', '1.#QNAN'];
/**
 * Tokens that are missing in a number/date/boolean column but may be real values in a text column:
 * "NA" is North America (and Namibia), "None" can be a category. Infinities cannot be modelled as
 * numbers, so a numeric column reads them as missing (as the numeric transformer does).
 */
export const WEAK_MISSING = ['NA', 'na', 'None', 'none', '-', '?', '.', 'Infinity', '-Infinity', 'inf', '-inf', 'Inf', '-Inf'];

const TRUE_WORDS = ['true', 'yes', 't', 'y'];
const FALSE_WORDS = ['false', 'no', 'f', 'n'];

/** Parses a boolean cell (true/false, yes/no, t/f, y/n, 1/0; any case); null when it is not one. */
export function parseBoolean(s: string): boolean | null {
  const t = s.trim().toLowerCase();
  if (TRUE_WORDS.includes(t) || t === '1') return true;
  if (FALSE_WORDS.includes(t) || t === '0') return false;
  return null;
}

/** True when a set of distinct lower-cased values is a boolean vocabulary (both words from one pair family). */
export function isBooleanVocabulary(distinct: Set<string>): boolean {
  if (!distinct.size || distinct.size > 2) return false;
  const pairs = [['true', 'false'], ['yes', 'no'], ['t', 'f'], ['y', 'n'], ['1', '0']];
  const lower = [...distinct].map((v) => v.trim().toLowerCase());
  return pairs.some((p) => lower.every((v) => p.includes(v)));
}

const escapeRe = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The regex every value fits when all values have the same length and each position is either a
 * constant character or always a digit / upper-case / lower-case letter: `AB-00012` → `AB-\d{5}`.
 * Returns null when the values do not share such a fixed shape or the shape has no variable part.
 */
export function fixedShapeRegex(values: string[]): string | null {
  if (!values.length) return null;
  const len = values[0].length;
  if (len === 0 || len > 64 || values.some((v) => v.length !== len)) return null;
  const classes: string[] = [];
  let variable = false;
  for (let i = 0; i < len; i++) {
    const c0 = values[0][i];
    let same = true, digit = true, upper = true, lower = true, hex = true;
    for (const v of values) {
      const c = v[i];
      if (c !== c0) same = false;
      if (!(c >= '0' && c <= '9')) digit = false;
      if (!(c >= 'A' && c <= 'Z')) upper = false;
      if (!(c >= 'a' && c <= 'z')) lower = false;
      if (!/[0-9a-f]/.test(c)) hex = false;
    }
    // Constant letters and punctuation are the key's literal prefix/separators; a constant digit is
    // still a counter position (AB-00012 … AB-00099 → AB-\d{5}, not AB-000\d{2}).
    if (same && !digit) { classes.push(escapeRe(c0)); continue; }
    variable = true;
    if (digit) classes.push('\\d');
    else if (upper) classes.push('[A-Z]');
    else if (lower) classes.push('[a-z]');
    else if (hex) classes.push('[0-9a-f]');
    else if ([...values].every((v) => /[0-9A-Za-z]/.test(v[i]))) classes.push('[0-9A-Za-z]');
    else return null;
  }
  if (!variable) return null;
  // Compress runs: \d\d\d → \d{3}
  let out = '';
  for (let i = 0; i < classes.length;) {
    let j = i;
    while (j < classes.length && classes[j] === classes[i]) j++;
    const run = j - i;
    const isClass = classes[i].length > 1 && (classes[i].startsWith('[') || classes[i] === '\\d');
    out += isClass && run > 1 ? `${classes[i]}{${run}}` : classes[i].repeat(run);
    i = j;
  }
  return out;
}

/** Splits a column name into lower-case tokens: "customerId" / "customer_id" / "Customer ID" → [customer, id]. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((t) => t.toLowerCase());
}
