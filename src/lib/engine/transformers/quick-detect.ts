/**
 * TEMPORARY fallback metadata detector, until src/lib/schema/formats/infer.ts lands. Deliberately
 * tiny: numbers → numerical, guessable dates → datetime, two boolean words → boolean, the rest →
 * categorical; no keys, no PII. Replace every call with the real detector.
 */
import { guessDatetimeFormat } from '../../schema/datetime';
import type { ColumnarTable, SdvColumn, SdvTable } from '../../schema/model';
import { parseNumberCell } from './number-text';

const BOOL = /^(true|false|yes|no|t|f|y|n)$/i;

export function quickDetect(table: ColumnarTable): SdvTable {
  const columns: Record<string, SdvColumn> = {};
  table.names.forEach((name, i) => {
    const present = table.columns[i].filter((c): c is string => c !== null && c.trim() !== '');
    const kinds = present.map(parseNumberCell);
    const lower = new Set(present.map((v) => v.trim().toLowerCase()));
    if (present.length && kinds.every((k) => k.kind !== 'bad')) columns[name] = { sdtype: 'numerical' };
    else if (present.length && lower.size <= 2 && [...lower].every((v) => BOOL.test(v))) columns[name] = { sdtype: 'boolean' };
    else {
      const format = present.length ? guessDatetimeFormat(present) : null;
      columns[name] = format ? { sdtype: 'datetime', datetime_format: format } : { sdtype: 'categorical' };
    }
  });
  return { columns };
}
