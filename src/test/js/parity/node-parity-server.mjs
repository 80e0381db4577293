// The Node socket.io 4.8 reference for the parity suite (parity.test.mjs runs the same client scenarios
// against it and against Switchboard). The contract both servers implement:
//
// Namespace /parity
//   connect        emit welcome {namespace}
//   middleware     socket.use: an event whose name starts with 'forbidden' is rejected with 'forbidden event';
//                  the socket's 'error' listener sends the client an error event {message}; no handler runs.
//                  (Node calls onAny listeners before socket.use, so a catch-all written with onAny would still
//                  see a rejected event; Switchboard's @OnAnyEvent is a handler and runs after @BeforeEvent. The
//                  scenarios reject only forbidden-move, which has a handler of its own, so no catch-all is asked.)
//   forbidden-move emit moved: never seen, as the middleware stops it first
//   echo           with an ack: ack(...args); without: emit echo ...args
//   shout (arg)    emit shouted arg to the whole namespace, the sender included; ack {ok: true} if asked
//   catch-all      an event with no handler here: ack {event, args} if asked, else emit unhandled {event, args}
//   outgoing       ack the names of the events sent to this socket so far (broadcasts count, acks do not)
//   join (room)    join, ack {rooms}          rooms: the socket's rooms, sorted, its own id left out
//   rooms          ack {rooms}
//   name (name)    socket.data.name = name, ack {name} read back from socket.data
//   disconnecting  to each room but its own id, others only: leaving {room, rooms}
//   disconnect     to the whole namespace: gone {rooms, reason} (rooms already left by then: []; reason as Node
//                  names it server-side, e.g. 'client namespace disconnect', 'server namespace disconnect')
//   poll (room, timeoutMs)  ask question of every socket in room with that timeout, ack {answers (sorted), timedOut}
//   round-up (room) fetchSockets in room; each gets notice {name, rooms}, leaves room, joins 'elsewhere'; ack {count}
//   eject (room)   fetchSockets in room, disconnect each (namespace disconnect), ack {count}
//   announce (text) emit news text to every dynamic namespace, ack {ok: true}
//   namespaces     ack {namespaces}: the live namespaces named /dyn-…, sorted
// Namespaces a function lets in: /^\/team-\d+$/ with auth {token: 'team'}; asked only when the name is not live
//   connect        emit welcome {namespace}
// Dynamic namespaces /^\/dyn-\d+$/ (removed when their last socket leaves)
//   connect        emit welcome {namespace: the concrete name}
//   whereami       ack {namespace}
//
//   node src/test/js/parity/node-parity-server.mjs [path, default /socket.io/]   prints the URL to connect to
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { Server } from 'socket.io';

const HANDLED = new Set([
  'echo', 'shout', 'forbidden-move', 'outgoing', 'join', 'rooms', 'name', 'poll', 'round-up', 'eject', 'announce', 'namespaces',
]);

// Events that expect an ack still run without one (nothing is answered then), instead of throwing.
const reply = (ack, value) => {
  if (typeof ack === 'function') ack(value);
};

const roomsOf = (socket) => [...socket.rooms].filter((room) => room !== socket.id).sort();

/**
 * @param {{path?: string}} [options] the Socket.IO path; it must end in socket.io/
 * @returns {Promise<{url: string, io: Server, close: () => Promise<void>}>} url: http://127.0.0.1:PORT/ followed by
 *   whatever precedes socket.io/ in the path, so that a client uses it the way it uses SWITCHBOARD_URL
 */
export async function startNodeParityServer({ path = '/socket.io/' } = {}) {
  const normalized = `/${path.replace(/^\/+|\/+$/g, '')}/`;
  if (!normalized.endsWith('/socket.io/')) throw new Error(`path must end in socket.io/: ${path}`);
  const prefix = normalized.slice(0, -'socket.io/'.length);

  const httpServer = createServer();
  const io = new Server(httpServer, { path: normalized, cleanupEmptyChildNamespaces: true });
  const parity = io.of('/parity');
  const dynamic = io.of(/^\/dyn-\d+$/);
  const teams = io.of((name, auth, next) => next(null, /^\/team-\d+$/.test(name) && auth.token === 'team'));

  parity.on('connection', (socket) => {
    const sent = [];
    socket.onAnyOutgoing((event) => sent.push(event));
    socket.emit('welcome', { namespace: socket.nsp.name });

    socket.use(([event], next) => next(event.startsWith('forbidden') ? new Error('forbidden event') : undefined));
    socket.on('error', (err) => socket.emit('error', { message: err.message }));

    socket.on('echo', (...args) => {
      if (typeof args.at(-1) === 'function') {
        const ack = args.pop();
        ack(...args);
      } else {
        socket.emit('echo', ...args);
      }
    });
    socket.on('shout', (arg, ack) => {
      parity.emit('shouted', arg);
      reply(ack, { ok: true });
    });
    socket.on('forbidden-move', (...args) => socket.emit('moved', ...args));
    socket.on('outgoing', (ack) => reply(ack, [...sent]));
    socket.on('join', (room, ack) => {
      socket.join(room);
      reply(ack, { rooms: roomsOf(socket) });
    });
    socket.on('rooms', (ack) => reply(ack, { rooms: roomsOf(socket) }));
    socket.on('name', (name, ack) => {
      socket.data.name = name;
      reply(ack, { name: socket.data.name });
    });
    socket.on('poll', (room, timeoutMs, ack) => {
      parity.to(room).timeout(timeoutMs).emit('question', (err, responses) =>
        reply(ack, { answers: responses.slice().sort(), timedOut: !!err }));
    });
    socket.on('round-up', async (room, ack) => {
      const found = await parity.in(room).fetchSockets();
      for (const s of found) {
        s.emit('notice', { name: s.data.name ?? null, rooms: [...s.rooms].filter((r) => r !== s.id).sort() });
        s.leave(room);
        s.join('elsewhere');
      }
      reply(ack, { count: found.length });
    });
    socket.on('eject', async (room, ack) => {
      const found = await parity.in(room).fetchSockets();
      for (const s of found) s.disconnect();
      reply(ack, { count: found.length });
    });
    socket.on('announce', (text, ack) => {
      dynamic.emit('news', text);
      reply(ack, { ok: true });
    });
    socket.on('namespaces', (ack) =>
      reply(ack, { namespaces: [...io._nsps.keys()].filter((name) => name.startsWith('/dyn-')).sort() }));

    socket.onAny((event, ...args) => {
      if (HANDLED.has(event)) return;
      if (typeof args.at(-1) === 'function') {
        const ack = args.pop();
        ack({ event, args });
      } else {
        socket.emit('unhandled', { event, args });
      }
    });

    socket.on('disconnecting', () => {
      const rooms = roomsOf(socket);
      for (const room of rooms) socket.to(room).emit('leaving', { room, rooms });
    });
    socket.on('disconnect', (reason) => parity.emit('gone', { rooms: roomsOf(socket), reason }));
  });

  teams.on('connection', (socket) => socket.emit('welcome', { namespace: socket.nsp.name }));

  dynamic.on('connection', (socket) => {
    socket.emit('welcome', { namespace: socket.nsp.name });
    socket.on('whereami', (ack) => reply(ack, { namespace: socket.nsp.name }));
  });

  await new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(0, '127.0.0.1', resolve);
  });
  const { port } = httpServer.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    io,
    close: async () => {
      const closed = io.close();
      httpServer.closeAllConnections();
      await closed;
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await startNodeParityServer({ path: process.argv[2] ?? '/socket.io/' });
  console.log(server.url);
  const stop = () => server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
