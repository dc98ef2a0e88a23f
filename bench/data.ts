/** Seeded synthetic benchmark tables (mixed types, correlated), so benchmarks need no files. */
import type { ColumnarTable, SdvTable } from '../src/lib/schema/model';
import { seededRng } from '../src/lib/engine/transformers';
import { formatDatetime } from '../src/lib/schema/datetime';

/** n rows × `cols` columns: ~60% numeric (correlated through a shared factor), 20% categorical, 10% datetime, 10% boolean. */
export function mixedTable(n: number, cols: number, seed = 1): { table: ColumnarTable; meta: SdvTable } {
  const rng = seededRng(seed);
  const normal = () => { let u = 0; while (u === 0) u = rng.nextFloat(); return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextFloat()); };
  const factor = Float64Array.from({ length: n }, normal);
  const names: string[] = [], columns: (string | null)[][] = [], meta: SdvTable = { columns: {} };
  for (let c = 0; c < cols; c++) {
    const kind = c % 10 < 6 ? 'num' : c % 10 < 8 ? 'cat' : c % 10 === 8 ? 'date' : 'bool';
    const name = `${kind}_${c}`;
    const col: (string | null)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const z = 0.7 * factor[i] + 0.7 * normal();
      if (kind === 'num') col[i] = rng.nextFloat() < 0.02 ? null : (Math.exp(z * 0.5) * 100).toFixed(2);
      else if (kind === 'cat') col[i] = `c${Math.min(7, Math.max(0, Math.floor(z * 2 + 4)))}`;
      else if (kind === 'date') col[i] = formatDatetime(Date.UTC(2020, 0, 1) + Math.floor((z + 4) * 40) * 86_400_000, '%Y-%m-%d');
      else col[i] = z > 0 ? 'true' : 'false';
    }
    names.push(name);
    columns.push(col);
    meta.columns[name] = kind === 'num' ? { sdtype: 'numerical', computer_representation: 'Float' } : kind === 'cat' ? { sdtype: 'categorical' } : kind === 'date' ? { sdtype: 'datetime', datetime_format: '%Y-%m-%d' } : { sdtype: 'boolean' };
  }
  return { table: { names, columns }, meta };
}
