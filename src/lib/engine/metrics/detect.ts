/**
 * A deliberately simple sdtype detector for scoring files without metadata (the proper detector is
 * another module's job; this one function is the seam to replace). Rules, per column: all non-empty
 * cells numeric → numerical; all parse with one common datetime format → datetime; otherwise
 * categorical. No ids, no PII.
 */
import { guessDatetimeFormat } from '../../schema/datetime';
import type { ColumnarTable, SdvColumn, SdvTable } from '../../schema/model';

const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

export function detectTableMetadata(t: ColumnarTable): SdvTable {
  const columns: Record<string, SdvColumn> = {};
  t.names.forEach((name, c) => {
    const values = t.columns[c].filter((v): v is string => v !== null);
    if (values.length && values.every((v) => NUMBER.test(v))) {
      columns[name] = { sdtype: 'numerical' };
      return;
    }
    const fmt = values.length ? guessDatetimeFormat(values, 2000) : null;
    if (fmt && values.every((v) => v.trim() !== '')) columns[name] = { sdtype: 'datetime', datetime_format: fmt };
    else columns[name] = { sdtype: 'categorical' };
  });
  return { columns };
}
