import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OfflineQueue } from '../../../main/webapp/js/realtime/offline-queue.js';

describe('OfflineQueue', () => {
  test('drains its entries oldest first and is empty afterwards', () => {
    const queue = new OfflineQueue();
    ['a', 'b', 'c'].forEach((entry) => queue.push(entry));
    assert.equal(queue.size, 3);
    assert.deepEqual(queue.drain(), ['a', 'b', 'c']);
    assert.equal(queue.size, 0);
    assert.deepEqual(queue.drain(), []);
  });

  test('drops the oldest entry when full and reports it', () => {
    const dropped = [];
    const queue = new OfflineQueue({ limit: 2, onDrop: (entry) => dropped.push(entry) });
    assert.equal(queue.push('a'), undefined);
    assert.equal(queue.push('b'), undefined);
    assert.equal(queue.push('c'), 'a');
    assert.deepEqual(dropped, ['a']);
    assert.equal(queue.size, 2);
    assert.deepEqual(queue.drain(), ['b', 'c']);
  });

  test('holds 100 entries by default', () => {
    const queue = new OfflineQueue();
    for (let i = 0; i < 150; i += 1) queue.push(i);
    assert.equal(queue.limit, 100);
    assert.equal(queue.size, 100);
    assert.equal(queue.drain()[0], 50);
  });

  test('removes one entry from the middle and keeps the order of the rest', () => {
    const queue = new OfflineQueue();
    const entries = [{ n: 1 }, { n: 2 }, { n: 3 }];
    entries.forEach((entry) => queue.push(entry));
    assert.equal(queue.remove(entries[1]), true);
    assert.equal(queue.remove(entries[1]), false);
    assert.deepEqual(queue.drain(), [entries[0], entries[2]]);
  });

  test('refuses a limit below 1', () => {
    assert.throws(() => new OfflineQueue({ limit: 0 }), RangeError);
    assert.throws(() => new OfflineQueue({ limit: 2.5 }), RangeError);
  });
});
