/**
 * Reads the rules JSON (docs/rules.md): `{ "version": 1, "tables": { "<table>": [rule, …] },
 * "cross_table": [rule, …] }`, or for one table a bare `[rule, …]` / `{ "rules": [rule, …] }`.
 * Unknown keys are errors (a typo such as "hihg" must not silently drop a rule).
 */
import { z } from 'zod';
import { AppError } from '../../schema/model';
import { issuesToProblems, parseJsonSafe } from '../../schema/formats/json-safe';
import type { RulesFile, TableRule } from './types';

const col = z.string().min(1, 'needs a column name');
const bound = z.union([z.number().finite(), z.string().min(1)]);
const cols = (min: number) => z.array(col).min(min, `needs at least ${min} columns`).refine((a) => new Set(a).size === a.length, 'lists a column twice');

const tableRule = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('inequality'), low: col, high: col, strict: z.boolean().optional() }),
  z.strictObject({ type: z.literal('range'), low: col, column: col, high: col, strict: z.boolean().optional() }),
  z.strictObject({ type: z.literal('value_range'), column: col, min: bound.optional(), max: bound.optional(), strict: z.boolean().optional() })
    .refine((r) => r.min !== undefined || r.max !== undefined, 'needs "min", "max" or both'),
  z.strictObject({ type: z.literal('positive'), column: col, strict: z.boolean().optional() }),
  z.strictObject({ type: z.literal('negative'), column: col, strict: z.boolean().optional() }),
  z.strictObject({ type: z.literal('fixed_combinations'), columns: cols(2) }),
  z.strictObject({ type: z.literal('unique'), columns: cols(1) }),
  z.strictObject({ type: z.literal('derived'), column: col, expression: z.string().min(1) })
]);

const crossRule = z.strictObject({
  type: z.literal('cross_table'), child_table: col, child_column: col, op: z.enum(['>=', '>', '<=', '<']), parent_table: col, parent_column: col
});

const fileSchema = z.strictObject({
  version: z.literal(1).optional(),
  tables: z.record(z.string().min(1), z.array(tableRule)),
  cross_table: z.array(crossRule).optional()
});

/**
 * Parses rules JSON (text or an already-parsed value). A bare list of rules, or `{ "rules": [...] }`,
 * is the rules of `singleTable`.
 */
export function parseRulesFile(input: unknown, singleTable?: string, file?: string): RulesFile {
  let raw = typeof input === 'string' ? parseJsonSafe(input, file) : input;
  if (raw && typeof raw === 'object' && !Array.isArray(raw) && Array.isArray((raw as { rules?: unknown }).rules) && !('tables' in raw)) raw = (raw as { rules: unknown }).rules;
  if (Array.isArray(raw)) {
    if (!singleTable) throw new AppError('rules/invalid-file', `${file ?? 'The rules file'} is a bare list of rules; name the table with { "tables": { "<table>": [...] } }`, { file });
    raw = { tables: { [singleTable]: raw } };
  }
  const res = fileSchema.safeParse(raw);
  if (!res.success) {
    const problems = issuesToProblems('rules', res.error.issues);
    throw new AppError('rules/invalid-file', `${file ?? 'The rules file'} is not a valid rules file: ${problems.slice(0, 3).map((p) => p.message).join('; ')}`, { file, path: problems[0]?.path }, problems);
  }
  return res.data as RulesFile;
}

/** The rules of one table (empty when the file names none for it). */
export function rulesOf(file: RulesFile, table: string): TableRule[] {
  return Object.prototype.hasOwnProperty.call(file.tables, table) ? file.tables[table] : [];
}
