// The Socket.IO Admin UI's protocol, played as its dashboard (@socket.io/admin-ui 0.5.1, ui/src) plays it, against
// Switchboard (SWITCHBOARD_URL: adminUi=on; SWITCHBOARD_READONLY_URL: adminUi=readonly; both with the password below)
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

/** Node's own server with the package's instrument(), as its README sets it up, in production mode like ours. */
async function nodeReference() {
  const http = createServer();
  const server = new Server(http);
  server.of('/chat').on('connection', (socket) => {
    socket.on('latency', (...args) => args.pop()(...args));
  });
  adminUi.instrument(server, { auth: { type: 'basic', username: 'admin', password: HASH }, mode: 'production' });
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
  socket.on('session', (id) => (session = id));
  const config = next(socket, 'config');
  const [error] = await Promise.race([next(socket, 'connect').then(() => [null]), next(socket, 'connect_error')]);
  if (error) throw error;
  return { socket, config: (await config)[0], session: () => session };
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

const PRODUCTION_FEATURES = ['EMIT', 'JOIN', 'LEAVE', 'DISCONNECT', 'MJOIN', 'MLEAVE', 'MDISCONNECT', 'AGGREGATED_EVENTS'];

describe('the Admin UI protocol', { timeout: 120_000 }, () => {
  test('wrong credentials are refused with the message the dashboard knows, as Node refuses them', async () => {
    for (const target of [on, node]) {
      assert.equal(await refusal(target, { username: 'admin', password: 'wrong' }), 'invalid credentials', target.name);
      assert.equal(await refusal(target, { username: 'root', password: PASSWORD }), 'invalid credentials', target.name);
      assert.equal(await refusal(target, { sessionId: null }), 'invalid credentials', target.name);
    }
  });

  test('a login gets a session id and the features Node offers in production mode', async () => {
    const ours = await login(on);
    const theirs = await login(node);
    assert.deepEqual(ours.config, { supportedFeatures: PRODUCTION_FEATURES });
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
    assert.deepEqual(again.config.supportedFeatures, PRODUCTION_FEATURES);
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
});

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
