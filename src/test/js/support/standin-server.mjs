// A stand-in for the Switchboard server, for front-end work and tests that run without the Java build.
// It serves src/main/webapp and target/frontend the way the WAR does and implements the same contract:
// GET <context>api/info, and on Socket.IO namespace /chat the events join, say, leave and latency.
//
//   node src/test/js/support/standin-server.mjs [--port 8080] [--context /switchboard/]
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Server } from 'socket.io';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
// Same order as the WAR: the webapp's own files, then what the front-end build produced.
const staticRoots = [join(root, 'src/main/webapp'), join(root, 'target/frontend')];
const version = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')).version;

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/**
 * @param {{host?: string, port?: number, contextPath?: string, connectionStateRecovery?: boolean}} [options]
 *   connectionStateRecovery: socket.io's own (4.6+), as SWITCHBOARD_CONNECTION_STATE_RECOVERY switches Switchboard's on
 * @returns {Promise<{url: string, origin: string, io: Server, close: () => Promise<void>}>}
 *   url is the page's address, ending in '/'
 */
export async function startStandinServer({ host = '127.0.0.1', port = 0, contextPath = '/', connectionStateRecovery = false } = {}) {
  const context = contextPath.replace(/\/*$/, '/').replace(/^\/*/, '/');
  const socketPath = `${context}socket.io/`;
  const pingInterval = 25_000;
  const pingTimeout = 20_000;

  const httpServer = createServer((request, response) => {
    serveHttp(request, response, { context, socketPath, info: { pingInterval, pingTimeout } }).catch((error) => {
      console.error('stand-in server: request failed', request.url, error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const io = new Server(httpServer, {
    path: socketPath, pingInterval, pingTimeout, serveClient: false, ...(connectionStateRecovery ? { connectionStateRecovery: {} } : {}),
  });
  mountChat(io.of('/chat'));

  await new Promise((resolveListen, rejectListen) => {
    httpServer.once('error', rejectListen);
    httpServer.listen(port, host, resolveListen);
  });
  const origin = `http://${host}:${httpServer.address().port}`;
  return {
    url: `${origin}${context}`,
    origin,
    io,
    close: () =>
      new Promise((resolveClose) => {
        io.close(() => resolveClose());
        httpServer.closeAllConnections();
      }),
  };
}

async function serveHttp(request, response, { context, socketPath, info }) {
  const { pathname } = new URL(request.url, 'http://stand-in');
  if (`${pathname}/` === context) {
    response.writeHead(302, { Location: context });
    response.end();
    return;
  }
  if (!pathname.startsWith(context) || (request.method !== 'GET' && request.method !== 'HEAD')) {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
    return;
  }
  const local = pathname.slice(context.length);
  if (local === 'api/info') {
    const body = JSON.stringify({
      name: 'switchboard',
      version,
      config: { path: socketPath, ...info, transports: ['polling', 'websocket'] },
    });
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(body);
    return;
  }
  const file = await findStatic(local === '' ? 'index.html' : local);
  if (!file) {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
    return;
  }
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': 'no-cache',
  });
  response.end(request.method === 'HEAD' ? undefined : await readFile(file));
}

async function findStatic(relative) {
  for (const base of staticRoots) {
    const candidate = normalize(join(base, decodeURIComponent(relative)));
    if (!candidate.startsWith(base + sep)) return null; // ../ out of the root
    const found = await stat(candidate).catch(() => null);
    if (found?.isFile()) return candidate;
  }
  return null;
}

/** The events the chat handles (those the stand-in does not serve included); any other goes to its catch-all. */
const CHAT_EVENTS = new Set(['join', 'say', 'leave', 'latency', 'nodes', 'rollcall']);
export const NEVER_ANSWERED = 'stand-in-never-answers';
CHAT_EVENTS.add(NEVER_ANSWERED);

/** The chat example namespace, as the contract in docs/frontend.md describes it. */
function mountChat(chat) {
  const saidIds = new Set(); // room, name and id of each message said (a test server's life is short)
  const history = new Map(); // room -> its last 50 messages, oldest first, for members coming back
  chat.on('connection', (socket) => {
    const names = new Map(); // room -> the name this socket joined it with

    const reply = (ack, value) => {
      if (typeof ack === 'function') ack(value);
    };
    const isRoom = (room) => typeof room === 'string' && room.length > 0;

    socket.on('join', async (payload, ack) => {
      const { room, name, since } = payload ?? {};
      if (!isRoom(room) || typeof name !== 'string' || name === '') {
        reply(ack, { error: 'join needs {room, name}' });
        return;
      }
      const ts = Date.now();
      names.set(room, name);
      socket.join(room);
      const members = (await chat.in(room).fetchSockets()).map((member) => member.data.names?.get(room));
      const missed = typeof since === 'number' ? (history.get(room) ?? []).filter((message) => message.ts >= since) : [];
      reply(ack, { room, members: members.filter(Boolean), ts, missed });
      socket.to(room).emit('joined', { room, name });
    });

    socket.on('say', (payload, ack) => {
      const { room, text, id } = payload ?? {};
      if (!isRoom(room) || typeof text !== 'string' || text === '' || (id !== undefined && (typeof id !== 'string' || id === ''))) {
        reply(ack, { error: 'say needs {room, text}' });
        return;
      }
      if (!names.has(room)) {
        reply(ack, { error: 'join the room first' });
        return;
      }
      const name = names.get(room);
      if (id !== undefined) {
        // a repeat, sent again after the link dropped before the ack: acknowledged, not delivered twice
        const key = `${room}\n${name}\n${id}`;
        if (saidIds.has(key)) {
          reply(ack, { ok: true });
          return;
        }
        saidIds.add(key);
      }
      const message = { room, name, text, ts: Date.now(), ...(id === undefined ? {} : { id }) };
      const kept = history.get(room) ?? [];
      history.set(room, [...kept, message].slice(-50));
      chat.to(room).emit('message', message);
      reply(ack, { ok: true });
    });

    socket.on('leave', (payload, ack) => {
      const { room } = payload ?? {};
      if (!isRoom(room)) {
        reply(ack, { error: 'leave needs {room}' });
        return;
      }
      const name = names.get(room);
      if (name !== undefined) {
        names.delete(room);
        socket.leave(room);
        chat.to(room).emit('left', { room, name });
      }
      reply(ack, { ok: true });
    });

    socket.on('latency', (...args) => {
      const ack = typeof args.at(-1) === 'function' ? args.pop() : null;
      ack?.(...args);
    });

    socket.on('disconnect', () => {
      for (const [room, name] of names) chat.to(room).emit('left', { room, name });
    });

    // the stand-in's own test hook, not the chat's: an event taken and never answered, for the timeout tests
    socket.on(NEVER_ANSWERED, () => {});

    // the catch-all: an event the chat does not know is answered with an error when an answer was asked for
    socket.onAny((event, ...args) => {
      const ack = args.at(-1);
      if (CHAT_EVENTS.has(event) || typeof ack !== 'function') return;
      ack({ error: `unknown event '${event.length > 64 ? `${event.slice(0, 64)}…` : event}'` });
    });

    socket.data.names = names;
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8080' },
      context: { type: 'string', default: '/' },
    },
  });
  const server = await startStandinServer({ port: Number(values.port), contextPath: values.context });
  console.log(`stand-in server at ${server.url}`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
