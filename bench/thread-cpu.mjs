// CPU of a process over a few seconds, by thread group (names with their numbers removed), user and system
// separately, from /proc/<pid>/task/*/stat. Shows the CPU a JFR execution sample cannot: kernel time in sends,
// wake-ups and polls, and the JIT and GC threads.
//
//   node bench/thread-cpu.mjs PID [SECONDS]
import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const [pid, seconds = '10'] = process.argv.slice(2);
const tck = Number(spawnSync('getconf', ['CLK_TCK']).stdout.toString().trim()) || 100;

function snapshot() {
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

const before = snapshot();
await new Promise((resolve) => setTimeout(resolve, Number(seconds) * 1000));
const after = snapshot();
const groups = new Map();
for (const [tid, now] of after) {
  const then = before.get(tid) ?? { user: 0, system: 0 };
  const key = now.name.replace(/[-_:(# ]*\d+\)?$/, '').replace(/\d+/g, 'N');
  const group = groups.get(key) ?? { user: 0, system: 0 };
  group.user += now.user - then.user;
  group.system += now.system - then.system;
  groups.set(key, group);
}
const total = [...groups.values()].reduce((sum, g) => sum + g.user + g.system, 0);
const ms = (ticks) => ((ticks * 1000) / tck).toFixed(0).padStart(6);
console.log(`pid ${pid}: ${ms(total)} ms CPU in ${seconds} s`);
[...groups.entries()].sort((a, b) => (b[1].user + b[1].system) - (a[1].user + a[1].system)).slice(0, 12)
  .forEach(([name, g]) => console.log(`${name.padEnd(28)} user ${ms(g.user)} ms  system ${ms(g.system)} ms  ${(((g.user + g.system) * 100) / (total || 1)).toFixed(0).padStart(3)} %`));
