/**
 * Stable argsort of doubles: the row order of `Array.from(0..n−1).sort((a, b) => z[a] − z[b] || a − b)`
 * in O(n) by an LSD radix sort (4 passes of 16 bits) on the IEEE-754 bits made order-preserving
 * (negative: all bits flipped; positive: sign bit flipped). −0 is read as +0 so it ties with 0, as
 * the comparator does; NaN has no consistent order, so such input takes the comparator path.
 */
export function stableArgsort(z: Float64Array): Uint32Array {
  const n = z.length;
  const hi = new Uint32Array(n), lo = new Uint32Array(n);
  const f = new Float64Array(1), u = new Uint32Array(f.buffer);
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const H = little ? 1 : 0, L = 1 - H;
  for (let i = 0; i < n; i++) {
    const x = z[i];
    if (x !== x) return comparatorArgsort(z);
    f[0] = x + 0; // −0 → +0
    const h = u[H], l = u[L];
    if (h & 0x80000000) { hi[i] = ~h >>> 0; lo[i] = ~l >>> 0; } else { hi[i] = (h | 0x80000000) >>> 0; lo[i] = l; }
  }
  let idx = new Uint32Array(n), tmp = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const count = new Uint32Array(65537);
  for (const [key, shift] of [[lo, 0], [lo, 16], [hi, 0], [hi, 16]] as const) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[((key[i] >>> shift) & 0xffff) + 1]++;
    if (count[((key[0] >>> shift) & 0xffff) + 1] === n) continue; // every key shares this digit
    for (let d = 1; d < 65537; d++) count[d] += count[d - 1];
    for (let i = 0; i < n; i++) { const r = idx[i]; tmp[count[(key[r] >>> shift) & 0xffff]++] = r; }
    [idx, tmp] = [tmp, idx];
  }
  return idx;
}

function comparatorArgsort(z: Float64Array): Uint32Array {
  return Uint32Array.from(Array.from({ length: z.length }, (_, i) => i).sort((a, b) => z[a] - z[b] || a - b));
}
