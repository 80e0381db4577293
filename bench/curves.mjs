// Capacity curves: how a server's cost grows with what it holds. Each point is a scenario of the plan
// (curve-idle-1000, curve-bcast-100, curve-polling-10, ...), run like any other; the curves are then printed as
// tables (x = size, one column per server) and written as SVG charts. See bench/README.md, "How the cost grows".
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lineChart } from './charts.mjs';
import { cell, format, median } from './report.mjs';
import * as scenarios from './scenarios.mjs';

// Engine.IO's pingInterval on every server here: an idle window this long holds exactly one heartbeat per connection
const PING_INTERVAL_MS = 25000;
// a broadcast point delivers this many events per second in all, whatever the room's size, so that only the size
// changes from point to point; low enough to leave every server's core some room (bcast-1000-rate asks 50,000/s)
const DELIVERIES_PER_SECOND = 20000;

/**
 * The curves. `sizes` for a full run, `smokeSizes` for --smoke (tiny: the smoke run checks the machinery);
 * `point(size, run)` gives the scenario's function and arguments; each metric reads one number off a run.
 */
export const CURVES = [
  {
    id: 'idle',
    title: (n) => `idle, ${format(n, 0)} connections held`,
    unit: 'conn/s',
    xLabel: 'connections held',
    sizes: [1000, 5000, 10000, 18000],
    smokeSizes: [200, 500],
    how: ({ smoke }) => (smoke ? 'idle 0.5 s (no heartbeat in a smoke run)' : `idle ${PING_INTERVAL_MS / 1000} s: one heartbeat each`),
    point: (clients, { smoke, localAddresses }) => ({
      run: scenarios.connections,
      // the idle window starts 2 s after the last connect, when the connecting's trailing work (logging) is done
      args: { clients, localAddresses, concurrency: 200, settleMs: smoke ? 0 : 2000, holdMs: smoke ? 500 : PING_INTERVAL_MS },
    }),
    metrics: [
      { id: 'heap', title: 'Heap per idle connection', unit: 'KB', yLabel: 'heap per connection (KB)', digits: 1, value: (run) => run.heapPerConn / 1024 },
      { id: 'cpu', title: 'Server CPU while idle, heartbeats only', unit: '% of one core', yLabel: 'server CPU (% of one core)', digits: 2, value: (run) => run.idleCpuPct },
    ],
  },
  {
    id: 'bcast',
    title: (n) => `broadcast room ${format(n, 0)}, ${format(DELIVERIES_PER_SECOND, 0)} deliveries/s`,
    unit: 'deliv/s',
    xLabel: 'clients in the room',
    sizes: [100, 1000, 5000],
    smokeSizes: [50, 200],
    how: ({ seconds }) => `${seconds} s of events at ${format(DELIVERIES_PER_SECOND, 0)} deliveries/s in all`,
    point: (clients, { durationMs }) => {
      const rate = DELIVERIES_PER_SECOND / clients;
      return { run: scenarios.broadcast, args: { clients, count: Math.round((rate * durationMs) / 1000), rate, timeoutMs: 60000 } };
    },
    metrics: [
      { id: 'cpu', title: 'Server CPU per broadcast delivery', unit: 'µs', yLabel: 'server CPU per delivery (µs)', digits: 1, value: (run) => run.cpuPerOp },
    ],
  },
  {
    id: 'polling',
    title: (n) => `long-polling echo+ack, ${format(n, 0)} clients`,
    unit: 'ops/s',
    xLabel: 'long-polling clients',
    sizes: [10, 50, 200],
    smokeSizes: [5, 20],
    how: ({ seconds }) => `closed-loop echo+ack for ${seconds} s`,
    point: (clients, { durationMs }) => ({ run: scenarios.echo, args: { clients, durationMs, transports: ['polling'] } }),
    metrics: [
      { id: 'cpu', title: 'Long-polling: server CPU per echo', unit: 'µs', yLabel: 'server CPU per echo (µs)', digits: 1, value: (run) => run.cpuPerOp },
      { id: 'p99', title: 'Long-polling: p99 latency', unit: 'ms', yLabel: 'p99 latency (ms)', digits: 2, value: (run) => run.p99 },
    ],
  },
];

/**
 * The curves' points as scenarios of the plan, named curve-ID-SIZE. A smoke run's points last half a second: it has
 * 24 of them with four servers, and CI's smoke run should stay near three minutes.
 */
export function curvePlan({ smoke, durationMs, localAddresses }) {
  const context = { smoke, localAddresses, durationMs: smoke ? Math.min(durationMs, 500) : durationMs };
  return CURVES.flatMap((curve) => (smoke ? curve.smokeSizes : curve.sizes).map((size) => ({
    name: `curve-${curve.id}-${size}`, title: curve.title(size), unit: curve.unit, curve, size, smoke, seconds: context.durationMs / 1000,
    ...curve.point(size, context),
  })));
}

/**
 * One table per curve and metric over the points that ran: medians over each server's runs without problems (a
 * known limit is not a problem). A server with no such run at a size has NaN there, so its chart leaves a gap.
 */
export function curveTables(plan, serverNames, runs) {
  const tables = [];
  for (const curve of CURVES) {
    const points = plan.filter((scenario) => scenario.curve === curve);
    if (!points.length) continue;
    for (const metric of curve.metrics) {
      const series = serverNames.map((server) => points.map((point) => {
        const own = runs.filter((run) => run.scenario === point.name && run.server === server);
        const good = own.filter((run) => !run.problems.length).map(metric.value).filter(Number.isFinite);
        return { values: good, failed: own.length > 0 && !good.length };
      }));
      const { smoke, seconds } = points[0];
      tables.push({ curve, metric, xs: points.map((point) => point.size), serverNames, series, smoke, seconds });
    }
  }
  return tables;
}

export function printCurves(tables, servers) {
  for (const { curve, metric, xs, serverNames, series } of tables) {
    console.log(`\n${metric.title} (${metric.unit}), by ${curve.xLabel}: median (min–max) over the runs; failed: every run had a problem`);
    const header = [curve.xLabel, ...serverNames.map((name) => servers[name].label)];
    console.log(`| ${header.join(' | ')} |`);
    console.log(`|${header.map(() => '---').join('|')}|`);
    xs.forEach((x, k) => {
      const cells = series.map((points) => (points[k].failed ? 'failed' : cell(points[k].values, metric.digits)));
      console.log(`| ${format(x, 0)} | ${cells.join(' | ')} |`);
    });
  }
}

/** Writes each table as DIR/curve-ID-METRIC.svg; returns the files written. */
export function writeCharts(tables, servers, dir, { reps, date }) {
  mkdirSync(dir, { recursive: true });
  return tables.map(({ curve, metric, xs, serverNames, series, smoke, seconds }) => {
    const file = join(dir, `curve-${curve.id}-${metric.id}.svg`);
    const subtitle = `${curve.how({ smoke, seconds })}; median of ${reps} run(s) per point; ${date}${smoke ? '; smoke run' : ''}`;
    writeFileSync(file, lineChart({
      title: metric.title, subtitle, xLabel: curve.xLabel, yLabel: metric.yLabel, xs,
      series: serverNames.map((name, i) => ({ label: servers[name].label, values: series[i].map((point) => median(point.values)) })),
    }));
    return file;
  });
}
