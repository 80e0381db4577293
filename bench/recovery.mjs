// What connection state recovery costs on one node (adapter=memory): Switchboard with connectionStateRecovery off,
// then on, each alone on the server core. Memory: the heap (after a full GC) that the log of missed events and the
// kept sessions take, and that the log stays bounded; CPU: a broadcast to a room at a rate, whose events are then
// logged under the namespace's lock. See bench/README.md.
//
//   mvn -Pbench -DskipTests package && node bench/recovery.mjs
//
// Options: --clients N (1000), --events N (events logged per fill, and the server's recoveryMaxPackets; 50000),
// --size N (characters of each event; 32), --count N and --rate N (the broadcast at a rate; 200 at 50/s),
// --warmup SECONDS (30), --server-cpu 1, --generator-cpu 0, --json FILE.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';
import { startGenerators } from './generators.mjs';
import { machine } from './report.mjs';
import * as scenarios from './scenarios.mjs';
import { quiesce, startSwitchboard, withOpenFileLimit } from './servers.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

withOpenFileLimit(import.meta.url);

const { values: options } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000' },
    events: { type: 'string', default: '50000' },
    size: { type: 'string', default: '32' },
    count: { type: 'string', default: '200' },
    rate: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '30' },
    jvm: { type: 'string', default: '-Xms1g -Xmx1g -XX:+UseParallelGC' },
    generators: { type: 'string', default: '2' },
    'server-cpu': { type: 'string', default: '1' },
    'generator-cpu': { type: 'string', default: '0' },
    port: { type: 'string', default: '18741' },
    json: { type: 'string' },
  },
});
const clients = Number(options.clients);
const events = Number(options.events);
const MB = 1024 * 1024;

let generators;
const started = [];
async function stopEverything() {
  try {
    await generators?.stop();
  } catch {
    // the servers are stopped all the same
  }
  await Promise.all(started.map((server) => server.stop().catch(() => {})));
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopEverything().finally(() => process.exit(130)));

/** A controller client of the bench namespace, for the broadcast request. */
async function controller(server) {
  const socket = io(`${server.url}/bench`, { transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise((resolveConnect, reject) => {
    socket.once('connect', resolveConnect);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** `events` events to a room nobody is in: no delivery, but each one logged when recovery is on. */
async function fillLog(server) {
  const socket = await controller(server);
  const acked = await socket.timeout(120_000).emitWithAck('broadcast', { room: 'nobody', count: events, rate: 0, size: Number(options.size) });
  socket.close();
  if (acked?.sent !== events) throw new Error(`fill acked ${JSON.stringify(acked)}`);
}

async function measure(recovery) {
  const name = recovery ? 'switchboard-recovery' : 'switchboard';
  const server = await startSwitchboard({
    root, port: Number(options.port), cpu: options['server-cpu'], jvmOptions: options.jvm.split(/\s+/).filter(Boolean), name,
    // the log holds exactly one fill: the second fill must replace it, not add to it
    settings: recovery ? ['-Dswitchboard.connectionStateRecovery=true', '-Dswitchboard.maxDisconnectionDuration=600000',
      `-Dswitchboard.recoveryMaxPackets=${events}`] : [],
  });
  started.push(server);
  console.log(`${name} up on ${server.url} (pid ${server.pid})`);
  try {
    const warm = await scenarios.warmUp(server, generators, { roundMs: 3000, maxMs: Number(options.warmup) * 1000 });
    console.log(`  warmed up: CPU per echo ${warm.rounds.map((us) => us.toFixed(1)).join(' → ')} µs`);
    const rate = await scenarios.broadcast(server, generators, {
      clients, count: Number(options.count), rate: Number(options.rate), timeoutMs: 120_000,
    });
    console.log(`  broadcast to ${clients} at ${options.rate}/s: ${rate.cpuPerOp.toFixed(1)} µs CPU per delivery, p99 ${rate.p99.toFixed(1)} ms`
      + (rate.problems.length ? `, PROBLEMS: ${rate.problems.join('; ')}` : ''));

    const empty = await server.heapAfterGc();
    const connected = await generators.connect(server.url, clients, { transports: ['websocket'] });
    await generators.all('join', { room: 'kept' });
    const withClients = await server.heapAfterGc();
    await fillLog(server);
    const oneFill = await server.heapAfterGc();
    await fillLog(server);
    const twoFills = await server.heapAfterGc();
    await generators.all('drop');
    const held = await quiesce(server);
    const dropped = await server.heapAfterGc();
    const problems = [...rate.problems];
    if (connected.failed) problems.push(`${connected.failed} connections failed`);
    if (held) problems.push('the server still held connections a minute after the drop');
    const result = {
      name, cpuPerDelivery: rate.cpuPerOp, p99: rate.p99,
      perClient: (withClients - empty) / clients,
      logPerEvent: (oneFill - withClients) / events,
      logGrowthSecondFill: twoFills - oneFill,
      afterDrop: dropped - empty,
      problems,
    };
    console.log(`  heap: ${(empty / MB).toFixed(1)} MB empty, +${(result.perClient / 1024).toFixed(2)} KiB per client, `
      + `+${result.logPerEvent.toFixed(0)} B per logged event, ${(result.logGrowthSecondFill / MB).toFixed(2)} MB more after a second fill, `
      + `${(result.afterDrop / MB).toFixed(1)} MB above empty once every client dropped`);
    return result;
  } finally {
    await server.stop();
    started.splice(started.indexOf(server), 1);
  }
}

async function main() {
  spawnSync('taskset', ['-a', '-p', '-c', options['generator-cpu'], String(process.pid)], { stdio: 'ignore' });
  console.log(`Recovery benchmark: ${clients} clients, ${events} events per fill; ${machine(root).summary}`);
  generators = await startGenerators({ root, count: Number(options.generators), cpu: options['generator-cpu'] });
  const runs = [await measure(false), await measure(true)];
  await stopEverything();
  const out = options.json ?? join(root, 'target/bench', 'results-recovery.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), options, runs }, null, 1));
  const [off, on] = runs;
  console.log(`\n| connectionStateRecovery | CPU per delivery (room of ${clients} at ${options.rate}/s) | heap per client | heap per logged event | growth on a second fill of ${events} | heap above empty after ${clients} clients dropped |`);
  console.log('|---|---|---|---|---|---|');
  for (const run of runs) {
    console.log(`| ${run === off ? 'off' : 'on'} | ${run.cpuPerDelivery.toFixed(1)} µs | ${(run.perClient / 1024).toFixed(2)} KiB `
      + `| ${run.logPerEvent.toFixed(0)} B | ${(run.logGrowthSecondFill / MB).toFixed(2)} MB | ${(run.afterDrop / MB).toFixed(1)} MB |`);
  }
  const sessionBytes = (on.afterDrop - on.logPerEvent * events - Math.max(0, off.afterDrop)) / clients;
  console.log(`\nkept session: about ${(sessionBytes / 1024).toFixed(2)} KiB each (heap after the drop, less the log, less what the server without recovery kept)`);
  const problems = runs.flatMap((run) => run.problems.map((problem) => `${run.name}: ${problem}`));
  console.log(problems.length ? `PROBLEMS:\n${problems.join('\n')}` : 'no problem: every delivery arrived, in order');
  return problems.length ? 1 : 0;
}

main().then((code) => process.exit(code), async (error) => {
  console.error(error);
  await stopEverything();
  process.exit(2);
});
