// CPU of a process over a few seconds, by thread group (names with their numbers removed), user and system
// separately, from /proc/<pid>/task/*/stat. Shows the CPU a JFR execution sample cannot: kernel time in sends,
// wake-ups and polls, and the JIT and GC threads. bench/cluster.mjs --threads uses the same functions per run.
//
//   node bench/thread-cpu.mjs PID [SECONDS]
import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const tck = Number(spawnSync('getconf', ['CLK_TCK']).stdout.toString().trim()) || 100;

/** Each thread's CPU ticks so far, by thread id. */
export function threadTicks(pid) {
  const threads = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads.set(tid, { name, user: Number(fields[11]), system: Number(fields[12]) });
    } catch {
      // the thread ended meanwhile
    }
  }
  return threads;
}

/** CPU between two threadTicks snapshots by thread group, in microseconds, busiest first: [[group, {user, system}]]. */
export function threadGroups(before, after) {
  const groups = new Map();
  for (const [tid, now] of after) {
    const then = before.get(tid) ?? { user: 0, system: 0 };
    const key = now.name.replace(/[-_:(# ]*\d+\)?$/, '').replace(/\d+/g, 'N');
    const group = groups.get(key) ?? { user: 0, system: 0 };
    group.user += ((now.user - then.user) * 1e6) / tck;
    group.system += ((now.system - then.system) * 1e6) / tck;
    groups.set(key, group);
  }
  return [...groups.entries()].sort((a, b) => (b[1].user + b[1].system) - (a[1].user + a[1].system));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [pid, seconds = '10'] = process.argv.slice(2);
  const before = threadTicks(pid);
  await new Promise((resolve) => setTimeout(resolve, Number(seconds) * 1000));
  const groups = threadGroups(before, threadTicks(pid));
  const total = groups.reduce((sum, [, g]) => sum + g.user + g.system, 0);
  const ms = (us) => (us / 1000).toFixed(0).padStart(6);
  console.log(`pid ${pid}: ${ms(total)} ms CPU in ${seconds} s`);
  groups.slice(0, 12).forEach(([name, g]) => console.log(`${name.padEnd(28)} user ${ms(g.user)} ms  system ${ms(g.system)} ms  `
    + `${(((g.user + g.system) * 100) / (total || 1)).toFixed(0).padStart(3)} %`));
}
