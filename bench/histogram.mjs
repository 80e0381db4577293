// Latency histogram with 1 % wide buckets from 1 µs to ~100 s: small enough to send over IPC and add up
// across load-generator processes, exact enough for p50/p99.
const GROWTH = Math.log(1.01);
const BUCKETS = 2600;

export function newHistogram() {
  return new Float64Array(BUCKETS);
}

/** @param {number} ms latency in milliseconds */
export function record(histogram, ms) {
  const us = Math.max(1, ms * 1000);
  histogram[Math.min(BUCKETS - 1, Math.ceil(Math.log(us) / GROWTH))] += 1;
}

export function merge(target, source) {
  for (let i = 0; i < BUCKETS; i++) target[i] += source[i] ?? 0;
  return target;
}

export function count(histogram) {
  let n = 0;
  for (let i = 0; i < BUCKETS; i++) n += histogram[i];
  return n;
}

/** @returns {number} the q-quantile (0..1) in milliseconds, NaN when empty */
export function quantile(histogram, q) {
  const total = count(histogram);
  if (total === 0) return NaN;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < BUCKETS; i++) {
    seen += histogram[i];
    if (seen >= rank) return Math.exp(i * GROWTH) / 1000;
  }
  return NaN;
}
