import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chartGeometry, niceCeiling } from '../../../main/webapp/js/console/latency-chart.js';

describe('latency chart geometry', () => {
  test('rounds the scale up to 1, 2 or 5 times a power of ten', () => {
    assert.deepEqual([1, 3, 7, 10, 11, 42, 180, 501].map(niceCeiling), [1, 5, 10, 10, 20, 50, 200, 1000]);
  });

  test('puts the newest sample at the right edge and the oldest further left', () => {
    const { points, scale } = chartGeometry([10, 20], { width: 300, height: 100, top: 10, slots: 4 });
    assert.equal(scale, 20);
    // 4 slots over 300 units: 100 apart; two samples fill the last two; 20 ms reaches the top margin.
    assert.equal(points, '200,55 300,10');
  });

  test('shows only the newest samples when there are more than slots', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    const { points } = chartGeometry(samples, { width: 590, height: 100, slots: 60 });
    const xs = points.split(' ').map((pair) => Number(pair.split(',')[0]));
    assert.equal(xs.length, 60);
    assert.equal(xs[0], 0);
    assert.equal(xs.at(-1), 590);
  });

  test('draws no area for fewer than two samples and copes with none', () => {
    assert.equal(chartGeometry([5], { width: 300, height: 100 }).area, '');
    assert.deepEqual(chartGeometry([], { width: 300, height: 100 }), { scale: 1, points: '', area: '' });
  });

  test('a zero-millisecond sample sits on the axis', () => {
    const { points } = chartGeometry([0, 0], { width: 300, height: 100, slots: 2 });
    assert.equal(points, '0,100 300,100');
  });
});
