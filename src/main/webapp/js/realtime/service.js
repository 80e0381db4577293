import { backoffDelay } from './backoff.js';
import { StateName, canMove, makeState } from './connection-state.js';
import { Emitter } from './emitter.js';
import { LatencyProbe } from './latency-probe.js';
import { createLogger } from './logger.js';
import { Outbox } from './outbox.js';

const { CONNECTING, CONNECTED, RECONNECTING, DISCONNECTED, FAILED } = StateName;

// Names socket.io-client keeps for itself; emitting them would confuse the client, not reach the server.
const RESERVED_EVENTS = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);

/**
 * One Socket.IO namespace connection with a state machine, its own reconnect schedule, an offline queue,
 * acks with timeouts and a latency probe.
 *
 * This class takes the socket.io-client `io` function as an option so that it runs under Node as well
 * as in the browser; pages import the browser entry `/js/socket-service.js`, which supplies it.
 *
 * Service events (`on`): 'state' (state object), 'queue' (size), 'latency' ({last, history}).
 * Server events (`subscribe`): whatever the namespace emits.
 */
export class SocketService {
  #socket;
  #emitter = new Emitter();
  #log;
  #outbox;
  #probe;
  #state = makeState(DISCONNECTED, { reason: 'not started' });
  #settings;
  #attempt = 0; // reconnect attempts since the link was last up
  #arrivedWhileDown = 0; // events received while the link came back: a recovered socket's missed ones
  #retryTimer = null;

  /**
   * @param {object} options
   * @param {Function} options.io socket.io-client's `io`
   * @param {string} [options.url] origin of the server; '' means the page's own
   * @param {string} [options.namespace] Socket.IO namespace, default '/'
   * @param {string} [options.path] Socket.IO path, default '/socket.io/'
   * @param {object|Function} [options.auth] sent with the namespace CONNECT packet
   * @param {'debug'|'info'|'warn'|'error'|'silent'} [options.logLevel] default 'info'
   * @param {object} [options.console] where log lines go, default the global console
   * @param {number} [options.queueLimit] offline queue bound, default 100
   * @param {number} [options.ackTimeout] ms the server has to acknowledge an emitWithAck once sent, default 5000
   * @param {number} [options.retries] sends of an emitWithAck again after its ack timed out, default 0
   * @param {{base?: number, factor?: number, max?: number, jitter?: number}} [options.backoff]
   * @param {number} [options.maxAttempts] reconnect attempts before 'failed', default unlimited
   * @param {number} [options.connectTimeout] ms for one connection try, default 10000
   * @param {number} [options.latencyInterval] ms between latency probes, default 5000; 0 turns them off
   * @param {number} [options.latencySamples] history length, default 60
   * @param {boolean} [options.autoConnect] default true
   * @param {() => number} [options.random] jitter source, default Math.random
   */
  constructor(options) {
    const {
      io,
      url = '',
      namespace = '/',
      path = '/socket.io/',
      auth,
      logLevel = 'info',
      console: sink = globalThis.console,
      queueLimit = 100,
      ackTimeout = 5000,
      retries = 0,
      backoff = {},
      maxAttempts = Infinity,
      connectTimeout = 10_000,
      latencyInterval = 5000,
      latencySamples = 60,
      autoConnect = true,
      random = Math.random,
    } = options ?? {};
    if (typeof io !== 'function') throw new TypeError('options.io must be socket.io-client\'s io function');
    // Fail here, not at the first outage, if the backoff settings are unusable.
    backoffDelay(1, backoff, random);

    this.#settings = { ackTimeout, retries, backoff, maxAttempts, random };
    this.#log = createLogger(logLevel, sink, `[switchboard ${namespace}]`);
    this.#socket = io(url + namespace, {
      path,
      auth,
      // WebSocket first; if it cannot open, the same try goes on over long-polling (tryAllTransports).
      // The second 'websocket' is deliberate: on a fallback the client drops the failed transport from
      // this list, and it only probes upgrades to transports still in it. Without the repeat, a page that
      // fell back to polling would stay there for the life of the session even once WebSocket works.
      // Pinned by "follows the upgrade back to WebSocket once it is allowed" (socket-service.test.mjs).
      transports: ['websocket', 'polling', 'websocket'],
      tryAllTransports: true,
      upgrade: true,
      // The service schedules retries itself, so that the attempt number and the delay are its own to show.
      reconnection: false,
      autoConnect: false,
      // One Manager per service: its retries must not tear down another service's connection.
      forceNew: true,
      timeout: connectTimeout,
    });
    const log = this.#log;
    this.#outbox = new Outbox({
      socket: this.#socket,
      limit: queueLimit,
      log,
      onSize: (size) => this.#emitter.emit('queue', size),
    });
    this.#probe = new LatencyProbe({
      socket: this.#socket,
      interval: latencyInterval,
      samples: latencySamples,
      log,
      onSample: (latency) => this.#emitter.emit('latency', latency),
    });
    this.#wire();
    if (autoConnect) this.connect();
  }

  /** The current state (frozen). */
  get state() {
    return this.#state;
  }

  get connected() {
    return this.#state.name === CONNECTED;
  }

  /** Emits waiting for the link. */
  get queueSize() {
    return this.#outbox.size;
  }

  /** Last round trip in ms (null before the first) and up to `latencySamples` recent ones, oldest first. */
  get latency() {
    return this.#probe.latency;
  }

  /** Subscribes to a service event: 'state', 'queue' or 'latency'. Returns the unsubscribe function. */
  on(event, listener) {
    return this.#emitter.on(event, listener);
  }

  off(event, listener) {
    this.#emitter.off(event, listener);
  }

  /** Subscribes to an event the server emits on this namespace. Returns the unsubscribe function. */
  subscribe(event, listener) {
    this.#socket.on(event, listener);
    return () => this.#socket.off(event, listener);
  }

  /** Subscribes to every event the server emits on this namespace: listener(event, ...args). */
  subscribeAny(listener) {
    this.#socket.onAny(listener);
    return () => this.#socket.offAny(listener);
  }

  /** Opens the link. From 'reconnecting' it is the same as retryNow(); when up or opening, it does nothing. */
  connect() {
    const { name } = this.#state;
    if (name === RECONNECTING) {
      this.retryNow();
    } else if (name === DISCONNECTED || name === FAILED) {
      this.#attempt = 0;
      this.#setState(makeState(CONNECTING));
      this.#socket.connect();
    }
    return this;
  }

  /** Closes the link and stops retrying. Queued emits stay queued for the next connect(). */
  disconnect() {
    this.#cancelRetry();
    this.#probe.stop();
    this.#socket.disconnect();
    if (this.#state.name !== DISCONNECTED) {
      this.#setState(makeState(DISCONNECTED, { reason: 'closed by this client' }));
    }
    return this;
  }

  /** Makes the scheduled reconnect attempt now; from 'failed' or 'disconnected', starts afresh. */
  retryNow() {
    const { name, trying } = this.#state;
    if (name === RECONNECTING && !trying) {
      this.#cancelRetry();
      this.#tryAgain();
    } else if (name === DISCONNECTED || name === FAILED) {
      this.connect();
    }
    return this;
  }

  /** Sends now when connected, otherwise queues (bounded, oldest dropped first). */
  emit(event, ...args) {
    this.#checkEvent(event);
    this.#outbox.emit(this.connected, event, args);
    return this;
  }

  /**
   * Sends and waits for the server's acknowledgement; resolves with its first argument. Delivered at least once:
   * while the link is down it waits in the queue, and if the link drops before the ack comes it is sent again
   * after reconnecting. Rejects with AckTimeoutError when the server has not answered `ackTimeout` ms after it was
   * sent (and `retries` more sends), QueueOverflowError if newer emits pushed it out of the full queue.
   */
  emitWithAck(event, ...args) {
    return this.#emitWithAck({}, event, args);
  }

  /**
   * `service.timeout(2000).emitWithAck('join', {...})`: the same with another ack timeout. Options:
   * `retries` (sends after a timed-out one) and `deadline` (ms the caller waits in all, queue included; past
   * it the promise rejects with DeadlineError; without it an emit waits as long as the link is down).
   */
  timeout(ms, { retries, deadline } = {}) {
    if (!(ms > 0)) throw new RangeError(`timeout must be > 0 ms, was ${ms}`);
    if (deadline !== undefined && !(deadline > 0)) throw new RangeError(`deadline must be > 0 ms, was ${deadline}`);
    return { emitWithAck: (event, ...args) => this.#emitWithAck({ timeoutMs: ms, retries, deadlineMs: deadline }, event, args) };
  }

  #emitWithAck({ timeoutMs = this.#settings.ackTimeout, retries = this.#settings.retries, deadlineMs }, event, args) {
    this.#checkEvent(event);
    return this.#outbox.emit(this.connected, event, args, { timeoutMs, retries, deadlineMs });
  }

  #checkEvent(event) {
    if (typeof event !== 'string' || event === '') throw new TypeError('event must be a non-empty string');
    if (RESERVED_EVENTS.has(event)) throw new Error(`"${event}" is a reserved event name`);
  }

  #wire() {
    const socket = this.#socket;
    // The Manager opens a new Engine.IO connection for every try; follow each one's transport upgrade.
    socket.io.on('open', () => {
      const engine = socket.io.engine;
      engine.on('upgrade', (transport) => {
        if (this.#state.name === CONNECTED && socket.io.engine === engine) {
          const { recovered, missed } = this.#state;
          this.#setState(makeState(CONNECTED, { transport: transport.name, sid: socket.id, recovered, missed }));
        }
      });
    });

    // A server with connection state recovery sends what a returning socket missed before its CONNECT; the client
    // hands those events out before 'connect', so they are the ones that arrive while the state is not 'connected'.
    socket.onAny(() => {
      if (this.#state.name !== CONNECTED) this.#arrivedWhileDown += 1;
    });

    socket.on('connect', () => {
      this.#cancelRetry();
      this.#attempt = 0;
      const recovered = socket.recovered === true;
      const missed = recovered ? this.#arrivedWhileDown : 0;
      this.#arrivedWhileDown = 0;
      // Listeners see 'connected' before the queue is flushed, so they can restore what the server forgot
      // with the old connection (re-join rooms, unless it recovered them) ahead of the queued emits that depend on it.
      this.#setState(makeState(CONNECTED, { transport: socket.io.engine.transport.name, sid: socket.id, recovered, missed }));
      this.#outbox.flush();
      this.#probe.start();
    });

    socket.on('disconnect', (reason) => {
      this.#probe.stop();
      if (reason === 'io client disconnect') return; // disconnect() sets the state itself
      if (reason === 'io server disconnect') {
        // The server closed this namespace on purpose; coming straight back would undo its decision.
        this.#setState(makeState(DISCONNECTED, { reason: 'closed by the server' }));
        return;
      }
      this.#scheduleRetry(reason);
    });

    socket.on('connect_error', (error) => {
      if (socket.active) {
        // Network-level failure (no answer, refused, timeout): worth another try.
        this.#scheduleRetry(error.message);
      } else {
        // The server answered with CONNECT_ERROR (e.g. a middleware refused our auth). Retrying would be
        // refused again: stop here and let the user or the app decide.
        this.#cancelRetry();
        this.#setState(makeState(FAILED, { reason: error.message, data: error.data }));
      }
    });
  }

  #scheduleRetry(reason) {
    this.#attempt += 1;
    if (this.#attempt > this.#settings.maxAttempts) {
      this.#socket.disconnect();
      this.#setState(makeState(FAILED, { reason: `gave up after ${this.#settings.maxAttempts} attempts (${reason})` }));
      return;
    }
    const delay = backoffDelay(this.#attempt, this.#settings.backoff, this.#settings.random);
    const now = Date.now();
    this.#setState(
      makeState(RECONNECTING, { attempt: this.#attempt, delay, nextTryAt: now + delay, trying: false, reason }, now),
    );
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#tryAgain();
    }, delay);
  }

  #tryAgain() {
    this.#setState(makeState(RECONNECTING, { ...this.#state, trying: true }));
    this.#socket.connect();
  }

  #cancelRetry() {
    if (this.#retryTimer !== null) {
      clearTimeout(this.#retryTimer);
      this.#retryTimer = null;
    }
  }

  #setState(next) {
    const previous = this.#state;
    if (!canMove(previous.name, next.name)) {
      // A bug in this class, not a condition of the network: say so loudly, but keep the truth.
      this.#log.error(`illegal state move ${previous.name} -> ${next.name}`);
    }
    this.#state = next;
    if (next.name === FAILED) {
      this.#log.warn(`${previous.name} -> failed: ${next.reason}`);
    } else if (next.name === RECONNECTING && next.trying) {
      this.#log.debug(`reconnect attempt ${next.attempt} under way`);
    } else if (next.name === RECONNECTING) {
      this.#log.info(`${previous.name} -> reconnecting: ${next.reason}; attempt ${next.attempt} in ${next.delay} ms`);
    } else if (next.name === CONNECTED) {
      this.#log.info(`${previous.name} -> connected over ${next.transport} (sid ${next.sid})`);
    } else {
      this.#log.info(`${previous.name} -> ${next.name}${next.reason ? `: ${next.reason}` : ''}`);
    }
    this.#emitter.emit('state', next);
  }
}
