import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { StateName, canMove, describeState, makeState } from '../../../main/webapp/js/realtime/connection-state.js';

const { CONNECTING, CONNECTED, RECONNECTING, DISCONNECTED, FAILED } = StateName;

describe('connection states', () => {
  test('a link that is up can only be lost, closed or upgraded', () => {
    assert.ok(canMove(CONNECTED, RECONNECTING));
    assert.ok(canMove(CONNECTED, DISCONNECTED));
    assert.ok(canMove(CONNECTED, CONNECTED));
    assert.ok(!canMove(CONNECTED, FAILED));
    assert.ok(!canMove(CONNECTED, CONNECTING));
  });

  test('failed and disconnected wait for someone to connect again', () => {
    assert.ok(canMove(FAILED, CONNECTING));
    assert.ok(canMove(DISCONNECTED, CONNECTING));
    assert.ok(!canMove(FAILED, RECONNECTING));
    assert.ok(!canMove(DISCONNECTED, RECONNECTING));
    assert.ok(!canMove(DISCONNECTED, CONNECTED));
  });

  test('a refusal during reconnection ends in failed', () => {
    assert.ok(canMove(RECONNECTING, FAILED));
    assert.ok(canMove(CONNECTING, FAILED));
  });

  test('unknown names move nowhere', () => {
    assert.ok(!canMove('sleeping', CONNECTED));
    assert.throws(() => makeState('sleeping'), RangeError);
  });

  test('states are frozen and carry the time they began', () => {
    const state = makeState(CONNECTED, { transport: 'websocket', sid: 'abc' }, 1234);
    assert.deepEqual(state, { name: CONNECTED, since: 1234, transport: 'websocket', sid: 'abc' });
    assert.ok(Object.isFrozen(state));
  });

  test('describes a state in a line a person can read', () => {
    const now = 10_000;
    assert.equal(describeState(makeState(CONNECTED, { transport: 'polling' })), 'connected over polling');
    assert.equal(describeState(makeState(CONNECTED, { transport: 'websocket', recovered: true, missed: 3 })),
      'connected over websocket, recovered, 3 missed events delivered');
    assert.equal(describeState(makeState(CONNECTED, { transport: 'websocket', recovered: true, missed: 1 })),
      'connected over websocket, recovered, 1 missed event delivered');
    assert.equal(
      describeState(makeState(RECONNECTING, { attempt: 3, nextTryAt: now + 4000, trying: false }), now),
      'reconnecting: attempt 3, next try in 4.0 s',
    );
    assert.equal(
      describeState(makeState(RECONNECTING, { attempt: 3, nextTryAt: now, trying: true }), now),
      'reconnecting: attempt 3 under way',
    );
    assert.equal(describeState(makeState(FAILED, { reason: 'unauthorized' })), 'failed: unauthorized');
  });
});
