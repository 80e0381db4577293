// The benchmark's scenarios. Each runs once against one server and returns its measurements; a problem
// (a lost or reordered event, a failed connection, an unanswered echo) is listed in `problems`.
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { count, quantile } from './histogram.mjs';
import { cpuMicros, quiesce, rssBytes } from './servers.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Measures server and load-generator CPU and wall time around `work`. */
async function measured(server, generators, work) {
  const genCpu = () => generators.pids.reduce((sum, pid) => sum + cpuMicros(pid), 0);
  const server0 = cpuMicros(server.pid);
  const gen0 = genCpu();
  const t0 = performance.now();
  const result = await work();
  const wallMs = performance.now() - t0;
  return {
    result,
    wallMs,
    serverCpuUs: cpuMicros(server.pid) - server0,
    genCpuPct: ((genCpu() - gen0) / (wallMs * 1000)) * 100,
  };
}

async function connectAll(server, generators, n, transports, problems, extra = {}) {
  const connected = await generators.connect(server.url, n, { transports, ...extra });
  if (connected.failed) problems.push(`${connected.failed} of ${n} connections failed: ${JSON.stringify(connected.errors)}`);
  return connected;
}

async function closeAll(server, generators, problems) {
  const { dropped, reasons, unansweredPolls } = await generators.close();
  if (dropped) problems.push(`${dropped} unexpected disconnects ${JSON.stringify(reasons)}`);
  if (unansweredPolls) problems.push(`${unansweredPolls} polls of closed sessions left unanswered (the clients cut them)`);
  const held = await quiesce(server);
  if (held) problems.push(`server still held ${held} connections a minute after the clients closed`);
}

function summary(measure, ops, histogram, problems, extra = {}) {
  return {
    throughput: (ops * 1000) / measure.wallMs,
    p50: quantile(histogram, 0.5),
    p99: quantile(histogram, 0.99),
    cpuPerOp: ops ? measure.serverCpuUs / ops : NaN,
    serverCpuPct: (measure.serverCpuUs / (measure.wallMs * 1000)) * 100,
    genCpuPct: measure.genCpuPct,
    ops,
    problems,
    ...extra,
  };
}

/** Closed-loop echo with ack: every client sends its next echo when the last one is acknowledged. */
export async function echo(server, generators, { clients, durationMs, transports = ['websocket'], keepAlive = false }) {
  const problems = [];
  await connectAll(server, generators, clients, transports, problems, { keepAlive });
  const measure = await measured(server, generators, () => generators.all('echo', { durationMs }));
  const { results, histogram } = measure.result;
  const ops = results.reduce((sum, r) => sum + r.ops, 0);
  const wrong = results.reduce((sum, r) => sum + r.wrong, 0);
  if (wrong) problems.push(`${wrong} acks carried the wrong payload`);
  if (results.some((r) => r.stalled)) problems.push('some echoes were never acknowledged');
  if (ops === 0) problems.push('no echo was acknowledged');
  await closeAll(server, generators, problems);
  return summary(measure, ops, histogram, problems);
}

/** Open-loop echo at a fixed total rate over all clients. */
export async function fixedRate(server, generators, { clients, rate, durationMs }) {
  const problems = [];
  await connectAll(server, generators, clients, ['websocket'], problems);
  const measure = await measured(server, generators, () => generators.all('rate', { durationMs, rate }, { split: ['rate'] }));
  const { results, histogram } = measure.result;
  const sent = results.reduce((sum, r) => sum + r.sent, 0);
  const ops = results.reduce((sum, r) => sum + r.ops, 0);
  const wrong = results.reduce((sum, r) => sum + r.wrong, 0);
  if (ops < sent) problems.push(`${sent - ops} of ${sent} echoes not acknowledged`);
  if (wrong) problems.push(`${wrong} acks carried the wrong payload`);
  const sendMs = Math.max(...results.map((r) => r.sendMs));
  await closeAll(server, generators, problems);
  // throughput here is the rate the load generator achieved, which should be the rate asked for
  return { ...summary(measure, ops, histogram, problems), throughput: (sent * 1000) / sendMs };
}

/** `count` events to a room of `clients`, at `rate` per second (0: a burst); checks every client got all, in order. */
export async function broadcast(server, generators, { clients, count: events, rate, size = 32, timeoutMs }) {
  const problems = [];
  const room = `room-${clients}`;
  await connectAll(server, generators, clients, ['websocket'], problems);
  const joined = await generators.all('join', { room });
  const joinFailures = joined.results.reduce((sum, r) => sum + r.failed, 0);
  if (joinFailures) problems.push(`${joinFailures} joins not acknowledged`);
  const controller = io(`${server.url}/bench`, { transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise((resolve, reject) => {
    controller.once('connect', resolve);
    controller.once('connect_error', reject);
  });
  let ack;
  const measure = await measured(server, generators, () => new Promise((resolve) => {
    const expecting = generators.all('expect', { count: events, timeoutMs }, {
      onArmed: () => {
        ack = controller.timeout(timeoutMs).emitWithAck('broadcast', { room, count: events, rate, size })
          .catch((error) => ({ error: String(error.message) }));
      },
    });
    resolve(expecting);
  }));
  const acked = await ack;
  controller.close();
  if (acked?.sent !== events) problems.push(`broadcast ack was ${JSON.stringify(acked)}`);
  const { results, histogram } = measure.result;
  const { received, expected, outOfOrder, first, last } = deliveries(results, histogram, problems);
  await closeAll(server, generators, problems);
  const result = summary(measure, received, histogram, problems, { lost: expected - received, outOfOrder });
  // deliveries per second over the span from the first to the last receipt
  if (received > 1 && last > first) result.throughput = (received * 1000) / (last - first);
  return result;
}

/**
 * What the load generators' `expect` found: every client must have every event, in order; a shortfall goes in
 * `problems`. Returns the counts and the span from the first to the last receipt.
 */
export function deliveries(results, histogram, problems) {
  const received = results.reduce((sum, r) => sum + r.received, 0);
  const expected = results.reduce((sum, r) => sum + r.expected, 0);
  const outOfOrder = results.reduce((sum, r) => sum + r.outOfOrder, 0);
  if (received !== expected) problems.push(`lost ${expected - received} of ${expected} deliveries`);
  if (outOfOrder) problems.push(`${outOfOrder} deliveries out of order`);
  if (count(histogram) !== received) problems.push('histogram count mismatch');
  const first = Math.min(...results.map((r) => r.first ?? Infinity));
  const last = Math.max(...results.map((r) => r.last ?? 0));
  return { received, expected, outOfOrder, first, last };
}

/**
 * Connects `clients` at once, holds them, and measures time, CPU and memory per connection, and the server's CPU
 * while they are idle: over `holdMs`, which starts `settleMs` after the last connect.
 */
export async function connections(server, generators, { clients, holdMs, settleMs = 0, localAddresses, concurrency }) {
  const problems = [];
  await quiesce(server);
  const heap0 = await server.heapAfterGc();
  const rss0 = rssBytes(server.pid);
  const measure = await measured(server, generators, () => connectAll(server, generators, clients, ['websocket'], problems, { localAddresses, concurrency }));
  const connectMs = measure.wallMs;
  await sleep(settleMs);
  const idle = await measured(server, generators, () => sleep(holdMs));
  const statuses = await generators.all('status');
  const stillConnected = statuses.results.reduce((sum, r) => sum + r.connected, 0);
  if (stillConnected !== clients) problems.push(`${clients - stillConnected} of ${clients} connections not held for ${settleMs + holdMs} ms`);
  const rss1 = rssBytes(server.pid);
  const heap1 = await server.heapAfterGc();
  await closeAll(server, generators, problems);
  return {
    throughput: (clients * 1000) / connectMs,
    connectMs,
    cpuPerOp: measure.serverCpuUs / clients,
    serverCpuPct: (measure.serverCpuUs / (connectMs * 1000)) * 100,
    genCpuPct: measure.genCpuPct,
    heapPerConn: (heap1 - heap0) / clients,
    rssPerConn: (rss1 - rss0) / clients,
    idleCpuPct: (idle.serverCpuUs / (idle.wallMs * 1000)) * 100,
    ops: clients,
    p50: NaN,
    p99: NaN,
    problems,
  };
}

/**
 * Warms a server up before anything is measured. A JVM pinned to one core compiles on that core too, so a fixed
 * few seconds left the first measured runs paying for the JIT (up to 1.7 × the CPU per echo of the later ones).
 * Rounds of every kind of work (echo, 500 connects, a broadcast burst, polling) run until the server's CPU per
 * echo settles, two rounds in a row within `tolerance` of each other, or `maxMs` is spent. What goes wrong in a
 * round (a lost event, a failed connection) is kept: a server that fails while warming up fails the run.
 * @returns {{rounds: number[], settled: boolean, problems: string[]}} CPU µs per echo, round by round
 */
export async function warmUp(server, generators, { roundMs, maxMs, tolerance = 0.1 }) {
  const start = performance.now();
  const rounds = [];
  const problems = [];
  let settled = false;
  while (!settled && performance.now() - start < maxMs) {
    const round = await echo(server, generators, { clients: 50, durationMs: roundMs });
    const others = [
      await echo(server, generators, { clients: 500, durationMs: Math.min(roundMs, 1000) }),
      await broadcast(server, generators, { clients: 200, count: 200, rate: 0, timeoutMs: 30000 }),
      await echo(server, generators, { clients: 10, durationMs: Math.min(roundMs, 2000), transports: ['polling'] }),
    ];
    [round, ...others].forEach((part) => problems.push(...part.problems.map((problem) => `warm-up round ${rounds.length + 1}: ${problem}`)));
    rounds.push(round.cpuPerOp);
    const [before, last] = rounds.slice(-2);
    settled = rounds.length >= 2 && Math.abs(last - before) <= tolerance * before;
  }
  await sleep(500);
  return { rounds, settled, problems };
}

/**
 * Sets apart the problems a server is known to have (its `limits`: what a peer cannot do, each with the scenarios it
 * shows in and why), so the report says them for the row and the run still counts as passed. Anything else stays a
 * problem.
 * @param {{limits?: {scenarios: RegExp, problem: RegExp, why: string}[]}} server
 */
export function knownLimits(server, scenarioName, problems) {
  const limits = new Set();
  const others = problems.filter((problem) => {
    const limit = server.limits?.find((l) => l.scenarios.test(scenarioName) && l.problem.test(problem));
    if (limit) limits.add(limit.why);
    return !limit;
  });
  return { problems: others, limits: [...limits] };
}
