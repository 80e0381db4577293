// Switchboard against the Node reference server (socket.io) and two peers, side by side. See bench/README.md.
//
//   mvn -Pbench -DskipTests package && node bench/run.mjs            full benchmark
//   node bench/run.mjs --smoke                                      every scenario briefly; exits 1 on a problem
//
// Options: --reps N, --duration SECONDS, --only name,name (scenario names or prefixes), --servers
// switchboard,node,netty-socketio,flask (the default: netty-socketio 2.0.x and Flask-SocketIO on eventlet are the
// peers; add wildfly for Switchboard on WildFly too: needs  mvn -Pwildfly pre-integration-test  first; add
// switchboard-container for Switchboard on Payara Micro with websocket=container, Tyrus's WebSocket),
// --warmup SECONDS (the most each server is warmed up before measuring, default 120; it stops earlier once its
// CPU per echo has settled), --jvm "OPTIONS" (Switchboard's and netty-socketio's), --worker-threads N,
// --generators N, --server-cpu 1, --generator-cpu 0, --json FILE, --java-port, --node-port, --wildfly-port,
// --container-port, --netty-port, --flask-port,
// --jfr FILE (a JFR recording of Switchboard over the measured runs, after the warm-up; see bench/jfr-top.mjs),
// --curves (the capacity curves too: idle connections, room size, polling clients; --only curve runs only them;
// a smoke run has them, tiny), --charts DIR (where their SVG charts go, default target/bench/charts),
// --build NAME=WAR (repeatable: another build's bench WAR, e.g. of an older commit, as the server switchboard@NAME
// on the same Payara Micro, to put two builds side by side in one run; name it in --servers too).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { curvePlan, curveTables, printCurves, writeCharts } from './curves.mjs';
import { startGenerators } from './generators.mjs';
import { machine, printTable, targets } from './report.mjs';
import * as scenarios from './scenarios.mjs';
import { withOpenFileLimit, startFlask, startNettySocketIo, startReference, startSwitchboard, startSwitchboardOnWildfly } from './servers.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

withOpenFileLimit(import.meta.url);

const { values: options } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    reps: { type: 'string' },
    duration: { type: 'string' },
    only: { type: 'string' },
    servers: { type: 'string', default: 'switchboard,node,netty-socketio,flask' },
    jvm: { type: 'string', default: '-Xms1g -Xmx1g -XX:+UseParallelGC' },
    'worker-threads': { type: 'string' },
    generators: { type: 'string', default: '2' },
    'server-cpu': { type: 'string', default: '1' },
    'generator-cpu': { type: 'string', default: '0' },
    'java-port': { type: 'string', default: '18710' },
    'node-port': { type: 'string', default: '18711' },
    'wildfly-port': { type: 'string', default: '18712' },
    'container-port': { type: 'string', default: '18715' },
    'netty-port': { type: 'string', default: '18716' },
    'flask-port': { type: 'string', default: '18717' },
    warmup: { type: 'string', default: '120' },
    jfr: { type: 'string' },
    json: { type: 'string' },
    curves: { type: 'boolean', default: false },
    charts: { type: 'string' },
    build: { type: 'string', multiple: true, default: [] },
  },
});

const smoke = options.smoke;
const reps = Number(options.reps ?? (smoke ? 1 : 3));
const durationMs = Number(options.duration ?? (smoke ? 1 : 10)) * 1000;
const seconds = durationMs / 1000;
// 127.0.0.x source addresses for the 10,000 connections, so ephemeral ports never run short on one address
const localAddresses = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 2}`);

const plan = [
  { name: 'echo-1', title: 'echo+ack, 1 client', unit: 'ops/s', run: scenarios.echo, args: { clients: 1, durationMs } },
  { name: 'echo-50', title: 'echo+ack, 50 clients', unit: 'ops/s', run: scenarios.echo, args: { clients: 50, durationMs } },
  { name: 'echo-500', title: 'echo+ack, 500 clients', unit: 'ops/s', run: scenarios.echo, args: { clients: 500, durationMs } },
  { name: 'rate-20k', title: 'echo at 20,000/s, 50 clients', unit: 'sent/s', run: scenarios.fixedRate, args: { clients: 50, rate: 20000, durationMs } },
  smoke
    ? { name: 'bcast-1000-rate', title: 'broadcast room 1,000 @ 50/s', unit: 'deliv/s', run: scenarios.broadcast, args: { clients: 1000, count: 50, rate: 50, timeoutMs: 30000 } }
    : { name: 'bcast-1000-rate', title: 'broadcast room 1,000 @ 50/s', unit: 'deliv/s', run: scenarios.broadcast, args: { clients: 1000, count: 50 * seconds, rate: 50, timeoutMs: 60000 } },
  { name: 'bcast-1000-burst', title: 'broadcast room 1,000, burst', unit: 'deliv/s', run: scenarios.broadcast, args: { clients: 1000, count: smoke ? 50 : 200, rate: 0, timeoutMs: 60000 } },
  smoke
    ? { name: 'bcast-5000-rate', title: 'broadcast room 2,000 @ 10/s', unit: 'deliv/s', run: scenarios.broadcast, args: { clients: 2000, count: 10, rate: 10, timeoutMs: 30000 } }
    : { name: 'bcast-5000-rate', title: 'broadcast room 5,000 @ 10/s', unit: 'deliv/s', run: scenarios.broadcast, args: { clients: 5000, count: 10 * seconds, rate: 10, timeoutMs: 60000 } },
  { name: 'bcast-5000-burst', title: `broadcast room ${smoke ? '2,000' : '5,000'}, burst`, unit: 'deliv/s', run: scenarios.broadcast,
    args: { clients: smoke ? 2000 : 5000, count: smoke ? 10 : 40, rate: 0, timeoutMs: 60000 } },
  { name: 'connect-10k', title: `connect ${smoke ? '2,000' : '10,000'} clients`, unit: 'conn/s', run: scenarios.connections,
    args: { clients: smoke ? 2000 : 10000, holdMs: smoke ? 2000 : 30000, localAddresses, concurrency: 200 } },
  { name: 'polling-50', title: 'long-polling echo+ack, 50 clients', unit: 'ops/s', run: scenarios.echo, args: { clients: 50, durationMs, transports: ['polling'] } },
  // the same with HTTP keep-alive, as browsers poll (polling-50 opens a TCP connection per request)
  { name: 'polling-50-keepalive', title: 'long-polling echo+ack, 50 clients, keep-alive', unit: 'ops/s', run: scenarios.echo,
    args: { clients: 50, durationMs, transports: ['polling'], keepAlive: true } },
  ...curvePlan({ smoke, durationMs, localAddresses }),
];

const only = options.only?.split(',');
// a name selects itself and the scenarios it is a prefix of: echo = echo-1, echo-50, echo-500; echo-50 = only echo-50.
// The curves hold up to 18,000 connections for half a minute a point, more than a full run should pay for: only
// --curves or --only curve asks for them (a smoke run has them, tiny).
const chosen = (s) => (only ? only.some((name) => s.name === name || s.name.startsWith(`${name}-`)) : !s.curve || smoke);
const selected = plan.filter((s) => chosen(s) || (options.curves && s.curve));
const serverNames = options.servers.split(',');

const started = [];
let generators;
async function stopEverything() {
  try {
    await generators?.stop();
  } catch {
    // the servers are stopped all the same
  }
  await Promise.all(started.map((server) => server.stop().catch(() => {})));
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => stopEverything().finally(() => process.exit(130)));
}

async function main() {
  const began = Date.now();
  // the orchestrator runs with the load generators, away from the servers' core
  spawnSync('taskset', ['-a', '-p', '-c', options['generator-cpu'], String(process.pid)], { stdio: 'ignore' });
  const info = machine(root);
  console.log(`${smoke ? 'Smoke' : 'Full'} benchmark, ${reps} run(s) per scenario and server, ${seconds} s runs; ${info.summary}`);

  // a smoke run's polling is short and light: 5 s is 25 times the 200 ms that once left a saturated Switchboard 2 polls short
  generators = await startGenerators({ root, count: Number(options.generators), cpu: options['generator-cpu'], pollGraceMs: smoke ? 5000 : 10000 });
  const servers = {};
  const jvm = {
    cpu: options['server-cpu'], jvmOptions: options.jvm.split(/\s+/).filter(Boolean),
    workerThreads: options['worker-threads'] && Number(options['worker-threads']),
  };
  const port = (option) => Number(options[option]);
  const starters = {
    switchboard: () => startSwitchboard({ root, port: port('java-port'), ...jvm }),
    'switchboard-container': () => startSwitchboard({ root, port: port('container-port'), containerWebSocket: true, ...jvm }),
    wildfly: () => startSwitchboardOnWildfly({ root, port: port('wildfly-port'), ...jvm }),
    node: () => startReference({ root, port: port('node-port'), cpu: options['server-cpu'] }),
    'netty-socketio': () => startNettySocketIo({ root, port: port('netty-port'), ...jvm }),
    flask: () => startFlask({ root, port: port('flask-port'), cpu: options['server-cpu'] }),
  };
  options.build.forEach((given, i) => {
    const [build, war] = given.split('=');
    if (!build || !war) throw new Error(`--build takes NAME=WAR, not ${given}`);
    starters[`switchboard@${build}`] = () => startSwitchboard({ root, port: port('java-port') + 20 + i, ...jvm,
      war: resolve(war), name: `switchboard@${build}`, label: `Switchboard @${build}` });
  });
  const unknown = serverNames.filter((name) => !starters[name]);
  if (unknown.length) throw new Error(`unknown server(s) ${unknown.join(', ')}: --servers takes ${Object.keys(starters).join(', ')}`);
  for (const name of serverNames) {
    const server = await starters[name]();
    started.push(server);
    servers[name] = server;
    console.log(`${server.label}${server.version ? ` ${server.version}` : ''} up on ${server.url} (pid ${server.pid}${server.jvm ? `, JVM ${server.jvm.join(' ')}` : ''})`);
  }
  if (options.jfr && servers.switchboard) servers.switchboard.armProfile();
  const warmUps = {};
  for (const name of serverNames) {
    process.stdout.write(`warming up ${servers[name].label} … `);
    const warm = await scenarios.warmUp(servers[name], generators,
      smoke ? { roundMs: 1500, maxMs: 1 } : { roundMs: 4000, maxMs: Number(options.warmup) * 1000 });
    Object.assign(warm, scenarios.knownLimits(servers[name], 'warm-up', warm.problems));
    warmUps[name] = warm;
    console.log(`${warm.rounds.length} round(s), CPU per echo ${warm.rounds.map((us) => us.toFixed(1)).join(' → ')} µs`
      + (smoke ? '' : warm.settled ? ' (settled)' : ` (not settled in ${options.warmup} s)`)
      + (warm.limits.length ? `; known limit: ${warm.limits.join('; ')}` : ''));
  }

  if (options.jfr && servers.switchboard) {
    servers.switchboard.startProfile(resolve(options.jfr));
    console.log(`recording JFR of Switchboard to ${options.jfr}`);
  }
  const runs = [];
  const out = options.json ?? join(root, 'target/bench', `results-${smoke ? 'smoke' : 'full'}.json`);
  mkdirSync(dirname(out), { recursive: true });
  const save = () => writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), machine: info, options: { ...options, reps, durationMs }, warmUps, runs }, null, 1));
  for (const scenario of selected) {
    for (let rep = 0; rep < reps; rep++) {
      // alternate which server goes first, run by run
      const order = rep % 2 === 0 ? serverNames : [...serverNames].reverse();
      for (const name of order) {
        const skip = servers[name].skips?.find((s) => s.scenarios.test(scenario.name));
        if (skip) {
          if (rep === 0) console.log(`  ${scenario.name.padEnd(17)} ${name.padEnd(11)} not run: ${skip.why}`);
          continue;
        }
        const result = await scenario.run(servers[name], generators, scenario.args);
        Object.assign(result, scenarios.knownLimits(servers[name], scenario.name, result.problems));
        runs.push({ scenario: scenario.name, server: name, rep, ...result });
        save(); // as it goes, so an interrupted benchmark keeps what it measured
        console.log(`  ${scenario.name.padEnd(17)} ${name.padEnd(11)} run ${rep + 1}: ${brief(result)}`);
      }
    }
  }
  if (options.jfr && servers.switchboard) servers.switchboard.stopProfile();
  await stopEverything();

  save();
  console.log();
  printTable(selected, serverNames, runs, servers);
  const verdicts = targets(runs, serverNames, servers);
  if (verdicts.length) console.log(`\n${verdicts.join('\n')}`);
  const curves = curveTables(selected, serverNames, runs);
  if (curves.length) {
    printCurves(curves, servers);
    const charts = writeCharts(curves, servers, resolve(options.charts ?? join(root, 'target/bench/charts')),
      { reps, date: new Date().toISOString().slice(0, 10) });
    console.log(`\ncharts: ${charts.join(', ')}`);
  }
  // a server that failed while warming up counts as a failed run: its numbers come from a server in trouble
  for (const [name, warm] of Object.entries(warmUps)) {
    if (warm.problems.length) runs.push({ scenario: 'warm-up', server: name, rep: 0, problems: warm.problems });
  }
  const problems = runs.filter((run) => run.problems.length);
  console.log(`\nresults: ${out}`);
  if (problems.length) {
    console.log(`\nFAILED: ${problems.length} run(s) had problems:`);
    problems.forEach((run) => console.log(`  ${run.scenario} ${run.server} run ${run.rep + 1}: ${run.problems.join('; ')}`));
  }
  console.log(`\nbenchmark took ${Math.round((Date.now() - began) / 1000)} s`);
  console.log(`\n${runs.length - problems.length} passed, ${problems.length} failed`);
  return problems.length ? 1 : 0;
}

function brief(result) {
  const parts = [`${Math.round(result.throughput)}/s`];
  if (Number.isFinite(result.p99)) parts.push(`p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms`);
  parts.push(`${result.cpuPerOp.toFixed(1)} µs CPU/op`, `server ${Math.round(result.serverCpuPct)} %`, `gen ${Math.round(result.genCpuPct)} %`);
  if (result.heapPerConn !== undefined) parts.push(`heap ${(result.heapPerConn / 1024).toFixed(1)} KB/conn, RSS ${(result.rssPerConn / 1024).toFixed(1)} KB/conn, idle CPU ${result.idleCpuPct.toFixed(2)} %`);
  if (result.limits.length) parts.push(`known limit: ${result.limits.join('; ')}`);
  if (result.problems.length) parts.push(`PROBLEMS: ${result.problems.join('; ')}`);
  return parts.join(', ');
}

main().then((code) => process.exit(code), async (error) => {
  console.error(error);
  await stopEverything();
  process.exit(2);
});
