// The official socket.io-client from Node against a Switchboard with connectionStateRecovery on (see RecoveryIT):
// its transport drops while the server emits to its room; it comes back with the same socket and every event once.
// With NODE_PEER (RedisClusterIT: a Switchboard node on adapter=redis, a Node socket.io server on the same Redis),
// the events missed come from the other side of the cluster instead: in turn from the Node server's broadcast and
// from @socket.io/redis-emitter, both through the peer's control API.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { io } from 'socket.io-client';

const base = new URL(process.env.SWITCHBOARD_URL ?? 'http://127.0.0.1:8080/');
const path = `${base.pathname.replace(/\/?$/, '/')}socket.io/`;
const token = process.env.SWITCHBOARD_ADMIN_TOKEN;
const peer = process.env.NODE_PEER;

async function api(route, body) {
  const response = await fetch(new URL(route, base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  assert.ok(response.ok, `${route}: ${response.status} ${await response.text()}`);
}

/** A missed tick: published by this server, or with a peer in turn by the Node server and by the emitter. */
async function missedTick(room, n) {
  if (!peer) return api('api/emit', { namespace: '/', room, event: 'tick', args: [n] });
  const route = n % 2 === 0 ? 'control/emit' : 'control/emitter';
  const response = await fetch(new URL(route, peer), {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nsp: '/', rooms: [room], event: 'tick', args: [n] }),
  });
  assert.ok(response.ok, `${route}: ${response.status} ${await response.text()}`);
}

function within(ms, what, condition) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (condition()) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - started > ms) {
        clearInterval(poll);
        reject(new Error(`${what} not within ${ms} ms`));
      }
    }, 10);
  });
}

function connected(socket) {
  return new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
}

for (const [mode, transports] of [['websocket', ['websocket']], ['polling', ['polling']], ['upgraded', ['polling', 'websocket']]]) {
  test(`over ${mode}: 100 events emitted while the transport is down all arrive once, in order, and the socket is recovered`, async () => {
    const socket = io(`${base.origin}/`, {
      path, transports, forceNew: true, reconnectionDelay: 1500, reconnectionDelayMax: 1500, randomizationFactor: 0,
    });
    try {
      const received = [];
      socket.on('tick', (n, offset) => {
        assert.equal(typeof offset, 'string', 'every event carries its offset last');
        received.push(n);
      });
      await connected(socket);
      assert.ok(!socket.recovered);
      const room = `ticks-${mode}`;
      await api('api/rooms/join', { namespace: '/', room: socket.id, join: room });
      for (let n = 0; n < 5; n++) await api('api/emit', { namespace: '/', room, event: 'tick', args: [n] });
      await within(10_000, 'the first 5 events', () => received.length === 5);
      if (mode === 'upgraded') await within(10_000, 'the upgrade', () => socket.io.engine.transport.name === 'websocket');

      const id = socket.id;
      const back = connected(socket);
      socket.io.engine.close(); // the transport drops; the client reconnects after 1.5 s
      for (let n = 5; n < 105; n++) await missedTick(room, n);
      await back;
      assert.equal(socket.recovered, true);
      assert.equal(socket.id, id, 'the same socket id');
      // a live event after recovery: by the time it comes, any duplicate would have come
      await api('api/emit', { namespace: '/', room, event: 'tick', args: ['live'] });
      await within(10_000, 'the live event', () => received.at(-1) === 'live');
      assert.deepEqual(received, [...Array(105).keys(), 'live'], 'each missed event once, in order');
    } finally {
      socket.disconnect();
    }
  });
}
