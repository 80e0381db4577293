// Two nodes on one Redis: a broadcast to a room whose clients are split over both nodes, Switchboard×2
// (adapter=redis) against Node socket.io×2 (@socket.io/redis-adapter), each pair on the same Redis. See bench/README.md.
//
//   mvn -Pbench -DskipTests package && node bench/cluster.mjs
//
// Options: --clients N (the room, split half and half; 1000), --count N (events; 1000, 20 s at 50/s: a 4 s run read
// each runtime's transients rather than its steady cost, see bench/README.md), --rate N (events per second,
// 0 = back to back; 50), --reps N (3), --servers switchboard,node, --generators N, --server-cpu 1,
// --generator-cpu 0, --warmup SECONDS (30), --warm-runs N (unmeasured broadcasts over both nodes first; 1), --json FILE, --jfr DIR (a JFR recording of each Switchboard node over the
// measured runs, DIR/switchboard-a.jfr and DIR/switchboard-b.jfr; see bench/jfr-top.mjs), --threads (each node's CPU per
// delivery by thread group, user and system, after each run; see bench/thread-cpu.mjs). Both nodes of a pair share the server core, Redis the
// generators' core: what is measured is server CPU per delivery, summed over both nodes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';
import { startGenerators } from './generators.mjs';
import { threadGroups, threadTicks } from './thread-cpu.mjs';
import { quantile } from './histogram.mjs';
import { machine } from './report.mjs';
import * as scenarios from './scenarios.mjs';
import { withOpenFileLimit, cpuMicros, quiesce, settle, startRedis, startReference, startSwitchboard } from './servers.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

withOpenFileLimit(import.meta.url);

const { values: options } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000' },
    count: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '50' },
    size: { type: 'string', default: '32' },
    reps: { type: 'string', default: '3' },
    servers: { type: 'string', default: 'switchboard,node' },
    jvm: { type: 'string', default: '-Xms512m -Xmx512m -XX:+UseParallelGC' },
    generators: { type: 'string', default: '2' },
    'server-cpu': { type: 'string', default: '1' },
    'generator-cpu': { type: 'string', default: '0' },
    warmup: { type: 'string', default: '30' },
    'warm-runs': { type: 'string', default: '1' },
    'redis-port': { type: 'string', default: '18720' },
    'base-port': { type: 'string', default: '18721' },
    json: { type: 'string' },
    jfr: { type: 'string' },
    threads: { type: 'boolean', default: false },
  },
});
const clients = Number(options.clients);
const events = Number(options.count);
const rate = Number(options.rate);
const reps = Number(options.reps);
const kinds = options.servers.split(',');

const started = [];
let generators;
async function stopEverything() {
  try {
    await generators?.stop();
  } catch {
    // the servers are stopped all the same
  }
  await Promise.all(started.reverse().map((server) => server.stop().catch(() => {})));
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopEverything().finally(() => process.exit(130)));

/** Two nodes of one kind on the Redis: [a, b]. */
async function pair(kind, redis, basePort) {
  const nodes = [];
  for (const [i, port] of [basePort, basePort + 1].entries()) {
    const name = `${kind}-${i === 0 ? 'a' : 'b'}`;
    const server = kind === 'switchboard'
      ? await startSwitchboard({ root, port, cpu: options['server-cpu'], jvmOptions: options.jvm.split(/\s+/).filter(Boolean), name,
        settings: ['-Dswitchboard.adapter=redis', `-Dswitchboard.redisUrl=${redis.url}`] })
      : await startReference({ root, port, cpu: options['server-cpu'], redisUrl: redis.url, name });
    started.push(server);
    nodes.push(server);
    console.log(`${name} up on ${server.url} (pid ${server.pid})`);
  }
  return nodes;
}

/** One run: half the room on each node, the broadcast started on the first; CPU summed over both. */
async function broadcastOverTwo([a, b]) {
  const problems = [];
  const room = `cluster-${clients}`;
  for (const [server, n] of [[a, Math.ceil(clients / 2)], [b, Math.floor(clients / 2)]]) {
    const connected = await generators.connect(server.url, n, { transports: ['websocket'] });
    if (connected.failed) problems.push(`${connected.failed} connections to ${server.name} failed`);
  }
  const joined = await generators.all('join', { room });
  const joinFailures = joined.results.reduce((sum, r) => sum + r.failed, 0);
  if (joinFailures) problems.push(`${joinFailures} joins not acknowledged`);
  const controller = io(`${a.url}/bench`, { transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise((resolveConnect, reject) => {
    controller.once('connect', resolveConnect);
    controller.once('connect_error', reject);
  });
  // both kinds: what connecting and joining left running (a JVM's compiler threads) ends before the measure starts
  const settledMs = await settle([a.pid, b.pid]);
  const cpu = () => cpuMicros(a.pid) + cpuMicros(b.pid);
  const perNode0 = [cpuMicros(a.pid), cpuMicros(b.pid)];
  const threads0 = options.threads ? [threadTicks(a.pid), threadTicks(b.pid)] : null;
  const cpu0 = cpu();
  const t0 = performance.now();
  let ack;
  const { results, histogram } = await generators.all('expect', { count: events, timeoutMs: 120000 }, {
    onArmed: () => {
      ack = controller.timeout(120000).emitWithAck('broadcast', { room, count: events, rate, size: Number(options.size) })
        .catch((error) => ({ error: String(error.message) }));
    },
  });
  const wallMs = performance.now() - t0;
  const serverCpuUs = cpu() - cpu0;
  const perNode = [cpuMicros(a.pid) - perNode0[0], cpuMicros(b.pid) - perNode0[1]];
  const threads = threads0 ? [threadGroups(threads0[0], threadTicks(a.pid)), threadGroups(threads0[1], threadTicks(b.pid))] : null;
  const acked = await ack;
  controller.close();
  if (acked?.sent !== events) problems.push(`broadcast ack was ${JSON.stringify(acked)}`);
  const { received, first, last } = scenarios.deliveries(results, histogram, problems);
  const { dropped } = await generators.close();
  if (dropped) problems.push(`${dropped} unexpected disconnects`);
  for (const server of [a, b]) {
    if (await quiesce(server)) problems.push(`${server.name} still held connections a minute after the clients closed`);
  }
  return {
    throughput: received > 1 && last > first ? (received * 1000) / (last - first) : NaN,
    p50: quantile(histogram, 0.5),
    p99: quantile(histogram, 0.99),
    cpuPerDelivery: received ? serverCpuUs / received : NaN,
    cpuPerDeliveryByNode: perNode.map((us, i) => (received ? us / (i === 0 ? Math.ceil(clients / 2) : Math.floor(clients / 2)) / events : NaN)),
    wallMs,
    settledMs,
    received,
    problems,
    threads,
  };
}

const median = (values) => {
  const sorted = [...values].filter(Number.isFinite).sort((x, y) => x - y);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : NaN;
};

async function main() {
  spawnSync('taskset', ['-a', '-p', '-c', options['generator-cpu'], String(process.pid)], { stdio: 'ignore' });
  console.log(`Cluster benchmark: a room of ${clients} split over two nodes, ${events} events at ${rate || 'burst'}/s, `
    + `${reps} run(s) per pair; ${machine(root).summary}`);
  const redis = await startRedis({ port: Number(options['redis-port']), cpu: options['generator-cpu'] });
  started.push(redis);
  generators = await startGenerators({ root, count: Number(options.generators), cpu: options['generator-cpu'] });
  const runs = [];
  let port = Number(options['base-port']);
  for (const kind of kinds) {
    const nodes = await pair(kind, redis, port);
    port += 2;
    const profiled = options.jfr && kind === 'switchboard' ? nodes : [];
    for (const node of profiled) node.armProfile();
    for (const node of nodes) {
      const warm = await scenarios.warmUp(node, generators, { roundMs: 3000, maxMs: Number(options.warmup) * 1000 });
      console.log(`warmed up ${node.name}: CPU per echo ${warm.rounds.map((us) => us.toFixed(1)).join(' → ')} µs`);
    }
    // the relay path (Lettuce's thread decoding and fanning out) is compiled only by broadcasts over both nodes
    for (let run = 0; run < Number(options['warm-runs']); run++) {
      const warm = await broadcastOverTwo(nodes);
      console.log(`  ${kind.padEnd(12)} warm-up run: ${warm.cpuPerDelivery.toFixed(1)} µs CPU/delivery`
        + (warm.problems.length ? `, PROBLEMS: ${warm.problems.join('; ')}` : ''));
    }
    if (profiled.length) mkdirSync(resolve(options.jfr), { recursive: true });
    for (const node of profiled) node.startProfile(join(resolve(options.jfr), `${node.name}.jfr`));
    for (let rep = 0; rep < reps; rep++) {
      const result = await broadcastOverTwo(nodes);
      runs.push({ kind, rep, ...result });
      console.log(`  ${kind.padEnd(12)} run ${rep + 1}: ${Math.round(result.throughput)} deliv/s, p50 ${result.p50.toFixed(2)} ms, `
        + `p99 ${result.p99.toFixed(2)} ms, ${result.cpuPerDelivery.toFixed(1)} µs CPU/delivery (both nodes; by node `
        + `${result.cpuPerDeliveryByNode.map((us) => us.toFixed(1)).join(' / ')}; settled in ${(result.settledMs / 1000).toFixed(1)} s)`
        + (result.problems.length ? `, PROBLEMS: ${result.problems.join('; ')}` : ''));
      result.threads?.forEach((groups, i) => console.log(`    ${nodes[i].name} µs per delivery by thread (user + system): `
        + groups.filter(([, g]) => g.user + g.system > 0).slice(0, 10)
          .map(([name, g]) => `${name} ${(g.user / result.received).toFixed(2)}+${(g.system / result.received).toFixed(2)}`).join(', ')));
    }
    for (const node of profiled) node.stopProfile();
    await Promise.all(nodes.map((node) => node.stop()));
    started.splice(started.indexOf(nodes[0]), 2);
  }
  await stopEverything();
  const out = options.json ?? join(root, 'target/bench', 'results-cluster.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), options, runs }, null, 1));
  console.log(`\n| two nodes, room of ${clients}, ${events} events at ${rate || 'burst'}/s (median of ${reps}) | deliveries/s | p50 | p99 | server CPU per delivery, both nodes |`);
  console.log('|---|---|---|---|---|');
  for (const kind of kinds) {
    const mine = runs.filter((run) => run.kind === kind);
    console.log(`| ${kind === 'node' ? 'Node socket.io + redis-adapter' : 'Switchboard, adapter=redis'} | ${Math.round(median(mine.map((r) => r.throughput)))} `
      + `| ${median(mine.map((r) => r.p50)).toFixed(2)} ms | ${median(mine.map((r) => r.p99)).toFixed(2)} ms `
      + `| ${median(mine.map((r) => r.cpuPerDelivery)).toFixed(1)} µs |`);
  }
  const problems = runs.filter((run) => run.problems.length);
  console.log(`\nresults: ${out}\n${runs.length - problems.length} passed, ${problems.length} failed`);
  return problems.length ? 1 : 0;
}

main().then((code) => process.exit(code), async (error) => {
  console.error(error);
  await stopEverything();
  process.exit(2);
});
