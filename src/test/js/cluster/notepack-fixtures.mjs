// Writes the byte fixtures for the Java MessagePack codec of the Redis adapter:
// src/test/resources/dev/switchboard/adapter/notepack-fixtures.json, {"values": [...], "traffic": [...]}.
//
//   node src/test/js/cluster/notepack-fixtures.mjs [--redis redis://127.0.0.1:<port>] [--out <file>]
//
// values:  {name, hex, json[, note]}: hex is notepack.io's encode() of a JavaScript value and json
//          what notepack.io's decode() gives back for those bytes, in the tagged form below. Where
//          encoding loses something (undefined, 1e300, ArrayBuffer, ...) `note` says what.
// traffic: {name, channel, format, hex, decoded}: the exact bytes that socket.io 4.8 with
//          @socket.io/redis-adapter 8.3.0 and @socket.io/redis-emitter 5.1.0 PUBLISH on Redis, seen by
//          a PSUBSCRIBE '*' client. format is "msgpack" or "json" (the adapter sends JSON for most
//          requests and responses and tells them apart by a leading '{'); decoded is the tagged form of
//          notepack.decode() or JSON.parse(). uids, request ids, socket ids and handshake times change
//          from run to run; everything else is the same.
//
// Tagged JSON form: a Buffer is {"$bin": base64}, a Date {"$date": epoch millis}, undefined
// {"$undefined": true}; an integer beyond 2^53 - 1 in magnitude is its decimal string. Other
// numbers, strings, booleans, null, arrays and objects are plain JSON (key order as on the wire).
//
// Without --redis it starts its own redis-server (bound to 127.0.0.1, no persistence) and stops it.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFile, mkdir } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { createAdapter } from '@socket.io/redis-adapter';
import { Emitter } from '@socket.io/redis-emitter';
import notepack from 'notepack.io';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { io as ioClient } from 'socket.io-client';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const { values: options } = parseArgs({
  options: {
    redis: { type: 'string' },
    out: { type: 'string', default: join(root, 'src/test/resources/dev/switchboard/adapter/notepack-fixtures.json') },
  },
});

const log = (...args) => console.error('[notepack-fixtures]', ...args);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- tagged JSON form --------------------------------------------------------------------------

function tag(value) {
  if (value === undefined) return { $undefined: true };
  if (typeof value === 'number') {
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) return BigInt(value).toString();
    return Object.is(value, -0) ? 0 : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Buffer.isBuffer(value)) return { $bin: value.toString('base64') };
  if (value instanceof ArrayBuffer) return { $bin: Buffer.from(value).toString('base64') };
  if (value instanceof Date) return { $date: value.getTime() };
  if (Array.isArray(value)) return value.map(tag);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tag(v)]));
}

// --- values ------------------------------------------------------------------------------------

const ascii = (n) => Array.from({ length: n }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
const bytes = (n) => Buffer.from(Array.from({ length: n }, (_, i) => i & 0xff));
const smallInts = (n) => Array.from({ length: n }, (_, i) => i % 128);
const keys16 = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${String(i).padStart(2, '0')}`, i]));

const arrayBuffer3 = new ArrayBuffer(3);
new Uint8Array(arrayBuffer3).set([1, 2, 3]);

/** [name, value, note?] */
const VALUES = [
  ['int 0', 0],
  ['int 1', 1],
  ['int 127 (largest positive fixint)', 127],
  ['int 128 (uint 8)', 128],
  ['int 255', 255],
  ['int 256 (uint 16)', 256],
  ['int 65535', 65535],
  ['int 65536 (uint 32)', 65536],
  ['int 2^32-1', 2 ** 32 - 1],
  ['int 2^32 (uint 64)', 2 ** 32],
  ['int 2^53-1', 2 ** 53 - 1],
  ['int 2^53', 2 ** 53, 'beyond 2^53 - 1: json holds the decimal string'],
  ['int 2^60', 2 ** 60, 'beyond 2^53 - 1: json holds the decimal string'],
  ['int 2^63 (above Long.MAX_VALUE)', 2 ** 63, 'uint 64 with the top bit set; json holds the decimal string'],
  ['int -1', -1],
  ['int -32 (smallest negative fixint)', -32],
  ['int -33 (int 8)', -33],
  ['int -128', -128],
  ['int -129 (int 16)', -129],
  ['int -32768', -32768],
  ['int -32769 (int 32)', -32769],
  ['int -2^31', -(2 ** 31)],
  ['int -2^31-1 (int 64)', -(2 ** 31) - 1],
  ['int -(2^53-1)', -(2 ** 53 - 1)],
  ['int -2^63', -(2 ** 63), 'int 64 minimum; json holds the decimal string'],
  ['negative zero', -0, 'notepack writes -0 as the positive fixint 0'],
  ['float 1.5', 1.5],
  ['float -0.25', -0.25],
  ['float 0.1', 0.1],
  ['float 1e300', 1e300, 'notepack takes 1e300 for an integer (Math.floor(x) === x) and its uint 64 path keeps only the low 64 bits of it: it is written as cf 00 00 00 00 00 00 00 00 and decodes as 0'],
  ['string empty', ''],
  ['string a', 'a'],
  ['string 31 chars (largest fixstr)', ascii(31)],
  ['string 32 chars (str 8)', ascii(32)],
  ['string 255 chars', ascii(255)],
  ['string 256 chars (str 16)', ascii(256)],
  ['string 65536 chars (str 32)', ascii(65536)],
  ['string non-ASCII', 'é😀'],
  ['string 16 x é (16 chars, 32 UTF-8 bytes: str 8)', 'é'.repeat(16)],
  ['string mixed 40 chars', `héllo wörld ✓ 😀 ${ascii(20)}`],
  ['true', true],
  ['false', false],
  ['null', null],
  ['undefined', undefined, 'notepack writes undefined as nil (c0), so it decodes as null'],
  ['array empty', []],
  ['array [1, "a", null]', [1, 'a', null]],
  ['array 15 small ints (largest fixarray)', smallInts(15)],
  ['array 16 small ints (array 16)', smallInts(16)],
  ['array 65536 small ints (array 32)', smallInts(65536)],
  ['array with undefined', [1, undefined, 2], 'an undefined element is written as nil'],
  ['map empty', {}],
  ['map {a:1, b:[true]}', { a: 1, b: [true] }],
  ['map 15 keys (largest fixmap)', Object.fromEntries(Object.entries(keys16).slice(0, 15))],
  ['map 16 keys (map 16)', keys16],
  ['map with an undefined value', { a: 1, b: undefined, c: 2 }, 'a key whose value is undefined (or a function) is left out'],
  ['map with integer-like keys', { b: 1, 2: 'two', a: 3 }, 'JavaScript puts integer-like keys first, so the wire order is "2", "b", "a"'],
  ['map non-ASCII key', { 'clé 😀': 'v' }],
  ['buffer [1,2,3] (bin 8)', Buffer.from([1, 2, 3])],
  ['buffer empty', Buffer.alloc(0)],
  ['buffer 256 bytes (bin 16)', bytes(256)],
  ['buffer 65536 bytes (bin 32)', bytes(65536)],
  ['ArrayBuffer [1,2,3]', arrayBuffer3, 'notepack writes an ArrayBuffer (or typed array) as bin, like a Buffer; it decodes as a Buffer'],
  ['Uint8Array [4,5]', new Uint8Array([4, 5]), 'a typed array is written as bin'],
  ['date 0 (timestamp 32)', new Date(0)],
  ['date 1700000000123 (timestamp 64)', new Date(1700000000123)],
  ['date 1700000000000 (timestamp 32)', new Date(1700000000000)],
  ['date -1 (timestamp 96)', new Date(-1)],
  ['date 2^34 s (timestamp 96)', new Date(2 ** 34 * 1000)],
  [
    'nested mix',
    { event: 'x', data: [1, Buffer.from([0xff]), { d: new Date(0), f: -1.5, s: 'é' }, null, [[], {}]], ok: true },
  ],
  ['nested deep arrays', [[[[[1]]]], [[2, [3, [4, [5]]]]]]],
  [
    'socket.io broadcast message shape',
    [
      'AbCdEf',
      { type: 2, data: ['ev', 1, 'two', { three: 3 }, Buffer.from([1, 2])], nsp: '/' },
      { rooms: ['room1'], except: [], flags: {} },
    ],
  ],
  ['array of maps', Array.from({ length: 17 }, (_, i) => ({ i, s: String(i) }))],
];

function encodeValues() {
  return VALUES.map(([name, value, note]) => {
    const encoded = notepack.encode(value);
    const decoded = notepack.decode(encoded);
    const entry = { name, hex: encoded.toString('hex'), json: tag(decoded) };
    if (note) entry.note = note;
    return entry;
  });
}

// --- traffic -----------------------------------------------------------------------------------

async function freePort() {
  const server = createNetServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

async function startRedis() {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const probe = createClient({ url, socket: { reconnectStrategy: false } });
    probe.on('error', () => {});
    try {
      await probe.connect();
      await probe.quit();
      return { url, stop };
    } catch {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      await sleep(50);
    }
  }
  await stop();
  throw new Error('redis-server did not start');
}

async function startNode(url, name) {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  pub.on('error', (err) => log(name, 'redis error', err.message));
  sub.on('error', (err) => log(name, 'redis error', err.message));
  await Promise.all([pub.connect(), sub.connect()]);
  const http = createHttpServer();
  const io = new Server(http, { adapter: createAdapter(pub, sub) });
  io.of('/chat');
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  // let the adapters' SUBSCRIBE/PSUBSCRIBE (not awaited by the adapter) reach Redis
  await sub.pSubscribe('__sync__', () => {});
  await sub.pUnsubscribe('__sync__');
  return {
    io,
    port: http.address().port,
    close: async () => {
      await io.close();
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}

async function captureTraffic(url) {
  const spy = createClient({ url });
  spy.on('error', (err) => log('spy redis error', err.message));
  await spy.connect();
  /** @type {{channel: string, message: Buffer}[]} */
  let inbox = [];
  await spy.pSubscribe('*', (message, channel) => inbox.push({ channel: channel.toString(), message: Buffer.from(message) }), true);

  const emitterClient = createClient({ url });
  await emitterClient.connect();
  const emitter = new Emitter(emitterClient);

  const a = await startNode(url, 'A');
  const b = await startNode(url, 'B');

  // B answers server-side events with an ack
  b.io.on('hello', (...args) => {
    const ack = typeof args.at(-1) === 'function' ? args.pop() : null;
    ack?.('world');
  });

  // One client on B, in room1 of / and of /chat, that acknowledges 'q'.
  const client = ioClient(`http://127.0.0.1:${b.port}/`, { transports: ['websocket'], reconnection: false });
  const chatClient = ioClient(`http://127.0.0.1:${b.port}/chat`, { transports: ['websocket'], reconnection: false });
  client.on('q', (n, ack) => ack({ answer: n + 1, bin: Buffer.from([7, 8]) }));
  await Promise.all([once(client, 'connect'), once(chatClient, 'connect')]);
  b.io.of('/').sockets.get(client.id).join('room1');
  b.io.of('/chat').sockets.get(chatClient.id).join('room1');

  const traffic = [];
  const classify = (channel, decoded) => {
    if (channel.includes('-request#')) return 'request';
    if (channel.includes('-response#')) {
      if (decoded?.type === 8) return 'clientCount';
      if (decoded?.type === 9) return 'ack';
      return 'response';
    }
    return 'broadcast';
  };

  /** Runs one operation and records exactly `expected` messages published because of it. */
  async function step(name, expected, operation) {
    inbox = [];
    await operation();
    for (let waited = 0; inbox.length < expected && waited < 3000; waited += 10) await sleep(10);
    await sleep(150); // anything more would be a surprise
    if (inbox.length !== expected) {
      throw new Error(`${name}: expected ${expected} messages, saw ${inbox.length}: ${inbox.map((m) => m.channel).join(', ')}`);
    }
    const seen = new Map();
    for (const { channel, message } of inbox) {
      const json = message[0] === 0x7b;
      const decoded = json ? JSON.parse(message.toString('utf8')) : notepack.decode(message);
      const kind = classify(channel, decoded);
      const count = (seen.get(kind) ?? 0) + 1;
      seen.set(kind, count);
      traffic.push({
        name: expected === 1 ? name : `${name}.${kind}${count > 1 ? count : ''}`,
        channel,
        format: json ? 'json' : 'msgpack',
        hex: message.toString('hex'),
        decoded: tag(decoded),
      });
    }
  }

  const A = a.io;
  await step('emit', 1, () => A.emit('ev', 1, 'two', { three: 3 }));
  await step('emit.room1.binary', 1, () => A.to('room1').emit('ev', Buffer.from([1, 2])));
  await step('emit.rooms.except', 1, () => A.to(['r1', 'r2']).except('r3').emit('ev'));
  await step('emit.chat.room1', 1, () => A.of('/chat').to('room1').emit('ev', 'hi', { n: 1.5 }));
  await step('emit.volatile.compress', 1, () => A.volatile.compress(false).emit('ev', true));
  await step('emit.local (nothing published)', 0, () => A.local.emit('ev', 1));
  await step('fetchSockets.room1', 2, () => A.in('room1').fetchSockets());
  await step('socketsJoin', 1, () => A.in('room1').socketsJoin(['room2']));
  await step('socketsLeave', 1, () => A.in('room2').socketsLeave('room2'));
  await step('serverSideEmit', 1, () => A.serverSideEmit('hello', 1));
  let ssResponses;
  await step('serverSideEmit.ack', 2, async () => {
    ssResponses = await A.serverSideEmitWithAck('hello', 1);
  });
  if (!isDeepStrictEqual(ssResponses, ['world'])) throw new Error(`serverSideEmitWithAck answered ${JSON.stringify(ssResponses)}`);
  let ackResponses;
  await step('emitWithAck.room1', 3, async () => {
    ackResponses = await A.to('room1').timeout(1000).emitWithAck('q', 1);
  });
  if (ackResponses?.[0]?.answer !== 2) throw new Error(`emitWithAck answered ${JSON.stringify(ackResponses)}`);
  let rooms;
  await step('allRooms', 2, async () => {
    rooms = await A.of('/').adapter.allRooms();
  });
  if (!rooms.has('room1')) throw new Error(`allRooms gave ${[...rooms]}`);
  await step('emitter.emit', 1, () => emitter.emit('ev', 1, Buffer.from([3])));
  await step('emitter.emit.room1', 1, () => emitter.to('room1').emit('ev', 'x'));
  await step('emitter.emit.chat.rooms.except', 1, () => emitter.of('/chat').to(['r1', 'r2']).except('r3').emit('ev'));
  await step('emitter.socketsJoin', 1, () => emitter.in('room1').socketsJoin('room3'));
  await step('emitter.socketsLeave', 1, () => emitter.in('room1').socketsLeave(['room3']));
  await step('emitter.serverSideEmit', 1, () => emitter.serverSideEmit('hello', 2));
  const disconnected = once(client, 'disconnect');
  await step('disconnectSockets.close', 1, () => A.in('room1').disconnectSockets(true));
  await disconnected;
  await step('emitter.disconnectSockets', 1, () => emitter.in('room1').disconnectSockets(false));

  client.close();
  chatClient.close();
  await a.close();
  await b.close();
  await Promise.allSettled([spy.quit(), emitterClient.quit()]);
  return traffic;
}

// --- main --------------------------------------------------------------------------------------

const values = encodeValues();
const redis = options.redis ? { url: options.redis, stop: async () => {} } : await startRedis();
let traffic;
try {
  traffic = await captureTraffic(redis.url);
} finally {
  await redis.stop();
}

// One entry a line: diffs stay readable and the file stays small.
const lines = (entries) => entries.map((e) => JSON.stringify(e)).join(',\n');
const text = `{"values": [\n${lines(values)}\n],\n"traffic": [\n${lines(traffic)}\n]}\n`;
await mkdir(dirname(options.out), { recursive: true });
await writeFile(options.out, text);
log(`wrote ${values.length} values and ${traffic.length} traffic messages (${text.length} bytes) to ${options.out}`);
process.exit(0);
