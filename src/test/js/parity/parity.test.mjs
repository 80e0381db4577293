// Parity: the same scenarios, played by the official socket.io-client against Switchboard (SWITCHBOARD_URL, with
// its parity namespaces deployed) and against the Node socket.io server in node-parity-server.mjs, started here.
// Each scenario records what every client observed, in order (ids left out); the two transcripts must be equal,
// and equal to the one written down, so that two servers doing nothing do not pass.
//
//   SWITCHBOARD_URL=http://127.0.0.1:8080/switchboard/ node --test --test-reporter=spec src/test/js/parity/parity.test.mjs
import assert from 'node:assert/strict';
import { describe, test, before, after } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { io } from 'socket.io-client';
import { startNodeParityServer } from './node-parity-server.mjs';

const TIMEOUT = 10_000;
const SETTLE = 5_000;

const modes = {
  websocket: { transports: ['websocket'] },
  polling: { transports: ['polling'], upgrade: false },
};

const socketPath = (base) => `${base.pathname.replace(/\/?$/, '/')}socket.io/`;

/** Switchboard first, then Node; each with a sentinel client on /parity that counts the 'gone' broadcasts. */
const targets = [];
let nodeServer;
const open = new Set();

before(async () => {
  const url = process.env.SWITCHBOARD_URL;
  if (!url) {
    throw new Error('SWITCHBOARD_URL is not set: point it at a running Switchboard with the parity namespaces '
      + 'deployed, e.g. SWITCHBOARD_URL=http://127.0.0.1:8080/switchboard/');
  }
  const switchboard = new URL(url);
  nodeServer = await startNodeParityServer({ path: socketPath(switchboard) });
  targets.push(
    { name: 'Switchboard', base: switchboard, path: socketPath(switchboard), parityConnections: 0 },
    { name: 'Node socket.io', base: new URL(nodeServer.url), path: socketPath(new URL(nodeServer.url)), parityConnections: 0 },
  );
  // A target whose sentinel cannot connect still plays every scenario (and fails each with its own diff).
  await Promise.all(targets.map(async (target) => {
    target.sentinel = new Peer(target, 'sentinel', '/parity', 'websocket', { counted: false });
    await target.sentinel.seen(['welcome', 'connect_error']).catch(() => {});
  }));
});

after(async () => {
  open.forEach((socket) => socket.disconnect());
  await nodeServer?.close();
});

/** A socket.io-client socket that records every event it receives, its connect, connect_error and disconnect. */
class Peer {
  /**
   * @param {{counted?: boolean, unordered?: string[]}} options unordered: events kept apart from the log, compared
   *   as a set: where the two servers may differ in order only, each saying why at its scenario
   */
  constructor(target, name, namespace, mode, { counted = namespace === '/parity', unordered = [], auth } = {}) {
    this.target = target;
    this.name = name;
    this.log = [];
    this.unordered = new Set(unordered);
    this.aside = [];
    this.waiters = new Set();
    this.socket = io(`${target.base.origin}${namespace}`, {
      path: target.path, forceNew: true, reconnection: false, ...modes[mode], ...(auth ? { auth } : {}),
    });
    open.add(this.socket);
    this.socket.on('connect', () => {
      if (counted) target.parityConnections += 1;
      this.push(['connect']);
    });
    this.socket.on('connect_error', (error) => this.push(['connect_error', error.message]));
    this.socket.on('disconnect', (reason) => this.push(['disconnect', reason]));
    this.socket.onAny((event, ...args) => this.push([event, ...args.map((arg) => (typeof arg === 'function' ? '<ack>' : arg))]));
  }

  push(entry) {
    if (this.unordered.has(entry[0])) {
      this.aside.push(entry);
      return;
    }
    this.log.push(entry);
    this.waiters.forEach((waiter) => waiter());
  }

  count(event) {
    const events = [event].flat();
    return this.log.filter(([what]) => events.includes(what)).length;
  }

  /** Resolves once `count` entries named `event` (or any of an array of names) are in the log; rejects after
   *  TIMEOUT, saying what was seen. */
  seen(event, count = 1, timeout = TIMEOUT) {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.count(event) < count) return false;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(this.log);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`${this.name} got no '${event}' #${count} within ${timeout} ms; `
          + `saw ${JSON.stringify(this.log)}`));
      }, timeout);
      if (!check()) this.waiters.add(check);
    });
  }

  /** Emits with an ack callback; the ack's arguments go into the log (as 'ack <event>') the moment they arrive. */
  ack(event, ...args) {
    return this.ackWithin(TIMEOUT, event, ...args).then((answer) => {
      if (!answer) throw new Error(`${this.name}: no ack for '${event}' within ${TIMEOUT} ms`);
      return answer;
    });
  }

  /** Like ack, but a missing ack is an observation ('no ack <event>'), not a failure; resolves with null then. */
  ackWithin(timeout, event, ...args) {
    return new Promise((resolve) => {
      this.socket.timeout(timeout).emit(event, ...args, (error, ...answer) => {
        this.push(error ? [`no ack ${event}`] : [`ack ${event}`, ...answer]);
        resolve(error ? null : answer);
      });
    });
  }

  /** Emits with an ack and resolves with its first argument, leaving the log alone (for polling server state). */
  ask(event, ...args) {
    return this.socket.timeout(TIMEOUT).emitWithAck(event, ...args);
  }
}

/** Polls `read` until its value differs from `from` or the deadline passes; resolves with the last value read. */
async function whenChanged(read, from) {
  const deadline = Date.now() + SETTLE;
  let value = await read();
  while (isDeepStrictEqual(value, from) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = await read();
  }
  return value;
}

/** Entries in an order that depends on their content only (object keys sorted for the comparison, not changed). */
function sortedByContent(entries) {
  const canonical = (value) => JSON.stringify(value, (key, inner) => (inner && typeof inner === 'object' && !Array.isArray(inner)
    ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : inner));
  return entries.slice().sort((x, y) => (canonical(x) < canonical(y) ? -1 : canonical(x) > canonical(y) ? 1 : 0));
}

/**
 * Plays a scenario against one target and returns the transcript: {peer name: [entries in order]}, plus `failed`
 * (the error's message) if the scenario broke off. Then disconnects the scenario's clients and waits until the
 * target has broadcast 'gone' for each of them, so that no scenario sees the previous one's leftovers.
 */
async function play(target, mode, scenario) {
  const peers = [];
  /** A client of `namespace` once it has its welcome, or (refused: true) once it has its connect_error. */
  const connect = async (name, namespace = '/parity', { refused = false, unordered = [], auth } = {}) => {
    const peer = new Peer(target, name, namespace, mode, { unordered, auth });
    peers.push(peer);
    await peer.seen(['connect', 'connect_error']);
    if (refused) return peer;
    if (!peer.socket.connected) throw new Error(`${name} could not connect to ${namespace}`);
    await peer.seen('welcome');
    return peer;
  };
  let failure;
  try {
    await scenario({ connect });
  } catch (error) {
    failure = error;
  }
  const transcript = Object.fromEntries(peers.map((peer) => [peer.name, structuredClone(peer.log)]));
  peers.filter((peer) => peer.unordered.size > 0).forEach((peer) => {
    transcript[`${peer.name}, in any order`] = sortedByContent(peer.aside);
  });
  if (failure) transcript.failed = failure.message;
  peers.forEach((peer) => {
    peer.socket.disconnect();
    open.delete(peer.socket);
  });
  if (target.sentinel.socket.connected) await target.sentinel.seen('gone', target.parityConnections, SETTLE).catch(() => {});
  return transcript;
}

/** A test that plays `scenario` on Switchboard and on Node and compares both transcripts with `expected`. */
function parity(name, mode, scenario, expected) {
  test(name, async () => {
    const [switchboard, node] = targets;
    const observed = { switchboard: await play(switchboard, mode, scenario), node: await play(node, mode, scenario) };
    assert.deepStrictEqual(observed.switchboard, observed.node, 'Switchboard observed what Node socket.io observed');
    assert.deepStrictEqual(observed.node, expected, 'Node socket.io observed the transcript written down');
  });
}

const connected = (namespace) => [['connect'], ['welcome', { namespace }]];

for (const mode of Object.keys(modes)) {
  describe(`over ${mode}`, { timeout: 180_000 }, () => {
    parity('echo: with an ack it acks all arguments (ack(...args)); without, socket.emit sends them back',
      mode, async ({ connect }) => {
        const a = await connect('A');
        await a.ack('echo', 'x', 1, { n: [true, null] });
        a.socket.emit('echo', 'y', 2.5);
        await a.seen('echo');
        await a.ack('echo');
      }, {
        A: [...connected('/parity'),
          ['ack echo', 'x', 1, { n: [true, null] }],
          ['echo', 'y', 2.5],
          ['ack echo']],
      });

    parity('shout: io.of(nsp).emit reaches the whole namespace, the sender included, before its ack',
      mode, async ({ connect }) => {
        const a = await connect('A');
        const b = await connect('B');
        await a.ack('shout', 'hi');
        await b.seen('shouted');
        b.socket.emit('shout', { text: 'ho' });
        await Promise.all([a.seen('shouted', 2), b.seen('shouted', 2)]);
      }, {
        A: [...connected('/parity'), ['shouted', 'hi'], ['ack shout', { ok: true }], ['shouted', { text: 'ho' }]],
        B: [...connected('/parity'), ['shouted', 'hi'], ['shouted', { text: 'ho' }]],
      });

    parity('socket.onAny catch-all: an event without a handler is acked with {event, args}, or answered by unhandled',
      mode, async ({ connect }) => {
        const a = await connect('A');
        await a.ack('mystery', 1, 'two', { three: [3] });
        await a.ack('nothing-here');
        a.socket.emit('mystery', 'x');
        await a.seen('unhandled');
      }, {
        A: [...connected('/parity'),
          ['ack mystery', { event: 'mystery', args: [1, 'two', { three: [3] }] }],
          ['ack nothing-here', { event: 'nothing-here', args: [] }],
          ['unhandled', { event: 'mystery', args: ['x'] }]],
      });

    parity('socket.use middleware rejects an event: the client gets an error event via the socket error listener, '
      + 'its handler does not run and no ack comes; other events pass',
      mode, async ({ connect }) => {
        const a = await connect('A');
        a.socket.emit('forbidden-move', 'left');
        await a.seen('error');
        await a.ackWithin(500, 'forbidden-move', 'right');
        await a.seen('error', 2);
        await a.ack('echo', 'allowed');
      }, {
        A: [...connected('/parity'),
          ['error', { message: 'forbidden event' }],
          ['error', { message: 'forbidden event' }],
          ['no ack forbidden-move'],
          ['ack echo', 'allowed']],
      });

    parity('socket.onAnyOutgoing sees emits and broadcasts to the socket, not acks',
      mode, async ({ connect }) => {
        const a = await connect('A');
        a.socket.emit('echo', 'e');
        await a.seen('echo');
        a.socket.emit('shout', 's');
        await a.seen('shouted');
        await a.ack('outgoing');
      }, {
        A: [...connected('/parity'), ['echo', 'e'], ['shouted', 's'], ['ack outgoing', ['welcome', 'echo', 'shouted']]],
      });

    parity('socket.join and socket.rooms (sorted, own id left out); socket.data set and read back',
      mode, async ({ connect }) => {
        const a = await connect('A');
        await a.ack('rooms');
        await a.ack('join', 'zeta');
        await a.ack('join', 'alpha');
        await a.ack('join', 'alpha');
        await a.ack('rooms');
        await a.ack('name', 'ann');
      }, {
        A: [...connected('/parity'),
          ['ack rooms', { rooms: [] }],
          ['ack join', { rooms: ['zeta'] }],
          ['ack join', { rooms: ['alpha', 'zeta'] }],
          ['ack join', { rooms: ['alpha', 'zeta'] }],
          ['ack rooms', { rooms: ['alpha', 'zeta'] }],
          ['ack name', { name: 'ann' }]],
      });

    parity('disconnecting sees the rooms (socket.to(room) reaches the others); disconnect sees them emptied, and the reason',
      mode, async ({ connect }) => {
        const a = await connect('A');
        await a.ack('join', 'r1');
        await a.ack('join', 'r2');
        const b = await connect('B');
        await b.ack('join', 'r1');
        b.socket.disconnect();
        await a.seen('gone');
        const b2 = await connect('B2');
        await b2.ack('join', 'r1');
        a.socket.disconnect();
        await b2.seen('gone');
      }, {
        A: [...connected('/parity'),
          ['ack join', { rooms: ['r1'] }],
          ['ack join', { rooms: ['r1', 'r2'] }],
          ['leaving', { room: 'r1', rooms: ['r1'] }],
          ['gone', { rooms: [], reason: 'client namespace disconnect' }],
          ['disconnect', 'io client disconnect']],
        B: [...connected('/parity'), ['ack join', { rooms: ['r1'] }], ['disconnect', 'io client disconnect']],
        B2: [...connected('/parity'),
          ['ack join', { rooms: ['r1'] }],
          ['leaving', { room: 'r1', rooms: ['r1', 'r2'] }],
          ['gone', { rooms: [], reason: 'client namespace disconnect' }]],
      });

    parity('to(room).timeout(ms).emit with an ack collects every answer, and reports a silent client as a timeout',
      mode, async ({ connect }) => {
        const x = await connect('X');
        const y = await connect('Y');
        x.socket.on('question', (ack) => ack('a'));
        y.socket.on('question', (ack) => ack('b'));
        await x.ack('join', 'p');
        await y.ack('join', 'p');
        const poller = await connect('P');
        await poller.ack('poll', 'p', TIMEOUT / 2);
        const silent = await connect('S');
        await silent.ack('join', 'p');
        await poller.ack('poll', 'p', 300);
        await silent.seen('question');
      }, {
        X: [...connected('/parity'), ['ack join', { rooms: ['p'] }], ['question', '<ack>'], ['question', '<ack>']],
        Y: [...connected('/parity'), ['ack join', { rooms: ['p'] }], ['question', '<ack>'], ['question', '<ack>']],
        P: [...connected('/parity'),
          ['ack poll', { answers: ['a', 'b'], timedOut: false }],
          ['ack poll', { answers: ['a', 'b'], timedOut: true }]],
        S: [...connected('/parity'), ['ack join', { rooms: ['p'] }], ['question', '<ack>']],
      });

    // The ejected socket's 'gone' reaches the caller before its eject ack in Node, where disconnect() runs inside the
    // handler; Switchboard runs it on the ejected socket's own connection, so it may come just after: compared apart.
    parity('in(room).fetchSockets: emit, leave and join on the fetched sockets; disconnect() ejects them',
      mode, async ({ connect }) => {
        const a = await connect('A');
        await a.ack('name', 'ann');
        await a.ack('join', 'q');
        const caller = await connect('C', '/parity', { unordered: ['gone'] });
        await caller.ack('round-up', 'q');
        await a.seen('notice');
        await a.ack('rooms');
        await caller.ack('eject', 'elsewhere');
        await a.seen('disconnect');
        await caller.ack('round-up', 'elsewhere');
      }, {
        A: [...connected('/parity'),
          ['ack name', { name: 'ann' }],
          ['ack join', { rooms: ['q'] }],
          ['notice', { name: 'ann', rooms: ['q'] }],
          ['ack rooms', { rooms: ['elsewhere'] }],
          ['disconnect', 'io server disconnect']],
        C: [...connected('/parity'),
          ['ack round-up', { count: 1 }],
          ['ack eject', { count: 1 }],
          ['ack round-up', { count: 0 }]],
        'C, in any order': [['gone', { rooms: [], reason: 'server namespace disconnect' }]],
      });

    parity('fetchSockets sees socket.data: a socket that set no name gets notice with name null',
      mode, async ({ connect }) => {
        const b = await connect('B');
        await b.ack('join', 'q');
        const caller = await connect('C');
        await caller.ack('round-up', 'q');
        await b.seen('notice');
      }, {
        B: [...connected('/parity'), ['ack join', { rooms: ['q'] }], ['notice', { name: null, rooms: ['q'] }]],
        C: [...connected('/parity'), ['ack round-up', { count: 1 }]],
      });

    parity('io.of(regex) dynamic namespaces: own welcome, parent-namespace broadcast, removed when empty '
      + '(cleanupEmptyChildNamespaces)',
      mode, async ({ connect }) => {
        const d1 = await connect('D1', '/dyn-1');
        const d2 = await connect('D2', '/dyn-2');
        await connect('X', '/dyn-abc', { refused: true });
        await d1.ack('whereami');
        await d2.ack('whereami');
        const p = await connect('P');
        await p.ack('namespaces');
        await p.ack('announce', 'hello');
        await Promise.all([d1.seen('news'), d2.seen('news')]);
        const read = async () => p.ask('namespaces');
        d2.socket.disconnect();
        p.push(['namespaces once /dyn-2 is left', await whenChanged(read, { namespaces: ['/dyn-1', '/dyn-2'] })]);
        d1.socket.disconnect();
        p.push(['namespaces once /dyn-1 is left', await whenChanged(read, { namespaces: ['/dyn-1'] })]);
      }, {
        D1: [...connected('/dyn-1'), ['ack whereami', { namespace: '/dyn-1' }], ['news', 'hello'],
          ['disconnect', 'io client disconnect']],
        D2: [...connected('/dyn-2'), ['ack whereami', { namespace: '/dyn-2' }], ['news', 'hello'],
          ['disconnect', 'io client disconnect']],
        X: [['connect_error', 'Invalid namespace']],
        P: [...connected('/parity'),
          ['ack namespaces', { namespaces: ['/dyn-1', '/dyn-2'] }],
          ['ack announce', { ok: true }],
          ['namespaces once /dyn-2 is left', { namespaces: ['/dyn-1'] }],
          ['namespaces once /dyn-1 is left', { namespaces: [] }]],
      });

    parity('io.of((name, auth, next) => …): a function lets a client in by name and auth; a live namespace is not asked again',
      mode, async ({ connect }) => {
        await connect('T', '/team-1', { auth: { token: 'team' } });
        await connect('N', '/team-2', { refused: true });
        await connect('W', '/team-1', { auth: { token: 'wrong' } });
      }, {
        T: [...connected('/team-1')],
        N: [['connect_error', 'Invalid namespace']],
        W: [...connected('/team-1')],
      });
  });
}
