/**
 * Generates key values in a learned `KeyStyle`: unique for primary/alternate keys (sequences are
 * unique by construction, regexes are drawn without replacement, UUIDs are checked).
 */
import { AppError } from '../../schema/model';
import type { Rng } from '../transformers/rng';
import type { KeyStyle } from './key-style';
import { generateFromAtoms } from './regex-generator';
import { parseRegex, patternCount } from './regex-pattern';
import { uuidV4 } from './uuid';

export function generateKeys(column: string, style: KeyStyle, n: number, rng: Rng, unique = true): string[] {
  const out: string[] = new Array(n);
  switch (style.type) {
    case 'integer':
    case 'padded': {
      const last = style.start + (n - 1) * style.step;
      if (n > 0 && !Number.isSafeInteger(last)) {
        throw new AppError('keys/overflow', `Column "${column}": ${n} keys from ${style.start} in steps of ${style.step} pass the largest exact integer`, { column });
      }
      for (let i = 0; i < n; i++) {
        const v = style.start + i * style.step;
        if (style.type === 'integer') out[i] = String(v);
        else {
          const digits = String(Math.abs(v)).padStart(style.width, '0');
          out[i] = style.prefix + (v < 0 ? '-' : '') + digits + style.suffix;
        }
      }
      return out;
    }
    case 'uuid': {
      const seen = new Set<string>();
      for (let i = 0; i < n; i++) {
        let u = uuidV4(rng);
        while (unique && seen.has(u)) u = uuidV4(rng);
        seen.add(u);
        out[i] = style.upper ? u.toUpperCase() : u;
      }
      return out;
    }
    case 'regex': {
      const atoms = parseRegex(style.pattern, column);
      if (!style.explicit && unique) {
        // A learned template too narrow for n keys ("[A-Z]{2}" has 676 values) grows its last
        // variable part by one position at a time, keeping the sample's look.
        const variable = [...atoms].reverse().find((a) => a.chars.length > 1) ?? { chars: [...'0123456789'], min: 1, max: 1 };
        while (patternCount(atoms) < BigInt(n)) atoms.push({ chars: variable.chars, min: 1, max: 1 });
      }
      return generateFromAtoms(atoms, style.pattern, n, rng, { unique, column });
    }
  }
}
