import { NODE_STRIDE } from './layout';

/**
 * Routes rows through a fitted tree (layout.ts) and writes each row's leaf id.
 * x: f64 column-major raw features (feature f at x + f·ld·8, the same feature order as in the fit;
 * categorical features as codes 0..K−1, NaN = missing), n rows. out: f64 leaf id per row.
 * A numeric missing value follows the split's learned direction; a category the node never saw (or a
 * non-integer code) goes to the larger child.
 */
export function treePredictLeaf(nodes: usize, cats: usize, x: usize, n: i32, ld: i32, out: usize): void {
  for (let i = 0; i < n; i++) {
    let nd = nodes;
    while (true) {
      const f = <i32>load<f64>(nd);
      if (f < 0) break;
      const v = load<f64>(x + ((<usize>f * <usize>ld + <usize>i) << 3));
      let goLeft: bool;
      if (load<f64>(nd, 24) != 0) {
        const off = <usize>load<f64>(nd, 8);
        const k = <i32>load<f64>(nd, 16);
        let slot: i32;
        if (isNaN(v)) slot = k;
        else {
          const c = <i32>v;
          slot = <f64>c == v && c >= 0 && c < k ? c : k + 1;
        }
        goLeft = load<u8>(cats + off + <usize>slot) == 1;
      } else {
        goLeft = isNaN(v) ? load<f64>(nd, 16) != 0 : v <= load<f64>(nd, 8);
      }
      const child = <i32>(goLeft ? load<f64>(nd, 32) : load<f64>(nd, 40));
      nd = nodes + (<usize>(child * NODE_STRIDE) << 3);
    }
    store<f64>(out + (<usize>i << 3), load<f64>(nd, 48));
  }
}
