import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Emitter } from '../../../main/webapp/js/realtime/emitter.js';
import { createLogger } from '../../../main/webapp/js/realtime/logger.js';

describe('Emitter', () => {
  test('calls listeners in order with the arguments, until they unsubscribe', () => {
    const emitter = new Emitter();
    const calls = [];
    const off = emitter.on('x', (...args) => calls.push(['first', ...args]));
    emitter.on('x', (...args) => calls.push(['second', ...args]));
    emitter.emit('x', 1, 2);
    off();
    emitter.emit('x', 3);
    assert.deepEqual(calls, [['first', 1, 2], ['second', 1, 2], ['second', 3]]);
  });

  test('once listeners run once', () => {
    const emitter = new Emitter();
    let count = 0;
    emitter.once('x', () => (count += 1));
    emitter.emit('x');
    emitter.emit('x');
    assert.equal(count, 1);
    assert.equal(emitter.listenerCount('x'), 0);
  });

  test('a listener that unsubscribes another mid-emit does not break the emit', () => {
    const emitter = new Emitter();
    const calls = [];
    let offSecond;
    emitter.on('x', () => {
      calls.push('first');
      offSecond();
    });
    offSecond = emitter.on('x', () => calls.push('second'));
    emitter.emit('x');
    emitter.emit('x');
    assert.deepEqual(calls, ['first', 'second', 'first']);
  });
});

describe('createLogger', () => {
  const recorder = () => {
    const lines = [];
    const sink = Object.fromEntries(['debug', 'info', 'warn', 'error'].map((l) => [l, (...a) => lines.push([l, ...a])]));
    return { lines, sink };
  };

  test('drops messages below its level and prefixes the rest', () => {
    const { lines, sink } = recorder();
    const log = createLogger('warn', sink, '[p]');
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    assert.deepEqual(lines, [['warn', '[p]', 'w'], ['error', '[p]', 'e']]);
  });

  test('silent says nothing, debug says everything', () => {
    const quiet = recorder();
    const silent = createLogger('silent', quiet.sink);
    ['debug', 'info', 'warn', 'error'].forEach((level) => silent[level]('x'));
    assert.equal(quiet.lines.length, 0);

    const loud = recorder();
    const debug = createLogger('debug', loud.sink);
    ['debug', 'info', 'warn', 'error'].forEach((level) => debug[level]('x'));
    assert.equal(loud.lines.length, 4);
  });

  test('refuses unknown levels', () => {
    assert.throws(() => createLogger('verbose'), RangeError);
  });
});
