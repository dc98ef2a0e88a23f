/**
 * Plain-TypeScript regularised incomplete beta and its inverse — the same algorithms as
 * assembly/special/{gamma,incomplete-beta}.ts (Lanczos log-gamma, Lentz continued fraction,
 * NR3 `invbetai` start + safeguarded Halley) — for the benchmark comparison only.
 */
const COF = [57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199, 0.339946499848118887e-4,
  0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3, -0.210264441724104883e-3, 0.217439618115212643e-3,
  -0.164318106536763890e-3, 0.844182239838527433e-4, -0.261908384015814087e-4, 0.368991826595316234e-5];

export function lgamma(x: number): number {
  let y = x;
  let tmp = x + 5.2421875;
  tmp = (x + 0.5) * Math.log(tmp) - tmp;
  let ser = 0.999999999999997092;
  for (let j = 0; j < 14; j++) ser += COF[j] / ++y;
  return tmp + Math.log((2.5066282746310005 * ser) / x);
}

const lbeta = (a: number, b: number) => lgamma(a) + lgamma(b) - lgamma(a + b);
const EPS = 2.220446049250313e-16, FPMIN = 1e-300;

function betacf(a: number, b: number, x: number): number {
  const qab = a + b, qap = a + 1, qam = a - 1;
  let c = 1, d = 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 100000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d; if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c; if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d; h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d; if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c; if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) <= EPS) break;
  }
  return h;
}

export function betaInc(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - lbeta(a, b));
  return x < (a + 1) / (a + b + 2) ? (front * betacf(a, b, x)) / a : 1 - (front * betacf(b, a, 1 - x)) / b;
}

function invLower(a: number, b: number, p: number): number {
  const a1 = a - 1, b1 = b - 1;
  let x: number;
  if (a >= 1 && b >= 1) {
    const t = Math.sqrt(-2 * Math.log(p));
    const z = -((2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t);
    const al = (z * z - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w = (z * Math.sqrt(al + h)) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
    x = a / (a + b * Math.exp(2 * w));
  } else {
    const t = Math.exp(a * Math.log(a / (a + b))) / a, u = Math.exp(b * Math.log(b / (a + b))) / b, w = t + u;
    x = p < t / w ? Math.pow(a * w * p, 1 / a) : 1 - Math.pow(b * w * (1 - p), 1 / b);
  }
  const afac = -lbeta(a, b);
  let lo = 0, hi = 1;
  for (let j = 0; j < 200; j++) {
    if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
    const err = betaInc(a, b, x) - p;
    if (err === 0) return x;
    if (err > 0) hi = x; else lo = x;
    const dens = Math.exp(a1 * Math.log(x) + b1 * Math.log1p(-x) + afac);
    let xn: number;
    if (dens > 0 && Number.isFinite(dens)) {
      const u = err / dens;
      xn = x - u / (1 - 0.5 * Math.min(1, u * (a1 / x - b1 / (1 - x))));
    } else xn = 0.5 * (lo + hi);
    if (!(xn > lo && xn < hi)) xn = 0.5 * (lo + hi);
    if (Math.abs(xn - x) <= 1e-15 * xn || hi - lo <= 2e-16 * hi) return xn;
    x = xn;
  }
  return x;
}

export function betaIncInv(a: number, b: number, p: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return p > 0.5 ? 1 - invLower(b, a, 1 - p) : invLower(a, b, p);
}

export function betaQuantileColumn(a: number, b: number, loc: number, scale: number, inp: Float64Array, out: Float64Array): void {
  for (let i = 0; i < inp.length; i++) out[i] = loc + scale * betaIncInv(a, b, inp[i]);
}
