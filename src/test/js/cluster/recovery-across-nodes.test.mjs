// Connection state recovery across a cluster on a Redis stream (adapter=redis-streams), with the official
// JavaScript client. Run by RedisStreamsIT with SWITCHBOARD_NODES (two Switchboard nodes' URLs), NODE_PEER (a Node
// socket.io server with @socket.io/redis-streams-adapter), SWITCHBOARD_ADMIN_TOKEN and, for the last test,
// SWITCHBOARD_URL (the shipped two-node nginx) and SWITCHBOARD_PIDS (the two nodes' PIDs, to kill one).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { io } from 'socket.io-client';
import { startTcpProxy } from '../support/tcp-proxy.mjs';

const [alpha, beta] = (process.env.SWITCHBOARD_NODES ?? '').split(',').filter(Boolean);
const peer = process.env.NODE_PEER;
const token = process.env.SWITCHBOARD_ADMIN_TOKEN;
const EVENTS = 20;
const onlyKill = process.env.RECOVERY_ONLY_KILL === 'true'; // the last test kills a node: run apart, last

const isPeer = (server) => server === peer;
const unique = (prefix) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

async function post(url, body, headers = {}) {
  const response = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${url}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

const admin = { authorization: `Bearer ${token}` };

/** A tick to the room, published by that server (a Switchboard node through its API, the Node one through its control API). */
function tick(server, room, n) {
  return isPeer(server)
    ? post(new URL('control/emit', server), { nsp: '/chat', rooms: [room], event: 'tick', args: [n] })
    : post(new URL('api/emit', server), { namespace: '/chat', room, event: 'tick', args: [n] }, admin);
}

/** Whether the server still has this socket connected (a Switchboard node through its API, the Node one through its control API). */
async function holds(server, socketId) {
  if (isPeer(server)) {
    const { sockets } = await post(new URL('control/fetch-sockets', server), { nsp: '/chat', local: true });
    return sockets.some((socket) => socket.id === socketId);
  }
  const response = await fetch(new URL('api/sockets?namespace=/chat&local=true', server), { headers: admin });
  return (await response.text()).includes(socketId);
}

/** Puts the socket in the room, on the server it is connected to. */
function join(server, socketId, room) {
  return isPeer(server)
    ? post(new URL('control/sockets-join', server), { nsp: '/chat', rooms: [socketId], join: [room] })
    : post(new URL('api/rooms/join', server), { namespace: '/chat', room: socketId, join: room }, admin);
}

/** Polls `condition` (after `refresh`, when given) every 10 ms until it holds, for at most `ms`. */
async function until(condition, what, ms = 10_000, refresh = async () => {}) {
  const deadline = Date.now() + ms;
  for (await refresh(); !condition(); await refresh()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function connected(socket) {
  return new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
}

/** The next 'connect' of a client that is reconnecting: failed attempts on the way are expected. */
function reconnected(socket) {
  return new Promise((resolve) => socket.once('connect', resolve));
}

function client(url) {
  return io(`${url.replace(/\/$/, '')}/chat`, {
    path: '/socket.io/', transports: ['websocket'], forceNew: true,
    reconnectionDelay: 500, reconnectionDelayMax: 500, randomizationFactor: 0,
  });
}

const name = (server) => (server === alpha ? 'switchboard alpha' : server === beta ? 'switchboard beta' : 'node');

for (const [from, to, publisher] of [[() => alpha, () => peer, () => beta], [() => peer, () => alpha, () => beta], [() => alpha, () => beta, () => peer]]) {
  test(`dropped on ${name(from())}, recovered on ${name(to())}, ${EVENTS} events from ${name(publisher())} meanwhile`, { timeout: 60_000, skip: onlyKill }, async () => {
    const target = { host: '127.0.0.1', port: Number(new URL(from()).port) };
    const proxy = await startTcpProxy({ target });
    const socket = client(`http://127.0.0.1:${proxy.port}/`);
    try {
      const received = [];
      socket.on('tick', (n, offset) => {
        assert.match(String(offset), /^\d+-\d+$/, 'a stream entry id is the offset');
        received.push(n);
      });
      await connected(socket);
      const room = unique('across');
      await join(from(), socket.id, room);
      await tick(publisher(), room, 0);
      await until(() => received.length === 1, 'the first tick');
      const id = socket.id;

      const back = reconnected(socket);
      await proxy.goAway(); // the link drops; the client retries every 500 ms
      let dropped = false;
      await until(() => dropped, 'its server to see the link drop and keep the session', 10_000, async () => {
        dropped = !(await holds(from(), id));
      });
      for (let n = 1; n <= EVENTS; n++) await tick(publisher(), room, n);
      target.port = Number(new URL(to()).port);
      await proxy.comeBack();
      await back;
      assert.equal(socket.recovered, true, 'recovered');
      assert.equal(socket.id, id, 'the same socket id on the other server');
      // a live tick after recovery: still in its room, and by the time it comes any duplicate would have come
      await tick(publisher(), room, 'live');
      await until(() => received.at(-1) === 'live', 'a live tick after recovery');
      assert.deepEqual(received, [...Array(EVENTS + 1).keys(), 'live'], 'each missed tick once, in order');
    } finally {
      socket.disconnect();
      await proxy.close();
    }
  });
}

test('the node a client is on is killed; through nginx it recovers on the other, missing nothing', { timeout: 60_000, skip: !process.env.SWITCHBOARD_PIDS }, async () => {
  const pids = process.env.SWITCHBOARD_PIDS.split(',').map(Number);
  const front = process.env.SWITCHBOARD_URL;
  const socket = client(front);
  try {
    const received = [];
    socket.on('tick', (n) => received.push(n));
    await connected(socket);
    const here = [];
    for (const node of [alpha, beta]) {
      const response = await fetch(new URL('api/sockets?namespace=/chat&local=true', node), { headers: admin });
      if ((await response.text()).includes(socket.id)) here.push(node);
    }
    assert.equal(here.length, 1, 'on exactly one node');
    const [doomed] = here;
    const survivor = doomed === alpha ? beta : alpha;
    const room = unique('killed');
    await join(doomed, socket.id, room);
    await tick(survivor, room, 0);
    await until(() => received.length === 1, 'the first tick');
    const id = socket.id;

    const back = reconnected(socket);
    process.kill(pids[doomed === alpha ? 0 : 1], 'SIGKILL'); // no shutdown: the session was never written on close
    for (let n = 1; n <= EVENTS; n++) await tick(survivor, room, n);
    await back;
    assert.equal(socket.recovered, true, 'recovered on the survivor');
    assert.equal(socket.id, id);
    await tick(survivor, room, 'live');
    await until(() => received.at(-1) === 'live', 'a live tick after recovery');
    assert.deepEqual(received, [...Array(EVENTS + 1).keys(), 'live'], 'each missed tick once, in order');
  } finally {
    socket.disconnect();
  }
});
