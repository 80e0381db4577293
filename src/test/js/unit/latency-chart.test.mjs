import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chartGeometry, niceCeiling } from '../../../main/webapp/js/console/latency-chart.js';

describe('latency chart geometry', () => {
  test('rounds the scale up to 1, 2 or 5 times a power of ten', () => {
    assert.deepEqual([1, 3, 7, 10, 11, 42, 180, 501].map(niceCeiling), [1, 5, 10, 10, 20, 50, 200, 1000]);
  });

  test('spreads a few samples over the whole width, the newest at the right edge', () => {
    const { points, scale } = chartGeometry([10, 20, 5], { width: 300, height: 100, top: 10, slots: 60 });
    assert.equal(scale, 20);
    // three samples over 300 units: 150 apart; 20 ms reaches the top margin, 10 ms half way.
    assert.equal(points, '0,55 150,10 300,77.5');
  });

  test('shows only the newest samples when there are more than slots', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    const { points } = chartGeometry(samples, { width: 590, height: 100, slots: 60 });
    const xs = points.split(' ').map((pair) => Number(pair.split(',')[0]));
    assert.equal(xs.length, 60);
    assert.equal(xs[0], 0);
    assert.equal(xs.at(-1), 590);
  });

  test('draws one sample as a level line and copes with none', () => {
    const one = chartGeometry([5], { width: 300, height: 100, top: 10 });
    assert.equal(one.points, '0,10 300,10');
    assert.equal(one.area, 'M0,100 L0,10 L300,10 L300,100 Z');
    assert.deepEqual(chartGeometry([], { width: 300, height: 100 }), { scale: 1, points: '', area: '' });
  });

  test('a zero-millisecond sample sits on the axis', () => {
    const { points } = chartGeometry([0, 0], { width: 300, height: 100, slots: 2 });
    assert.equal(points, '0,100 300,100');
  });
});
