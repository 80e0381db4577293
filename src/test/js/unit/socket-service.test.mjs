// The socket service driven under Node against the stand-in server, with the TCP proxy to cut the link.
// The browser entry only adds the vendored client and default URL/path, so the logic is all tested here.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { io } from 'socket.io-client';
import { SocketService } from '../../../main/webapp/js/realtime/service.js';
import { NEVER_ANSWERED, startStandinServer } from '../support/standin-server.mjs';
import { startTcpProxy } from '../support/tcp-proxy.mjs';
import { nextEvent, waitForState, waitUntil } from '../support/wait.mjs';

const CONTEXT = '/switchboard/';
const PATH = `${CONTEXT}socket.io/`;
const FAST = { base: 20, factor: 2, max: 100, jitter: 0.5 };

let server;
let proxy;
const cleanups = [];

/** A service through the proxy (so tests can cut it), closed after the test. */
function serviceViaProxy(options = {}) {
  return track(
    new SocketService({
      io,
      url: `http://127.0.0.1:${proxy.port}`,
      path: PATH,
      namespace: '/chat',
      logLevel: 'silent',
      backoff: FAST,
      latencyInterval: 0,
      ...options,
    }),
  );
}

/** A plain socket.io-client straight to the server, to watch what the server broadcasts. */
async function observer(room) {
  const socket = track(io(`${server.origin}/chat`, { path: PATH, transports: ['websocket'], forceNew: true }));
  await nextEvent(socket, 'connect');
  await socket.timeout(2000).emitWithAck('join', { room, name: 'observer' });
  return socket;
}

function track(closeable) {
  cleanups.push(() => closeable.disconnect());
  return closeable;
}

/** Records every console line so tests can assert on warnings and on the absence of errors. */
function recordingConsole() {
  const lines = [];
  const sink = {};
  for (const level of ['debug', 'info', 'warn', 'error']) sink[level] = (...args) => lines.push({ level, text: args.join(' ') });
  return { lines, sink };
}

before(async () => {
  server = await startStandinServer({ contextPath: CONTEXT });
  proxy = await startTcpProxy({ target: { host: '127.0.0.1', port: new URL(server.origin).port } });
});

afterEach(async () => {
  while (cleanups.length) cleanups.pop()();
  proxy.refuseWebSocket = false;
  proxy.refusedUpgrades = 0;
  await proxy.comeBack();
});

after(async () => {
  await proxy.close();
  await server.close();
});

describe('SocketService', { timeout: 20_000 }, () => {
  test('connects over WebSocket and reports transport and sid', async () => {
    const seen = [];
    const service = serviceViaProxy({ autoConnect: false });
    service.on('state', (state) => seen.push(state.name));
    service.connect();
    const state = await waitForState(service, (s) => s.name === 'connected', { what: 'connected' });
    assert.equal(state.transport, 'websocket');
    assert.match(state.sid, /\S+/);
    assert.deepEqual(seen, ['connecting', 'connected']);
  });

  test('emitWithAck resolves with the server acknowledgement', async () => {
    const service = serviceViaProxy();
    const reply = await service.emitWithAck('join', { room: 'ack-room', name: 'ada' });
    assert.deepEqual(reply.members, ['ada']);
    assert.equal(reply.room, 'ack-room');
  });

  test('emitWithAck rejects with AckTimeoutError when the server never acknowledges', async () => {
    const service = serviceViaProxy();
    await waitForState(service, (s) => s.name === 'connected', { what: 'connected' });
    const started = Date.now();
    await assert.rejects(service.timeout(150).emitWithAck(NEVER_ANSWERED, 1), (error) => {
      assert.equal(error.name, 'AckTimeoutError');
      assert.match(error.message, new RegExp(`${NEVER_ANSWERED}.*150 ms`));
      return true;
    });
    assert.ok(Date.now() - started >= 140, 'rejected before its timeout');
  });

  test('an emit waiting in the offline queue does not time out: its ack timeout starts when it is sent', async () => {
    const service = serviceViaProxy({ autoConnect: false });
    let settled = false;
    const pending = service.timeout(100).emitWithAck('join', { room: 'queued-ack', name: 'n' });
    pending.finally(() => (settled = true)).catch(() => {});
    assert.equal(service.queueSize, 1);
    await new Promise((resolve) => setTimeout(resolve, 400)); // four ack timeouts pass while it waits
    assert.equal(settled, false);
    assert.equal(service.queueSize, 1, 'still queued');
    service.connect();
    assert.deepEqual((await pending).members, ['n']);
  });

  test('an emit given a deadline rejects with DeadlineError when the link stays down past it', async () => {
    const service = serviceViaProxy({ autoConnect: false });
    const pending = service.timeout(5000, { deadline: 100 }).emitWithAck('join', { room: 'r', name: 'n' });
    await assert.rejects(pending, { name: 'DeadlineError' });
    assert.equal(service.queueSize, 0);
  });

  test('an emit whose ack the link lost is sent again after reconnecting, and reaches the room once', async () => {
    const watcher = await observer('resent-room');
    const service = serviceViaProxy();
    service.on('state', (state) => {
      if (state.name === 'connected') service.emit('join', { room: 'resent-room', name: 'ada' });
    });
    await waitForState(service, (s) => s.name === 'connected', { what: 'connected' });
    const received = [];
    watcher.on('message', (message) => received.push(message.text));
    const first = nextEvent(watcher, 'message');
    // the server gets the message and acts on it; its ack is lost on the way back, then the link goes
    proxy.dropReplies = true;
    const acked = service.timeout(5000).emitWithAck('say', { room: 'resent-room', text: 'once', id: 'm-1' });
    await first;
    await proxy.goAway();
    proxy.dropReplies = false;
    await waitForState(service, (s) => s.name === 'reconnecting', { what: 'reconnecting' });
    assert.equal(service.queueSize, 1, 'queued again, not failed');
    await proxy.comeBack();
    assert.deepEqual(await acked, { ok: true });
    // a round trip on the watcher's connection orders after any second delivery
    await watcher.timeout(2000).emitWithAck('latency', 1);
    assert.deepEqual(received, ['once']);
  });

  test('an ack that times out while connected is retried when asked, then rejects', async () => {
    const service = serviceViaProxy();
    await waitForState(service, (s) => s.name === 'connected', { what: 'connected' });
    const started = Date.now();
    await assert.rejects(service.timeout(100, { retries: 2 }).emitWithAck(NEVER_ANSWERED), { name: 'AckTimeoutError' });
    assert.ok(Date.now() - started >= 290, 'three sends of 100 ms each');
  });

  test('refuses reserved event names', () => {
    const service = serviceViaProxy({ autoConnect: false });
    assert.throws(() => service.emit('connect'), /reserved/);
    assert.throws(() => service.emit(''), TypeError);
  });

  test('goes to reconnecting with attempt and delay when the server goes away, and back by itself', async () => {
    const service = serviceViaProxy();
    await waitForState(service, (s) => s.name === 'connected', { what: 'connected' });
    await proxy.goAway();
    const first = await waitForState(service, (s) => s.name === 'reconnecting', { what: 'reconnecting' });
    assert.equal(first.attempt, 1);
    assert.ok(first.delay >= 10 && first.delay <= 100, `delay ${first.delay}`);
    assert.equal(first.nextTryAt - first.since, first.delay);
    // Tries keep failing while the proxy refuses connections, with growing attempt numbers.
    await waitForState(service, (s) => s.name === 'reconnecting' && s.attempt >= 3, { what: 'attempt 3' });
    await proxy.comeBack();
    const back = await waitForState(service, (s) => s.name === 'connected', { what: 'connected again' });
    assert.equal(back.transport, 'websocket');
  });

  test('queues emits while the link is down and sends them in order after reconnecting', async () => {
    const watcher = await observer('queue-room');
    const service = serviceViaProxy();
    // What the server forgot with the old connection is restored before the queue is flushed.
    service.on('state', (state) => {
      if (state.name === 'connected') service.emit('join', { room: 'queue-room', name: 'ada' });
    });
    await waitForState(service, (s) => s.name === 'connected', { what: 'connected' });
    await proxy.goAway();
    await waitForState(service, (s) => s.name === 'reconnecting', { what: 'reconnecting' });

    const sizes = [];
    service.on('queue', (size) => sizes.push(size));
    const texts = ['one', 'two', 'three'];
    for (const text of texts) service.emit('say', { room: 'queue-room', text });
    const acked = service.emitWithAck('say', { room: 'queue-room', text: 'four' });
    assert.equal(service.queueSize, 4);
    assert.deepEqual(sizes, [1, 2, 3, 4]);

    const received = [];
    const allFour = waitUntil(
      (listener) => {
        const onMessage = (message) => listener(received.push(message.text));
        watcher.on('message', onMessage);
        return () => watcher.off('message', onMessage);
      },
      () => received.length === 4,
      { what: 'four messages at the observer' },
    );
    await proxy.comeBack();
    await allFour;
    assert.deepEqual(received, [...texts, 'four']);
    assert.deepEqual(await acked, { ok: true });
    assert.equal(service.queueSize, 0);
    assert.equal(sizes.at(-1), 0);
  });

  test('a full queue drops the oldest emit with a warning', async () => {
    const { lines, sink } = recordingConsole();
    const service = serviceViaProxy({ autoConnect: false, queueLimit: 2, logLevel: 'warn', console: sink });
    const oldest = service.emitWithAck('say', { room: 'r', text: '1' });
    service.emit('say', { room: 'r', text: '2' });
    service.emit('say', { room: 'r', text: '3' });
    assert.equal(service.queueSize, 2);
    await assert.rejects(oldest, { name: 'QueueOverflowError' });
    assert.equal(lines.length, 1);
    assert.equal(lines[0].level, 'warn');
    assert.match(lines[0].text, /offline queue full \(2\).*"say"/);
  });

  test('a refusal by the server ends in failed, without retries', async () => {
    let tries = 0;
    server.io.of('/guarded').use((socket, next) => {
      tries += 1;
      next(Object.assign(new Error('unauthorized'), { data: { code: 'AUTH' } }));
    });
    const service = serviceViaProxy({ namespace: '/guarded', backoff: { base: 10, max: 20 } });
    const failed = await waitForState(service, (s) => s.name === 'failed', { what: 'failed' });
    assert.equal(failed.reason, 'unauthorized');
    assert.deepEqual(failed.data, { code: 'AUTH' });
    // Absence can only be observed over time: ten backoff periods without another try.
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(tries, 1);
    assert.equal(service.state.name, 'failed');
  });

  test('retryNow makes the scheduled attempt at once', async () => {
    const service = serviceViaProxy({ backoff: { base: 60_000, max: 60_000, jitter: 0 } });
    await waitForState(service, (s) => s.name === 'connected', { what: 'connected' });
    await proxy.goAway();
    const waiting = await waitForState(service, (s) => s.name === 'reconnecting', { what: 'reconnecting' });
    assert.equal(waiting.delay, 60_000);
    await proxy.comeBack();
    service.retryNow();
    await waitForState(service, (s) => s.name === 'connected', { what: 'connected after retryNow', timeout: 3000 });
  });

  test('gives up after maxAttempts and says so', async () => {
    await proxy.goAway();
    const service = serviceViaProxy({ maxAttempts: 2 });
    const failed = await waitForState(service, (s) => s.name === 'failed', { what: 'failed' });
    assert.match(failed.reason, /gave up after 2 attempts/);
  });

  test('a disconnect by the server is respected: no reconnection', async () => {
    const service = serviceViaProxy();
    const { sid } = await waitForState(service, (s) => s.name === 'connected', { what: 'connected' });
    const [serverSide] = (await server.io.of('/chat').fetchSockets()).filter((s) => s.id === sid);
    serverSide.disconnect();
    const closed = await waitForState(service, (s) => s.name === 'disconnected', { what: 'disconnected' });
    assert.equal(closed.reason, 'closed by the server');
  });

  test('disconnect() stops, connect() starts again', async () => {
    const service = serviceViaProxy();
    await waitForState(service, (s) => s.name === 'connected', { what: 'connected' });
    service.disconnect();
    assert.equal(service.state.name, 'disconnected');
    service.emit('say', { room: 'r', text: 'later' });
    assert.equal(service.queueSize, 1);
    service.connect();
    await waitForState(service, (s) => s.name === 'connected', { what: 'connected again' });
    assert.equal(service.queueSize, 0);
  });

  test('measures latency with the echoed timestamp and keeps a bounded history', async () => {
    const service = serviceViaProxy({ latencyInterval: 30, latencySamples: 3 });
    const samples = [];
    await waitUntil(
      (listener) => service.on('latency', listener),
      (latency) => samples.push(latency) >= 5,
      { what: 'five latency samples' },
    );
    for (const { last, history } of samples) {
      assert.ok(Number.isInteger(last) && last >= 0 && last < 1000, `latency ${last}`);
      assert.ok(history.length <= 3);
      assert.equal(history.at(-1), last);
    }
    assert.equal(service.latency.history.length, 3);
  });

  test('falls back to polling when WebSocket is refused', async () => {
    proxy.refuseWebSocket = true;
    const service = serviceViaProxy();
    const state = await waitForState(service, (s) => s.name === 'connected', { what: 'connected' });
    assert.equal(state.transport, 'polling');
    assert.ok(proxy.refusedUpgrades >= 1);
    assert.deepEqual(await service.emitWithAck('latency', 42), 42);
  });

  test('follows the upgrade back to WebSocket once it is allowed', async () => {
    proxy.refuseWebSocket = 1; // the first handshake fails, the upgrade probe after it may pass
    let sessions = 0;
    const countSession = () => (sessions += 1);
    server.io.engine.on('connection', countSession);
    try {
      const seen = [];
      const service = serviceViaProxy();
      service.on('state', (state) => seen.push(state.name));
      // The upgrade may finish before or after the namespace connects; either way it ends on WebSocket.
      await waitForState(service, (s) => s.name === 'connected' && s.transport === 'websocket', {
        what: 'connected over websocket',
      });
      assert.equal(proxy.refusedUpgrades, 1, 'the first WebSocket handshake was not refused');
      assert.equal(sessions, 1, 'reached WebSocket through a new session, not an upgrade');
      assert.ok(!seen.includes('reconnecting'));
    } finally {
      server.io.engine.off('connection', countSession);
    }
  });

  test('logs no illegal state move through a whole outage', async () => {
    const { lines, sink } = recordingConsole();
    const service = serviceViaProxy({ logLevel: 'debug', console: sink });
    await waitForState(service, (s) => s.name === 'connected', { what: 'connected' });
    await proxy.goAway();
    await waitForState(service, (s) => s.name === 'reconnecting' && s.attempt >= 2, { what: 'attempt 2' });
    await proxy.comeBack();
    await waitForState(service, (s) => s.name === 'connected', { what: 'connected again' });
    service.disconnect();
    assert.deepEqual(lines.filter((line) => line.level === 'error'), []);
    assert.ok(lines.some((line) => /connected -> reconnecting/.test(line.text)));
    assert.ok(lines.some((line) => /reconnecting -> connected over websocket/.test(line.text)));
  });
});

describe('SocketService on a server with connection state recovery', { timeout: 20_000 }, () => {
  let recovering;
  let link;

  before(async () => {
    recovering = await startStandinServer({ contextPath: CONTEXT, connectionStateRecovery: true });
    link = await startTcpProxy({ target: { host: '127.0.0.1', port: new URL(recovering.origin).port } });
  });

  after(async () => {
    await link.close();
    await recovering.close();
  });

  async function until(condition, what) {
    const deadline = Date.now() + 5000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  function recoveringService() {
    return track(new SocketService({
      io, url: `http://127.0.0.1:${link.port}`, path: PATH, namespace: '/chat', logLevel: 'silent', backoff: FAST, latencyInterval: 0,
    }));
  }

  test('after a drop it says the socket was recovered and how many missed events came, each once', async () => {
    const service = recoveringService();
    const first = await waitForState(service, (s) => s.name === 'connected', { what: 'connected' });
    assert.equal(first.recovered, false);
    const received = [];
    service.subscribe('tick', (n) => received.push(n));
    const room = recovering.io.of('/chat').to(first.sid);
    room.emit('tick', 0); // the client needs one offset to come back with
    await until(() => received.length === 1, 'the first tick');

    await link.goAway();
    await waitForState(service, (s) => s.name === 'reconnecting', { what: 'reconnecting' });
    await new Promise((resolve) => setTimeout(resolve, 100)); // the server notices the drop and keeps the session
    for (let n = 1; n <= 3; n++) room.emit('tick', n);
    await link.comeBack();
    const back = await waitForState(service, (s) => s.name === 'connected', { what: 'connected again' });
    assert.equal(back.recovered, true);
    assert.equal(back.missed, 3);
    assert.equal(back.sid, first.sid, 'the same socket');
    assert.deepEqual(received, [0, 1, 2, 3], 'missed events arrive before connected, once, in order');
  });

  test('a reconnect the server does not recover says so, with nothing missed', async () => {
    const service = recoveringService();
    const first = await waitForState(service, (s) => s.name === 'connected', { what: 'connected' });
    // no event yet: the client has no offset, so the server starts a new socket
    await link.goAway();
    await waitForState(service, (s) => s.name === 'reconnecting', { what: 'reconnecting' });
    await link.comeBack();
    const back = await waitForState(service, (s) => s.name === 'connected', { what: 'connected again' });
    assert.equal(back.recovered, false);
    assert.equal(back.missed, 0);
    assert.notEqual(back.sid, first.sid);
  });
});
