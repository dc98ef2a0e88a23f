import { EngineError, type Core } from '../wasm';
import { checkCount, checkPointer, linalg } from './linalg-exports';

/** A column-major n×k data block already in WASM memory (column j at ptr + j·ld doubles, ld defaults to n). */
export interface DataBlock { ptr: number; n: number; k: number; ld?: number }

/**
 * Pearson correlation matrix of k columns (normal scores), pairwise-complete like pandas `.corr()`;
 * NaN = missing, a pair with < 2 complete rows or a constant column gives 0 (as SDV), diagonal 1.
 * Returns k×k row-major. ±Infinity is rejected (`linalg/not-finite`); for a `DataBlock` the caller
 * vouches for the data.
 */
export function correlationMatrix(core: Core, columns: Float64Array[] | DataBlock): Float64Array {
  const e = linalg(core);
  if (!Array.isArray(columns)) {
    const { ptr, n, k } = columns;
    const ld = columns.ld ?? n;
    checkPointer(ptr, 'correlationMatrix: data pointer');
    checkCount(n, 'correlationMatrix: row count');
    if (!Number.isInteger(k) || k < 1) throw new EngineError('linalg/bad-shape', `correlationMatrix: column count must be ≥ 1 (got ${k})`, { k });
    if (!Number.isInteger(ld) || ld < n) throw new EngineError('linalg/bad-shape', `correlationMatrix: leading dimension ${ld} is smaller than n = ${n}`, { ld, n });
    return core.withBuffers([k * k], (out) => {
      e.corrPairwise(ptr, n, k, ld, out);
      return core.f64(out, k * k).slice();
    });
  }
  const k = columns.length;
  if (k < 1) throw new EngineError('linalg/bad-shape', 'correlationMatrix: at least one column is needed');
  const n = columns[0].length;
  columns.forEach((c, j) => {
    if (c.length !== n) throw new EngineError('linalg/bad-shape', `correlationMatrix: column ${j} has ${c.length} rows, column 0 has ${n}`, { column: j, rows: c.length, expected: n });
    for (let i = 0; i < n; i++) {
      const x = c[i];
      if (x === Infinity || x === -Infinity) {
        throw new EngineError('linalg/not-finite', `correlationMatrix: column ${j}, row ${i} is ${x}; use NaN for missing values`, { column: j, row: i });
      }
    }
  });
  return core.withBuffers([n * k, k * k], (data, out) => {
    const view = core.f64(data, n * k);
    columns.forEach((c, j) => view.set(c, j * n));
    e.corrPairwise(data, n, k, n, out);
    return core.f64(out, k * k).slice();
  });
}

/** The k×k identity (row-major): the correlation of k independent columns. */
export function identityMatrix(k: number): Float64Array {
  const I = new Float64Array(k * k);
  for (let i = 0; i < k; i++) I[i * k + i] = 1;
  return I;
}
