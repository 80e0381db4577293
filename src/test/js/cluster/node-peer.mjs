// A reference Node.js member of a mixed Socket.IO cluster, for the Java Redis-adapter tests.
// It runs socket.io 4.8 with @socket.io/redis-adapter 8.3 (node-redis v4 clients) on a Redis server
// that the Java nodes also use, so a Java test can check that both implementations understand each
// other's messages. The Java test drives it over a small JSON HTTP API on the same port, under /control/.
//
//   node src/test/js/cluster/node-peer.mjs --port <p> --redis redis://127.0.0.1:<r> [--key socket.io]
//                                          [--requests-timeout 5000] [--adapter redis|streams]
//                                          [--recovery <maxDisconnectionDuration ms>] [--stream-count n]
//
// --adapter streams runs @socket.io/redis-streams-adapter 0.3.1 instead (stream and channel prefix = --key; the
// emitter endpoints then do not apply; --stream-count spreads the namespaces over n streams, as its streamCount);
// --recovery switches socket.io's connection state recovery on.
//
// --port 0 picks a free port. Once it listens and its adapters are subscribed it prints exactly one
// line on stdout, `node-peer ready <port>`; everything else goes to stderr. SIGTERM or SIGINT closes it.
//
// Namespaces / and /chat behave the same:
//   client events  join {room, name} -> ack {ok:true} (joins room, socket.data.name = name)
//                  leave {room}      -> ack {ok:true}
//                  echo ...args      -> ack(...args)
//   server-side    every event received (serverSideEmit from other nodes) is recorded;
//                  'ping-node' ...args with an ack answers {from:'node', args}
//                  'count' with an ack answers {clients: <sockets of the namespace here>, from:'node'}
//
// Control API (JSON in and out; a failure is 500 {error}). Binary values travel as {"$bin": base64},
// both in requests (turned into Buffers) and in responses. rooms/except default to [] (everyone).
//   POST /control/emit                  {nsp, rooms?, except?, event, args, local?, volatile?} -> {ok}
//   POST /control/emit-with-ack         {nsp, rooms?, except?, event, args, timeout}  -> {responses} | {error, responses}
//   POST /control/fetch-sockets         {nsp, rooms?, except?, local?}                -> {sockets:[{id, handshake, rooms, data}]}
//   POST /control/sockets-join          {nsp, rooms?, except?, join:[...]}            -> {ok}
//   POST /control/sockets-leave         {nsp, rooms?, except?, leave:[...]}           -> {ok}
//   POST /control/disconnect-sockets    {nsp, rooms?, except?, close}                 -> {ok}
//   POST /control/server-side-emit      {nsp, event, args, ack?, timeout?}            -> {ok} | {responses} | {error, responses}
//   GET  /control/server-count?nsp=/                                                  -> {count}
//   GET  /control/all-rooms?nsp=/                                                     -> {rooms:[...]}
//   GET  /control/server-side-events?nsp=/                                            -> {events:[{event, args, withAck}]}
//   POST /control/clear-server-side-events {nsp}                                      -> {ok}
//   GET  /control/info                                                                -> {port, key, namespaces:{nsp:{uid, channel, requestChannel, responseChannel}}}
//   POST /control/emitter               {nsp, rooms?, except?, event, args}           -> {ok}   (through @socket.io/redis-emitter)
//   POST /control/emitter-sockets-join  {nsp, rooms?, except?, join:[...]}            -> {ok}
//   POST /control/emitter-sockets-leave {nsp, rooms?, except?, leave:[...]}           -> {ok}
//   POST /control/emitter-disconnect-sockets {nsp, rooms?, except?, close}            -> {ok}
//   POST /control/emitter-server-side-emit {nsp, event, args}                         -> {ok}
// Every call that publishes returns only after Redis has handled the PUBLISH (a PING on the same
// connection follows it), so the message is already on its way to the other subscribers.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { createAdapter } from '@socket.io/redis-adapter';
import { createAdapter as createStreamsAdapter } from '@socket.io/redis-streams-adapter';
import { Emitter } from '@socket.io/redis-emitter';
import { createClient } from 'redis';
import { Server } from 'socket.io';

const { values: options } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
    key: { type: 'string', default: 'socket.io' },
    'requests-timeout': { type: 'string', default: '5000' },
    adapter: { type: 'string', default: 'redis' },
    recovery: { type: 'string' },
    'stream-count': { type: 'string', default: '1' },
  },
});
const key = options.key;
const NAMESPACES = ['/', '/chat'];

const log = (...args) => console.error('[node-peer]', ...args);

// --- binary <-> JSON ---------------------------------------------------------------------------

/** Turns {"$bin": base64} objects (at any depth) into Buffers. */
function revive(value) {
  if (Array.isArray(value)) return value.map(revive);
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$bin' && typeof value.$bin === 'string') {
      return Buffer.from(value.$bin, 'base64');
    }
    return Object.fromEntries(keys.map((k) => [k, revive(value[k])]));
  }
  return value;
}

/** Turns Buffers, typed arrays and ArrayBuffers (at any depth) into {"$bin": base64}. */
function tag(value) {
  if (Buffer.isBuffer(value)) return { $bin: value.toString('base64') };
  if (value instanceof ArrayBuffer) return { $bin: Buffer.from(value).toString('base64') };
  if (ArrayBuffer.isView(value)) {
    return { $bin: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  }
  if (Array.isArray(value)) return value.map(tag);
  if (value instanceof Set) return [...value].map(tag);
  if (value instanceof Date) return value.toJSON();
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v !== 'function').map(([k, v]) => [k, tag(v)]));
  }
  return value;
}

// --- Redis and Socket.IO -----------------------------------------------------------------------

// Give up at once when Redis cannot be reached at start; reconnect (as node-redis does) later on.
let started = false;
const pubClient = createClient({
  url: options.redis,
  socket: { reconnectStrategy: (retries, cause) => (started ? Math.min(50 * retries, 1000) : cause) },
});
const subClient = pubClient.duplicate();
pubClient.on('error', (err) => log('redis pub error:', err.message));
subClient.on('error', (err) => log('redis sub error:', err.message));
try {
  await Promise.all([pubClient.connect(), subClient.connect()]);
} catch (err) {
  log(`cannot connect to ${options.redis}:`, err.message);
  process.exit(1);
}
started = true;

// The adapter subscribes without awaiting; collect those promises so "ready" means subscribed.
const pendingSubscriptions = [];
for (const method of ['subscribe', 'pSubscribe']) {
  const original = subClient[method].bind(subClient);
  subClient[method] = (...args) => {
    const promise = original(...args);
    pendingSubscriptions.push(promise);
    return promise;
  };
}

const httpServer = createServer((req, res) => {
  handleControl(req, res).catch((err) => {
    log('control error:', err);
    sendJson(res, 500, { error: err?.message ?? String(err) });
  });
});

const io = new Server(httpServer, {
  path: '/socket.io/',
  adapter: options.adapter === 'streams'
    ? createStreamsAdapter(pubClient, { streamName: key, channelPrefix: key, streamCount: Number(options['stream-count']) })
    : createAdapter(pubClient, subClient, { key, requestsTimeout: Number(options['requests-timeout']) }),
  ...(options.recovery ? { connectionStateRecovery: { maxDisconnectionDuration: Number(options.recovery) } } : {}),
});
const emitter = new Emitter(pubClient, { key });

/** @type {Map<string, {event: string, args: unknown[], withAck: boolean}[]>} */
const serverSideEvents = new Map();

for (const name of NAMESPACES) {
  const nsp = io.of(name);
  serverSideEvents.set(name, []);

  // Record every server-side event before the namespace's listeners run.
  const onServerSideEmit = nsp._onServerSideEmit.bind(nsp);
  nsp._onServerSideEmit = (packet) => {
    const withAck = typeof packet.at(-1) === 'function';
    const [event, ...args] = withAck ? packet.slice(0, -1) : packet;
    serverSideEvents.get(name).push({ event, args: tag(args), withAck });
    return onServerSideEmit(packet);
  };

  nsp.on('ping-node', (...args) => {
    const ack = typeof args.at(-1) === 'function' ? args.pop() : null;
    ack?.({ from: 'node', args });
  });

  // the example chat's server-side event, as a Switchboard node answers it: this node's client count
  nsp.on('count', (...args) => {
    const ack = typeof args.at(-1) === 'function' ? args.pop() : null;
    ack?.({ clients: nsp.sockets.size, from: 'node' });
  });

  nsp.on('connection', (socket) => {
    socket.on('join', (payload, ack) => {
      socket.join(payload?.room);
      socket.data.name = payload?.name;
      if (typeof ack === 'function') ack({ ok: true });
    });
    socket.on('leave', (payload, ack) => {
      socket.leave(payload?.room);
      if (typeof ack === 'function') ack({ ok: true });
    });
    socket.on('echo', (...args) => {
      const ack = typeof args.at(-1) === 'function' ? args.pop() : null;
      ack?.(...args);
    });
  });
}

await Promise.all(pendingSubscriptions);

// --- control API -------------------------------------------------------------------------------

function sendJson(res, status, body) {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? {} : revive(JSON.parse(text));
}

/** Namespace, narrowed to rooms/except when given. */
function target(body) {
  let op = io.of(body.nsp ?? '/');
  if (body.rooms?.length) op = op.to(body.rooms);
  if (body.except?.length) op = op.except(body.except);
  return op;
}

function emitterTarget(body) {
  let op = emitter.of(body.nsp ?? '/');
  if (body.rooms?.length) op = op.to(body.rooms);
  if (body.except?.length) op = op.except(body.except);
  return op;
}

/** Resolves once Redis has handled everything published so far on pubClient. */
const flushed = () => pubClient.ping();

function socketJson(socket) {
  // remote sockets from the adapter have no sessionStore; local ones might, as in the adapter itself
  const { sessionStore, ...handshake } = socket.handshake ?? {};
  return { id: socket.id, handshake: tag(handshake), rooms: [...socket.rooms], data: tag(socket.data) };
}

function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(message), { responses: null })), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

const routes = {
  'POST /control/emit': async (body) => {
    let op = body.local ? target(body).local : target(body);
    if (body.volatile) op = op.volatile;
    op.emit(body.event, ...(body.args ?? []));
    await flushed();
    return { ok: true };
  },
  'POST /control/emit-with-ack': async (body) => {
    const op = target(body).timeout(body.timeout ?? 5000);
    try {
      return { responses: tag(await op.emitWithAck(body.event, ...(body.args ?? []))) };
    } catch (err) {
      return { error: err.message, responses: tag(err.responses ?? null) };
    }
  },
  'POST /control/fetch-sockets': async (body) => {
    const op = body.local ? target(body).local : target(body);
    const sockets = await op.fetchSockets();
    return { sockets: sockets.map(socketJson) };
  },
  'POST /control/sockets-join': async (body) => {
    target(body).socketsJoin(body.join ?? []);
    await flushed();
    return { ok: true };
  },
  'POST /control/sockets-leave': async (body) => {
    target(body).socketsLeave(body.leave ?? []);
    await flushed();
    return { ok: true };
  },
  'POST /control/disconnect-sockets': async (body) => {
    target(body).disconnectSockets(!!body.close);
    await flushed();
    return { ok: true };
  },
  'POST /control/server-side-emit': async (body) => {
    const nsp = io.of(body.nsp ?? '/');
    const args = body.args ?? [];
    if (!body.ack) {
      nsp.serverSideEmit(body.event, ...args);
      await flushed();
      return { ok: true };
    }
    // The adapter's own limit is --requests-timeout; `timeout` may answer sooner.
    try {
      const pending = nsp.serverSideEmitWithAck(body.event, ...args);
      const responses = body.timeout ? await withTimeout(pending, body.timeout, 'operation has timed out') : await pending;
      return { responses: tag(responses) };
    } catch (err) {
      return { error: err.message, responses: tag(err.responses ?? null) };
    }
  },
  'GET /control/server-count': async (_body, query) => ({
    count: await io.of(query.get('nsp') ?? '/').adapter.serverCount(),
  }),
  'GET /control/all-rooms': async (_body, query) => {
    const adapter = io.of(query.get('nsp') ?? '/').adapter;
    const rooms = typeof adapter.allRooms === 'function' ? await adapter.allRooms() : adapter.rooms.keys();
    return { rooms: [...rooms] };
  },
  'GET /control/server-side-events': async (_body, query) => ({
    events: serverSideEvents.get(query.get('nsp') ?? '/') ?? [],
  }),
  'POST /control/clear-server-side-events': async (body) => {
    serverSideEvents.get(body.nsp ?? '/')?.splice(0);
    return { ok: true };
  },
  'GET /control/info': async () => ({
    port: httpServer.address().port,
    key,
    namespaces: Object.fromEntries(
      [...io._nsps.values()].map((nsp) => [
        nsp.name,
        {
          uid: nsp.adapter.uid,
          channel: nsp.adapter.channel,
          requestChannel: nsp.adapter.requestChannel,
          responseChannel: nsp.adapter.responseChannel,
        },
      ]),
    ),
  }),
  'POST /control/emitter': async (body) => {
    emitterTarget(body).emit(body.event, ...(body.args ?? []));
    await flushed();
    return { ok: true };
  },
  'POST /control/emitter-sockets-join': async (body) => {
    emitterTarget(body).socketsJoin(body.join ?? []);
    await flushed();
    return { ok: true };
  },
  'POST /control/emitter-sockets-leave': async (body) => {
    emitterTarget(body).socketsLeave(body.leave ?? []);
    await flushed();
    return { ok: true };
  },
  'POST /control/emitter-disconnect-sockets': async (body) => {
    emitterTarget(body).disconnectSockets(!!body.close);
    await flushed();
    return { ok: true };
  },
  'POST /control/emitter-server-side-emit': async (body) => {
    emitter.of(body.nsp ?? '/').serverSideEmit(body.event, ...(body.args ?? []));
    await flushed();
    return { ok: true };
  },
};

async function handleControl(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  const route = routes[`${req.method} ${url.pathname.replace(/\/+$/, '')}`];
  if (!route) {
    sendJson(res, 404, { error: `no such control route: ${req.method} ${url.pathname}` });
    return;
  }
  const body = req.method === 'POST' ? await readBody(req) : {};
  sendJson(res, 200, await route(body, url.searchParams));
}

// --- start and stop ----------------------------------------------------------------------------

await new Promise((resolve, reject) => {
  httpServer.once('error', reject);
  httpServer.listen(Number(options.port), '127.0.0.1', resolve);
});
process.stdout.write(`node-peer ready ${httpServer.address().port}\n`);

let closing = false;
async function shutdown(signal) {
  if (closing) return;
  closing = true;
  log(`${signal}: closing`);
  const force = setTimeout(() => {
    log('close took too long, exiting');
    process.exit(1);
  }, 5000);
  force.unref();
  try {
    const closed = io.close(); // disconnects the sockets and unsubscribes the adapters first
    httpServer.closeAllConnections();
    await closed;
    await Promise.allSettled([pubClient.quit(), subClient.quit()]);
  } catch (err) {
    log('error while closing:', err);
  }
  process.exit(0);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
