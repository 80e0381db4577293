// The benchmark's report: the machine, a table of medians with min–max over the runs, and the targets.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export function machine(root) {
  const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model;
  const java = spawnSync('java', ['-version']).stderr.toString().split('\n')[0];
  const nofile = spawnSync('bash', ['-c', 'ulimit -n']).stdout.toString().trim();
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const info = {
    nproc: cpus().length, cpuModel, memoryGiB: Math.round(totalmem() / 2 ** 30), java, node: process.version,
    socketIo: JSON.parse(readFileSync(`${root}/node_modules/socket.io/package.json`, 'utf8')).version,
    socketIoClient: JSON.parse(readFileSync(`${root}/node_modules/socket.io-client/package.json`, 'utf8')).version,
    nofile, loadAtStart: load,
  };
  info.summary = `${info.nproc} × ${cpuModel}, ${info.memoryGiB} GiB, ${java}, Node ${process.version}, `
    + `socket.io ${info.socketIo}, ulimit -n ${nofile}, load average ${load}`;
  return info;
}

export const median = (xs) => {
  const sorted = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export function format(value, digits) {
  if (!Number.isFinite(value)) return '–';
  return value >= 1000 ? Math.round(value).toLocaleString('en-US') : value.toFixed(digits);
}

/** "median (min–max)", or just the value for a single run. */
export function cell(xs, digits = 1) {
  const finite = xs.filter(Number.isFinite);
  if (!finite.length) return '–';
  const m = format(median(finite), digits);
  return finite.length === 1 ? m : `${m} (${format(Math.min(...finite), digits)}–${format(Math.max(...finite), digits)})`;
}

export function printTable(plan, serverNames, runs, servers) {
  const header = ['scenario', 'server', 'throughput', 'p50 ms', 'p99 ms', 'server CPU µs/op', '× Node', 'server CPU %', 'gen CPU %', 'memory/conn', 'checks'];
  const rows = [];
  for (const scenario of plan) {
    const nodeCpu = median(runs.filter((run) => run.scenario === scenario.name && run.server === 'node').map((run) => run.cpuPerOp));
    for (const name of serverNames) {
      const own = runs.filter((run) => run.scenario === scenario.name && run.server === name);
      const skip = servers[name].skips?.find((s) => s.scenarios.test(scenario.name));
      if (skip) rows.push([scenario.title, servers[name].label, ...Array(header.length - 3).fill('–'), `not run: ${skip.why}`]);
      if (!own.length) continue;
      const pick = (key) => own.map((run) => run[key]);
      const memory = own[0].heapPerConn === undefined ? ''
        : `heap ${cell(pick('heapPerConn').map((b) => b / 1024))} KB, RSS ${cell(pick('rssPerConn').map((b) => b / 1024))} KB`;
      const problems = own.reduce((sum, run) => sum + run.problems.length, 0);
      const limits = [...new Set(own.flatMap((run) => run.limits ?? []))];
      rows.push([scenario.title, servers[name].label, `${cell(pick('throughput'), 0)} ${scenario.unit}`, cell(pick('p50'), 2),
        cell(pick('p99'), 2), cell(pick('cpuPerOp')), format(median(pick('cpuPerOp')) / nodeCpu, 2), cell(pick('serverCpuPct'), 0), cell(pick('genCpuPct'), 0), memory,
        problems ? `${problems} problem(s)` : limits.length ? `known limit: ${limits.join('; ')}` : checks(own)]);
    }
  }
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  rows.forEach((row) => console.log(`| ${row.join(' | ')} |`));
}

function checks(runs) {
  if (runs[0].lost !== undefined) return 'none lost, in order';
  if (runs[0].heapPerConn !== undefined) return 'all held';
  return 'all acked';
}

/**
 * Switchboard against the performance issue's targets, on medians, each line MET or missed with its numbers:
 * - WebSocket (echo-*, rate-*, bcast-*): CPU per operation ≤ 0.8 × Node's on Payara Micro, ≤ 0.6 × on WildFly;
 *   bcast-5000-burst's CPU per delivery ≤ Node's (within that already, printed on its own line as the issue asks);
 * - long-polling (polling-*): CPU per operation ≤ Node's and p99 ≤ Node's, on both;
 * - at a fixed rate (rate-*): p99 ≤ Node's;
 * - connect-10k on Payara Micro: heap ≤ 10 KB per connection, no failed run.
 * Switchboard-container is the same WAR on Payara Micro and is held to Payara's. The peers (netty-socketio,
 * Flask-SocketIO) have no targets: the table's × Node column places them. The curves (curve-*) have none either.
 */
export function targets(runs, serverNames, servers) {
  if (!serverNames.includes('node')) return [];
  return serverNames.filter((name) => name !== 'node' && !servers[name].peer).flatMap((name) => targetsOf(runs, name, servers[name].label));
}

// the most CPU per WebSocket operation, as a multiple of Node's, by container
const WEBSOCKET_RATIO = { payara: 0.8, wildfly: 0.6 };
const HEAP_PER_CONNECTION_KB = 10;

function targetsOf(runs, server, label) {
  const med = (scenario, name, key) => median(runs.filter((r) => r.scenario === scenario && r.server === name).map((r) => r[key]));
  const onWildfly = server === 'wildfly';
  const wsRatio = WEBSOCKET_RATIO[onWildfly ? 'wildfly' : 'payara'];
  const verdict = (met) => (met ? 'MET' : 'missed');
  const lines = [`Targets (${label} vs Node socket.io, medians):`];
  const cpuLine = (scenario, ratioTarget, what = 'CPU/op') => {
    const sb = med(scenario, server, 'cpuPerOp');
    const node = med(scenario, 'node', 'cpuPerOp');
    const ratio = sb / node;
    const bound = ratioTarget === 1 ? '≤ Node' : `≤ ${ratioTarget} × Node`;
    lines.push(`  ${scenario.padEnd(17)} ${what} ${format(sb, 1)} vs ${format(node, 1)} µs = ${format(ratio, 2)} × Node  ${verdict(ratio <= ratioTarget)} (${bound})`);
  };
  const p99Line = (scenario) => {
    const p99 = med(scenario, server, 'p99');
    const nodeP99 = med(scenario, 'node', 'p99');
    lines.push(`  ${scenario.padEnd(17)} p99 ${format(p99, 2)} vs ${format(nodeP99, 2)} ms  ${verdict(p99 <= nodeP99)} (≤ Node)`);
  };
  const scenarioNames = [...new Set(runs.map((r) => r.scenario))].filter((name) => runs.some((r) => r.scenario === name && r.server === server));
  for (const scenario of scenarioNames) {
    if (/^(echo|rate|bcast)-/.test(scenario)) cpuLine(scenario, wsRatio);
    if (scenario === 'bcast-5000-burst') cpuLine(scenario, 1, 'CPU/delivery');
    if (/^polling-/.test(scenario)) {
      cpuLine(scenario, 1);
      p99Line(scenario);
    }
    if (/^rate-/.test(scenario)) p99Line(scenario);
    if (/^connect-/.test(scenario) && !onWildfly) {
      const heap = med(scenario, server, 'heapPerConn') / 1024;
      const failures = runs.filter((r) => r.scenario === scenario && r.server === server && r.problems.length).length;
      lines.push(`  ${scenario.padEnd(17)} heap ${format(heap, 1)} KB/conn, ${failures} failed run(s)  `
        + `${verdict(heap <= HEAP_PER_CONNECTION_KB && !failures)} (≤ ${HEAP_PER_CONNECTION_KB} KB, no failure)`);
    }
  }
  return lines.length > 1 ? lines : [];
}
