// Where a JFR recording's CPU samples go: the hottest frames by self time and by total time, and the
// threads sampled. For the benchmark's --jfr recordings of Switchboard.
//
//   node bench/jfr-top.mjs target/bench/switchboard.jfr [--top 25] [--match dev.switchboard]
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' }, match: { type: 'string' }, depth: { type: 'string', default: '64' } },
});
const top = Number(values.top);
const jfr = spawn('jfr', ['print', '--events', 'jdk.ExecutionSample', '--stack-depth', values.depth, positionals[0]]);

const self = new Map();
const total = new Map();
const threads = new Map();
let samples = 0;
let stack = null;
let thread = '';
const add = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);

for await (const line of createInterface({ input: jfr.stdout })) {
  const trimmed = line.trim();
  if (trimmed.startsWith('sampledThread')) {
    thread = /"(.*?)"/.exec(trimmed)?.[1]?.replace(/[-_ ]?\d+$/, '') ?? '?';
  } else if (trimmed === 'stackTrace = [') {
    stack = [];
  } else if (stack && trimmed === ']') {
    samples++;
    add(threads, thread);
    if (stack.length) add(self, stack[0]);
    new Set(stack).forEach((frame) => add(total, frame));
    stack = null;
  } else if (stack && trimmed && trimmed !== '...') {
    stack.push(trimmed.replace(/\s+line:.*$/, ''));
  }
}

const show = (title, map, filter = () => true) => {
  console.log(`\n${title}`);
  [...map.entries()].filter(([frame]) => filter(frame)).sort((a, b) => b[1] - a[1]).slice(0, top)
    .forEach(([frame, n]) => console.log(`${((n * 100) / samples).toFixed(1).padStart(6)} %  ${frame}`));
};
console.log(`${samples} CPU samples in ${positionals[0]}`);
show('threads', threads);
show('self time (top frame)', self);
show(`total time (frame anywhere on the stack)${values.match ? `, frames matching ${values.match}` : ''}`, total,
  values.match ? (frame) => frame.includes(values.match) : () => true);
