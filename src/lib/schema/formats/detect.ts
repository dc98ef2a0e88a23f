/**
 * Which importer a file needs, for the UI's single Import button: by extension first, then by
 * content (JSON shape, CREATE TABLE, DBML `Table … {`), else CSV. null when nothing fits
 * (binary, empty, or JSON of an unknown shape).
 */
import { looksBinary } from './csv-import';
import { looksLikeRequestJson } from './request-json';
import { looksLikeSdvMetadata } from './sdv-metadata';
import { SCHEMA_FILE_FORMAT } from './schema-file';

export type ImportFormat = 'csv' | 'ddl' | 'dbml' | 'sdv-metadata' | 'request-json' | 'schema-file';

function jsonFormat(text: string): ImportFormat | null {
  let doc: unknown;
  try { doc = JSON.parse(text); } catch { return null; }
  if (doc && typeof doc === 'object' && (doc as { format?: unknown }).format === SCHEMA_FILE_FORMAT) return 'schema-file';
  if (looksLikeSdvMetadata(doc)) return 'sdv-metadata';
  if (looksLikeRequestJson(doc)) return 'request-json';
  return null;
}

const DDL = /\bCREATE\s+(TEMP\w*\s+)?TABLE\b[^;]*\(/i;
const DBML = /^\s*(Table|Project|Enum|Ref|TableGroup)\s+("[^"]+"|[\w.]+)?[^\n{]*\{/m;

export function detectFormat(fileName: string, text: string): ImportFormat | null {
  const name = fileName.toLowerCase();
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!body.trim() || looksBinary(body.slice(0, 8192))) return null;
  if (name.endsWith('.schema.json')) return 'schema-file';
  if (/\.(csv|tsv|tab|psv)$/.test(name)) return 'csv';
  if (/\.(sql|ddl)$/.test(name)) return 'ddl';
  if (name.endsWith('.dbml')) return 'dbml';
  const trimmed = body.trimStart();
  if (name.endsWith('.json') || trimmed.startsWith('{')) return jsonFormat(body);
  if (DDL.test(body)) return 'ddl';
  if (DBML.test(body)) return 'dbml';
  return 'csv';
}
