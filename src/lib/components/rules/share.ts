/**
 * A share of rows as a percentage for the rules report. Only an exact 1 reads "100%": a rule
 * broken by one row in a million must not round up to looking enforced (nor 0 < x down to "0%").
 */
export function formatShare(x: number): string {
  if (!Number.isFinite(x)) return '—';
  if (x >= 1) return '100%';
  if (x <= 0) return '0%';
  const pct = Math.min(99.9, Math.max(0.1, Math.floor(x * 1000) / 10));
  return `${pct.toFixed(1)}%`;
}
