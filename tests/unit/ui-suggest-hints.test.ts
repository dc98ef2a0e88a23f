import { describe, expect, it } from 'vitest';
import { applySuggestion, suggestHints } from '../../src/lib/schema/suggest-hints';
import { col } from './ui-fixtures';

describe('suggestHints', () => {
  it('email → Faker email', () => {
    const [s] = suggestHints(col('email', 'string'));
    expect(s.rule).toBe('email');
    expect(s.patch).toEqual({ data_type: 'email', hints: { provider: 'internet.email' } });
  });

  it('created_at → datetime range taken from the sample', () => {
    const [s] = suggestHints(col('created_at', 'string'), ['2024-03-01 10:00:00', '2023-01-15 08:30:00', null, '2024-12-31 23:59:59']);
    expect(s.patch.data_type).toBe('datetime');
    expect(s.patch.hints).toEqual({ datetime_format: '%Y-%m-%d %H:%M:%S', min: '2023-01-15 08:30:00', max: '2024-12-31 23:59:59' });
    expect(s.label).toContain('2023-01-15 08:30:00');
  });

  it('price → positive decimal with 2 places', () => {
    expect(suggestHints(col('unitPrice', 'float'))[0].patch).toEqual({ data_type: 'decimal', hints: { min: 0, decimals: 2 } });
  });

  it('status → category list from the distinct sample values', () => {
    const [s] = suggestHints(col('status', 'string'), ['shipped', 'new', 'shipped', 'cancelled']);
    expect(s.patch).toEqual({ data_type: 'categorical', hints: { categories: ['cancelled', 'new', 'shipped'] } });
  });

  it('no category suggestion when the sample has too many distinct values', () => {
    const values = Array.from({ length: 50 }, (_, i) => `s${i}`);
    expect(suggestHints(col('status', 'string'), values)).toEqual([]);
  });

  it('free text is kept out of the model; foreign keys get nothing', () => {
    expect(suggestHints(col('description', 'string'))[0].patch).toEqual({ data_type: 'text', hints: { exclude_from_model: true } });
    expect(suggestHints(col('customer_id', 'integer'))).toEqual([]);
  });

  it('suggests id as primary key only when the table has none', () => {
    expect(suggestHints(col('id'), [], false)[0].rule).toBe('primary-key');
    expect(suggestHints(col('id'), [], true)).toEqual([]);
  });

  it('does not suggest what is already applied, and accepting merges hints', () => {
    const c = col('email', 'string', { hints: { exclude_from_model: false } });
    const [s] = suggestHints(c);
    const applied = applySuggestion(c, s);
    expect(applied).toMatchObject({ data_type: 'email', hints: { provider: 'internet.email', exclude_from_model: false } });
    expect(suggestHints(applied)).toEqual([]);
    expect(c.data_type).toBe('string');
  });
});
