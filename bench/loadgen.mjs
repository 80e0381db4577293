// One load-generator process: holds a share of the benchmark's clients (the official socket.io-client) and
// runs what bench/run.mjs asks over IPC, answering with counts and latency histograms.
import { Agent, globalAgent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { merge, newHistogram, record } from './histogram.mjs';
import { wallClock } from './wall-clock.mjs';

/** @type {import('socket.io-client').Socket[]} */
let clients = [];
let unexpectedDisconnects = 0;
let disconnectReasons = {};
let closing = false;

// The polling clients' HTTP requests, so a close can find the ones a server left unanswered (below). Without
// keep-alive (the default here, as Node's own agent before Node 19) every request is a TCP connection of its own,
// sent with `Connection: close`; with it (a connect's keepAlive, as browsers and Node 19's agent) connections are
// reused.
let pollingAgent = new Agent();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function connectOne(url, transports, localAddress, timeoutMs) {
  return new Promise((resolve) => {
    // the client's own timeout covers the Engine.IO handshake only: bound the namespace CONNECT too
    const deadline = setTimeout(() => {
      socket.close();
      done(new Error(`no connect within ${timeoutMs + 5000} ms`));
    }, timeoutMs + 5000);
    const socket = io(`${url}/bench`, {
      transports,
      forceNew: true,
      reconnection: false,
      timeout: timeoutMs,
      ...(localAddress ? { localAddress } : {}),
      ...(transports.includes('polling') ? { agent: pollingAgent } : {}),
    });
    const done = (error) => {
      clearTimeout(deadline);
      socket.off('connect', onConnect);
      socket.off('connect_error', onError);
      resolve(error ? { error: String(error.message ?? error) } : { socket });
    };
    const onConnect = () => done();
    const onError = (error) => {
      socket.close();
      done(error);
    };
    socket.once('connect', onConnect);
    socket.once('connect_error', onError);
  });
}

const commands = {
  async connect({ url, n, transports, localAddresses = [], concurrency = 200, timeoutMs = 30000, keepAlive = false }) {
    if (pollingAgent.keepAlive !== keepAlive && clients.length === 0) {
      pollingAgent.destroy();
      pollingAgent = new Agent({ keepAlive });
    }
    const started = performance.now();
    const errors = {};
    let failed = 0;
    let next = 0;
    const connectNext = async () => {
      while (next < n) {
        const i = next++;
        const address = localAddresses.length ? localAddresses[i % localAddresses.length] : undefined;
        const result = await connectOne(url, transports, address, timeoutMs);
        if (result.socket) {
          const socket = result.socket;
          socket.on('disconnect', (reason) => {
            if (!closing) {
              unexpectedDisconnects++;
              disconnectReasons[reason] = (disconnectReasons[reason] ?? 0) + 1;
            }
          });
          clients.push(socket);
        } else {
          failed++;
          errors[result.error] = (errors[result.error] ?? 0) + 1;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, n) }, connectNext));
    return { connected: clients.length, failed, errors, ms: performance.now() - started };
  },

  async join({ room, concurrency = 200 }) {
    let next = 0;
    let failed = 0;
    const joinNext = async () => {
      while (next < clients.length) {
        const socket = clients[next++];
        try {
          await socket.timeout(30000).emitWithAck('join', room);
        } catch {
          failed++;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, clients.length) }, joinNext));
    return { joined: clients.length - failed, failed };
  },

  /** Closed loop: each client sends its next echo when the previous one is acknowledged. */
  async echo({ durationMs, size = 32 }) {
    const histogram = newHistogram();
    const data = 'x'.repeat(size);
    const deadline = performance.now() + durationMs;
    let ops = 0;
    let wrong = 0;
    const loops = clients.map((socket) => new Promise((resolve) => {
      let n = 0;
      const send = () => {
        if (performance.now() >= deadline) return resolve();
        const sent = performance.now();
        const payload = { n: n++, data };
        socket.emit('echo', payload, (back) => {
          record(histogram, performance.now() - sent);
          ops++;
          if (back?.n !== payload.n) wrong++;
          send();
        });
      };
      send();
    }));
    const all = Promise.all(loops);
    const finished = await Promise.race([all.then(() => true), sleep(durationMs + 15000).then(() => false)]);
    return { ops, wrong, stalled: !finished, histogram: Array.from(histogram) };
  },

  /** Open loop: `rate` echoes per second in total over this process's clients, by absolute schedule. */
  async rate({ durationMs, rate, size = 32 }) {
    const histogram = newHistogram();
    const data = 'x'.repeat(size);
    const start = performance.now();
    const total = Math.floor((rate * durationMs) / 1000);
    let sent = 0;
    let acked = 0;
    let wrong = 0;
    await new Promise((resolve) => {
      const tick = () => {
        const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000));
        while (sent < due) {
          const socket = clients[sent % clients.length];
          const payload = { n: sent++, data };
          const at = performance.now();
          socket.emit('echo', payload, (back) => {
            record(histogram, performance.now() - at);
            acked++;
            if (back?.n !== payload.n) wrong++;
          });
        }
        if (sent < total) setTimeout(tick, 1);
        else resolve();
      };
      tick();
    });
    const sendMs = performance.now() - start;
    const waitUntil = performance.now() + 15000;
    while (acked < sent && performance.now() < waitUntil) await sleep(5);
    return { sent, ops: acked, wrong, sendMs, histogram: Array.from(histogram) };
  },

  /** Arms every client to receive `count` bcast events; answers once all arrived or the time is up. */
  async expect({ count, timeoutMs }, reply) {
    const histogram = newHistogram();
    let received = 0;
    let outOfOrder = 0;
    let complete = 0;
    let first = Infinity;
    let last = 0;
    const expected = count * clients.length;
    let finish;
    const done = new Promise((resolve) => { finish = resolve; });
    const listeners = clients.map((socket) => {
      let next = 0;
      const listener = (event) => {
        const now = wallClock();
        record(histogram, now - event.ts);
        if (now < first) first = now;
        last = now;
        if (event.seq !== next) outOfOrder++;
        next = event.seq + 1;
        received++;
        if (next === count) complete++;
        if (received === expected) finish();
      };
      socket.on('bcast', listener);
      return [socket, listener];
    });
    reply({ armed: true });
    if (expected > 0) await Promise.race([done, sleep(timeoutMs)]);
    listeners.forEach(([socket, listener]) => socket.off('bcast', listener));
    return {
      received, expected, outOfOrder, complete, clients: clients.length,
      first: Number.isFinite(first) ? first : null, last: last || null, histogram: Array.from(histogram),
    };
  },

  async status() {
    const connected = clients.filter((socket) => socket.connected).length;
    return { clients: clients.length, connected, unexpectedDisconnects, disconnectReasons };
  },

  /** Every client's transport closes under it (no Socket.IO disconnect): the server sees 'transport close'. */
  async drop() {
    closing = true;
    const dropped = clients.length;
    clients.forEach((socket) => socket.io.engine.close());
    clients = [];
    await sleep(200);
    closing = false;
    return { dropped };
  },

  /** pollGraceMs: how long a closed polling session's pending GET is left to the server to answer (below). */
  async close({ pollGraceMs }) {
    closing = true;
    clients.forEach((socket) => socket.close());
    clients = [];
    await sleep(200);
    globalAgent.destroy(); // polling clients leave idle keep-alive connections behind
    // A closing polling client leaves its pending GET to the server, which answers it on the close packet (Engine.IO).
    // One still waiting after a busy server's while was left open by the server: cut it, so it is not held into the
    // next run, and count it.
    const waiting = () => Object.values(pollingAgent.sockets).flat().length;
    const deadline = performance.now() + pollGraceMs;
    while (waiting() && performance.now() < deadline) await sleep(50);
    const unansweredPolls = waiting();
    pollingAgent.destroy();
    pollingAgent = new Agent();
    closing = false;
    const result = { unexpectedDisconnects, disconnectReasons, unansweredPolls };
    unexpectedDisconnects = 0;
    disconnectReasons = {};
    return result;
  },
};

process.on('message', async ({ id, cmd, args }) => {
  try {
    const result = await commands[cmd](args ?? {}, (partial) => process.send({ id, partial }));
    process.send({ id, result });
  } catch (error) {
    process.send({ id, error: String(error?.stack ?? error) });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
export { merge };
