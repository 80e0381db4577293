// The official socket.io-client from Node against a running Switchboard with the test namespaces deployed
// (see NodeClientIT): the same scenarios over WebSocket, polling, and polling upgraded to WebSocket.
import assert from 'node:assert/strict';
import { describe, test, after } from 'node:test';
import { io } from 'socket.io-client';

const base = new URL(process.env.SWITCHBOARD_URL ?? 'http://127.0.0.1:8080/');
const path = `${base.pathname.replace(/\/?$/, '/')}socket.io/`;
const TIMEOUT = 10_000;

const modes = {
  websocket: { transports: ['websocket'] },
  polling: { transports: ['polling'], upgrade: false },
  upgrade: { transports: ['polling', 'websocket'], upgrade: true },
};

const open = [];
after(() => open.forEach((socket) => socket.disconnect()));

function client(namespace, mode, extra = {}) {
  const socket = io(`${base.origin}${namespace}`, { path, forceNew: true, reconnection: false, ...modes[mode], ...extra });
  open.push(socket);
  return socket;
}

function once(socket, event) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' within ${TIMEOUT} ms`)), TIMEOUT);
    socket.once(event, (...args) => {
      clearTimeout(timer);
      resolve(args);
    });
  });
}

async function connected(socket) {
  const [error] = await Promise.race([
    once(socket, 'connect').then(() => [null]),
    once(socket, 'connect_error'),
  ]);
  if (error) throw error;
  return socket;
}

const call = (socket, event, ...args) => socket.timeout(TIMEOUT).emitWithAck(event, ...args);

for (const mode of Object.keys(modes)) {
  describe(`over ${mode}`, { timeout: 60_000 }, () => {
    test('main namespace hands the auth object to the handler', async () => {
      const socket = client('/', mode, { auth: { token: 'abc' } });
      const auth = once(socket, 'auth');
      await connected(socket);
      assert.deepEqual((await auth)[0], { token: 'abc' });
    });

    test('custom namespace is multiplexed on one connection', async () => {
      const main = client('/', mode);
      await connected(main);
      const custom = main.io.socket('/custom');
      const auth = once(custom, 'auth');
      custom.connect();
      await connected(custom);
      assert.deepEqual((await auth)[0], {});
      assert.notEqual(custom.id, main.id);
      custom.disconnect();
      const back = once(main, 'message-back');
      main.emit('message', 1, '2', { 3: [true] });
      assert.deepEqual(await back, [1, '2', { 3: [true] }]);
    });

    test('acks travel both ways, with a handler acking later from another thread', async () => {
      const socket = client('/test', mode);
      const welcome = once(socket, 'welcome');
      await connected(socket);
      assert.equal((await welcome)[0], socket.id);
      assert.equal(await call(socket, 'echo', 'héllo 👋'), 'héllo 👋');
      assert.equal(await call(socket, 'sum', 40, 2), 42);
      assert.equal(await call(socket, 'later', 'x'), 'later:x');
      socket.on('question', (text, ack) => ack(`yes to ${text}`));
      assert.equal(await call(socket, 'ask', 5000), 'answer:yes to ready?');
      const unanswered = await socket.timeout(500).emitWithAck('no-such-event').catch((error) => error);
      assert.equal(unanswered.message, 'operation has timed out', 'an event without a handler gets no ack');
    });

    test('binary travels both ways', async () => {
      const socket = client('/test', mode);
      await connected(socket);
      const data = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      const reversed = Buffer.from(data).reverse();
      const response = await socket.timeout(TIMEOUT).emitWithAck('binary', data);
      assert.ok(Buffer.isBuffer(response), 'the ack carries binary');
      assert.deepEqual(response, reversed);
      const main = client('/', mode);
      await connected(main);
      const back = once(main, 'message-back');
      main.emit('message', { nested: [Buffer.from([1, 2, 3])] }, Buffer.from([4, 5, 6]));
      const [first, second] = await back;
      assert.deepEqual(first.nested[0], Buffer.from([1, 2, 3]));
      assert.deepEqual(second, Buffer.from([4, 5, 6]));
    });

    test('connect errors carry message and data', async () => {
      const rejected = client('/test', mode, { auth: { token: 'reject' } });
      const [error] = await once(rejected, 'connect_error');
      assert.equal(error.message, 'Not authorized');
      assert.deepEqual(error.data, { reason: 'bad token' });
      const unknown = client('/nowhere', mode);
      const [invalid] = await once(unknown, 'connect_error');
      assert.equal(invalid.message, 'Invalid namespace');
    });

    test('server ack timeout reaches the handler; a late ack is dropped', async () => {
      const socket = client('/test', mode);
      await connected(socket);
      let late;
      socket.on('question', (text, ack) => { late = ack; });
      assert.equal(await call(socket, 'ask', 300), 'failed:timeout');
      late('too late');
      assert.equal(await call(socket, 'echo', 'still here'), 'still here');
    });
  });
}

describe('rooms', { timeout: 60_000 }, () => {
  test('a broadcast reaches every member of the room once, and nobody else', async () => {
    const sockets = await Promise.all(Array.from({ length: 30 }, (_, i) =>
      connected(client('/test', Object.keys(modes)[i % 3]))));
    const received = sockets.map(() => []);
    sockets.forEach((socket, i) => socket.on('shout', (text) => received[i].push(text)));
    const room = `room-${Date.now()}`;
    await Promise.all(sockets.filter((_, i) => i % 3 !== 1).map((socket) => call(socket, 'join', room)));
    assert.equal(await call(sockets[1], 'shout', { room, text: 'hello room' }), 20);
    await Promise.all(sockets.map((socket) => call(socket, 'echo', 'sync')));
    received.forEach((texts, i) => assert.deepEqual(texts, i % 3 !== 1 ? ['hello room'] : [], `socket ${i}`));
  });

  test('the disconnect handler sees the reason', async () => {
    const watcher = await connected(client('/test', 'websocket'));
    await call(watcher, 'join', 'watchers');
    const leaver = await connected(client('/test', 'polling'));
    const id = leaver.id;
    const gone = once(watcher, 'gone');
    leaver.disconnect();
    assert.deepEqual(await gone, [id, 'client namespace disconnect']);
  });
});
