/**
 * Symmetric eigendecomposition A = V·diag(d)·Vᵀ by Householder tridiagonalisation followed by the
 * implicit QL algorithm — EISPACK `tred2` + `tql2` (Bowdler, Martin, Reinsch & Wilkinson, Handbook for
 * Automatic Computation II, 1971), as transcribed in the public-domain JAMA library (NIST/MathWorks).
 * O(k³); eigenvalues are returned ascending, eigenvector j is column j of V.
 *
 * A and V are k×k row-major; only A's lower triangle is read (A may alias V). `d` receives k values.
 * Returns 0 on success, 1 if some eigenvalue did not converge within MAX_QL_ITER implicit shifts.
 */
const MAX_QL_ITER: i32 = 60;

@inline function at(m: usize, k: i32, i: i32, j: i32): usize {
  return m + (<usize>(i * k + j) << 3);
}

export function symEigen(a: usize, k: i32, d: usize, v: usize): i32 {
  if (k <= 0) return 0;
  // V ← A (symmetrised from the lower triangle).
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      const x = load<f64>(at(a, k, i, j));
      store<f64>(at(v, k, i, j), x);
      store<f64>(at(v, k, j, i), x);
    }
  }
  const e = heap.alloc(<usize>k << 3);
  tred2(v, k, d, e);
  const status = tql2(v, k, d, e);
  heap.free(e);
  return status;
}

@inline function ld(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
@inline function st(p: usize, i: i32, x: f64): void { store<f64>(p + (<usize>i << 3), x); }

/** Householder reduction of V (symmetric) to tridiagonal form; accumulates the transformation in V. */
function tred2(V: usize, n: i32, d: usize, e: usize): void {
  for (let j = 0; j < n; j++) st(d, j, load<f64>(at(V, n, n - 1, j)));
  for (let i = n - 1; i > 0; i--) {
    let scale: f64 = 0.0, h: f64 = 0.0;
    for (let q = 0; q < i; q++) scale += Math.abs(ld(d, q));
    if (scale == 0.0) {
      st(e, i, ld(d, i - 1));
      for (let j = 0; j < i; j++) {
        st(d, j, load<f64>(at(V, n, i - 1, j)));
        store<f64>(at(V, n, i, j), 0.0);
        store<f64>(at(V, n, j, i), 0.0);
      }
    } else {
      for (let q = 0; q < i; q++) {
        const x = ld(d, q) / scale;
        st(d, q, x);
        h += x * x;
      }
      let f = ld(d, i - 1);
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      st(e, i, scale * g);
      h = h - f * g;
      st(d, i - 1, f - g);
      for (let j = 0; j < i; j++) st(e, j, 0.0);
      for (let j = 0; j < i; j++) {
        f = ld(d, j);
        store<f64>(at(V, n, j, i), f);
        g = ld(e, j) + load<f64>(at(V, n, j, j)) * f;
        for (let q = j + 1; q <= i - 1; q++) {
          const vqj = load<f64>(at(V, n, q, j));
          g += vqj * ld(d, q);
          st(e, q, ld(e, q) + vqj * f);
        }
        st(e, j, g);
      }
      f = 0.0;
      for (let j = 0; j < i; j++) {
        const ej = ld(e, j) / h;
        st(e, j, ej);
        f += ej * ld(d, j);
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) st(e, j, ld(e, j) - hh * ld(d, j));
      for (let j = 0; j < i; j++) {
        f = ld(d, j);
        g = ld(e, j);
        for (let q = j; q <= i - 1; q++) {
          const p = at(V, n, q, j);
          store<f64>(p, load<f64>(p) - (f * ld(e, q) + g * ld(d, q)));
        }
        st(d, j, load<f64>(at(V, n, i - 1, j)));
        store<f64>(at(V, n, i, j), 0.0);
      }
    }
    st(d, i, h);
  }
  // Accumulate transformations.
  for (let i = 0; i < n - 1; i++) {
    store<f64>(at(V, n, n - 1, i), load<f64>(at(V, n, i, i)));
    store<f64>(at(V, n, i, i), 1.0);
    const h = ld(d, i + 1);
    if (h != 0.0) {
      for (let q = 0; q <= i; q++) st(d, q, load<f64>(at(V, n, q, i + 1)) / h);
      for (let j = 0; j <= i; j++) {
        let g: f64 = 0.0;
        for (let q = 0; q <= i; q++) g += load<f64>(at(V, n, q, i + 1)) * load<f64>(at(V, n, q, j));
        for (let q = 0; q <= i; q++) {
          const p = at(V, n, q, j);
          store<f64>(p, load<f64>(p) - g * ld(d, q));
        }
      }
    }
    for (let q = 0; q <= i; q++) store<f64>(at(V, n, q, i + 1), 0.0);
  }
  for (let j = 0; j < n; j++) {
    st(d, j, load<f64>(at(V, n, n - 1, j)));
    store<f64>(at(V, n, n - 1, j), 0.0);
  }
  store<f64>(at(V, n, n - 1, n - 1), 1.0);
  st(e, 0, 0.0);
}

/** Implicit QL iterations on the tridiagonal (d, e); rotations accumulated into V; sorts ascending. */
function tql2(V: usize, n: i32, d: usize, e: usize): i32 {
  let status: i32 = 0;
  for (let i = 1; i < n; i++) st(e, i - 1, ld(e, i));
  st(e, n - 1, 0.0);
  let f: f64 = 0.0, tst1: f64 = 0.0;
  const eps: f64 = 2.220446049250313e-16; // 2^-52
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(ld(d, l)) + Math.abs(ld(e, l)));
    let m = l;
    while (m < n) {
      if (Math.abs(ld(e, m)) <= eps * tst1) break;
      m++;
    }
    if (m == n) m = n - 1; // e[n-1] = 0, so this only guards against NaN input
    if (m > l) {
      let iter: i32 = 0;
      do {
        if (++iter > MAX_QL_ITER) { status = 1; break; }
        // Implicit shift.
        let g = ld(d, l);
        let p = (ld(d, l + 1) - g) / (2.0 * ld(e, l));
        let r = Math.hypot(p, 1.0);
        if (p < 0) r = -r;
        st(d, l, ld(e, l) / (p + r));
        st(d, l + 1, ld(e, l) * (p + r));
        const dl1 = ld(d, l + 1);
        let h = g - ld(d, l);
        for (let i = l + 2; i < n; i++) st(d, i, ld(d, i) - h);
        f = f + h;
        // Implicit QL transformation.
        p = ld(d, m);
        let c: f64 = 1.0, c2: f64 = 1.0, c3: f64 = 1.0;
        const el1 = ld(e, l + 1);
        let s: f64 = 0.0, s2: f64 = 0.0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * ld(e, i);
          h = c * p;
          r = Math.hypot(p, ld(e, i));
          st(e, i + 1, s * r);
          s = ld(e, i) / r;
          c = p / r;
          p = c * ld(d, i) - s * g;
          st(d, i + 1, h + s * (c * g + s * ld(d, i)));
          for (let q = 0; q < n; q++) {
            const pi = at(V, n, q, i), pi1 = at(V, n, q, i + 1);
            const hv = load<f64>(pi1);
            const vi = load<f64>(pi);
            store<f64>(pi1, s * vi + c * hv);
            store<f64>(pi, c * vi - s * hv);
          }
        }
        p = -s * s2 * c3 * el1 * ld(e, l) / dl1;
        st(e, l, s * p);
        st(d, l, c * p);
      } while (Math.abs(ld(e, l)) > eps * tst1);
    }
    st(d, l, ld(d, l) + f);
    st(e, l, 0.0);
  }
  // Selection sort, ascending, swapping eigenvector columns alongside.
  for (let i = 0; i < n - 1; i++) {
    let q = i;
    let p = ld(d, i);
    for (let j = i + 1; j < n; j++) {
      if (ld(d, j) < p) { q = j; p = ld(d, j); }
    }
    if (q != i) {
      st(d, q, ld(d, i));
      st(d, i, p);
      for (let j = 0; j < n; j++) {
        const a = at(V, n, j, i), b = at(V, n, j, q);
        const t = load<f64>(a);
        store<f64>(a, load<f64>(b));
        store<f64>(b, t);
      }
    }
  }
  return status;
}
