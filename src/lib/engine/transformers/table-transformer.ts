/**
 * Text table ⇄ the numeric matrix the Gaussian copula models (SDV's DataProcessor + RDT HyperTransformer,
 * sdv-algorithms.md §A2, §A6). `fitTransformers` learns a plain JSON-serialisable `TableTransformer`;
 * `transformTable` turns a table into a `ModelMatrix`; `reverseTable` turns a matrix of the same
 * columns (any row count) back into text, generating keys, PII and free text on the way.
 * All randomness comes from the `Rng`/seed argument, split into one stream per column.
 */
import { AppError, rowCount, type ColumnarTable, type SdvTable } from '../../schema/model';
import { generateKeys } from '../keys/key-generator';
import { generatePii, resolveProvider } from '../pii/pii-generator';
import { DATETIME_MISSING_TOKENS, reverseDatetime, transformDatetime } from './datetime';
import { fitColumn } from './fit-column';
import { generateFreeText, generateUnknown } from './generated-text';
import { decodeMissing, encodeMissing } from './missing';
import { parseNumberCell } from './number-text';
import { reverseNumerical, transformNumerical } from './numerical';
import { streamFactory, type Rng } from './rng';
import type { ColumnTransformerState, ConstantState, MissingIndicatorState, ModelColumn, ModelColumnSpec, ModelMatrix, TableTransformer, TransformerOptions } from './types';
import { decodeUniform, encodeUniform } from './uniform-encoder';

function keyColumns(meta: SdvTable): Set<string> {
  const keys = new Set<string>();
  const add = (k: string | string[] | undefined) => { if (k === undefined) return; for (const c of Array.isArray(k) ? k : [k]) keys.add(c); };
  add(meta.primary_key);
  for (const k of meta.alternate_keys ?? []) add(k);
  return keys;
}

function checkTable(table: ColumnarTable): number {
  const n = rowCount(table);
  table.columns.forEach((c, i) => {
    if (c.length !== n) throw new AppError('transform/ragged-table', `Column "${table.names[i]}" has ${c.length} values, the first column ${n}`, { column: table.names[i] });
  });
  return n;
}

/** The modelled columns a transformer contributes, in matrix order. */
function specsOf(t: ColumnTransformerState): ModelColumnSpec[] {
  const out: ModelColumnSpec[] = [];
  if (t.kind === 'numerical' || t.kind === 'datetime') out.push({ name: t.column, source: t.column, role: 'value', marginalHint: 'auto' });
  if (t.kind === 'categorical') out.push({ name: t.column, source: t.column, role: 'category', marginalHint: 'uniform01' });
  if ('missing' in t && t.missing) out.push({ name: t.missing.name, source: t.column, role: 'missing', marginalHint: 'uniform01' });
  return out;
}

export function fitTransformers(table: ColumnarTable, metadata: SdvTable, options: TransformerOptions = {}): TableTransformer {
  const n = checkTable(table);
  for (const name of Object.keys(metadata.columns)) {
    if (!table.names.includes(name)) throw new AppError('transform/missing-column', `The metadata describes column "${name}", which the table does not have`, { column: name });
  }
  const keys = keyColumns(metadata);
  for (const k of keys) {
    if (!(k in metadata.columns)) throw new AppError('transform/missing-column', `Key column "${k}" is not among the metadata's columns`, { column: k });
  }
  const transformers = table.names.map((name, i) => {
    const meta = metadata.columns[name];
    if (!meta) throw new AppError('transform/unknown-column', `Column "${name}" has no metadata (add it to the table's columns with an sdtype)`, { column: name });
    return fitColumn(name, table.columns[i], meta, keys.has(name), options);
  });
  const modelColumns = transformers.flatMap(specsOf);
  const seen = new Set<string>();
  for (const c of modelColumns) {
    if (seen.has(c.name)) throw new AppError('transform/name-clash', `The missing-value indicator "${c.name}" clashes with a column of the same name; rename that column`, { column: c.name });
    seen.add(c.name);
  }
  return { version: 1, names: [...table.names], sampleRows: n, locale: options.locale ?? 'en', transformers, modelColumns };
}

function constantMask(t: ConstantState, cells: readonly (string | null)[]): Uint8Array {
  return Uint8Array.from(cells, (c) => {
    if (c === null) return 1;
    if (t.missingTokens === 'number') return parseNumberCell(c).kind === 'missing' ? 1 : 0;
    if (t.missingTokens === 'datetime') return DATETIME_MISSING_TOKENS.has(c.trim().toLowerCase()) ? 1 : 0;
    return 0;
  });
}
const emptyMask = (cells: readonly (string | null)[]) => Uint8Array.from(cells, (c) => (c === null || c.trim() === '' ? 1 : 0));

/**
 * Forward transform of a table with the fitted columns. With `partial` (conditions for conditional
 * sampling, §A8) the table may hold only some columns; the matrix then holds only their modelled columns.
 */
export function transformTable(tt: TableTransformer, table: ColumnarTable, rng: Rng | number, opts: { partial?: boolean } = {}): ModelMatrix {
  const n = checkTable(table);
  const stream = streamFactory(rng);
  const values = new Map<string, Float64Array>();
  for (const t of tt.transformers) {
    const i = table.names.indexOf(t.column);
    if (i < 0 && opts.partial) continue;
    if (i < 0) throw new AppError('transform/missing-column', `The table has no column "${t.column}"`, { column: t.column });
    const cells = table.columns[i];
    const r = stream(t.column);
    const putMissing = (m: MissingIndicatorState | null, mask: () => Uint8Array) => { if (m) values.set(m.name, encodeMissing(m, mask(), r)); };
    switch (t.kind) {
      case 'numerical':
      case 'datetime': {
        const out = t.kind === 'numerical' ? transformNumerical(t, cells, r) : transformDatetime(t, cells, r);
        values.set(t.column, out.value);
        if (t.missing && out.missing) values.set(t.missing.name, out.missing);
        break;
      }
      case 'categorical':
        values.set(t.column, encodeUniform(t.encoder, cells, r, t.column));
        break;
      case 'constant':
        putMissing(t.missing, () => constantMask(t, cells));
        break;
      case 'pii': case 'unknown': case 'text':
        putMissing(t.missing, () => emptyMask(cells));
        break;
      case 'key':
        break;
    }
  }
  const specs = opts.partial ? tt.modelColumns.filter((s) => values.has(s.name)) : tt.modelColumns;
  return { rows: n, columns: specs.map((s): ModelColumn => ({ ...s, values: values.get(s.name)! })) };
}

/** Reverse transform: matrix (same modelled columns, any row count) → text table in the sample's column order. */
export function reverseTable(tt: TableTransformer, matrix: ModelMatrix, rng: Rng | number, opts: { keys?: Map<string, (string | null)[]> } = {}): ColumnarTable {
  const n = matrix.rows;
  if (!Number.isInteger(n) || n < 0) throw new AppError('transform/bad-matrix', `The model matrix has an invalid row count ${n}`);
  const byName = new Map<string, Float64Array>();
  for (const c of matrix.columns) byName.set(c.name, c.values);
  const get = (name: string): Float64Array => {
    const v = byName.get(name);
    if (!v) throw new AppError('transform/bad-matrix', `The model matrix lacks the modelled column "${name}"`, { column: name });
    if (v.length !== n) throw new AppError('transform/bad-matrix', `Modelled column "${name}" has ${v.length} values, expected ${n}`, { column: name });
    for (let r = 0; r < n; r++) {
      if (Number.isNaN(v[r])) throw new AppError('transform/non-finite', `Modelled column "${name}" holds NaN at row ${r + 1}`, { column: name }, { row: r + 1 });
    }
    return v;
  };
  const missingOf = (m: MissingIndicatorState | null) => (m ? decodeMissing(m, get(m.name)) : null);
  const stream = streamFactory(rng);
  const columns = tt.transformers.map((t): (string | null)[] => {
    const r = stream(t.column);
    switch (t.kind) {
      case 'numerical':
        return reverseNumerical(t, get(t.column), t.missing ? get(t.missing.name) : null);
      case 'datetime':
        return reverseDatetime(t, get(t.column), t.missing ? get(t.missing.name) : null);
      case 'categorical':
        return decodeUniform(t.encoder, get(t.column));
      case 'constant': {
        const miss = missingOf(t.missing);
        return Array.from({ length: n }, (_, i) => (miss && miss[i] ? null : t.value));
      }
      case 'key':
        // Chunked sampling passes keys drawn once for all rows, so they stay unique across chunks.
        return opts.keys?.get(t.column) ?? generateKeys(t.column, t.style, n, r, t.unique);
      case 'pii':
        return generatePii(t.column, resolveProvider(t.sdtype, t.column, t.custom ? t.provider : undefined), t.avoidHashes, n, tt.locale, r, missingOf(t.missing));
      case 'unknown':
        return generateUnknown(t, n, tt.locale, r, missingOf(t.missing));
      case 'text':
        return generateFreeText(t, n, tt.locale, r, missingOf(t.missing));
    }
  });
  return { names: [...tt.names], columns };
}
