import { AckLostError, AckTimeoutError, QueueOverflowError } from './errors.js';
import { OfflineQueue } from './offline-queue.js';

/**
 * Everything the app emits goes through here: straight to the socket while the link is up, into the
 * bounded offline queue while it is not. Acks carry a deadline from the moment of the call, so time
 * spent queued counts against the timeout.
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

  /** Sends when `online`, otherwise queues. With `timeoutMs`, returns the promise of the ack. */
  emit(online, event, args, timeoutMs) {
    if (timeoutMs === undefined) {
      this.#dispatch(online, { event, args, ack: null });
      return undefined;
    }
    return new Promise((resolve, reject) => {
      this.#dispatch(online, { event, args, ack: { resolve, reject, timeoutMs, deadline: Date.now() + timeoutMs } });
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
    if (entry.ack) {
      entry.ack.timer = setTimeout(() => {
        if (this.#queue.remove(entry)) {
          this.#onSize(this.#queue.size);
          entry.ack.reject(new AckTimeoutError(entry.event, entry.ack.timeoutMs));
        }
      }, entry.ack.timeoutMs);
    }
    this.#queue.push(entry);
    this.#log.debug(`queued "${entry.event}" (${this.#queue.size} waiting)`);
    this.#onSize(this.#queue.size);
  }

  #send({ event, args, ack }) {
    if (!ack) {
      this.#log.debug(`emit "${event}"`);
      this.#socket.emit(event, ...args);
      return;
    }
    clearTimeout(ack.timer);
    const remaining = ack.deadline - Date.now();
    if (remaining <= 0) {
      ack.reject(new AckTimeoutError(event, ack.timeoutMs));
      return;
    }
    this.#log.debug(`emit "${event}" with ack (${remaining} ms left)`);
    // socket.timeout() also removes the pending ack from the client when time is up.
    this.#socket.timeout(remaining).emit(event, ...args, (error, response) => {
      if (!error) {
        ack.resolve(response);
      } else if (this.#socket.connected) {
        ack.reject(new AckTimeoutError(event, ack.timeoutMs));
      } else {
        // The client fails pending acks when the link drops; the server may or may not have acted.
        ack.reject(new AckLostError(event, 'the link dropped before the server answered'));
      }
    });
  }

  #dropped(entry) {
    this.#log.warn(`offline queue full (${this.#queue.limit}): dropped the oldest emit, "${entry.event}"`);
    if (entry.ack) {
      clearTimeout(entry.ack.timer);
      entry.ack.reject(new QueueOverflowError(entry.event, this.#queue.limit));
    }
  }
}
