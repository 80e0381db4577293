// The chat example's contract, as the front end relies on it. The same tests run against the Node stand-in
// (npm run test:unit, fast, no Java) and against Switchboard itself (SWITCHBOARD_URL set: BrowserIT), so
// that what the front end learns against the stand-in holds against the real server.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { io } from 'socket.io-client';
import { startStandinServer } from '../support/standin-server.mjs';
import { nextEvent } from '../support/wait.mjs';

/** The server under test: { url, origin, path, close }. */
let server;
const sockets = [];
const target = process.env.SWITCHBOARD_URL ? 'Switchboard' : 'stand-in server';

before(async () => {
  if (process.env.SWITCHBOARD_URL) {
    const base = new URL(process.env.SWITCHBOARD_URL);
    server = { url: base.href, origin: base.origin, path: base.pathname.replace(/\/?$/, '/'), close: async () => {} };
  } else {
    const standin = await startStandinServer({ contextPath: '/ctx/' });
    server = { url: standin.url, origin: standin.origin, path: '/ctx/', close: () => standin.close() };
  }
});

after(async () => {
  sockets.forEach((socket) => socket.disconnect());
  await server.close();
});

async function connected() {
  const socket = io(`${server.origin}/chat`, { path: `${server.path}socket.io/`, transports: ['websocket'], forceNew: true });
  sockets.push(socket);
  await nextEvent(socket, 'connect');
  return socket;
}

async function member(room, name) {
  const socket = io(`${server.origin}/chat`, { path: `${server.path}socket.io/`, transports: ['websocket'], forceNew: true });
  sockets.push(socket);
  await nextEvent(socket, 'connect');
  const reply = await socket.timeout(2000).emitWithAck('join', { room, name });
  return { socket, reply };
}

describe(`chat contract on the ${target}`, { timeout: 10_000 }, () => {
  test('api/info answers with name, version and config under the context path', async () => {
    const response = await fetch(`${server.url}api/info`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^application\/json/);
    const info = await response.json();
    assert.equal(info.name, 'switchboard');
    assert.match(info.version, /^\d+\.\d+\.\d+/);
    assert.equal(typeof info.config, 'object');
  });

  test('serves the console page and the vendored client', async () => {
    assert.match(await (await fetch(server.url)).text(), /<title>Switchboard console<\/title>/);
    const vendor = await fetch(`${server.url}js/vendor/socket.io.esm.min.js`);
    assert.equal(vendor.status, 200, 'run npm run build first');
    assert.match(vendor.headers.get('content-type'), /javascript/);
    // Encoded slashes survive URL normalisation, so this path would reach the repository's package.json: refused
    // (404 from the stand-in; a container may answer 400 for the encoded slash itself).
    const escape = await fetch(`${server.url}js/..%2f..%2f..%2f..%2fpackage.json`);
    assert.ok(escape.status === 404 || escape.status === 400, `answered ${escape.status}`);
  });

  test('join acks the member list and tells the others', async () => {
    const first = await member('contract-join', 'ada');
    assert.deepEqual({ ...first.reply, ts: 0 }, { room: 'contract-join', members: ['ada'], ts: 0, missed: [] });
    assert.ok(Math.abs(first.reply.ts - Date.now()) < 5000, 'ts: the server time of the reply');
    const told = nextEvent(first.socket, 'joined');
    const second = await member('contract-join', 'grace');
    assert.deepEqual(second.reply.members, ['ada', 'grace']);
    assert.deepEqual(await told, { room: 'contract-join', name: 'grace' });
  });

  test('say reaches everyone in the room, the sender included', async () => {
    const ada = await member('contract-say', 'ada');
    const grace = await member('contract-say', 'grace');
    const outsider = await member('contract-elsewhere', 'eve');
    let leaked = false;
    outsider.socket.on('message', () => (leaked = true));
    const atAda = nextEvent(ada.socket, 'message');
    const atGrace = nextEvent(grace.socket, 'message');
    assert.deepEqual(await ada.socket.timeout(2000).emitWithAck('say', { room: 'contract-say', text: 'hi' }), { ok: true });
    for (const message of [await atAda, await atGrace]) {
      assert.deepEqual({ ...message, ts: 0 }, { room: 'contract-say', name: 'ada', text: 'hi', ts: 0 });
      assert.ok(Math.abs(message.ts - Date.now()) < 5000);
    }
    // A round trip on the outsider's own connection orders after any message it could have been sent.
    await outsider.socket.timeout(2000).emitWithAck('latency', 1);
    assert.equal(leaked, false);
  });

  test('leave and disconnect tell the room who left', async () => {
    const ada = await member('contract-leave', 'ada');
    const grace = await member('contract-leave', 'grace');
    const leftAfterLeave = nextEvent(ada.socket, 'left');
    assert.deepEqual(await grace.socket.timeout(2000).emitWithAck('leave', { room: 'contract-leave' }), { ok: true });
    assert.deepEqual(await leftAfterLeave, { room: 'contract-leave', name: 'grace' });

    const linus = await member('contract-leave', 'linus');
    const leftAfterDisconnect = nextEvent(ada.socket, 'left');
    linus.socket.disconnect();
    assert.deepEqual(await leftAfterDisconnect, { room: 'contract-leave', name: 'linus' });
  });

  test('a member coming back joins with since and gets what was said while it was away, oldest first', async () => {
    const grace = await member('contract-since', 'grace');
    const ada = await member('contract-since', 'ada');
    const seen = nextEvent(grace.socket, 'message');
    await ada.socket.timeout(2000).emitWithAck('say', { room: 'contract-since', text: 'seen', id: 'ada-1' });
    const since = (await seen).ts;
    grace.socket.disconnect();
    for (const [text, id] of [['missed one', 'ada-2'], ['missed two', 'ada-3']]) {
      await ada.socket.timeout(2000).emitWithAck('say', { room: 'contract-since', text, id });
    }
    const back = await connected();
    const reply = await back.timeout(2000).emitWithAck('join', { room: 'contract-since', name: 'grace', since });
    // at or after since: the last message seen may come again (same id), the page shows it once
    const missed = reply.missed.map(({ text, id, name }) => ({ text, id, name })).filter(({ id }) => id !== 'ada-1');
    assert.deepEqual(missed, [{ text: 'missed one', id: 'ada-2', name: 'ada' }, { text: 'missed two', id: 'ada-3', name: 'ada' }]);
    const fresh = await back.timeout(2000).emitWithAck('join', { room: 'contract-since', name: 'grace', since: reply.ts + 1 });
    assert.deepEqual(fresh.missed, []);
  });

  test('a say repeated with the same id is acknowledged and delivered once, with its id', async () => {
    const ada = await member('contract-repeat', 'ada');
    const grace = await member('contract-repeat', 'grace');
    const texts = [];
    grace.socket.on('message', (message) => texts.push(message));
    const say = { room: 'contract-repeat', text: 'only once', id: 'ada-0001' };
    assert.deepEqual(await ada.socket.timeout(2000).emitWithAck('say', say), { ok: true });
    assert.deepEqual(await ada.socket.timeout(2000).emitWithAck('say', say), { ok: true });
    await grace.socket.timeout(2000).emitWithAck('latency', 1);
    assert.deepEqual(texts.map(({ text, id }) => ({ text, id })), [{ text: 'only once', id: 'ada-0001' }]);
  });

  test('say before join is refused with an error and reaches no one', async () => {
    const ada = await member('contract-say-first', 'ada');
    const eve = await connected();
    let delivered = false;
    ada.socket.on('message', () => (delivered = true));
    assert.deepEqual(await eve.timeout(2000).emitWithAck('say', { room: 'contract-say-first', text: 'hi' }),
      { error: 'join the room first' });
    await ada.socket.timeout(2000).emitWithAck('latency', 1);
    assert.equal(delivered, false);
  });

  test('malformed join, say and leave get an error naming what they need', async () => {
    const socket = await connected();
    assert.deepEqual(await socket.timeout(2000).emitWithAck('join', { room: 'x' }), { error: 'join needs {room, name}' });
    assert.deepEqual(await socket.timeout(2000).emitWithAck('say', { text: 'hi' }), { error: 'say needs {room, text}' });
    assert.deepEqual(await socket.timeout(2000).emitWithAck('leave', {}), { error: 'leave needs {room}' });
  });

  test('an event the chat does not know gets an error naming it when an answer was asked for', async () => {
    const socket = await connected();
    assert.deepEqual(await socket.timeout(2000).emitWithAck('shout', { room: 'x' }), { error: "unknown event 'shout'" });
    socket.emit('whisper', 'no answer asked');
    assert.equal(await socket.timeout(2000).emitWithAck('latency', 1), 1, 'the connection is still fine');
  });

  test('leaving a room one never joined is fine and tells no one', async () => {
    const ada = await member('contract-leave-unjoined', 'ada');
    const eve = await connected();
    let told = false;
    ada.socket.on('left', () => (told = true));
    assert.deepEqual(await eve.timeout(2000).emitWithAck('leave', { room: 'contract-leave-unjoined' }), { ok: true });
    await ada.socket.timeout(2000).emitWithAck('latency', 1);
    assert.equal(told, false);
  });

  test('latency acks with the arguments it got', async () => {
    const { socket } = await member('contract-latency', 'ada');
    const reply = await new Promise((resolve) => socket.emit('latency', 123, 'x', { y: 1 }, (...args) => resolve(args)));
    assert.deepEqual(reply, [123, 'x', { y: 1 }]);
  });
});
