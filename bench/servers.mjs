// Starting, measuring and stopping the servers under test. Each is pinned to its own core with taskset,
// binds 127.0.0.1 only, and is stopped by its PID.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK']).stdout.toString().trim()) || 100;

/** CPU time (user + system) of a process and all its threads, in microseconds, from /proc/<pid>/stat. */
export function cpuMicros(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // after the command: state is field 3, utime field 14, stime field 15 (1-based over the whole line)
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLK_TCK;
}

export function rssBytes(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * TCP connections the server still holds on its port, in any state but LISTEN and TIME-WAIT. From `ss` (netlink):
 * /proc/net/tcp was seen to leave out most of several thousand loopback connections here.
 */
export function serverConnections(port) {
  const out = spawnSync('ss', ['-Htan', `( sport = :${port} )`], { maxBuffer: 1 << 26 }).stdout.toString();
  return out.split('\n').filter((line) => line && !/^(LISTEN|TIME-WAIT)\s/.test(line)).length;
}

/**
 * Waits until the server has let go of every connection, so one run's closing work is not measured in the next.
 * @returns {Promise<number>} connections still held when the time ran out (0 when quiet)
 */
export async function quiesce(server, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  let held;
  while ((held = serverConnections(server.port)) > 0 && Date.now() < deadline) await sleep(100);
  await sleep(300); // sessions finish on their executors just after the socket is gone
  return held;
}

/**
 * Waits until the given processes together use under 5 % of a core over half a second (at most timeoutMs), and says
 * how long that took. A JVM compiles what a phase made hot (connecting 1,000 clients: the upgrade, CDI, the
 * handshake) on its compiler threads for a few seconds after it; a measurement started at once pays for that
 * phase, not its own.
 */
export async function settle(pids, timeoutMs = 20000) {
  const started = Date.now();
  const total = () => pids.reduce((sum, pid) => sum + cpuMicros(pid), 0);
  for (let before = total(); Date.now() - started < timeoutMs;) {
    await sleep(500);
    const now = total();
    if (now - before < 25000) break;
    before = now;
  }
  return Date.now() - started;
}

async function waitForHttp(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering ${url}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  child.kill('SIGKILL'); // started but never answered: not left behind the benchmark
  throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
}

function stopChild(child, graceMs) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Waits for a server to come up; when it does not, stops it before failing: the caller never gets it to stop. */
async function upOrStopped(child, waiting) {
  try {
    await waiting;
  } catch (failure) {
    await stopChild(child, 5000);
    throw failure;
  }
}

/** A load test exceeds the production limits on purpose: packets per second per connection, connections. */
function benchSettings(workerThreads) {
  return ['-Dswitchboard.maxPacketRate=1000000', '-Dswitchboard.packetBurst=1000000',
    '-Dswitchboard.maxConnections=100000', '-Dswitchboard.maxPollsInFlight=100000',
    ...(workerThreads ? [`-Dswitchboard.workerThreads=${workerThreads}`] : [])];
}

const JFR_SETTINGS = fileURLToPath(new URL('./cpu-samples.jfc', import.meta.url));

function jfr(pid, command, success) {
  const done = spawnSync('jcmd', [String(pid), ...command], { encoding: 'utf8' });
  if (done.status !== 0 || !success.test(done.stdout)) {
    throw new Error(`jcmd ${command.join(' ')}: ${(done.stdout + done.stderr).trim()}`);
  }
}

/** Profiling and heap readings of a JVM by its PID, through jcmd. */
function jvmControls(pid) {
  return {
    /**
     * Starts JFR once, before the warm-up, and throws the recording away in startProfile: the JVM's first recording
     * slowed the server several times over for the next 10 s or so (275 against 50 µs per echo), which the
     * warm-up now absorbs.
     */
    armProfile() {
      jfr(pid, ['JFR.start', 'name=bench-warm-up', `settings=${JFR_SETTINGS}`], /Started recording/);
    },
    /** JFR sampling Java stacks only (bench/cpu-samples.jfc), from now (after the warm-up) until stopProfile. */
    startProfile(file) {
      jfr(pid, ['JFR.stop', 'name=bench-warm-up'], /Stopped recording/);
      jfr(pid, ['JFR.start', 'name=bench', `settings=${JFR_SETTINGS}`, `filename=${file}`], /Started recording/);
    },
    stopProfile() {
      jfr(pid, ['JFR.stop', 'name=bench'], /Stopped recording/);
    },
    /** Heap in use after a full GC (jcmd GC.run, then GC.heap_info), in bytes. */
    async heapAfterGc() {
      spawnSync('jcmd', [String(pid), 'GC.run']);
      const info = spawnSync('jcmd', [String(pid), 'GC.heap_info']).stdout.toString();
      let used = 0;
      const pattern = /^\s*(garbage-first heap|def new generation|tenured generation|PSYoungGen|ParOldGen)\s+total \d+K, used (\d+)K/gm;
      for (let match; (match = pattern.exec(info));) used += Number(match[2]) * 1024;
      return used || NaN;
    },
  };
}

/**
 * Switchboard on Payara Micro with the bench WAR. With containerWebSocket, the same server with the setting
 * websocket=container (Tyrus's WebSocket instead of Switchboard's own), named and logged apart. With war, another
 * build's bench WAR on the same Payara Micro (run.mjs --build).
 * @param {{root: string, port: number, cpu: string, jvmOptions: string[], workerThreads?: number,
 *   containerWebSocket?: boolean, war?: string, label?: string}} options
 */
export async function startSwitchboard({ root, port, cpu, jvmOptions, workerThreads, containerWebSocket = false,
  name: given, settings = [], war: otherWar, label: givenLabel }) {
  const name = given ?? (containerWebSocket ? 'switchboard-container' : 'switchboard');
  const dir = join(root, 'target/bench');
  const war = otherWar ?? join(dir, 'switchboard-bench.war');
  const jar = join(dir, 'payara-micro.jar');
  for (const file of [war, jar]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: build it first with  mvn -Pbench -DskipTests package`);
  }
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const jvm = [...jvmOptions, `-Djava.io.tmpdir=${join(dir, 'tmp')}`, ...benchSettings(workerThreads),
    ...(containerWebSocket ? ['-Dswitchboard.websocket=container'] : []), ...settings];
  const args = [
    '-c', cpu, 'java', ...jvm, '-jar', jar,
    '--deploy', war, '--contextroot', '/', '--port', String(port),
    '--nocluster', '--disablephonehome',
    '--prebootcommandfile', join(root, 'server-config/payara-micro/pre-boot-commands.asadmin'),
    '--logtofile', join(dir, `${name}.log`),
  ];
  // Payara Micro also writes its log to the console: keep it beside the log file
  const console = openSync(join(dir, `${name}.out`), 'w');
  const child = spawn('taskset', args, { stdio: ['ignore', console, console] });
  closeSync(console);
  const server = {
    name,
    label: givenLabel ?? (containerWebSocket ? 'Switchboard, container WebSocket' : 'Switchboard'),
    pid: child.pid,
    port,
    url: `http://127.0.0.1:${port}`,
    jvm,
    stop: () => stopChild(child, 20000),
    ...jvmControls(child.pid),
  };
  await upOrStopped(child, waitForHttp(`${server.url}/api/info`, child, 240000));
  return server;
}

/**
 * Switchboard on WildFly (Undertow's WebSocket implementation instead of Payara's Tyrus), for comparison: the same
 * bench WAR as ROOT.war in a server base directory of its own under target/bench, copied from the WildFly that
 * `mvn -Pwildfly pre-integration-test` unpacks and configures (server-config/wildfly/switchboard.cli).
 * Ports: port (HTTP), port + 1 (management), port + 2 (HTTPS), all on 127.0.0.1.
 */
export async function startSwitchboardOnWildfly({ root, port, cpu, jvmOptions, workerThreads }) {
  const dir = join(root, 'target/bench');
  const war = join(dir, 'switchboard-bench.war');
  const home = readdirSync(join(root, 'target')).filter((name) => /^wildfly-\d/.test(name)).map((name) => join(root, 'target', name))[0];
  if (!existsSync(war)) throw new Error(`${war} is missing: build it first with  mvn -Pbench -DskipTests package`);
  if (!home) throw new Error('no target/wildfly-*: unpack and configure it first with  mvn -Pwildfly pre-integration-test');
  const base = join(dir, 'wildfly');
  rmSync(base, { recursive: true, force: true });
  cpSync(join(home, 'standalone'), base, { recursive: true });
  rmSync(join(base, 'deployments'), { recursive: true, force: true });
  mkdirSync(join(base, 'deployments'), { recursive: true });
  copyFileSync(war, join(base, 'deployments', 'ROOT.war'));
  // the root context is the bench WAR's, not the welcome page's
  const config = join(base, 'configuration', 'standalone.xml');
  writeFileSync(config, readFileSync(config, 'utf8').replace(/<location name="\/" handler="welcome-content"\/>/, ''));
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  // JAVA_OPTS replaces standalone.conf's defaults: keep the two that matter here
  const jvm = [...jvmOptions, '-Djava.net.preferIPv4Stack=true', '-Djava.awt.headless=true',
    `-Djava.io.tmpdir=${join(dir, 'tmp')}`, ...benchSettings(workerThreads)];
  const console = openSync(join(dir, 'wildfly.out'), 'w');
  // standalone.sh starts the JVM as its child and waits for it: the JVM is what is measured and stopped
  const script = spawn('taskset', ['-c', cpu, join(home, 'bin/standalone.sh'), '-b', '127.0.0.1', '-bmanagement', '127.0.0.1',
    `-Djboss.server.base.dir=${base}`, `-Djboss.http.port=${port}`, `-Djboss.management.http.port=${port + 1}`,
    `-Djboss.https.port=${port + 2}`], { stdio: ['ignore', console, console], env: { ...process.env, JAVA_OPTS: jvm.join(' ') } });
  closeSync(console);
  const server = {
    name: 'wildfly',
    label: 'Switchboard on WildFly',
    pid: undefined,
    port,
    url: `http://127.0.0.1:${port}`,
    jvm,
    stop: async () => {
      if (server.pid) spawnSync('kill', ['-TERM', String(server.pid)]);
      await stopChild(script, 30000);
    },
  };
  const jvmsOfScript = () => {
    try {
      return readFileSync(`/proc/${script.pid}/task/${script.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    } catch {
      return []; // the script has ended
    }
  };
  try {
    await waitForHttp(`${server.url}/api/info`, script, 240000);
    const children = jvmsOfScript();
    if (children.length !== 1) throw new Error(`expected one JVM under standalone.sh (pid ${script.pid}), found ${children.length}`);
    server.pid = Number(children[0]);
  } catch (failure) {
    // the caller never gets this server to stop: end the JVMs the script started, then the script
    for (const pid of jvmsOfScript()) spawnSync('kill', ['-KILL', pid]);
    await stopChild(script, 30000);
    throw failure;
  }
  Object.assign(server, jvmControls(server.pid));
  return server;
}

/** The Node reference server (bench/server.mjs), its heap read over IPC after a forced GC. */
export async function startReference({ root, port, cpu, redisUrl, name = 'node' }) {
  const child = spawn('taskset', ['-c', cpu, process.execPath, '--expose-gc', join(root, 'bench/server.mjs'), '--port', String(port),
    ...(redisUrl ? ['--redis', redisUrl] : [])], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`reference server exited with ${code}`)));
    child.on('message', (message) => message?.cmd === 'ready' && resolve());
  });
  child.removeAllListeners('exit');
  return {
    name,
    label: 'Node socket.io',
    pid: child.pid,
    port,
    url: `http://127.0.0.1:${port}`,
    stop: () => stopChild(child, 5000),
    heapAfterGc: () => new Promise((resolve) => {
      const listener = (message) => {
        if (message?.cmd === 'memory') {
          child.off('message', listener);
          resolve(message.heapUsed + message.external + message.arrayBuffers);
        }
      };
      child.on('message', listener);
      child.send({ cmd: 'memory' });
    }),
  };
}

async function waitForPort(port, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before listening on ${port}`);
    const open = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(() => resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(200);
  }
  child.kill('SIGKILL'); // it started but never listened (a port still taken, say): not left behind the benchmark
  throw new Error(`nothing listening on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

/**
 * What every peer server's description has: it is a peer (no targets), its process, where it listens, and its known
 * limits (see scenarios.knownLimits).
 */
function peer({ child, port, name, label, limits }) {
  return { name, label, peer: true, limits, pid: child.pid, port, url: `http://127.0.0.1:${port}` };
}

/**
 * Scenarios netty-socketio is not run in, and why. With polling over keep-alive connections (one agent's
 * connections reused across sessions, as a browser's are across tabs), 6 of its 50 clients never connected
 * within 35 s, others were dropped by ping timeouts, and it still held 93 connections a minute after the clients
 * closed (smoke run of 2026-12-07): a stalled server would also spoil the runs after it.
 */
const NETTY_SOCKETIO_SKIPS = [{
  scenarios: /^polling-50-keepalive$/,
  why: 'its long-polling over reused keep-alive connections stalls (connects never completed, ping timeouts)',
}];

const NETTY_SOCKETIO_LIMITS = [{
  scenarios: /^(polling|curve-polling|warm-up)/,
  problem: /polls of closed sessions left unanswered/,
  // ClientHead.onChannelDisconnect on the close packet forgets the session's waiting GET without answering it
  why: 'leaves a closed polling session\'s pending GET unanswered and open (the client cuts it)',
}];

/**
 * netty-socketio 2.0.x (target/bench/netty-socketio-bench.jar, built from bench/netty-socketio by the bench profile):
 * the Java server outside an EE container, with the same JVM options as Switchboard and its heap read the same way.
 */
export async function startNettySocketIo({ root, port, cpu, jvmOptions }) {
  const dir = join(root, 'target/bench');
  const jar = join(dir, 'netty-socketio-bench.jar');
  if (!existsSync(jar)) throw new Error(`${jar} is missing: build it first with  mvn -Pbench -DskipTests package`);
  const console = openSync(join(dir, 'netty-socketio.out'), 'w');
  const child = spawn('taskset', ['-c', cpu, 'java', ...jvmOptions, '-jar', jar, String(port)],
    { stdio: ['ignore', console, console] });
  closeSync(console);
  await upOrStopped(child, waitForPort(port, child, 60000));
  return {
    ...peer({ child, port, name: 'netty-socketio', label: 'netty-socketio', limits: NETTY_SOCKETIO_LIMITS }),
    skips: NETTY_SOCKETIO_SKIPS,
    version: jarVersion(jar, 'com.corundumstudio.socketio/netty-socketio'),
    jvm: jvmOptions,
    stop: () => stopChild(child, 10000),
    ...jvmControls(child.pid),
  };
}

/** The version a shaded jar's META-INF/maven/GROUP/ARTIFACT/pom.properties names. */
function jarVersion(jar, artifact) {
  const properties = spawnSync('unzip', ['-p', jar, `META-INF/maven/${artifact}/pom.properties`], { encoding: 'utf8' }).stdout ?? '';
  return /^version=(.*)$/m.exec(properties)?.[1];
}

const FLASK_PACKAGES = ['python3-flask-socketio', 'python3-eventlet'];

const FLASK_LIMITS = [{
  scenarios: /^rate-/,
  problem: /echoes not acknowledged/,
  // one Python thread answers about 3,500 echoes/s: a 10 s run at 20,000/s would need about a minute
  why: 'cannot answer 20,000 echoes/s on one core; what it had not answered 15 s after the last send is counted lost',
}];

function debianVersion(name) {
  const query = spawnSync('dpkg-query', ['-W', '-f=${Status} ${Version}', name], { encoding: 'utf8' });
  return /^install ok installed (.+)$/.exec(query.stdout ?? '')?.[1];
}

/** Installs the Debian packages that are missing, with apt-get (as root, or through sudo without a password). */
function ensureDebianPackages(names) {
  const missing = names.filter((name) => !debianVersion(name));
  if (!missing.length) return;
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const command of [['apt-get', 'update', '-q'], ['apt-get', 'install', '-y', '-q', '--no-install-recommends', ...missing]]) {
    const line = [...sudo, ...command];
    console.log(`missing ${missing.join(', ')}: running  ${line.join(' ')}`);
    const done = spawnSync(line[0], line.slice(1), { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (done.status !== 0) throw new Error(`${line.join(' ')} failed with ${done.status ?? done.signal}`);
  }
}

/**
 * Flask-SocketIO on eventlet (bench/flask_server.py) with Debian's Python and packages, installed when missing. Its
 * memory comes over stdin/stdout: the interpreter's allocated bytes after gc.collect() (pymalloc's blocks and
 * glibc malloc's), the closest to a heap after a full GC that CPython has.
 */
export async function startFlask({ root, port, cpu }) {
  ensureDebianPackages(FLASK_PACKAGES);
  const child = spawn('taskset', ['-c', cpu, '/usr/bin/python3', join(root, 'bench/flask_server.py'), '--port', String(port)],
    { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const next = (cmd, timeoutMs) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      lines.off('line', onLine);
      child.off('exit', onExit);
      reject(new Error(`Flask-SocketIO server gave no ${cmd} answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const onLine = (line) => {
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        return process.stdout.write(`flask: ${line}\n`);
      }
      if (message.cmd !== cmd) return;
      clearTimeout(timer);
      lines.off('line', onLine);
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Flask-SocketIO server exited with ${code ?? signal}`));
    };
    lines.on('line', onLine);
    child.once('exit', onExit);
  });
  await upOrStopped(child, next('ready', 30000).then(() => waitForPort(port, child, 30000)));
  return {
    ...peer({ child, port, name: 'flask', label: 'Flask-SocketIO', limits: FLASK_LIMITS }),
    version: `${debianVersion('python3-flask-socketio')}, eventlet ${debianVersion('python3-eventlet')}`,
    stop: () => {
      child.stdin.end(); // the server exits when its stdin closes
      return stopChild(child, 5000);
    },
    heapAfterGc: async () => {
      const answer = next('memory', 60000);
      child.stdin.write('memory\n');
      return (await answer).heapBytes;
    },
  };
}

/** Debian's redis-server for the cluster benchmark, on 127.0.0.1:port, persistence off, on the given core. */
export async function startRedis({ port, cpu }) {
  const child = spawn('taskset', ['-c', cpu, 'redis-server', '--port', String(port), '--bind', '127.0.0.1', '--save', '',
    '--appendonly', 'no', '--daemonize', 'no'], { stdio: 'ignore' });
  const deadline = Date.now() + 20000;
  for (;;) {
    const ping = spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' });
    if (ping.stdout?.trim() === 'PONG') break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}`);
    await sleep(100);
  }
  return { name: 'redis', pid: child.pid, url: `redis://127.0.0.1:${port}`, stop: () => stopChild(child, 5000) };
}

/**
 * 10,000 connections need as many descriptors in the servers and in the load generators: raises the soft limit to
 * the hard one (children inherit it) by running the calling script again under a shell that did, and exits with
 * its status. Returns at once in that second run.
 */
export function withOpenFileLimit(scriptUrl) {
  if (process.env.SWITCHBOARD_BENCH_ULIMIT) return;
  const script = `ulimit -n $(ulimit -Hn) && exec "$0" "$@"`;
  const again = spawnSync('bash', ['-c', script, process.execPath, ...process.execArgv, fileURLToPath(scriptUrl), ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, SWITCHBOARD_BENCH_ULIMIT: '1' } });
  process.exit(again.status ?? 1);
}
