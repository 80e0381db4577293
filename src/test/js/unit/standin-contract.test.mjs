// The stand-in server keeps to the contract the Java server implements (docs/frontend.md), so that what
// the front end learns against it holds against the real one.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { io } from 'socket.io-client';
import { startStandinServer } from '../support/standin-server.mjs';
import { nextEvent } from '../support/wait.mjs';

let server;
const sockets = [];

before(async () => {
  server = await startStandinServer({ contextPath: '/ctx/' });
});

after(async () => {
  sockets.forEach((socket) => socket.disconnect());
  await server.close();
});

async function member(room, name) {
  const socket = io(`${server.origin}/chat`, { path: '/ctx/socket.io/', transports: ['websocket'], forceNew: true });
  sockets.push(socket);
  await nextEvent(socket, 'connect');
  const reply = await socket.timeout(2000).emitWithAck('join', { room, name });
  return { socket, reply };
}

describe('stand-in server', { timeout: 10_000 }, () => {
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
    // Encoded slashes survive URL normalisation, so this path would reach the repository's package.json.
    assert.equal((await fetch(`${server.url}js/..%2f..%2f..%2f..%2fpackage.json`)).status, 404);
  });

  test('join acks the member list and tells the others', async () => {
    const first = await member('contract-join', 'ada');
    assert.deepEqual(first.reply, { room: 'contract-join', members: ['ada'] });
    const told = nextEvent(first.socket, 'joined');
    const second = await member('contract-join', 'grace');
    assert.deepEqual(second.reply, { room: 'contract-join', members: ['ada', 'grace'] });
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

  test('latency acks with the arguments it got', async () => {
    const { socket } = await member('contract-latency', 'ada');
    const reply = await new Promise((resolve) => socket.emit('latency', 123, 'x', { y: 1 }, (...args) => resolve(args)));
    assert.deepEqual(reply, [123, 'x', { y: 1 }]);
  });
});
