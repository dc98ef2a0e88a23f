import { normCdf } from './normal';

/**
 * Φ over a column: out[i] = Φ(in[i]); `in` and `out` may alias. Scalar on purpose: Φ branches three
 * ways and needs exp, whose AssemblyScript implementation is scalar; a lane-wise exp would change
 * the last bits between the SIMD and scalar builds, which must agree exactly.
 */
export function normCdfColumn(inp: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const off = <usize>i << 3;
    store<f64>(out + off, normCdf(load<f64>(inp + off)));
  }
}
