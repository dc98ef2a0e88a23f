/** Tiny `--flag value` parser for the CLI commands; unknown or missing flags are clear errors. */
export function parseArgs(args: string[], spec: Record<string, 'string' | 'number' | 'boolean'>): Record<string, string | number | boolean | undefined> {
  const out: Record<string, string | number | boolean | undefined> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument "${a}"`);
    const key = a.slice(2);
    const kind = spec[key];
    if (!kind) throw new Error(`unknown option --${key} (expected one of ${Object.keys(spec).map((k) => '--' + k).join(', ')})`);
    if (kind === 'boolean') { out[key] = true; continue; }
    const v = args[++i];
    if (v === undefined || v.startsWith('--')) throw new Error(`option --${key} needs a value`);
    if (kind === 'number') {
      const n = Number(v);
      if (!Number.isFinite(n)) throw new Error(`option --${key} must be a number, got "${v}"`);
      out[key] = n;
    } else out[key] = v;
  }
  return out;
}

export function required<T>(v: T | undefined, name: string): T {
  if (v === undefined) throw new Error(`missing required option --${name}`);
  return v;
}

/** Peak resident memory so far, in MB (Node). */
export function peakMb(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}
