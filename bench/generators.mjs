// The pool of load-generator processes (bench/loadgen.mjs), pinned to the load generator's core. Clients are
// spread over the processes; a command goes to every process that holds clients, and the answers are combined.
// pollGraceMs: on a close, how long a busy server has to answer its closed polling sessions' pending GETs before the
// clients cut them and count them (a server that never answers, a known limit of netty-socketio's, costs that much
// on every polling run).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { merge, newHistogram } from './histogram.mjs';

export async function startGenerators({ root, count, cpu, pollGraceMs = 10000 }) {
  const generators = await Promise.all(Array.from({ length: count }, () => new Promise((resolve, reject) => {
    const child = spawn('taskset', ['-c', cpu, process.execPath, join(root, 'bench/loadgen.mjs')],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const pending = new Map();
    let nextId = 0;
    child.on('message', (message) => {
      if (message.ready) return resolve(generator);
      const call = pending.get(message.id);
      if (!call) return;
      if (message.partial) return call.onPartial?.(message.partial);
      pending.delete(message.id);
      if (message.error) call.reject(new Error(`load generator ${child.pid}: ${message.error}`));
      else call.resolve(message.result);
    });
    child.once('exit', (code) => {
      pending.forEach((call) => call.reject(new Error(`load generator ${child.pid} exited with ${code}`)));
      reject(new Error(`load generator exited with ${code}`));
    });
    const generator = {
      pid: child.pid,
      clients: 0,
      call(cmd, args, onPartial) {
        return new Promise((resolveCall, rejectCall) => {
          const id = nextId++;
          pending.set(id, { resolve: resolveCall, reject: rejectCall, onPartial });
          child.send({ id, cmd, args });
        });
      },
      stop() {
        if (child.connected) child.disconnect();
        return new Promise((resolveExit) => (child.exitCode !== null ? resolveExit() : child.once('exit', resolveExit)));
      },
    };
  })));

  const holding = () => generators.filter((generator) => generator.clients > 0);

  return {
    pids: generators.map((generator) => generator.pid),

    /** Connects n clients in total, spread evenly. */
    async connect(url, n, options = {}) {
      const shares = generators.map((_, i) => Math.floor(n / generators.length) + (i < n % generators.length ? 1 : 0));
      const results = await Promise.all(generators.map((generator, i) => (shares[i] === 0
        ? { connected: generator.clients, failed: 0, errors: {}, ms: 0 }
        : generator.call('connect', { url, n: shares[i], ...options }))));
      results.forEach((result, i) => { generators[i].clients = result.connected; });
      const errors = {};
      results.forEach((result) => Object.entries(result.errors).forEach(([error, k]) => { errors[error] = (errors[error] ?? 0) + k; }));
      return {
        connected: results.reduce((sum, result) => sum + result.connected, 0),
        failed: results.reduce((sum, result) => sum + result.failed, 0),
        errors,
      };
    },

    /** The same command on every process holding clients; `split` args are divided by their share of clients. */
    async all(cmd, args = {}, { split = [], onArmed } = {}) {
      const active = holding();
      const total = active.reduce((sum, generator) => sum + generator.clients, 0);
      let armed = 0;
      const results = await Promise.all(active.map((generator) => {
        const own = { ...args };
        split.forEach((key) => { own[key] = (args[key] * generator.clients) / total; });
        return generator.call(cmd, own, () => { if (++armed === active.length) onArmed?.(); });
      }));
      const histogram = newHistogram();
      results.forEach((result) => result.histogram && merge(histogram, result.histogram));
      return { results, histogram };
    },

    async close() {
      const results = await Promise.all(holding().map((generator) => generator.call('close', { pollGraceMs })));
      generators.forEach((generator) => { generator.clients = 0; });
      const reasons = {};
      results.forEach((result) => Object.entries(result.disconnectReasons).forEach(([reason, k]) => { reasons[reason] = (reasons[reason] ?? 0) + k; }));
      const sum = (key) => results.reduce((total, result) => total + result[key], 0);
      return { dropped: sum('unexpectedDisconnects'), reasons, unansweredPolls: sum('unansweredPolls') };
    },

    stop: () => Promise.all(generators.map((generator) => generator.stop())),
  };
}
