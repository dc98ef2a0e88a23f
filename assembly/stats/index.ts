// Exports of assembly/stats.
export { momentsReset, momentsAccumulate } from './moments';
export { sortF64 } from './sort';
export { compactFinite, describeFinite } from './finite';
export { ksOneSample } from './ks-one-sample';
