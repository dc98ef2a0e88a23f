/** RFC 9562 version-4 UUID from the seeded generator (not crypto: reproducible by design). */
import type { Rng } from '../transformers/rng';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function uuidV4(rng: Rng): string {
  const b = new Uint8Array(16);
  for (let i = 0; i < 16; i += 4) {
    const w = Math.floor(rng.nextFloat() * 4294967296);
    b[i] = w >>> 24; b[i + 1] = (w >>> 16) & 255; b[i + 2] = (w >>> 8) & 255; b[i + 3] = w & 255;
  }
  b[6] = (b[6] & 0x0f) | 0x40; // version 4
  b[8] = (b[8] & 0x3f) | 0x80; // variant 10xx
  const h = Array.from(b, (x) => HEX[x]);
  return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h.slice(8, 10).join('')}-${h.slice(10).join('')}`;
}
