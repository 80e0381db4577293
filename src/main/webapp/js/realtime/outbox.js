import { AckTimeoutError, DeadlineError, QueueOverflowError } from './errors.js';
import { OfflineQueue } from './offline-queue.js';

/**
 * Everything the app emits goes through here: straight to the socket while the link is up, into the bounded
 * offline queue while it is not.
 *
 * An emit with an ack is delivered at least once: it waits in the queue for as long as the link is down (or until
 * the caller's own deadline, if it gave one), its ack timeout counts from the moment it is actually sent, it is
 * sent again after a reconnect when the link dropped before its ack came, and again up to `retries` times when
 * the server let the ack time out. A server that acks should therefore treat a repeated emit as one (the chat
 * example does, by message id).
 */
export class Outbox {
  #socket;
  #log;
  #queue;
  #onSize;

  /**
   * @param {{socket: object, limit: number, log: object, onSize: (size: number) => void}} options
   *   socket is a socket.io-client Socket; onSize hears every change of the queue's size
   */
  constructor({ socket, limit, log, onSize }) {
    this.#socket = socket;
    this.#log = log;
    this.#onSize = onSize;
    this.#queue = new OfflineQueue({ limit, onDrop: (entry) => this.#dropped(entry) });
  }

  get size() {
    return this.#queue.size;
  }

  /**
   * Sends when `online`, otherwise queues. With `ack`, returns the promise of the server's acknowledgement.
   *
   * @param {{timeoutMs: number, retries?: number, deadlineMs?: number}} [ack]
   *   timeoutMs: how long the server has to answer once the emit is sent; retries: sends after a timed-out one;
   *   deadlineMs: the most the caller will wait in all, queue included (none: as long as the link is down)
   */
  emit(online, event, args, ack) {
    if (ack === undefined) {
      this.#dispatch(online, { event, args, ack: null });
      return undefined;
    }
    return new Promise((resolve, reject) => {
      const { timeoutMs, retries = 0, deadlineMs } = ack;
      const entry = { event, args, ack: { resolve, reject, timeoutMs, retriesLeft: retries, deadlineMs, deadline: null } };
      if (deadlineMs !== undefined) {
        entry.ack.deadline = setTimeout(() => this.#expire(entry), deadlineMs);
      }
      this.#dispatch(online, entry);
    });
  }

  /** Sends everything queued, oldest first. */
  flush() {
    const entries = this.#queue.drain();
    if (entries.length === 0) return;
    this.#log.info(`sending ${entries.length} queued emit(s)`);
    this.#onSize(0);
    for (const entry of entries) this.#send(entry);
  }

  #dispatch(online, entry) {
    if (online) {
      this.#send(entry);
      return;
    }
    this.#queue.push(entry);
    this.#log.debug(`queued "${entry.event}" (${this.#queue.size} waiting)`);
    this.#onSize(this.#queue.size);
  }

  #send(entry) {
    const { event, args, ack } = entry;
    if (!ack) {
      this.#log.debug(`emit "${event}"`);
      this.#socket.emit(event, ...args);
      return;
    }
    if (ack.settled) return; // its deadline passed while it was on its way back to the queue
    this.#log.debug(`emit "${event}" with ack (${ack.timeoutMs} ms to answer)`);
    // socket.timeout() also removes the pending ack from the client when time is up, and fails it when the link
    // drops (socket.connected is then false).
    this.#socket.timeout(ack.timeoutMs).emit(event, ...args, (error, response) => {
      if (ack.settled) return;
      if (!error) {
        this.#settle(ack, () => ack.resolve(response));
      } else if (!this.#socket.connected) {
        // The link dropped before the answer: the server may or may not have acted. Send it again once the link
        // is back; the server recognises a repeat.
        this.#log.debug(`"${event}" lost its ack with the link; queued to be sent again`);
        this.#dispatch(false, entry);
      } else if (ack.retriesLeft > 0) {
        ack.retriesLeft -= 1;
        this.#log.debug(`no ack for "${event}" within ${ack.timeoutMs} ms; sending it again`);
        this.#send(entry);
      } else {
        this.#settle(ack, () => ack.reject(new AckTimeoutError(event, ack.timeoutMs)));
      }
    });
  }

  /** The caller's deadline passed: whether queued or sent, the emit is given up on. */
  #expire(entry) {
    if (entry.ack.settled) return;
    if (this.#queue.remove(entry)) this.#onSize(this.#queue.size);
    this.#settle(entry.ack, () => entry.ack.reject(new DeadlineError(entry.event, entry.ack.deadlineMs)));
  }

  #settle(ack, outcome) {
    ack.settled = true;
    clearTimeout(ack.deadline);
    outcome();
  }

  #dropped(entry) {
    this.#log.warn(`offline queue full (${this.#queue.limit}): dropped the oldest emit, "${entry.event}"`);
    if (entry.ack && !entry.ack.settled) {
      this.#settle(entry.ack, () => entry.ack.reject(new QueueOverflowError(entry.event, this.#queue.limit)));
    }
  }
}
