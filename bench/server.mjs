// The reference server for the benchmark: Node `socket.io` with the same /bench namespace as
// src/bench/java/dev/switchboard/bench (echo, join, broadcast). Started by bench/run.mjs through fork(),
// so it can answer memory questions over IPC; it also runs on its own:
//
//   node --expose-gc bench/server.mjs --port 3100 [--redis redis://127.0.0.1:6379]
//
// With --redis it is a node of a cluster on @socket.io/redis-adapter, as bench/cluster.mjs runs two of them.
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Server } from 'socket.io';
import { wallClock } from './wall-clock.mjs';

const { values } = parseArgs({ options: { port: { type: 'string', default: '3100' }, redis: { type: 'string' } } });

const httpServer = createServer();
// The library's defaults, which are also Switchboard's: pingInterval 25 s, pingTimeout 20 s, maxHttpBufferSize 1e6.
const io = new Server(httpServer, { serveClient: false });
if (values.redis) {
  const { createAdapter } = await import('@socket.io/redis-adapter');
  const { createClient } = await import('redis');
  const pub = createClient({ url: values.redis });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub));
}
const bench = io.of('/bench');

bench.on('connection', (socket) => {
  socket.on('echo', (payload, ack) => ack?.(payload));

  socket.on('join', (room, ack) => {
    socket.join(room);
    ack?.(true);
  });

  // {room, count, rate, size}: `count` events to the room, `rate` per second (0 = back to back), scheduled by
  // absolute time so a late turn catches up; then the ack {sent: count}.
  socket.on('broadcast', ({ room, count, rate, size = 0 }, ack) => {
    const data = 'x'.repeat(size);
    const start = performance.now();
    let seq = 0;
    const turn = () => {
      const now = performance.now();
      while (seq < count && (rate <= 0 || start + (seq * 1000) / rate <= now)) {
        bench.to(room).emit('bcast', { seq, ts: wallClock(), data });
        seq++;
      }
      if (seq < count) {
        setTimeout(turn, Math.max(0, start + (seq * 1000) / rate - performance.now()));
      } else {
        ack?.({ sent: count });
      }
    };
    setImmediate(turn);
  });
});

process.on('message', (message) => {
  if (message?.cmd === 'memory') {
    if (global.gc) global.gc();
    process.send({ cmd: 'memory', ...process.memoryUsage() });
  }
});
process.on('disconnect', () => process.exit(0));

httpServer.listen(Number(values.port), '127.0.0.1', () => {
  process.send?.({ cmd: 'ready', port: httpServer.address().port });
  if (!process.send) console.log(`reference server on http://127.0.0.1:${httpServer.address().port}/bench`);
});
