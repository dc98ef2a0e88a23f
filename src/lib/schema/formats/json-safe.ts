/**
 * Defensive JSON reading shared by every JSON import (schema file, SDV metadata, request JSON):
 * a size cap, prototype-pollution keys dropped, a nesting cap, and every failure an `AppError`.
 * Also the JSON-path formatting used in problem reports ("tables[0].columns[2].data_type").
 */
import { AppError } from '../model';

/** 50 MB of text: far above any schema; sample data beyond this should travel as CSV. */
export const MAX_JSON_CHARS = 50 * 1024 * 1024;
const MAX_DEPTH = 64;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface Problem {
  /** Machine-readable, e.g. "schema-file/invalid-type". */
  code: string;
  message: string;
  /** JSON path of the offending value; "" for the whole document. */
  path: string;
  severity?: 'error' | 'warning';
}

/** ['tables', 0, 'columns', 2, 'name'] → "tables[0].columns[2].name". */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else {
      const s = String(p);
      out += /^[A-Za-z_$][\w$]*$/.test(s) ? (out ? '.' : '') + s : `[${JSON.stringify(s)}]`;
    }
  }
  return out;
}

/**
 * Parses JSON text. Keys `__proto__`, `constructor` and `prototype` are dropped (and reported via
 * `dropped`) so no later spread or merge can touch an object prototype; nesting deeper than 64
 * levels is rejected.
 */
export function parseJsonSafe(text: string, file?: string, dropped: string[] = []): unknown {
  if (typeof text !== 'string') throw new AppError('json/not-text', `${file ?? 'The file'} is not text`, { file });
  if (text.length > MAX_JSON_CHARS) {
    throw new AppError('json/too-large', `${file ?? 'The file'} is ${(text.length / 1048576).toFixed(0)} MB; the limit for JSON files is ${MAX_JSON_CHARS / 1048576} MB`, { file });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Checked on the text first: a very deep document would overflow the stack inside JSON.parse.
  if (textDepth(text) > MAX_DEPTH) throw new AppError('json/too-deep', `${file ?? 'The file'} is nested more than ${MAX_DEPTH} levels deep`, { file });
  let value: unknown;
  try {
    value = JSON.parse(text, function (this: unknown, key: string, v: unknown) {
      if (FORBIDDEN_KEYS.has(key)) { dropped.push(key); return undefined; }
      return v;
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new AppError('json/syntax', `${file ?? 'The file'} is not valid JSON: ${msg}`, { file });
  }
  return value;
}

/** Deepest bracket nesting of JSON text, ignoring brackets inside strings. */
function textDepth(text: string): number {
  let d = 0, max = 0, inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inStr) {
      if (c === 92) i++; // backslash escape
      else if (c === 34) inStr = false;
    } else if (c === 34) inStr = true;
    else if (c === 123 || c === 91) { if (++d > max) { max = d; if (max > MAX_DEPTH) return max; } }
    else if (c === 125 || c === 93) d--;
  }
  return max;
}

/** Zod-style issues → problems with JSON paths. */
export function issuesToProblems(prefix: string, issues: readonly { path: readonly PropertyKey[]; message: string; code?: string }[]): Problem[] {
  return issues.map((i) => ({
    code: `${prefix}/${i.code ?? 'invalid'}`,
    message: `${formatPath(i.path) || '(document)'}: ${i.message}`,
    path: formatPath(i.path),
    severity: 'error'
  }));
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A random id for new tables, columns and relationships. */
export function newId(): string {
  const c = globalThis.crypto;
  if (c && 'randomUUID' in c) return c.randomUUID();
  return 'id-' + Math.random().toString(36).slice(2) + Date.now().toString(36);
}
