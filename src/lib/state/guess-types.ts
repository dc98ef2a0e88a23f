/**
 * Column type guesses for CSV samples: thin wrappers over the full inference of the formats layer
 * (`inferColumn` / `inferTable`, docs/formats.md "Type inference"), so the Samples panel, "create
 * table from CSV" and the Import preview all agree.
 */
import { inferColumn, inferTable, type TableInference } from '$lib/schema/formats/infer';
import type { ColumnarTable, DataType } from '$lib/schema/model';

/** Designer data type of one column of text cells (`name` lets name-based rules apply: email, id …). */
export function guessColumnType(values: readonly (string | null)[], name = ''): DataType {
  return inferColumn(name, values).column.data_type;
}

/** Index of the primary-key candidate (unique, complete, id-like; `id` first), or -1. */
export function guessPrimaryKey(tableName: string, names: readonly string[], columns: readonly (readonly (string | null)[])[]): number {
  const pk = inferTable(tableName, { names: [...names], columns: columns.map((c) => [...c]) }).primaryKey;
  return pk === null ? -1 : names.indexOf(pk);
}

/** Full inference of a parsed CSV as a designer table (types, hints, nullability, primary key). */
export function inferCsvTable(tableName: string, data: ColumnarTable, missing: Record<string, string[]> = {}): TableInference {
  const perColumn: Record<string, { missingTokens: string[] }> = {};
  for (const [col, tokens] of Object.entries(missing)) if (tokens.length) perColumn[col] = { missingTokens: tokens };
  return inferTable(tableName, data, { perColumn });
}
