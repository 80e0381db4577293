// The Socket.IO Admin UI's protocol, played as its dashboard (@socket.io/admin-ui 0.5.1, ui/src) plays it, against
// Switchboard (SWITCHBOARD_URL: adminUi=on in development mode; SWITCHBOARD_READONLY_URL: adminUi=readonly in
// production mode; both with the password in credentials.mjs)
// and, where the two must agree, against a Node socket.io server instrumented with the package itself.
// AdminUiIT starts the two Switchboard nodes and runs this file.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import adminUi from '@socket.io/admin-ui';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import { HASH, PASSWORD } from './credentials.mjs';

const TIMEOUT = 8_000;

const urlOf = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: AdminUiIT sets it to a Switchboard node with the Admin UI switched on`);
  return new URL(value);
};

let on;
let readonly;
let node;
const open = new Set();

before(async () => {
  on = { name: 'Switchboard', base: urlOf('SWITCHBOARD_URL') };
  readonly = { name: 'Switchboard read-only', base: urlOf('SWITCHBOARD_READONLY_URL') };
  node = await nodeReference();
});

after(async () => {
  open.forEach((socket) => socket.disconnect());
  await node?.close();
});

/** Node's own server with the package's instrument(), as its README sets it up, in development mode like `on`. */
async function nodeReference() {
  const http = createServer();
  const server = new Server(http);
  server.of('/chat').on('connection', (socket) => {
    socket.on('latency', (...args) => args.pop()(...args));
  });
  adminUi.instrument(server, { auth: { type: 'basic', username: 'admin', password: HASH }, mode: 'development' });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    name: 'Node socket.io',
    base: new URL(`http://127.0.0.1:${http.address().port}/`),
    server,
    close: async () => {
      const closed = server.close();
      http.closeAllConnections();
      await closed;
    },
  };
}

const pathOf = (base) => `${base.pathname.replace(/\/?$/, '/')}socket.io/`;

/** A client as the dashboard makes one: every listener in place before it connects. */
function connect(target, namespace, auth, options = {}) {
  const socket = io(`${target.base.origin}${namespace}`, {
    path: pathOf(target.base), forceNew: true, reconnection: false, auth, ...options,
  });
  open.add(socket);
  return socket;
}

function next(socket, event, timeout = TIMEOUT) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' within ${timeout} ms`)), timeout);
    socket.once(event, (...args) => {
      clearTimeout(timer);
      resolve(args);
    });
  });
}

/** Logs in; resolves with the socket, the session id it was given (or null), and its config. */
async function login(target, auth = { username: 'admin', password: PASSWORD }) {
  const socket = connect(target, '/admin', auth);
  let session = null;
  const log = [];
  socket.onAny((event, ...args) => log.push([event, ...args]));
  socket.on('session', (id) => (session = id));
  const config = next(socket, 'config');
  const [error] = await Promise.race([next(socket, 'connect').then(() => [null]), next(socket, 'connect_error')]);
  if (error) throw error;
  return { socket, config: (await config)[0], session: () => session, log };
}

async function refusal(target, auth) {
  const socket = connect(target, '/admin', auth);
  const [error] = await Promise.race([next(socket, 'connect_error'), next(socket, 'connect').then(() => [null])]);
  socket.disconnect();
  return error?.message ?? 'connected';
}

async function chatClient(target) {
  const socket = connect(target, '/chat', {});
  await next(socket, 'connect');
  return socket;
}

async function api(target, path) {
  const response = await fetch(new URL(path.replace(/^\//, ''), target.base),
    { headers: { authorization: `Bearer ${process.env.SWITCHBOARD_ADMIN_TOKEN}` } });
  assert.equal(response.status, 200, `${path}: ${response.status}`);
  return response;
}

/** Total open Engine.IO sessions as /api/metrics reports them. */
async function sessionsInMetrics(target) {
  const text = await (await api(target, '/api/metrics')).text();
  return [...text.matchAll(/^switchboard_engine_sessions\{[^}]*\} (\d+)$/gm)].reduce((sum, [, count]) => sum + Number(count), 0);
}

const DEVELOPMENT_FEATURES = ['EMIT', 'JOIN', 'LEAVE', 'DISCONNECT', 'MJOIN', 'MLEAVE', 'MDISCONNECT', 'AGGREGATED_EVENTS',
  'ALL_EVENTS'];

describe('the Admin UI protocol', { timeout: 120_000 }, () => {
  test('wrong credentials are refused with the message the dashboard knows, as Node refuses them', async () => {
    for (const target of [on, node]) {
      assert.equal(await refusal(target, { username: 'admin', password: 'wrong' }), 'invalid credentials', target.name);
      assert.equal(await refusal(target, { username: 'root', password: PASSWORD }), 'invalid credentials', target.name);
      assert.equal(await refusal(target, { sessionId: null }), 'invalid credentials', target.name);
    }
  });

  test('a login gets a session id and the features Node offers in development mode', async () => {
    const ours = await login(on);
    const theirs = await login(node);
    assert.deepEqual(ours.config, { supportedFeatures: DEVELOPMENT_FEATURES });
    assert.deepEqual(ours.config, theirs.config);
    assert.match(ours.session() ?? '', /^[0-9a-f]{16}$/);
    assert.match(theirs.session() ?? '', /^[0-9a-f]{16}$/);
    ours.socket.disconnect();
    theirs.socket.disconnect();
  });

  test('a session id logs the dashboard in again without its password, and without a new session id', async () => {
    const first = await login(on);
    const id = first.session();
    first.socket.disconnect();
    const again = await login(on, { sessionId: id });
    assert.deepEqual(again.config.supportedFeatures, DEVELOPMENT_FEATURES);
    assert.equal(again.session(), null);
    again.socket.disconnect();
    assert.equal(await refusal(on, { sessionId: '0123456789abcdef' }), 'invalid credentials');
  });

  test('server_stats come every 2 s with the fields Node sends, counts matching /api/metrics', async () => {
    const chat = await chatClient(on);
    await chat.timeout(TIMEOUT).emitWithAck('latency', 1);
    const ours = await login(on);
    const theirs = await login(node);
    const [[first], [second], [reference]] = await Promise.all([
      next(ours.socket, 'server_stats', 4_000),
      next(ours.socket, 'server_stats', 4_000).then(async () => next(ours.socket, 'server_stats', 4_000)),
      next(theirs.socket, 'server_stats', 4_000),
    ]);
    assert.deepEqual(Object.keys(first).sort(), Object.keys(reference).sort());
    assert.equal(typeof first.serverId, 'string');
    assert.equal(typeof first.pid, 'number');
    assert.ok(first.uptime > 0);
    const names = first.namespaces.map((namespace) => namespace.name);
    assert.ok(names.includes('/') && names.includes('/chat') && names.includes('/admin'), JSON.stringify(names));
    assert.ok(first.namespaces.find((namespace) => namespace.name === '/chat').socketsCount >= 1);
    for (const event of [...first.aggregatedEvents, ...second.aggregatedEvents]) {
      assert.equal(typeof event.timestamp, 'number');
      assert.equal(event.timestamp % 1000, 0);
      assert.ok(['rawConnection', 'rawDisconnection', 'packetsIn', 'packetsOut', 'bytesIn', 'bytesOut'].includes(event.type));
      assert.ok(event.count > 0);
    }
    // the same engine counts as the metrics: nothing connects or leaves between the two readings here
    let stats = second;
    for (let i = 0; i < 3 && stats.clientsCount !== await sessionsInMetrics(on); i++) {
      [stats] = await next(ours.socket, 'server_stats', 4_000);
    }
    assert.equal(stats.clientsCount, await sessionsInMetrics(on));
    assert.ok(stats.clientsCount >= 2, 'the chat client and the dashboard');
    chat.disconnect();
    ours.socket.disconnect();
    theirs.socket.disconnect();
  });

  test('traffic shows in aggregatedEvents: a connection, packets and bytes both ways', async () => {
    const ours = await login(on);
    await next(ours.socket, 'server_stats', 4_000); // what came before this test
    const chat = await chatClient(on);
    await chat.timeout(TIMEOUT).emitWithAck('latency', 'x'.repeat(100));
    const [stats] = await next(ours.socket, 'server_stats', 4_000);
    const total = (type) => stats.aggregatedEvents.filter((event) => event.type === type).reduce((sum, event) => sum + event.count, 0);
    assert.ok(total('rawConnection') >= 1, JSON.stringify(stats.aggregatedEvents));
    assert.ok(total('packetsIn') >= 2 && total('packetsOut') >= 2, JSON.stringify(stats.aggregatedEvents));
    assert.ok(total('bytesIn') > 100 && total('bytesOut') > 100, JSON.stringify(stats.aggregatedEvents));
    chat.disconnect();
    const [later] = await next(ours.socket, 'server_stats', 4_000);
    assert.ok(later.aggregatedEvents.some((event) => event.type === 'rawDisconnection' && event.subType === 'transport close'),
      JSON.stringify(later.aggregatedEvents));
    ours.socket.disconnect();
  });

  test('the steering commands act on the sockets they name, as on Node', async () => {
    for (const target of [on, node]) {
      const admin = await login(target);
      const chat = await chatClient(target);
      const hello = next(chat, 'hello');
      admin.socket.emit('emit', '/chat', chat.id, 'hello', 1, { two: 2 });
      assert.deepEqual(await hello, [1, { two: 2 }], target.name);

      admin.socket.emit('join', '/chat', 'vip', chat.id);
      await waitFor(async () => (await roomsOf(target, chat.id)).includes('vip'), `${target.name}: joined vip`);
      admin.socket.emit('leave', '/chat', 'vip');
      await waitFor(async () => !(await roomsOf(target, chat.id)).includes('vip'), `${target.name}: left vip`);

      const gone = next(chat, 'disconnect');
      admin.socket.emit('_disconnect', '/chat', true, chat.id);
      assert.equal((await gone)[0], 'io server disconnect', target.name);
      admin.socket.emit('join', '/no-such-namespace', 'x');
      await admin.socket.timeout(500).emitWithAck('no-such-command').catch(() => {}); // no answer comes; the link stays
      assert.ok(admin.socket.connected, target.name);
      admin.socket.disconnect();
    }
  });

  test('development mode: a socket\'s room, connect, events and disconnect reach the dashboard as Node sends them', async () => {
    const transcripts = [];
    for (const target of [on, node]) {
      const admin = await login(target);
      const chat = await chatClient(target);
      // the upgrade first, so that its socket_updated comes before the event on both servers
      await waitFor(async () => chat.io.engine.transport.name === 'websocket', `${target.name}: upgraded`);
      assert.equal(await chat.timeout(TIMEOUT).emitWithAck('latency', 1), 1);
      const id = chat.id;
      chat.disconnect();
      await waitFor(async () => admin.log.some(([event, , room]) => event === 'room_left' && room === id), `${target.name}: room_left`);
      transcripts.push(admin.log.filter(([event]) => SOCKET_EVENTS.has(event)).map((entry) => normalized(entry, id))
        .filter((entry) => entry[1] === '/chat' || entry[1]?.nsp === '/chat'));
      admin.socket.disconnect();
    }
    const [ours, theirs] = transcripts;
    const socket = { keys: ['clientId', 'data', 'handshake', 'id', 'nsp', 'rooms', 'transport'],
      handshake: ['address', 'headers', 'issued', 'query', 'secure', 'time', 'url', 'xdomain'],
      id: '<id>', nsp: '/chat', transport: 'polling', rooms: ['<id>'], data: {} };
    assert.deepEqual(theirs, [
      ['room_joined', '/chat', '<id>', '<id>', '<ts>'],
      ['socket_connected', socket, '<ts>'],
      ['socket_updated', { id: '<id>', nsp: '/chat', transport: 'websocket' }],
      ['event_received', '/chat', '<id>', ['latency', 1], '<ts>'],
      ['socket_disconnected', '/chat', '<id>', 'client namespace disconnect', '<ts>'],
      ['room_left', '/chat', '<id>', '<id>', '<ts>'],
    ], 'Node');
    assert.deepEqual(ours, theirs, 'Switchboard sends what Node sends');
  });

  test('development mode: all_sockets lists the sockets as Node serializes them', async () => {
    const listed = [];
    for (const target of [on, node]) {
      const chat = await chatClient(target);
      // the client connects over polling and upgrades: list it once upgraded, so both servers show the same transport
      await waitFor(async () => chat.io.engine.transport.name === 'websocket', `${target.name}: the chat client upgraded`);
      const admin = await login(target);
      await waitFor(async () => admin.log.some(([event]) => event === 'all_sockets'), `${target.name}: all_sockets`);
      const all = admin.log.find(([event]) => event === 'all_sockets')[1];
      const mine = all.find((socket) => socket.id === chat.id);
      assert.ok(mine, `${target.name}: the chat client is listed`);
      listed.push(normalized(['socket', mine], chat.id)[1]);
      chat.disconnect();
      admin.socket.disconnect();
    }
    assert.deepEqual(listed[0], listed[1]);
  });

  test('read-only offers no steering and ignores every command', async () => {
    const admin = await login(readonly);
    assert.deepEqual(admin.config, { supportedFeatures: ['AGGREGATED_EVENTS'] });
    const chat = await chatClient(readonly);
    let disconnected = false;
    chat.on('disconnect', () => (disconnected = true));
    admin.socket.emit('_disconnect', '/chat', true, chat.id);
    admin.socket.emit('emit', '/chat', chat.id, 'hello');
    chat.on('hello', () => assert.fail('a read-only dashboard emitted'));
    await next(admin.socket, 'server_stats', 4_000); // the commands were read long before this
    assert.equal(await chat.timeout(TIMEOUT).emitWithAck('latency', 7), 7);
    assert.equal(disconnected, false);
    chat.disconnect();
    admin.socket.disconnect();
  });

  test('repeated failures from one address are refused unchecked for a minute, even with the right password', async () => {
    for (let i = 0; i < 5; i++) {
      assert.equal(await refusal(readonly, { username: 'admin', password: `guess-${i}` }), 'invalid credentials');
    }
    assert.match(await refusal(readonly, { username: 'admin', password: PASSWORD }), /too many failed logins/);
  });
});

describe('the dashboard files', () => {
  test('are served at admin-ui/, the bare path redirected there', async () => {
    const bare = await fetch(new URL('admin-ui', on.base), { redirect: 'manual' });
    assert.ok([301, 302].includes(bare.status), `a redirect, not ${bare.status}`); // the container's own, or ours
    assert.match(bare.headers.get('location'), /\/admin-ui\/$/);
    const page = await fetch(new URL('admin-ui/', on.base));
    assert.equal(page.status, 200);
    const html = await page.text();
    const script = html.match(/src="?(js\/app\.[0-9a-f]+\.js)/)?.[1];
    assert.ok(script, html);
    const app = await fetch(new URL(`admin-ui/${script}`, on.base));
    assert.equal(app.status, 200);
    assert.match(app.headers.get('content-type'), /javascript/);
  });

  test('are served at adminUiPath when it is set, and nowhere else', async () => {
    const page = await fetch(new URL('ops/dashboard/', readonly.base));
    assert.equal(page.status, 200);
    assert.match(await page.text(), /js\/app\.[0-9a-f]+\.js/);
    assert.equal((await fetch(new URL('admin-ui/', readonly.base))).status, 404);
    assert.equal((await fetch(new URL('WEB-INF/admin-ui/index.html', on.base))).status, 404, 'the files are out of direct reach');
  });
});

const SOCKET_EVENTS = new Set(['socket_connected', 'socket_disconnected', 'socket_updated', 'room_joined', 'room_left',
  'event_received', 'event_sent']);

/** An entry with the socket's id and the timestamps (checked to be ISO dates) replaced, a socket by its shape. */
function normalized(entry, id) {
  const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
  return entry.map((value) => {
    if (value === id) return '<id>';
    if (typeof value === 'string' && iso.test(value)) return '<ts>';
    if (value && typeof value === 'object' && !Array.isArray(value) && 'handshake' in value) {
      assert.equal(typeof value.handshake.issued, 'number');
      assert.equal(typeof value.clientId, 'string');
      return { keys: Object.keys(value).sort(), handshake: Object.keys(value.handshake).sort(), id: value.id === id ? '<id>' : value.id,
        nsp: value.nsp, transport: value.transport, rooms: value.rooms.map((room) => (room === id ? '<id>' : room)), data: value.data };
    }
    if (value && typeof value === 'object' && !Array.isArray(value) && value.id === id) return { ...value, id: '<id>' };
    return value;
  });
}

async function roomsOf(target, socketId) {
  if (target === node) {
    return [...(node.server.of('/chat').adapter.sids.get(socketId) ?? [])];
  }
  const list = await (await api(target, `/api/sockets?namespace=${encodeURIComponent('/chat')}`)).json();
  return list.sockets.find((socket) => socket.id === socketId)?.rooms ?? [];
}

async function waitFor(check, what) {
  const deadline = Date.now() + TIMEOUT;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
