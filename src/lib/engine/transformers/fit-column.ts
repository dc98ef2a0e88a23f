/**
 * Chooses and fits one column's transformer from its SDV metadata (SDV's DataProcessor rules,
 * sdv-algorithms.md §A2): keys → generated; PII sdtypes → Faker unless `pii: false`; numerical,
 * datetime → their transformers; categorical, boolean, non-key id → UniformEncoder; `unknown` →
 * random text; free text → Faker lorem or categories (per-column option). A column with a single
 * value (or none) becomes a constant.
 */
import { AppError, type SdvColumn } from '../../schema/model';
import { learnKeyStyle } from '../keys/key-style';
import { resolveProvider, sampleHashes, validateProvider } from '../pii/pii-generator';
import { isPiiSdtype } from '../pii/providers';
import { fitDatetime } from './datetime';
import { fitFreeText, fitUnknown } from './generated-text';
import { fitMissingIndicator } from './missing';
import { fitNumerical } from './numerical';
import type { ColumnTransformerState, TransformerOptions } from './types';
import { fitUniformEncoder } from './uniform-encoder';

export function fitColumn(name: string, cells: readonly (string | null)[], meta: SdvColumn, isKey: boolean, opts: TransformerOptions): ColumnTransformerState {
  const col = opts.columns?.[name] ?? {};
  const badValues = col.badValues ?? opts.badValues ?? 'error';
  const sdtype = meta.sdtype;
  const locale = opts.locale ?? 'en';

  if (isKey) return { kind: 'key', column: name, style: learnKeyStyle(name, cells, meta.regex_format), unique: true };
  if (sdtype === 'id' && meta.regex_format) return { kind: 'key', column: name, style: learnKeyStyle(name, cells, meta.regex_format), unique: false };

  const wantsFakerText = col.text === 'faker' || (sdtype === 'text' && col.text !== 'category' && meta.pii !== false);
  if (wantsFakerText) return fitFreeText(name, cells);

  if (col.provider || (isPiiSdtype(sdtype) && meta.pii !== false)) {
    const provider = resolveProvider(sdtype, name, col.provider);
    validateProvider(provider, locale);
    const mask = Uint8Array.from(cells, (c) => (c === null || c.trim() === '' ? 1 : 0));
    return { kind: 'pii', column: name, sdtype, provider: provider.path, custom: !!col.provider, avoidHashes: sampleHashes(provider, cells), missing: fitMissingIndicator(name, mask) };
  }

  switch (sdtype) {
    case 'numerical':
      return fitNumerical(name, cells, {
        computerRepresentation: meta.computer_representation,
        enforceMinMax: opts.enforceMinMax ?? true,
        enforceRounding: opts.enforceRounding ?? true,
        badValues
      });
    case 'datetime':
      return fitDatetime(name, cells, { format: meta.datetime_format, enforceMinMax: opts.enforceMinMax ?? true, badValues });
    case 'unknown':
      return fitUnknown(name, cells);
    case 'boolean':
      checkBoolean(name, cells);
      return fitCategorical(name, cells, meta);
    default:
      // categorical, non-key id, text as categories, PII with pii: false, and sdtypes we do not
      // know (SDV would fail; reusing the sample's values is the safe reading).
      if (sdtype !== 'categorical' && sdtype !== 'id' && sdtype !== 'text' && !isPiiSdtype(sdtype) && meta.pii !== false) {
        return fitUnknown(name, cells);
      }
      return fitCategorical(name, cells, meta);
  }
}

function fitCategorical(name: string, cells: readonly (string | null)[], meta: SdvColumn): ColumnTransformerState {
  const encoder = fitUniformEncoder(cells, { column: name, order: meta.order, orderBy: meta.order_by });
  if (encoder.categories.length <= 1) return { kind: 'constant', column: name, value: encoder.categories[0] ?? null, missingTokens: 'text', missing: null };
  return { kind: 'categorical', column: name, sdtype: meta.sdtype, encoder };
}

/** A boolean column holds at most two distinct values (case-insensitive) besides missing; the text form (true/True/yes/1) is kept as seen. */
function checkBoolean(name: string, cells: readonly (string | null)[]): void {
  const seen = new Set<string>();
  for (let r = 0; r < cells.length; r++) {
    const c = cells[r];
    if (c === null) continue;
    const t = c.trim().toLowerCase();
    if (!t) continue;
    seen.add(t);
    if (seen.size > 2) {
      throw new AppError('transform/not-a-boolean', `Column "${name}" is boolean, but row ${r + 1} holds a third distinct value "${c}" (set its sdtype to categorical)`, { column: name }, { row: r + 1, value: c });
    }
  }
}
