/**
 * Delay before reconnect attempt `attempt` (1-based): exponential growth from `base`, capped at `max`,
 * spread by ±`jitter` so that many pages dropped by the same outage do not all come back in the same
 * millisecond. Pure: the random source is injected so tests can pin it.
 *
 * @param {number} attempt 1 for the first retry, 2 for the second, ...
 * @param {{base?: number, factor?: number, max?: number, jitter?: number}} [options]
 * @param {() => number} [random] returns a number in [0, 1)
 * @returns {number} whole milliseconds, never above `max`
 */
export function backoffDelay(attempt, options = {}, random = Math.random) {
  const { base = 500, factor = 2, max = 10_000, jitter = 0.5 } = options;
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`attempt must be an integer >= 1, was ${attempt}`);
  }
  if (!(base > 0) || !(factor >= 1) || !(max >= base) || !(jitter >= 0 && jitter <= 1)) {
    throw new RangeError('backoff needs base > 0, factor >= 1, max >= base and 0 <= jitter <= 1');
  }
  // Cap before jitter as well as after: base * factor ** 1100 is Infinity, and Infinity * 0 is NaN.
  const exponential = Math.min(max, base * factor ** (attempt - 1));
  const spread = 1 + jitter * (2 * random() - 1);
  return Math.round(Math.min(max, exponential * spread));
}
