import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { backoffDelay } from '../../../main/webapp/js/realtime/backoff.js';

const middle = () => 0.5; // jitter factor exactly 1
const lowest = () => 0;
const highest = () => 0.999999;

describe('backoffDelay', () => {
  test('doubles from the base delay with each attempt', () => {
    const delays = [1, 2, 3, 4].map((n) => backoffDelay(n, { base: 100, factor: 2, max: 10_000 }, middle));
    assert.deepEqual(delays, [100, 200, 400, 800]);
  });

  test('never exceeds the cap, even with the highest jitter', () => {
    for (const attempt of [5, 6, 10, 50]) {
      assert.equal(backoffDelay(attempt, { base: 500, max: 4000, jitter: 0.5 }, highest), 4000);
    }
  });

  test('stays finite for absurd attempt numbers', () => {
    assert.equal(backoffDelay(5000, { base: 500, max: 30_000 }, middle), 30_000);
    assert.equal(backoffDelay(5000, { base: 500, max: 30_000 }, lowest), 15_000);
  });

  test('jitter spreads the delay by at most the jitter fraction either way', () => {
    const options = { base: 1000, factor: 2, max: 100_000, jitter: 0.25 };
    assert.equal(backoffDelay(2, options, lowest), 1500);
    assert.equal(backoffDelay(2, options, highest), 2500);
    for (let i = 0; i < 200; i += 1) {
      const delay = backoffDelay(2, options);
      assert.ok(delay >= 1500 && delay <= 2500, `${delay} outside [1500, 2500]`);
    }
  });

  test('no jitter means the same delay every time', () => {
    assert.equal(backoffDelay(3, { base: 100, jitter: 0 }, lowest), 400);
    assert.equal(backoffDelay(3, { base: 100, jitter: 0 }, highest), 400);
  });

  test('returns whole milliseconds', () => {
    assert.ok(Number.isInteger(backoffDelay(1, { base: 333, jitter: 0.5 }, () => 0.123)));
  });

  test('rejects attempt numbers below 1 and non-integers', () => {
    for (const attempt of [0, -1, 1.5, NaN, '2']) {
      assert.throws(() => backoffDelay(attempt), RangeError);
    }
  });

  test('rejects settings that cannot make a schedule', () => {
    assert.throws(() => backoffDelay(1, { base: 0 }), RangeError);
    assert.throws(() => backoffDelay(1, { factor: 0.5 }), RangeError);
    assert.throws(() => backoffDelay(1, { base: 1000, max: 500 }), RangeError);
    assert.throws(() => backoffDelay(1, { jitter: 1.5 }), RangeError);
  });
});
