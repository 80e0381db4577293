/**
 * Geometry of the latency sparkline, kept apart from the DOM so it can be tested anywhere.
 * The newest samples (at most `slots`) are spread over the whole width, oldest at the left, newest at the right
 * edge, so a few samples draw a readable line rather than a sliver; a single sample is a level line. The
 * vertical scale is a "nice" number (1, 2 or 5 times a power of ten) at or above the largest sample, so the
 * chart does not jitter.
 *
 * @param {number[]} samples milliseconds, oldest first
 * @param {{width: number, height: number, top?: number, slots?: number}} frame
 * @returns {{scale: number, points: string, area: string}}
 */
export function chartGeometry(samples, { width, height, top = 10, slots = 60 }) {
  const scale = niceCeiling(Math.max(1, ...samples));
  const shown = samples.slice(-slots);
  const drawn = shown.length === 1 ? [shown[0], shown[0]] : shown;
  const step = drawn.length > 1 ? width / (drawn.length - 1) : 0;
  const xy = drawn.map((value, index) => [
    round(index * step),
    round(height - (Math.min(value, scale) / scale) * (height - top)),
  ]);
  const points = xy.map(([x, y]) => `${x},${y}`).join(' ');
  const area = xy.length < 2 ? '' : `M${xy[0][0]},${height} L${points.replaceAll(' ', ' L')} L${xy.at(-1)[0]},${height} Z`;
  return { scale, points, area };
}

export function niceCeiling(value) {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const factor of [1, 2, 5, 10]) {
    if (value <= factor * power) return factor * power;
  }
  return 10 * power;
}

const round = (n) => Math.round(n * 10) / 10;

/** Draws the samples into the chart's <svg> (the one in index.html). */
export function drawLatencyChart(svg, samples) {
  const height = 100; // the axis line; the viewBox leaves 10 units below it
  const { scale, points, area } = chartGeometry(samples, { width: 300, height });
  svg.querySelector('.chart-line').setAttribute('points', points);
  svg.querySelector('.chart-area').setAttribute('d', area);
  svg.dataset.samples = String(samples.length);
  return scale;
}
